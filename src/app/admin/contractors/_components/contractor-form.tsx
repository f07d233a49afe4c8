'use client';

import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { Field, FormMessage, SubmitButton, keepValuesAfterAction } from '@/components/form';
import { contractorSchema, type ContractorInput } from '@/domain/organizations/schemas';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as L } from '../../labels';

type Action = (prev: SubmissionResult<string[]> | undefined, formData: FormData) => Promise<SubmissionResult<string[]>>;

/** Creates a contractor (the create action) or edits one (the update action bound to its id). */
export function ContractorForm({
  action,
  defaultValue,
  mode,
}: {
  action: Action;
  defaultValue?: Partial<Record<keyof ContractorInput, string>>;
  mode: 'create' | 'edit';
}) {
  const [lastResult, formAction] = useActionState(action, undefined);
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: contractorSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <form {...getFormProps(form)} action={formAction} onReset={keepValuesAfterAction} className="form" noValidate>
      <FormMessage errors={form.errors} />
      <Field meta={fields.name} label={L.fields.name} required>
        <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" />
      </Field>
      <Field meta={fields.nameKana} label={L.fields.nameKana}>
        <input {...getInputProps(fields.nameKana, { type: 'text' })} />
      </Field>
      <Field meta={fields.postalCode} label={L.fields.postalCode} hint={L.hints.postalCode}>
        <input
          {...getInputProps(fields.postalCode, { type: 'text', ariaDescribedBy: `${fields.postalCode.id}-hint` })}
          autoComplete="off"
          inputMode="numeric"
          className="short"
        />
      </Field>
      <Field meta={fields.address} label={L.fields.address} hint={L.hints.address} required>
        <input {...getInputProps(fields.address, { type: 'text', ariaDescribedBy: `${fields.address.id}-hint` })} autoComplete="off" />
      </Field>
      <Field meta={fields.phone} label={L.fields.phone}>
        <input {...getInputProps(fields.phone, { type: 'tel' })} autoComplete="off" className="short" />
      </Field>
      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? C.creating : C.saving}>{mode === 'create' ? C.create : C.save}</SubmitButton>
      </div>
    </form>
  );
}
