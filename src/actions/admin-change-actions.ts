'use server';

import { createHash } from 'node:crypto';
import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { CHANGE_MESSAGES } from '@/domain/changes/messages';
import { previewChange, recordChange, type PreviewedChange } from '@/domain/changes/record-change';
import { changeBasisSchema, changeIntentSchema, changeSchema } from '@/domain/changes/schema';
import { summarizeChange, type ChangeFormState } from '@/domain/changes/summary';
import { wakeMailWorker } from '@/mail/worker';
import { splitErrors, parseForm } from './action-helpers';
import { requireUuid, orNotFound } from '@/auth/not-found';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

/**
 * 変更契約: 確認 (intent=preview) answers what the change will do and writes nothing; 登録
 * (intent=commit) records it and goes back to the guarantee's page. 登録 records only what 確認
 * showed: the preview carries a fingerprint of the values and of the decision (new version or not,
 * the premium lines from today's rate table), and recordChange compares it with the decision it makes
 * under the row lock. Anything different — a value edited after 確認, a rate table published in
 * between, a change recorded by someone else — is answered with a fresh preview to confirm.
 */
export async function changeGuaranteeAction(guaranteeId: string, number: string, _prev: ChangeFormState, formData: FormData): Promise<ChangeFormState> {
  const actor = await requireActionActor('admin');
  const id = requireUuid(guaranteeId);
  const submission = parseForm(formData, changeSchema, { multiline: ['reason'] });
  if (submission.status !== 'success') return { result: submission.reply() };
  const intent = changeIntentSchema.catch('preview').parse(formData.get('intent'));
  const basis = changeBasisSchema.safeParse(formData.get('basis'));
  const options = basis.success ? { expectedChanges: basis.data } : {};
  const values = Object.entries(submission.value).map(([k, v]) => [k, String(v)]);
  const fingerprintOf = (p: PreviewedChange) =>
    createHash('sha256')
      .update(JSON.stringify([id, basis.success ? basis.data : null, values, summarizeChange(p)]))
      .digest('hex');
  const db = await getDb();

  const preview = async (message?: string): Promise<ChangeFormState> => {
    const previewed = await orNotFound(previewChange(db, actor, id, submission.payload, options));
    if (!previewed.ok) return { result: submission.reply(splitErrors(previewed.fieldErrors)) };
    return {
      result: message ? submission.reply({ formErrors: [message] }) : submission.reply(),
      preview: { ...summarizeChange(previewed.value), fingerprint: fingerprintOf(previewed.value) },
    };
  };
  if (intent === 'preview') return preview();

  const sent = formData.get('previewed');
  const recorded = await orNotFound(recordChange(db, actor, id, submission.payload, { ...options, confirmed: (p) => fingerprintOf(p) === sent }));
  if (!recorded.ok) {
    if (recorded.fieldErrors['']?.includes(CHANGE_MESSAGES.previewOutdated)) return preview(CHANGE_MESSAGES.previewOutdated);
    return { result: submission.reply(splitErrors(recorded.fieldErrors)) };
  }
  wakeMailWorker();
  // ASCII only: the redirect travels in a header (注2 → recorded-2).
  const saved = recorded.value.version ? `issued-${recorded.value.version}` : `recorded-${recorded.value.decision.reasonNote.slice(1)}`;
  redirect(`/admin/guarantees/${encodeURIComponent(number)}?saved=${saved}`);
}
