'use client';

import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { signInAction } from '@/actions/auth-actions';
import { Field, FormMessage, keepValuesAfterAction, SubmitButton } from '@/components/form';
import { LOGIN_LABELS as L } from './labels';
import { signInSchema } from '@/domain/auth/sign-in-schema';

export function LoginForm() {
  const [lastResult, action] = useActionState(signInAction, undefined);
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: signInSchema }),
    shouldValidate: 'onSubmit',
    shouldRevalidate: 'onInput',
  });
  return (
    <form {...getFormProps(form)} action={action} onReset={keepValuesAfterAction} className="form narrow" noValidate>
      <FormMessage errors={form.errors} />
      <Field meta={fields.loginId} label={L.loginId}>
        <input {...getInputProps(fields.loginId, { type: 'text' })} autoComplete="username" autoCapitalize="none" spellCheck={false} />
      </Field>
      <Field meta={fields.password} label={L.password}>
        <input {...getInputProps(fields.password, { type: 'password' })} autoComplete="current-password" />
      </Field>
      <SubmitButton pendingLabel={L.pending}>{L.submit}</SubmitButton>
    </form>
  );
}
