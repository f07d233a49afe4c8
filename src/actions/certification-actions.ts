'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { requestCertification } from '@/domain/certifications/request-certification';
import { certificationFilesSchema, requestCertificationFormSchema, type UploadedFile } from '@/domain/certifications/schemas';
import { withdrawCertification } from '@/domain/certifications/withdraw-certification';
import { parseForm, revisionOf, splitErrors, type FormState } from './action-helpers';

// Only the actions are exported: every export of a 'use server' file is a public endpoint. The
// contractor's actions; the clerk's decision is in orderer-certification-actions.ts.

/** The files of the form's file input; an input left empty sends one nameless, empty file. */
async function uploadedFiles(formData: FormData): Promise<UploadedFile[]> {
  const files = formData.getAll('files').filter((f): f is File => typeof f !== 'string' && (f.name !== '' || f.size > 0));
  formData.delete('files');
  return Promise.all(files.map(async (f) => ({ name: f.name, type: f.type, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** 認定を請求する: the figures and 1–3 PDFs; every refusal at its field, what was typed kept (the files must be chosen again). */
export async function requestCertificationAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('contractor');
  const files = await uploadedFiles(formData);
  const submission = parseForm(formData, requestCertificationFormSchema, { multiline: ['note'] });
  if (submission.status !== 'success') {
    const checked = certificationFilesSchema.safeParse(files);
    return checked.success ? submission.reply() : submission.reply({ fieldErrors: { files: checked.error.issues.map((i) => i.message) } });
  }
  const result = await requestCertification(await getDb(), actor, { ...submission.payload, files });
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/contractor/certifications/${result.value.id}?saved=requested`);
}

/** 請求を取り下げる (認定待ち only); a refusal (decided meanwhile) is shown at the button. */
export async function withdrawCertificationAction(id: string, _prev: { error: string } | undefined, formData: FormData) {
  const actor = await requireActionActor('contractor');
  const certificationId = requireUuid(id);
  const result = await orNotFound(withdrawCertification(await getDb(), actor, certificationId, { expectedRevision: revisionOf(formData) }));
  if (!result.ok) return { error: Object.values(result.fieldErrors).flat().join(' ') };
  redirect(`/contractor/certifications/${certificationId}?saved=withdrawn`);
}
