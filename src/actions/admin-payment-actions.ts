'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { paymentSchema } from '@/domain/premium/payment-schema';
import { recordPayment } from '@/domain/premium/record-payment';
import { wakeMailWorker } from '@/mail/worker';
import { splitErrors, type FormState, parseForm } from './action-helpers';
import { requireUuid, orNotFound } from '@/auth/not-found';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

/** 入金の記録: the payment is checked against what is outstanding inside the use case's transaction. */
export async function recordPaymentAction(guaranteeId: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const id = requireUuid(guaranteeId);
  const submission = parseForm(formData, paymentSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(recordPayment(await getDb(), actor, id, submission.payload));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  wakeMailWorker();
  redirect(`/admin/guarantees/${result.value.number}/payment?saved=paid`);
}
