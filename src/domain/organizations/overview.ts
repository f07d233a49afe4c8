import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { lookupPolicy } from '../lookup/policy';
import { countActiveLocks } from '../lookup/throttle';
import { RETRYABLE_MAIL } from '../guarantees/withdrawn-key-notice';
import { assertAdmin } from '../system';

/** The contractor's own company and its users: only the caller's organisation, ever. */
export async function getContractorOverview(db: Db, actor: Actor) {
  if (actor.role !== 'CONTRACTOR') throw new AppError('FORBIDDEN', 'contractor overview');
  return db.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: {
      name: true,
      postalCode: true,
      address: true,
      phone: true,
      users: { where: { disabled: false }, orderBy: { loginId: 'asc' }, select: { id: true, name: true, loginId: true } },
    },
  });
}

/** The orderer's own rules and routing, as its staff need them. */
export async function getOrdererOverview(db: Db, actor: Actor) {
  if (actor.role !== 'ORDERER') throw new AppError('FORBIDDEN', 'orderer overview');
  return db.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: {
      name: true,
      certificateName: true,
      ordererRules: true,
      limits: { orderBy: [{ guaranteeKind: 'asc' }, { workType: 'asc' }] },
      routes: { orderBy: { guaranteeKind: 'asc' }, include: { department: { select: { name: true, email: true } } } },
      departments: { where: { active: true }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true, email: true, kind: true } },
    },
  });
}

export async function getAdminOverview(db: Db, actor: Actor) {
  assertAdmin(actor);
  const [contractors, orderers, users, disabledUsers, recent] = await Promise.all([
    db.organization.count({ where: { kind: 'CONTRACTOR' } }),
    db.organization.count({ where: { kind: 'ORDERER' } }),
    db.user.count(),
    db.user.count({ where: { disabled: true } }),
    db.auditLog.findMany({
      orderBy: { createdAt: 'desc' },
      take: 10,
      include: { actor: { select: { name: true, loginId: true } } },
    }),
  ]);
  return { contractors, orderers, users, disabledUsers, recent };
}

/**
 * What waits for the officers (the admin home's first panel), each counted where its page lists it:
 * applications in 申込審査 (submitted, not yet concluded or returned), mails that failed for good
 * (送信失敗, to look at and 再送), lookup locks in force (照会記録) and guarantees whose 保証料 is
 * outstanding (Σ calculations − Σ receipts > 0, decision 025; kept in Guarantee.premiumOutstanding).
 * Each is one indexed count.
 */
export async function getAdminWaiting(db: Db, actor: Actor, now = new Date()) {
  assertAdmin(actor);
  const [applications, failedMails, locks, unpaidPremiums] = await Promise.all([
    db.application.count({ where: { status: 'SUBMITTED' } }),
    // Not the key notices a reissue withdrew: nobody can 再送 them (046).
    db.outboxMail.count({ where: RETRYABLE_MAIL }),
    countActiveLocks(db, lookupPolicy(), now),
    db.guarantee.count({ where: { premiumOutstanding: { gt: 0 } } }),
  ]);
  return { applications, failedMails, locks, unpaidPremiums };
}
