'use client';

import { ActionForm, InputField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { contractorSchema, type ContractorInput } from '@/domain/organizations/schemas';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as L } from '../../labels';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

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
  const { form, fields, formAction } = useActionForm(action, contractorSchema, { defaultValue });
  return (
    <ActionForm form={form} action={formAction}>
      <InputField meta={fields.name} label={L.fields.name} required autoComplete="off" />
      <InputField meta={fields.nameKana} label={L.fields.nameKana} />
      <InputField meta={fields.postalCode} label={L.fields.postalCode} hint={L.hints.postalCode} autoComplete="off" inputMode="numeric" className="short" />
      <InputField meta={fields.address} label={L.fields.address} hint={L.hints.address} required autoComplete="off" />
      <InputField meta={fields.phone} label={L.fields.phone} type="tel" autoComplete="off" className="short" />
      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? C.creating : C.saving}>{mode === 'create' ? C.create : C.save}</SubmitButton>
      </div>
    </ActionForm>
  );
}
