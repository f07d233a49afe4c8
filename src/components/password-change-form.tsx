'use client';

import { changePasswordAction } from '@/actions/account-actions';
import { passwordChangeSchema } from '@/domain/users/schemas';
import { ActionForm, InputField, SubmitButton, useActionForm } from './form';
import { PASSWORD_LABELS as L } from './password-labels';

export function PasswordChangeForm() {
  const { form, fields, formAction } = useActionForm(changePasswordAction, passwordChangeSchema);
  return (
    <ActionForm form={form} action={formAction} className="form narrow">
      <InputField meta={fields.currentPassword} label={L.currentPassword} type="password" autoComplete="current-password" required />
      <InputField meta={fields.newPassword} label={L.newPassword} hint={L.newPasswordHint} type="password" autoComplete="new-password" required />
      <InputField meta={fields.confirmPassword} label={L.confirmPassword} type="password" autoComplete="new-password" required />
      <SubmitButton pendingLabel={L.submitting}>{L.submit}</SubmitButton>
    </ActionForm>
  );
}
