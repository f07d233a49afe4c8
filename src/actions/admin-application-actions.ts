'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { returnApplication } from '@/domain/applications/review';
import { returnSchema } from '@/domain/applications/schemas';
import { isAppError } from '@/domain/errors';
import { cancelGuarantee, cancelSchema } from '@/domain/guarantees/cancel-guarantee';
import { CANCEL_CONFIRM_REQUIRED } from '@/domain/guarantees/cancel-schema';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { wakeMailWorker } from '@/mail/worker';
import { splitErrors, revisionOf, type FormState, parseForm } from './action-helpers';
import { requireUuid, orNotFound } from '@/auth/not-found';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.


export async function returnApplicationAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const applicationId = requireUuid(id);
  const submission = parseForm(formData, returnSchema, { multiline: ['reason'] });
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(returnApplication(await getDb(), actor, applicationId, submission.value, revisionOf(formData)));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/admin/applications/${applicationId}?saved=returned`);
}

export async function concludeApplicationAction(id: string, _prev: { error: string } | undefined, formData: FormData) {
  const actor = await requireActionActor('admin');
  const applicationId = requireUuid(id);
  const branch = formData.get('branchId');
  const branchId = typeof branch === 'string' && branch !== '' ? requireUuid(branch) : undefined;
  let result;
  try {
    result = await orNotFound(concludeApplication(await getDb(), actor, applicationId, keySecret(), { branchId, expectedRevision: revisionOf(formData) }));
  } catch (error) {
    // No rate table in force, an incomplete record: the officer reads why at the button.
    if (isAppError(error) && error.code === 'CONFLICT') return { error: error.userMessage };
    throw error;
  }
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  wakeMailWorker();
  redirect(`/admin/applications/${applicationId}?saved=concluded`);
}

export async function cancelGuaranteeAction(applicationId: string, guaranteeId: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const appId = requireUuid(applicationId);
  const id = requireUuid(guaranteeId);
  const submission = parseForm(formData, cancelSchema, { multiline: ['reason'] });
  if (submission.status !== 'success') return submission.reply();
  if (formData.get('confirm') !== 'on') return submission.reply({ fieldErrors: { confirm: [CANCEL_CONFIRM_REQUIRED] } });
  const result = await orNotFound(cancelGuarantee(await getDb(), actor, id, submission.payload));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  wakeMailWorker();
  redirect(`/admin/applications/${appId}?saved=cancelled`);
}
