'use client';

import { DateField } from '@/components/date-field';
import { ActionForm, InputField, SelectField, SubmitButton, useActionForm, type FormResult } from '@/components/form';
import { paymentSchema } from '@/domain/premium/payment-schema';
import { PAYMENT_METHODS } from '@/domain/premium/payments';
import { formatIsoDate } from '@/lib/dates';
import { PAYMENT_LABELS as L } from './labels';

type FormAction = (prev: FormResult | undefined, formData: FormData) => Promise<FormResult>;

/**
 * 入金日・入金額・入金方法. The amount is checked against what is outstanding on the server (inside the
 * transaction that issues the receipt); a refusal comes back at the field with the difference, and
 * what was typed stays. Works without JavaScript (a plain form post to the server action).
 */
export function PaymentForm({ action, today, concludedOn }: { action: FormAction; today: string; concludedOn: string }) {
  const { form, fields, formAction } = useActionForm(action, paymentSchema, { defaultValue: { paidOn: formatIsoDate(today) } });
  return (
    <ActionForm form={form} action={formAction} className="form narrow">
      <DateField meta={fields.paidOn} label={L.paidOn} hint={L.paidOnHint(formatIsoDate(concludedOn))} required min={concludedOn} max={today} />
      <InputField meta={fields.amount} label={L.amount} hint={L.amountHint} required inputMode="numeric" autoComplete="off" />
      <SelectField
        meta={fields.method}
        label={L.method}
        required
        placeholder={L.methodPlaceholder}
        options={PAYMENT_METHODS.map((m) => ({ value: m, label: L.methods[m] }))}
      />
      <div className="actions">
        <SubmitButton pendingLabel={L.submitting}>{L.submit}</SubmitButton>
      </div>
    </ActionForm>
  );
}
