import 'server-only';
import { z } from 'zod';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { assertAdmin } from '../system';

const count = z.number().int().nonnegative().catch(0);
const details = z.object({
  removed: z
    .object({ lookupAttempts: count, mails: count, audit: count, signInAudit: count })
    .catch({ lookupAttempts: 0, mails: 0, audit: 0, signInAudit: 0 }),
  complete: z.boolean().catch(true),
});

export interface LastRetentionRun {
  at: Date;
  /** 照会記録, 送信メール and 操作記録 (sign-in rows included) removed by the run. */
  lookupAttempts: number;
  mails: number;
  auditRows: number;
  /** False when the run reached its bound and left work for the next one. */
  complete: boolean;
}

/**
 * When the retention sweep last ran and what it removed (decision 054), for the admin home: read from
 * its latest audit row (retention.sweep). Null before the first run. Officers only.
 */
export async function lastRetentionRun(db: Db, actor: Actor): Promise<LastRetentionRun | null> {
  assertAdmin(actor);
  const row = await db.auditLog.findFirst({ where: { action: 'retention.sweep' }, orderBy: { createdAt: 'desc' }, select: { createdAt: true, details: true } });
  if (!row) return null;
  const parsed = details.safeParse(row.details ?? {});
  const d = parsed.success ? parsed.data : { removed: { lookupAttempts: 0, mails: 0, audit: 0, signInAudit: 0 }, complete: true };
  return { at: row.createdAt, lookupAttempts: d.removed.lookupAttempts, mails: d.removed.mails, auditRows: d.removed.audit + d.removed.signInAudit, complete: d.complete };
}
