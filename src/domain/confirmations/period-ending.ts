import 'server-only';
import type { Db } from '@/db/client';
import { writeAudit } from '@/domain/audit';
import { isPeriodEnding, PERIOD_ENDING_DAYS } from '@/domain/guarantees/status';
import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { addDaysIso, dbDateToIso, todayInTokyo } from '@/lib/dates';
import { notifyConfirmedOrderers } from '@/domain/confirmations/notify-confirmed-orderers';
import { notifyContractor } from '@/domain/guarantees/notify-contractor';
import { logger } from '@/lib/log';

const log = logger('period-ending');

/**
 * GuaranteeNotice.kind of the 保証期間満了 notices, one occasion per audience: the staff of the orderer
 * named on the certificate, once it confirmed it (PERIOD_ENDING, the kind rows kept before the
 * contractor was told), and the contractor's users, confirmed or not (PERIOD_ENDING_CONTRACTOR).
 */
export const PERIOD_ENDING_NOTICE = 'PERIOD_ENDING';
export const PERIOD_ENDING_CONTRACTOR_NOTICE = 'PERIOD_ENDING_CONTRACTOR';

type Audience = 'ORDERERS' | 'CONTRACTOR';
const NOTICE_KIND: Record<Audience, string> = { ORDERERS: PERIOD_ENDING_NOTICE, CONTRACTOR: PERIOD_ENDING_CONTRACTOR_NOTICE };

export interface PeriodEndingReport {
  /** Notices sent by this run: one per guarantee and audience (its orderer's staff, its contractor's users). */
  notified: number;
  /** Mails queued (one per notice, more only beyond MAIL_RECIPIENTS_MAX recipients; none when nobody has an address). */
  mails: number;
  /** Notices that failed (logged; the next run tries again). */
  failed: number;
}

interface Facts {
  id: string;
  status: GuaranteeStatus;
  guaranteeEnd: Date;
  periodEnd: Date;
  ordererId: string;
}

/**
 * 保証期間満了のお知らせ (SPEC "Orderers are told"): every guarantee in force whose 保証期間 ends within
 * PERIOD_ENDING_DAYS of today (Asia/Tokyo) while its 工期 goes on after it (isPeriodEnding) is told to
 * two audiences, each on an occasion of its own, once per 保証期間（至）:
 *   - the contractor's users (notifyContractor: it is the contractor who asks for the 変更契約), whether
 *     or not the orderer confirmed it;
 *   - the staff of the orderer named on it (notifyConfirmedOrderers), once that orderer confirmed it —
 *     also when it confirms after the contractor was told, as long as the end is still ahead.
 * Each occasion is a GuaranteeNotice row (unique per guarantee, kind and end date) claimed with ON
 * CONFLICT DO NOTHING in its own transaction with its own mail: a second run, another instance's run
 * at the same moment, or a run after a crash finds the row and sends nothing; a failure for one
 * audience neither rolls back nor holds up the other's; a 変更契約 that moves the 保証期間（至） makes
 * new occasions. A guarantee already ended, cancelled, or whose 工期 ends no later is not announced.
 * Nothing here depends on a run having happened on a given day: a run after a pause catches up with
 * whatever is in the window then.
 */
export async function sendPeriodEndingNotices(db: Db, now = new Date()): Promise<PeriodEndingReport> {
  const today = todayInTokyo(now);
  // Candidates only: each one is checked again under its row lock before anything is written.
  const candidates = await db.$queryRaw<{ id: string; audience: Audience }[]>`
    SELECT g."id", a."audience"
    FROM "Guarantee" g
    CROSS JOIN (VALUES (CAST('ORDERERS' AS text), CAST(${PERIOD_ENDING_NOTICE} AS text)), ('CONTRACTOR', CAST(${PERIOD_ENDING_CONTRACTOR_NOTICE} AS text))) AS a("audience", "kind")
    WHERE g."status" = 'ACTIVE'
      AND g."guaranteeEnd" BETWEEN CAST(${today} AS date) AND CAST(${addDaysIso(today, PERIOD_ENDING_DAYS)} AS date)
      AND g."periodEnd" > g."guaranteeEnd"
      AND (a."audience" = 'CONTRACTOR'
        OR EXISTS (SELECT 1 FROM "Confirmation" c WHERE c."guaranteeId" = g."id" AND c."organizationId" = g."ordererId"))
      AND NOT EXISTS (
        SELECT 1 FROM "GuaranteeNotice" n
        WHERE n."guaranteeId" = g."id" AND n."kind" = a."kind" AND n."occasion" = to_char(g."guaranteeEnd", 'YYYY-MM-DD'))
    ORDER BY g."guaranteeEnd", g."id", a."audience"`;

  const report: PeriodEndingReport = { notified: 0, mails: 0, failed: 0 };
  for (const candidate of candidates) {
    try {
      const mails = await noticeOne(db, candidate.id, candidate.audience, today, now);
      if (mails !== null) {
        report.notified += 1;
        report.mails += mails;
      }
    } catch (error) {
      report.failed += 1;
      log.error('period-ending notice failed; the next run tries again', error, { audience: candidate.audience, guaranteeId: candidate.id });
    }
  }
  return report;
}

/**
 * One audience of one guarantee, in one transaction: null when it no longer qualifies (for the
 * orderers: their confirmation is checked again here, so an occasion is never claimed before they
 * confirmed) or was already told.
 */
async function noticeOne(db: Db, guaranteeId: string, audience: Audience, today: string, now: Date): Promise<number | null> {
  return db.$transaction(async (tx) => {
    // A 解除 or 変更契約 committing meanwhile waits for this row lock or is seen here (NO KEY UPDATE:
    // a lookup inserting a confirmation for the guarantee is not held up).
    const rows = await tx.$queryRaw<Facts[]>`
      SELECT "id", "status", "guaranteeEnd", "periodEnd", "ordererId" FROM "Guarantee" WHERE "id" = CAST(${guaranteeId} AS uuid) FOR NO KEY UPDATE`;
    const g = rows[0];
    if (!g || !isPeriodEnding(g, today)) return null;
    if (audience === 'ORDERERS' && !(await tx.confirmation.findFirst({ where: { guaranteeId, organizationId: g.ordererId }, select: { id: true } }))) return null;
    const occasion = dbDateToIso(g.guaranteeEnd);
    const kind = NOTICE_KIND[audience];
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "GuaranteeNotice" ("id", "guaranteeId", "kind", "occasion", "mails", "createdAt")
      VALUES (gen_random_uuid(), CAST(${guaranteeId} AS uuid), ${kind}, ${occasion}, 0, CAST(${now.toISOString()} AS timestamp(3)))
      ON CONFLICT ("guaranteeId", "kind", "occasion") DO NOTHING
      RETURNING "id"`;
    const notice = claimed[0];
    if (!notice) return null;
    const periodEnd = dbDateToIso(g.periodEnd);
    const mails =
      audience === 'CONTRACTOR'
        ? await notifyContractor(tx, guaranteeId, { event: 'PERIOD_ENDING', guaranteeEnd: occasion, periodEnd })
        : await notifyConfirmedOrderers(tx, guaranteeId, 'PERIOD_ENDING', { date: occasion, periodEnd });
    await tx.guaranteeNotice.update({ where: { id: notice.id }, data: { mails: mails.length } });
    await writeAudit(tx, null, 'guarantee.period-ending-notice', { type: 'guarantee', id: guaranteeId }, { kind, guaranteeEnd: occasion, mails: mails.length });
    return mails.length;
  });
}
