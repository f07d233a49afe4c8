'use client';

import { signInAction } from '@/actions/auth-actions';
import { ActionForm, InputField, SubmitButton, useActionForm } from '@/components/form';
import { LOGIN_LABELS as L } from './labels';
import { RETURN_PARAM } from '@/domain/auth/return-path';
import { signInSchema } from '@/domain/auth/sign-in-schema';

/** `returnTo`: the page of a side to come back to after signing in (checked again by the action). */
export function LoginForm({ returnTo }: { returnTo: string | null }) {
  const { form, fields, formAction } = useActionForm(signInAction, signInSchema, { shouldValidate: 'onSubmit' });
  return (
    <ActionForm form={form} action={formAction} className="form narrow">
      {returnTo ? <input type="hidden" name={RETURN_PARAM} value={returnTo} /> : null}
      <InputField meta={fields.loginId} label={L.loginId} autoComplete="username" autoCapitalize="none" spellCheck={false} />
      <InputField meta={fields.password} label={L.password} type="password" autoComplete="current-password" />
      <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
    </ActionForm>
  );
}
