'use client';

import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { Field, FormMessage, SubmitButton, keepValuesAfterAction } from '@/components/form';
import { userUpdateSchema, type UserUpdateInput } from '@/domain/users/schemas';
import { COMMON_LABELS as C, USER_LABELS as L } from '../../labels';

type Action = (prev: SubmissionResult<string[]> | undefined, formData: FormData) => Promise<SubmissionResult<string[]>>;

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
  const [lastResult, formAction] = useActionState(action, undefined);
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: userUpdateSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  return (
    <form {...getFormProps(form)} action={formAction} onReset={keepValuesAfterAction} className="form" noValidate>
      <FormMessage errors={form.errors} />
      <Field meta={fields.name} label={L.fields.name} required>
        <input {...getInputProps(fields.name, { type: 'text' })} autoComplete="off" />
      </Field>
      <Field meta={fields.email} label={L.fields.email} hint={L.hints.email}>
        <input
          {...getInputProps(fields.email, { type: 'email', ariaDescribedBy: `${fields.email.id}-hint` })}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      {departments ? (
        <Field meta={fields.departmentId} label={L.fields.departmentId} required>
          <select {...getSelectProps(fields.departmentId)}>
            <option value="">{L.choose}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      <div className="actions">
        <SubmitButton pendingLabel={C.saving}>{C.save}</SubmitButton>
      </div>
    </form>
  );
}
