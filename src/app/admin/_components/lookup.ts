import 'server-only';
import { notFound } from 'next/navigation';
import { getDb } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { isAppError } from '@/domain/errors';
import { getOrganization } from '@/domain/organizations/queries';
import type { OrganizationKind } from '@/generated/prisma/enums';
import { isUuid } from './params';

/** A route segment that is not a UUID cannot name a record: answer 404 before asking the database. */
export function requireUuidParam(value: string): string {
  if (!isUuid(value)) notFound();
  return value;
}

/** The domain's NOT_FOUND becomes the 404 page; anything else stays an error. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

/** One organisation of the expected kind for an admin page; any other id answers 404. */
export async function loadOrganization(actor: Actor, id: string, kind: OrganizationKind) {
  const org = await orNotFound(getOrganization(await getDb(), actor, requireUuidParam(id)));
  if (org.kind !== kind) notFound();
  return org;
}
