import 'server-only';
import type { Db } from '@/db/client';
import { writeAudit } from '@/domain/audit';
import { isPeriodEnding, PERIOD_ENDING_DAYS } from '@/domain/guarantees/status';
import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { addDaysIso, dbDateToIso, todayInTokyo } from '@/lib/dates';
import { notifyConfirmedOrderers } from '@/domain/confirmations/notify-confirmed-orderers';
import { notifyContractor } from '@/domain/guarantees/notify-contractor';

/** GuaranteeNotice.kind of the 保証期間満了 notice. */
export const PERIOD_ENDING_NOTICE = 'PERIOD_ENDING';

export interface PeriodEndingReport {
  /** Guarantees announced by this run. */
  notified: number;
  /** Mails queued (one to the contractor's users and one per confirming orderer, more only beyond MAIL_RECIPIENTS_MAX). */
  mails: number;
  /** Guarantees whose notice failed (logged; the next run tries again). */
  failed: number;
}

interface Facts {
  id: string;
  status: GuaranteeStatus;
  guaranteeEnd: Date;
  periodEnd: Date;
}

/**
 * 保証期間満了のお知らせ (SPEC "Orderers are told"): every guarantee in force whose 保証期間 ends within
 * PERIOD_ENDING_DAYS of today (Asia/Tokyo) while its 工期 goes on after it (isPeriodEnding) gets one
 * mail to the contractor's users (notifyContractor: it is the contractor who asks for the 変更契約,
 * whether or not the orderer confirmed) and, when its orderer confirmed it, one to that orderer's staff
 * (notifyConfirmedOrderers) — once per 保証期間（至）. The occasion is a GuaranteeNotice row (unique
 * per guarantee, kind and end date), written in the mails' transaction with ON CONFLICT DO NOTHING: a
 * second run, another instance's run at the same moment, or a run after a crash finds the row and
 * sends nothing to anyone; a 変更契約 that moves the 保証期間（至） makes a new occasion, and both are
 * told again when the new end comes near. A guarantee already ended, cancelled, or whose 工期 ends no
 * later is not announced; one never confirmed is announced to its contractor only.
 * Nothing here depends on a run having happened on a given day: a run after a pause catches up with
 * whatever is in the window then.
 */
export async function sendPeriodEndingNotices(db: Db, now = new Date()): Promise<PeriodEndingReport> {
  const today = todayInTokyo(now);
  // Candidates only: each one is checked again under its row lock before anything is written.
  const candidates = await db.$queryRaw<Facts[]>`
    SELECT g."id", g."status", g."guaranteeEnd", g."periodEnd"
    FROM "Guarantee" g
    WHERE g."status" = 'ACTIVE'
      AND g."guaranteeEnd" BETWEEN CAST(${today} AS date) AND CAST(${addDaysIso(today, PERIOD_ENDING_DAYS)} AS date)
      AND g."periodEnd" > g."guaranteeEnd"
      AND NOT EXISTS (
        SELECT 1 FROM "GuaranteeNotice" n
        WHERE n."guaranteeId" = g."id" AND n."kind" = ${PERIOD_ENDING_NOTICE} AND n."occasion" = to_char(g."guaranteeEnd", 'YYYY-MM-DD'))
    ORDER BY g."guaranteeEnd", g."id"`;

  const report: PeriodEndingReport = { notified: 0, mails: 0, failed: 0 };
  for (const candidate of candidates) {
    try {
      const mails = await noticeOne(db, candidate.id, today, now);
      if (mails !== null) {
        report.notified += 1;
        report.mails += mails;
      }
    } catch (error) {
      report.failed += 1;
      console.error(`[portal] period-ending notice for guarantee ${candidate.id} failed: ${(error as Error).message}`);
    }
  }
  return report;
}

/** One guarantee in one transaction; null when it no longer qualifies or was already announced. */
async function noticeOne(db: Db, guaranteeId: string, today: string, now: Date): Promise<number | null> {
  return db.$transaction(async (tx) => {
    // A 解除 or 変更契約 committing meanwhile waits for this row lock or is seen here (NO KEY UPDATE:
    // a lookup inserting a confirmation for the guarantee is not held up).
    const rows = await tx.$queryRaw<Facts[]>`
      SELECT "id", "status", "guaranteeEnd", "periodEnd" FROM "Guarantee" WHERE "id" = CAST(${guaranteeId} AS uuid) FOR NO KEY UPDATE`;
    const g = rows[0];
    if (!g || !isPeriodEnding(g, today)) return null;
    const occasion = dbDateToIso(g.guaranteeEnd);
    const claimed = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "GuaranteeNotice" ("id", "guaranteeId", "kind", "occasion", "mails", "createdAt")
      VALUES (gen_random_uuid(), CAST(${guaranteeId} AS uuid), ${PERIOD_ENDING_NOTICE}, ${occasion}, 0, CAST(${now.toISOString()} AS timestamp(3)))
      ON CONFLICT ("guaranteeId", "kind", "occasion") DO NOTHING
      RETURNING "id"`;
    const notice = claimed[0];
    if (!notice) return null;
    const periodEnd = dbDateToIso(g.periodEnd);
    const mails = [
      ...(await notifyContractor(tx, guaranteeId, { event: 'PERIOD_ENDING', guaranteeEnd: occasion, periodEnd })),
      ...(await notifyConfirmedOrderers(tx, guaranteeId, 'PERIOD_ENDING', { date: occasion, periodEnd })),
    ];
    await tx.guaranteeNotice.update({ where: { id: notice.id }, data: { mails: mails.length } });
    await writeAudit(tx, null, 'guarantee.period-ending-notice', { type: 'guarantee', id: guaranteeId }, { guaranteeEnd: occasion, mails: mails.length });
    return mails.length;
  });
}
