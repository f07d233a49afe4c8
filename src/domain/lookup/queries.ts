import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { assertAdmin } from '@/domain/system';
import { isUuid } from '@/lib/uuid';
import { lookupPolicy } from './policy';
import { activeLocks, type ActiveLock } from './throttle';

/** The officers' 照会記録: the locks in force, which they may lift (the log of attempts: attempt-list.ts). */

/** What a lock is on, by name (an id is never shown): see LockView. */
export type LockSubject =
  | { scope: 'number'; number: string; organizationName: string | null; named: boolean }
  | { scope: 'account'; userName: string | null; loginId: string | null; tokenName: string | null }
  | { scope: 'organization'; organizationName: string | null }
  | { scope: 'address'; address: string }
  | { scope: 'range'; name: string | null; cidr: string | null };

export interface LockView extends ActiveLock {
  /** The lock's subject with names resolved (`named`: the organisation is the orderer named on the certificate). */
  about: LockSubject;
}

/** The locks in force for 照会記録, each with who or what it is on by name. */
export async function listLocks(db: Db, actor: Actor): Promise<LockView[]> {
  assertAdmin(actor);
  const locks = await activeLocks(db, lookupPolicy());
  const parts = locks.map((lock) => ({ lock, parts: lock.subject.split(':') }));
  const ids = (pick: (p: { lock: ActiveLock; parts: string[] }) => string | undefined) => [...new Set(parts.map(pick).filter((x): x is string => !!x && isUuid(x)))];
  const orgIds = ids(({ lock, parts: p }) => (lock.scope === 'number' ? p[1] : lock.scope === 'organization' ? p[0] : undefined));
  const userIds = ids(({ lock, parts: p }) => (lock.scope === 'account' && p[0] === 'user' ? p[1] : undefined));
  const tokenIds = ids(({ lock, parts: p }) => (lock.scope === 'account' && p[0] === 'token' ? p[1] : undefined));
  const rangeIds = ids(({ lock, parts: p }) => (lock.scope === 'range' ? p[0] : undefined));
  const numbers = [...new Set(parts.flatMap(({ lock, parts: p }) => (lock.scope === 'number' && p[0] ? [p[0]] : [])))];
  const [orgs, users, tokens, ranges, guarantees] = await Promise.all([
    orgIds.length ? db.organization.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true } }) : [],
    userIds.length ? db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, loginId: true } }) : [],
    tokenIds.length ? db.apiToken.findMany({ where: { id: { in: tokenIds } }, select: { id: true, name: true } }) : [],
    rangeIds.length ? db.gatewayRange.findMany({ where: { id: { in: rangeIds } }, select: { id: true, name: true, cidr: true } }) : [],
    numbers.length ? db.guarantee.findMany({ where: { number: { in: numbers } }, select: { number: true, ordererId: true } }) : [],
  ]);
  const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
  const [org, user, token, range] = [byId(orgs), byId(users), byId(tokens), byId(ranges)];
  const ordererOf = new Map(guarantees.map((g) => [g.number.trim(), g.ordererId]));
  return parts.map(({ lock, parts: p }): LockView => {
    switch (lock.scope) {
      case 'number':
        return { ...lock, about: { scope: 'number', number: p[0] ?? '', organizationName: org.get(p[1] ?? '')?.name ?? null, named: ordererOf.get(p[0] ?? '') === p[1] } };
      case 'account': {
        const u = p[0] === 'user' ? user.get(p[1] ?? '') : undefined;
        const t = p[0] === 'token' ? token.get(p[1] ?? '') : undefined;
        return { ...lock, about: { scope: 'account', userName: u?.name ?? null, loginId: u?.loginId ?? null, tokenName: t?.name ?? null } };
      }
      case 'organization':
        return { ...lock, about: { scope: 'organization', organizationName: org.get(p[0] ?? '')?.name ?? null } };
      case 'range': {
        const r = range.get(p[0] ?? '');
        return { ...lock, about: { scope: 'range', name: r?.name ?? null, cidr: r?.cidr ?? null } };
      }
      case 'address':
        return { ...lock, about: { scope: 'address', address: lock.subject } };
    }
  });
}
