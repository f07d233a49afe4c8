'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { decideCertificationSchema } from '@/domain/certifications/schemas';
import { parseForm, revisionOf, splitErrors, type FormState } from './action-helpers';

// The orderer's 中間前払金 認定 action (the contractor's are in certification-actions.ts). Only the
// actions are exported: every export of a 'use server' file is a public endpoint.

/** 決定する: 認定 (with an optional 付記) or 不認定 (with its reason); the second clerk is told it was decided. */
export async function decideCertificationAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const certificationId = requireUuid(id);
  const submission = parseForm(formData, decideCertificationSchema, { multiline: ['note'] });
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(decideCertification(await getDb(), actor, certificationId, { ...submission.payload, expectedRevision: revisionOf(formData) }));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/orderer/certifications/${certificationId}?saved=${submission.value.decision === 'CERTIFY' ? 'certified' : 'refused'}`);
}
