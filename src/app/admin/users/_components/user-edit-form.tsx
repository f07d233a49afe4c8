'use client';

import { ActionForm, InputField, SelectField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { userUpdateSchema, type UserUpdateInput } from '@/domain/users/schemas';
import { COMMON_LABELS as C, USER_LABELS as L } from '../../labels';

type Action = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

/** Name, mail address and (orderer staff only) department of an account; its お客様ID and role stay. */
export function UserEditForm({
  action,
  defaultValue,
  departments,
}: {
  action: Action;
  defaultValue: Partial<UserUpdateInput>;
  /** The departments of the user's orderer; null for roles without a department. */
  departments: { id: string; name: string }[] | null;
}) {
  const { form, fields, formAction } = useActionForm(action, userUpdateSchema, { defaultValue });
  return (
    <ActionForm form={form} action={formAction}>
      <InputField meta={fields.name} label={L.fields.name} required autoComplete="off" />
      <InputField meta={fields.email} label={L.fields.email} hint={L.hints.email} type="email" autoComplete="off" spellCheck={false} />
      {departments ? (
        <SelectField
          meta={fields.departmentId}
          label={L.fields.departmentId}
          required
          placeholder={L.choose}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
        />
      ) : null}
      <div className="actions">
        <SubmitButton pendingLabel={C.saving}>{C.save}</SubmitButton>
      </div>
    </ActionForm>
  );
}
