import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { assertAdmin } from '../system';

const FIELDS = { id: true, name: true, cidr: true, mode: true, failuresPerHour: true, updatedAt: true } as const;

/** Every registered gateway range, by name (officers only). */
export async function listGatewayRanges(db: Db, actor: Actor) {
  assertAdmin(actor);
  return db.gatewayRange.findMany({ orderBy: [{ name: 'asc' }, { cidr: 'asc' }], select: FIELDS });
}

/** One gateway range (officers only); NOT_FOUND when there is none. */
export async function getGatewayRange(db: Db, actor: Actor, id: string) {
  assertAdmin(actor);
  const range = await db.gatewayRange.findUnique({ where: { id }, select: FIELDS });
  if (!range) throw new AppError('NOT_FOUND', `gateway range ${id}`);
  return range;
}
