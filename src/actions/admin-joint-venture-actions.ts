'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { closeJointVenture } from '@/domain/joint-ventures/close-joint-venture';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';
import { closeJointVentureSchema, jointVentureSchema } from '@/domain/joint-ventures/schemas';
import { type FormState, parseForm, revisionOf, splitErrors } from './action-helpers';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

/** 「登録する」 on 共同企業体の登録: the use case parses the form's values itself (the members table's rows). */
export async function createJointVentureAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const submission = parseForm(formData, jointVentureSchema, { multiline: ['note'] });
  if (submission.status !== 'success') return submission.reply();
  const result = await saveJointVenture(await getDb(), actor, undefined, submission.payload);
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/admin/joint-ventures/${result.value.id}?saved=created`);
}

/** 「保存する」 on one JV's page, over the revision the form was loaded at. */
export async function updateJointVentureAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const jointVentureId = requireUuid(id);
  const submission = parseForm(formData, jointVentureSchema, { multiline: ['note'] });
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(saveJointVenture(await getDb(), actor, jointVentureId, submission.payload, { expectedRevision: revisionOf(formData) }));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/admin/joint-ventures/${jointVentureId}?saved=1`);
}

/** 「解散を記録する」: the 解散日, from which no application may name the JV. */
export async function closeJointVentureAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const jointVentureId = requireUuid(id);
  const submission = parseForm(formData, closeJointVentureSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(closeJointVenture(await getDb(), actor, jointVentureId, submission.payload, { expectedRevision: revisionOf(formData) }));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect(`/admin/joint-ventures/${jointVentureId}?saved=closed#close`);
}
