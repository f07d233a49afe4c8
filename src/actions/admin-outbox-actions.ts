'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { retryMail } from '@/domain/mail/outbox';
import { wakeMailWorker } from '@/mail/worker';
import { requireUuid, orNotFound } from '@/auth/not-found';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

export async function retryMailAction(id: string, _prev: { error: string } | undefined, _formData: FormData): Promise<{ error: string } | undefined> {
  const actor = await requireActionActor('admin');
  const mailId = requireUuid(id);
  try {
    await orNotFound(retryMail(await getDb(), actor, mailId));
  } catch (error) {
    // Not FAILED (any more): another officer was quicker, or the page is stale.
    if (isAppError(error) && error.code === 'CONFLICT') return { error: error.userMessage };
    throw error;
  }
  wakeMailWorker();
  redirect(`/admin/outbox/${mailId}?saved=retried`);
}
