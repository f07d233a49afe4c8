'use client';

import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { Field, FieldError, FormMessage, SubmitButton, keepValuesAfterAction } from '@/components/form';
import { DEPARTMENT_KIND_LABEL } from '@/domain/labels';
import { DEPARTMENT_KINDS, departmentSchema, type DepartmentInput } from '@/domain/organizations/schemas';
import { COMMON_LABELS as C, DEPARTMENT_LABELS as L, ORDERER_LABELS as O } from '../../labels';

type Action = (prev: SubmissionResult<string[]> | undefined, formData: FormData) => Promise<SubmissionResult<string[]>>;

/** Adds a department to an orderer (create) or edits one (edit): name, kind, mail address, in use. */
export function DepartmentForm({
  action,
  defaultValue,
  mode,
}: {
  action: Action;
  defaultValue: Partial<DepartmentInput>;
  mode: 'create' | 'edit';
}) {
  const [lastResult, formAction] = useActionState(action, undefined);
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: departmentSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const activeHint = `${fields.active.id}-hint`;
  return (
    <form {...getFormProps(form)} action={formAction} onReset={keepValuesAfterAction} className="form" noValidate>
      <FormMessage errors={form.errors} />
      <Field meta={fields.name} label={L.fields.name} required>
        <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" />
      </Field>
      <Field meta={fields.kind} label={L.fields.kind} required>
        <select {...getSelectProps(fields.kind)}>
          <option value="">{L.kindPlaceholder}</option>
          {DEPARTMENT_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {DEPARTMENT_KIND_LABEL[kind]}
            </option>
          ))}
        </select>
      </Field>
      <Field meta={fields.email} label={L.fields.email} hint={L.hints.email}>
        <input
          {...getInputProps(fields.email, { type: 'email', ariaDescribedBy: `${fields.email.id}-hint` })}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <div className="field">
        <div className="checks">
          <label htmlFor={fields.active.id}>
            <input {...getInputProps(fields.active, { type: 'checkbox', ariaDescribedBy: activeHint })} />
            {L.fields.active}
          </label>
        </div>
        <p className="hint" id={activeHint}>
          {L.hints.active}
        </p>
        <FieldError meta={fields.active} />
      </div>
      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? C.creating : C.saving}>{mode === 'create' ? O.addDepartment : C.save}</SubmitButton>
      </div>
    </form>
  );
}
