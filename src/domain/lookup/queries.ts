import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { PAGE_SIZE } from '@/domain/organizations/queries';
import { assertAdmin } from '@/domain/system';
import type { LookupOutcome } from '@/generated/prisma/enums';
import { activeLocks } from './throttle';

/** The officers' 照会記録: every lookup attempt, searchable; and the locks in force, which they may lift. */
export async function searchLookupAttempts(
  db: Db,
  actor: Actor,
  params: { number?: string; organization?: string; outcome?: LookupOutcome; page?: number },
) {
  assertAdmin(actor);
  const page = Math.max(1, params.page ?? 1);
  const number = params.number?.replace(/[^\d]/g, '').slice(0, 10);
  const organization = params.organization?.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 100);
  const where = {
    ...(number ? { numberInput: { contains: number } } : {}),
    ...(organization ? { organization: { name: { contains: organization, mode: 'insensitive' as const } } } : {}),
    ...(params.outcome ? { outcome: params.outcome } : {}),
  };
  const [rows, total] = await Promise.all([
    db.lookupAttempt.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        numberInput: true,
        outcome: true,
        clientAddress: true,
        user: { select: { name: true, loginId: true } },
        apiToken: { select: { name: true } },
        organization: { select: { name: true } },
        guarantee: { select: { number: true } },
      },
    }),
    db.lookupAttempt.count({ where }),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function listLocks(db: Db, actor: Actor) {
  assertAdmin(actor);
  return activeLocks(db);
}
