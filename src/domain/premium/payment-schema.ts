import { z } from 'zod';
import { date, yen } from '@/domain/applications/fields';
import { PAYMENT_METHODS } from './payments';

/**
 * 入金の記録: the officer's form, shared by the page (client checks) and the action and use case.
 * Dates as 2026-04-01, 2026/4/1 or 2026年4月1日; amounts with 全角 digits, commas and 円, as on the
 * application form.
 */
export const paymentSchema = z.object({
  paidOn: z.string({ error: '入金日を入力してください。' }).pipe(date('入金日')),
  amount: z.string({ error: '入金額を入力してください。' }).pipe(yen('入金額')),
  method: z.enum(PAYMENT_METHODS, { error: '入金方法を選択してください。' }),
});

export type PaymentInput = z.infer<typeof paymentSchema>;
