'use server';

import { createHash } from 'node:crypto';
import { parseWithZod } from '@conform-to/zod/v4';
import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { CHANGE_MESSAGES, previewChange, recordChange } from '@/domain/changes/record';
import { changeBasisSchema, changeIntentSchema, changeSchema } from '@/domain/changes/schema';
import { summarizeChange, type ChangeFormState } from '@/domain/changes/summary';
import { wakeMailWorker } from '@/mail/worker';
import { checkId, orNotFound, splitErrors } from './action-helpers';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

/**
 * 変更契約: 確認 (intent=preview) answers what the change will do and writes nothing; 登録
 * (intent=commit) records it and goes back to the guarantee's page. Both decide on the server, from
 * the values sent: what is recorded is what the rules decide for the form as it is submitted.
 */
export async function changeGuaranteeAction(guaranteeId: string, number: string, _prev: ChangeFormState, formData: FormData): Promise<ChangeFormState> {
  const actor = await requireActionActor('admin');
  const id = checkId(guaranteeId);
  const submission = parseWithZod(formData, { schema: changeSchema });
  if (submission.status !== 'success') return { result: submission.reply() };
  const intent = changeIntentSchema.catch('preview').parse(formData.get('intent'));
  const basis = changeBasisSchema.safeParse(formData.get('basis'));
  const options = basis.success ? { expectedChanges: basis.data } : {};
  const db = await getDb();

  // What 登録 records must be what 確認 showed: the preview carries a fingerprint of the values it
  // was made from, and a commit whose values differ is answered with a fresh preview instead.
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([id, basis.success ? basis.data : null, Object.entries(submission.value).map(([k, v]) => [k, String(v)])]))
    .digest('hex');
  if (intent === 'preview' || formData.get('previewed') !== fingerprint) {
    const previewed = await orNotFound(previewChange(db, actor, id, submission.payload, options));
    if (!previewed.ok) return { result: submission.reply(splitErrors(previewed.fieldErrors)) };
    const reply = intent === 'preview' ? submission.reply() : submission.reply({ formErrors: [CHANGE_MESSAGES.previewOutdated] });
    return { result: reply, preview: { ...summarizeChange(previewed.value), fingerprint } };
  }
  const recorded = await orNotFound(recordChange(db, actor, id, submission.payload, options));
  if (!recorded.ok) return { result: submission.reply(splitErrors(recorded.fieldErrors)) };
  wakeMailWorker();
  // ASCII only: the redirect travels in a header (注2 → recorded-2).
  const saved = recorded.value.version ? `issued-${recorded.value.version}` : `recorded-${recorded.value.decision.reasonNote.slice(1)}`;
  redirect(`/admin/guarantees/${encodeURIComponent(number)}?saved=${saved}`);
}
