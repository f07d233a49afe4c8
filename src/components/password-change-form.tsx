'use client';

import { getInputProps } from '@conform-to/react';
import { changePasswordAction } from '@/actions/account-actions';
import { passwordChangeSchema } from '@/domain/users/schemas';
import { ActionForm, Field, SubmitButton, useActionForm } from './form';
import { PASSWORD_LABELS as L } from './password-labels';

export function PasswordChangeForm() {
  const { form, fields, formAction } = useActionForm(changePasswordAction, passwordChangeSchema);
  return (
    <ActionForm form={form} action={formAction} className="form narrow">
      <Field meta={fields.currentPassword} label={L.currentPassword} required>
        <input {...getInputProps(fields.currentPassword, { type: 'password' })} autoComplete="current-password" />
      </Field>
      <Field meta={fields.newPassword} label={L.newPassword} hint={L.newPasswordHint} required>
        <input {...getInputProps(fields.newPassword, { type: 'password' })} autoComplete="new-password" />
      </Field>
      <Field meta={fields.confirmPassword} label={L.confirmPassword} required>
        <input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
      </Field>
      <SubmitButton pendingLabel={L.submitting}>{L.submit}</SubmitButton>
    </ActionForm>
  );
}
