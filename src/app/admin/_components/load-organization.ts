import 'server-only';
import { notFound } from 'next/navigation';
import { orNotFound, requireUuid } from '@/auth/not-found';
import { getDb } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { getOrganization } from '@/domain/organizations/queries';
import type { OrganizationKind } from '@/generated/prisma/enums';

/** One organisation of the expected kind for an admin page; any other id answers 404. */
export async function loadOrganization(actor: Actor, id: string, kind: OrganizationKind) {
  const org = await orNotFound(getOrganization(await getDb(), actor, requireUuid(id)));
  if (org.kind !== kind) notFound();
  return org;
}
