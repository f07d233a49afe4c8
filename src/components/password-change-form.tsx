'use client';

import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { changePasswordAction } from '@/actions/account-actions';
import { passwordChangeSchema } from '@/domain/users/schemas';
import { Field, FormMessage, keepValuesAfterAction, SubmitButton } from './form';

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
      <Field meta={fields.currentPassword} label="現在のパスワード" required>
        <input {...getInputProps(fields.currentPassword, { type: 'password' })} autoComplete="current-password" />
      </Field>
      <Field meta={fields.newPassword} label="新しいパスワード" hint="12文字以上" required>
        <input {...getInputProps(fields.newPassword, { type: 'password' })} autoComplete="new-password" />
      </Field>
      <Field meta={fields.confirmPassword} label="新しいパスワード（確認）" required>
        <input {...getInputProps(fields.confirmPassword, { type: 'password' })} autoComplete="new-password" />
      </Field>
      <SubmitButton pendingLabel="変更中…">パスワードを変更する</SubmitButton>
    </form>
  );
}
