import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { assertAdmin } from '../system';

export interface ApiTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  createdBy: { name: string; loginId: string } | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** An orderer's tokens for its admin page: usable ones first, newest first; never a hash. */
export async function listApiTokens(db: Db, actor: Actor, ordererId: string): Promise<ApiTokenRow[]> {
  assertAdmin(actor);
  const orderer = await db.organization.findUnique({ where: { id: ordererId }, select: { kind: true } });
  if (!orderer || orderer.kind !== 'ORDERER') throw new AppError('NOT_FOUND', `orderer ${ordererId}`);
  const rows = await db.apiToken.findMany({
    where: { organizationId: ordererId },
    orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, name: true, createdAt: true, createdById: true, lastUsedAt: true, revokedAt: true },
  });
  // ApiToken.createdById has no relation in the schema: the creators are read in one query.
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const creators = new Map(
    (creatorIds.length ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true, loginId: true } }) : []).map((u) => [
      u.id,
      { name: u.name, loginId: u.loginId },
    ]),
  );
  return rows.map(({ createdById, ...row }) => ({ ...row, createdBy: createdById ? (creators.get(createdById) ?? null) : null }));
}
