'use server';

import type { SubmissionResult } from '@conform-to/react';
import { redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { splitErrors, parseForm } from './action-helpers';
import { requireUuid, orNotFound } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { apiTokenSchema } from '@/domain/api-tokens/schemas';
import { API_TOKEN_MESSAGES } from '@/domain/api-tokens/tokens';
import { issueApiToken } from '@/domain/api-tokens/issue-api-token';
import { revokeApiToken } from '@/domain/api-tokens/revoke-api-token';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.
// The plain token travels back in the issuing action's answer only: never in a URL, a cookie or a log.

/** 「トークンを発行」: the token is in this answer and nowhere else. */
export async function issueApiTokenAction(
  ordererId: string,
  _prev: { result: SubmissionResult<string[]> } | undefined,
  formData: FormData,
): Promise<{ result: SubmissionResult<string[]>; issued?: { id: string; name: string; token: string } }> {
  const actor = await requireActionActor('admin');
  const orgId = requireUuid(ordererId);
  const submission = parseForm(formData, apiTokenSchema);
  if (submission.status !== 'success') return { result: submission.reply() };
  const result = await orNotFound(issueApiToken(await getDb(), actor, orgId, submission.value));
  if (!result.ok) return { result: submission.reply(splitErrors(result.fieldErrors)) };
  return {
    result: submission.reply({ resetForm: true }),
    issued: { id: result.value.id, name: result.value.name, token: result.value.token },
  };
}

/** 「無効にする」, after the confirmation box (checked here too: a form posted without it changes nothing). */
export async function revokeApiTokenAction(tokenId: string, _prev: { error: string } | undefined, formData: FormData): Promise<{ error: string } | undefined> {
  const actor = await requireActionActor('admin');
  const id = requireUuid(tokenId);
  if (formData.get('confirmRevoke') !== 'on') return { error: API_TOKEN_MESSAGES.confirmRevoke };
  const revoked = await orNotFound(revokeApiToken(await getDb(), actor, id));
  redirect(`/admin/orderers/${revoked.organizationId}?saved=api-token-revoked#api-tokens`);
}
