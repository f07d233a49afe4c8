'use client';

import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { changePasswordAction } from '@/actions/account-actions';
import { passwordChangeSchema } from '@/domain/users/schemas';
import { Field, FormMessage, keepValuesAfterAction, SubmitButton } from './form';
import { PASSWORD_LABELS as L } from './password-labels';

export function PasswordChangeForm() {
  const [lastResult, action] = useActionState(changePasswordAction, undefined);
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordChangeSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <form {...getFormProps(form)} action={action} onReset={keepValuesAfterAction} className="form narrow" noValidate>
      <FormMessage errors={form.errors} />
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
    </form>
  );
}
