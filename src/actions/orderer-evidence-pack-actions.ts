'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { requestEvidencePack } from '@/domain/evidence-packs/request-pack';
import { evidencePackFormSchema } from '@/domain/evidence-packs/schemas';
import { parseForm, splitErrors, type FormState } from './action-helpers';

// 証拠書類の一括出力 (issue 17, decision 074): the orderer's staff queue a pack. Only the action is
// exported: every export of a 'use server' file is a public endpoint.

/** 作成を開始する: queued for the background builder; every refusal at its field, what was typed kept. */
export async function requestEvidencePackAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('orderer');
  const submission = parseForm(formData, evidencePackFormSchema, { multiline: ['numbers'] });
  if (submission.status !== 'success') return submission.reply();
  const result = await requestEvidencePack(await getDb(), actor, submission.value);
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect('/orderer/evidence-packs?saved=started');
}
