'use server';

import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { removeGatewayRange } from '@/domain/gateways/remove-gateway-range';
import { saveGatewayRange } from '@/domain/gateways/save-gateway-range';
import { GATEWAY_MESSAGES, gatewayRangeSchema } from '@/domain/gateways/schemas';
import { type FormState, parseForm, splitErrors } from './action-helpers';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.

/** 「登録する」 on 接続元の範囲: a new known gateway range. */
export async function createGatewayRangeAction(_prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const submission = parseForm(formData, gatewayRangeSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await saveGatewayRange(await getDb(), actor, undefined, submission.value);
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect('/admin/gateways?saved=created');
}

/** 「保存する」 on one range's page. */
export async function updateGatewayRangeAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const rangeId = requireUuid(id);
  const submission = parseForm(formData, gatewayRangeSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(saveGatewayRange(await getDb(), actor, rangeId, submission.value));
  if (!result.ok) return submission.reply(splitErrors(result.fieldErrors));
  redirect('/admin/gateways?saved=updated');
}

/** 「削除する」, after its confirmation box (checked here too: a form posted without it removes nothing). */
export async function removeGatewayRangeAction(id: string, _prev: { error: string } | undefined, formData: FormData): Promise<{ error: string } | undefined> {
  const actor = await requireActionActor('admin');
  const rangeId = requireUuid(id);
  if (formData.get('confirmRemove') !== 'on') return { error: GATEWAY_MESSAGES.confirmRemove };
  await orNotFound(removeGatewayRange(await getDb(), actor, rangeId));
  redirect('/admin/gateways?saved=removed');
}
