import 'server-only';
import type { Db, Tx } from '@/db/client';
import { writeAudit } from '@/domain/audit';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { formatDateTime } from '@/lib/dates';
import { logger } from '@/lib/log';
import { LOOKUP_LOCKED_TEMPLATE, lookupLockedContractorMail, lookupLockedOfficersMail } from './mail-texts';

const log = logger('lookup');

/**
 * A number's budget was just spent: the lock is never silent. The lookup function ("lookup_certificate",
 * decision 058) writes a LookupLockNotice row in the transaction of the failure that set the lock
 * (decision 060); here each row becomes its mails and is deleted, in one transaction: the contractor's
 * users and the surety's officers are told, each audience in a mail of its own (nobody sees the other
 * organisation's addresses), with the audit row; no key, no link with a token. The certificate page
 * shows the lock.
 *
 * Called right after the lookup that set a lock (in the background, tracked by the orderly stop) and by
 * the sweep that catches up what a stop, a crash or a failed transaction left (src/jobs/lock-notice-sweep.ts).
 * Rows are claimed with FOR UPDATE SKIP LOCKED: two callers (two instances) never send one notice twice.
 */
export async function sendOwedLockNotices(db: Db, options: { max?: number } = {}): Promise<{ notices: number; mails: number; failed: number }> {
  const report = { notices: 0, mails: 0, failed: 0 };
  const failedIds: string[] = [];
  while (report.notices + report.failed < (options.max ?? 100)) {
    const claim: { id?: string } = {};
    let mails: number | null;
    try {
      mails = await db.$transaction(async (tx) => {
        const [owed] = await tx.$queryRaw<{ id: string; guaranteeId: string; lockedAt: Date }[]>`
          SELECT "id", "guaranteeId", "lockedAt" FROM "LookupLockNotice"
          WHERE NOT ("id" = ANY(CAST(${failedIds} AS uuid[])))
          ORDER BY "lockedAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`;
        if (!owed) return null;
        claim.id = owed.id;
        const queued = await writeNotice(tx, owed.guaranteeId, owed.lockedAt);
        await tx.lookupLockNotice.delete({ where: { id: owed.id } });
        return queued;
      });
    } catch (error) {
      if (!claim.id) throw error; // the database itself failed: the caller logs it
      // This notice's row stays, for the next sweep; the others are tried now.
      log.error('lookup lock notice failed', error, { lockNotice: claim.id });
      failedIds.push(claim.id);
      report.failed += 1;
      continue;
    }
    if (mails === null) break;
    report.notices += 1;
    report.mails += mails;
  }
  return report;
}

/**
 * A notice already written for this lock — by an instance of the release before decision 060, which
 * queued the mails itself right after the lookup while the new function also left the row owed (a
 * rolling upgrade) — is not written again. Its audit row tells: one `lookup.locked` for the guarantee
 * from a minute before the lock on (the app's and the database's clocks may differ a little). An
 * earlier lock's notice is never that close: a lock lifted by an officer takes five more failures
 * of the named orderer, and the earlier notice then went out at most a minute before.
 */
const ALREADY_TOLD_MS = 60_000;

async function writeNotice(tx: Tx, guaranteeId: string, lockedAt: Date): Promise<number> {
  const told = await tx.auditLog.count({
    where: { action: 'lookup.locked', targetType: 'guarantee', targetId: guaranteeId, createdAt: { gte: new Date(lockedAt.getTime() - ALREADY_TOLD_MS) } },
  });
  if (told > 0) return 0;
  const g = await tx.guarantee.findUniqueOrThrow({
    where: { id: guaranteeId },
    select: { number: true, kind: true, projectName: true, contractorId: true, contractor: { select: { name: true } } },
  });
  const contractorUsers = await organizationAddresses(tx, g.contractorId, 'CONTRACTOR');
  const officers = (await tx.user.findMany({ where: { role: 'ADMIN', disabled: false, email: { not: null } }, select: { email: true } })).map((u) => u.email!);
  const number = g.number.trim();
  const locked = { number, kind: g.kind, projectName: g.projectName, contractorName: g.contractor.name, at: formatDateTime(lockedAt) };
  const related = { relatedType: 'guarantee' as const, relatedId: guaranteeId };
  const contractorMails = await enqueueMailToAll(tx, contractorUsers, { template: LOOKUP_LOCKED_TEMPLATE.CONTRACTOR, ...lookupLockedContractorMail(locked), ...related });
  const officerMails = await enqueueMailToAll(tx, officers, { template: LOOKUP_LOCKED_TEMPLATE.OFFICERS, ...lookupLockedOfficersMail(locked), ...related });
  await writeAudit(tx, null, 'lookup.locked', { type: 'guarantee', id: guaranteeId }, {
    number,
    recipients: new Set([...contractorUsers, ...officers]).size,
    mails: contractorMails.length + officerMails.length,
  });
  return contractorMails.length + officerMails.length;
}
