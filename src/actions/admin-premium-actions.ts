'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { saveRateTable } from '@/domain/premium/save-rate-table';
import { rateTableFormSchema } from '@/domain/premium/schemas';
import { type FormState, parseForm } from './action-helpers';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

/** A new premium rate table (tables are never edited: a change is a new table with its 適用開始日). */
export async function createRateTableAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const submission = parseForm(formData, rateTableFormSchema, { multiline: ['note'] });
  if (submission.status !== 'success') return submission.reply();
  const result = await saveRateTable(await getDb(), actor, submission.value);
  if (!result.ok) {
    // The grid's structure has no single field: the domain reports it under 'brackets', shown on the form.
    const { brackets, ...fieldErrors } = result.fieldErrors;
    return submission.reply({ fieldErrors, formErrors: brackets });
  }
  redirect(`/admin/premium-rates/${result.value.id}?saved=created`);
}
