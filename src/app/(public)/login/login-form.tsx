'use client';

import { signInAction } from '@/actions/auth-actions';
import { ActionForm, InputField, SubmitButton, useActionForm } from '@/components/form';
import { LOGIN_LABELS as L } from './labels';
import { signInSchema } from '@/domain/auth/sign-in-schema';

export function LoginForm() {
  const { form, fields, formAction } = useActionForm(signInAction, signInSchema, { shouldValidate: 'onSubmit' });
  return (
    <ActionForm form={form} action={formAction} className="form narrow">
      <InputField meta={fields.loginId} label={L.loginId} autoComplete="username" autoCapitalize="none" spellCheck={false} />
      <InputField meta={fields.password} label={L.password} type="password" autoComplete="current-password" />
      <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
    </ActionForm>
  );
}
