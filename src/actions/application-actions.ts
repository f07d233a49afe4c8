'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { saveApplication } from '@/domain/applications/save-application';
import { withdrawApplication } from '@/domain/applications/withdraw-application';
import { applicationSchema, intentSchema } from '@/domain/applications/schemas';
import { splitErrors, revisionOf, type FormState, parseForm } from './action-helpers';
import { requireUuid, orNotFound } from '@/auth/not-found';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.


/** 下書き保存 or 申込 (the button pressed), for a new application (id undefined) or one of the company's own. */
export async function saveApplicationAction(id: string | undefined, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('contractor');
  const applicationId = id === undefined ? undefined : requireUuid(id);
  const intent = intentSchema.catch('draft').parse(formData.get('intent'));
  const submission = parseForm(formData, applicationSchema, { multiline: ['notes'] });
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(
    saveApplication(await getDb(), actor, applicationId, submission.payload, { submit: intent === 'submit', expectedRevision: revisionOf(formData) }),
  );
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/contractor/applications/${result.value.id}?saved=${intent === 'submit' ? 'submitted' : 'draft'}`);
}

export async function withdrawApplicationAction(id: string, _prev: { error: string } | undefined, _formData: FormData) {
  const actor = await requireActionActor('contractor');
  const applicationId = requireUuid(id);
  const result = await orNotFound(withdrawApplication(await getDb(), actor, applicationId));
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  redirect(`/contractor/applications/${applicationId}?saved=withdrawn`);
}
