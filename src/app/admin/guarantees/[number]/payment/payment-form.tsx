'use client';

import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { useActionState } from 'react';
import { Field, FormMessage, SubmitButton, keepValuesAfterAction } from '@/components/form';
import { paymentSchema } from '@/domain/premium/payment-schema';
import { PAYMENT_METHODS } from '@/domain/premium/payments';
import { formatIsoDate } from '@/lib/dates';
import { PAYMENT_LABELS as L } from './labels';

type FormAction = (prev: SubmissionResult<string[]> | undefined, formData: FormData) => Promise<SubmissionResult<string[]>>;

/**
 * 入金日・入金額・入金方法. The amount is checked against what is outstanding on the server (inside the
 * transaction that issues the receipt); a refusal comes back at the field with the difference, and
 * what was typed stays. Works without JavaScript (a plain form post to the server action).
 */
export function PaymentForm({ action, today, concludedOn }: { action: FormAction; today: string; concludedOn: string }) {
  const [lastResult, formAction] = useActionState(action, undefined);
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { paidOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: paymentSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  });
  const hint = (id: string) => `${id}-hint`;
  return (
    <form {...getFormProps(form)} action={formAction} onReset={keepValuesAfterAction} className="form narrow" noValidate>
      <FormMessage errors={form.errors} />
      <Field meta={fields.paidOn} label={L.paidOn} hint={L.paidOnHint(formatIsoDate(concludedOn))} required>
        <input {...getInputProps(fields.paidOn, { type: 'date', ariaDescribedBy: hint(fields.paidOn.id) })} min={concludedOn} max={today} className="short" />
      </Field>
      <Field meta={fields.amount} label={L.amount} hint={L.amountHint} required>
        <input {...getInputProps(fields.amount, { type: 'text', ariaDescribedBy: hint(fields.amount.id) })} inputMode="numeric" autoComplete="off" />
      </Field>
      <Field meta={fields.method} label={L.method} required>
        <select {...getSelectProps(fields.method)}>
          <option value="">{L.methodPlaceholder}</option>
          {PAYMENT_METHODS.map((m) => (
            <option key={m} value={m}>
              {L.methods[m]}
            </option>
          ))}
        </select>
      </Field>
      <div className="actions">
        <SubmitButton pendingLabel={L.submitting}>{L.submit}</SubmitButton>
      </div>
    </form>
  );
}
