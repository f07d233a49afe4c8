'use client';

import { ActionForm, CheckboxField, InputField, SelectField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { DEPARTMENT_KIND_LABEL } from '@/domain/labels';
import { DEPARTMENT_KINDS, departmentSchema, type DepartmentInput } from '@/domain/organizations/schemas';
import { COMMON_LABELS as C, DEPARTMENT_LABELS as L, ORDERER_LABELS as O } from '../../labels';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

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
  const { form, fields, formAction } = useActionForm(action, departmentSchema, { defaultValue });
  return (
    <ActionForm form={form} action={formAction}>
      <InputField meta={fields.name} label={L.fields.name} required autoComplete="off" />
      <SelectField
        meta={fields.kind}
        label={L.fields.kind}
        required
        placeholder={L.kindPlaceholder}
        options={DEPARTMENT_KINDS.map((kind) => ({ value: kind, label: DEPARTMENT_KIND_LABEL[kind] }))}
      />
      <InputField meta={fields.email} label={L.fields.email} hint={L.hints.email} type="email" autoComplete="off" spellCheck={false} />
      <CheckboxField meta={fields.active} label={L.fields.active} hint={L.hints.active} />
      <div className="actions">
        <SubmitButton pendingLabel={mode === 'create' ? C.creating : C.saving}>{mode === 'create' ? O.addDepartment : C.save}</SubmitButton>
      </div>
    </ActionForm>
  );
}
