import 'server-only';
import { retentionPeriods, type RetentionPeriods } from '@/config/retention';
import type { Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import { writeAudit } from '../audit';
import type { AuditAction, AuditTargetType } from '../audit-codes';

/**
 * The retention sweep (decision 054): deletes what is past its time, in batches, and records each run
 * in one audit row (retention.sweep) with what it removed. Kept for good, never touched here:
 * guarantees, applications, certificate versions, 変更契約, confirmations (確認記録), premium documents,
 * keys, 発注者へ送信 and its mail, and the audit rows about a guarantee, an application, a premium
 * rate table or a 共同企業体 (who concluded, changed, cancelled, recorded a payment, registered a JV…).
 *
 * Removed, oldest first:
 *   - rate-limit windows (sign-in and lookup budgets) ended more than an hour ago;
 *   - sessions past their expiry;
 *   - lookup attempts (照会記録) older than RETENTION_LOOKUP_ATTEMPT_DAYS;
 *   - mails sent or failed for good, older than RETENTION_MAIL_DAYS, with their attachments;
 *   - sign-in audit rows older than RETENTION_SIGN_IN_AUDIT_DAYS, the other time-bound audit rows
 *     older than RETENTION_AUDIT_DAYS;
 *   - 契約台帳 files read and never imported (PREVIEW left waiting, or CANCELLED), with the rows they
 *     hold, older than RETENTION_CONTRACT_PREVIEW_DAYS (decision 068); an IMPORTED file is kept, its
 *     contracts' revisions name it;
 *   - evidence packs' ZIPs (EvidencePackChunk) past the pack's expiresAt (and the chunks of a pack not
 *     DONE and not RUNNING under a live lease: given up, or left by a builder that died), expiresAt set when it was built to
 *     RETENTION_EVIDENCE_PACK_DAYS later (decision 074); the pack's row stays.
 * Each batch is ONE statement (its own transaction, a few hundred rows): it never holds a lock for
 * long, and a run does at most `maxBatches` of each kind, so its work is bounded; what is left goes
 * in the next run, which the job brings forward (catchUp).
 *
 * Once across instances: a run first claims the sweep's window in the shared RateLimit table (the
 * row `job:retention`, one statement: INSERT … ON CONFLICT DO UPDATE … WHERE the window is over). The
 * instance whose statement wrote the row runs; every other one, and this one again before the window
 * ends, skips. A row claim and not an advisory lock: PGlite is one session, where a session lock
 * would be granted twice.
 */

export const RETENTION_JOB_KEY = 'job:retention';

/** Audit rows kept as long as their record, i.e. for good (保証の管理's history, 会計検査, a dispute). */
export const KEPT_AUDIT_TARGETS = ['guarantee', 'application', 'premiumRateTable', 'jointVenture', 'certification'] as const satisfies readonly AuditTargetType[];
/** The sign-in rows: an access log, kept RETENTION_SIGN_IN_AUDIT_DAYS. */
export const SIGN_IN_AUDIT_ACTIONS = ['auth.sign-in', 'auth.sign-in.failed', 'auth.sign-in.disabled'] as const satisfies readonly AuditAction[];

/** A rate-limit window ended this long ago is removed (rate-limiter-flexible clears its own so too). */
export const RATE_LIMIT_GRACE_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export interface RetentionRemoved {
  rateLimits: number;
  sessions: number;
  lookupAttempts: number;
  mails: number;
  mailAttachments: number;
  signInAudit: number;
  audit: number;
  contractImports: number;
  /** Pieces of evidence packs' ZIPs past their expiresAt (decision 074): the pack's row stays. */
  evidencePackChunks: number;
}

export interface RetentionReport {
  removed: RetentionRemoved;
  /** False when a kind reached maxBatches: more is past its time, for the next run. */
  complete: boolean;
}

export interface SweepOptions {
  now?: Date;
  periods?: RetentionPeriods;
  /** Rows per statement. */
  batchSize?: number;
  /** Statements per kind of row and run. */
  maxBatches?: number;
  /** True once the process has begun to stop: no statement is started after the one in hand. */
  stopped?: () => boolean;
}

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_MAX_BATCHES = 100;

const ts = (date: Date) => date.toISOString();
const before = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

const noneRemoved = (): RetentionRemoved => ({ rateLimits: 0, sessions: 0, lookupAttempts: 0, mails: 0, mailAttachments: 0, signInAudit: 0, audit: 0, contractImports: 0, evidencePackChunks: 0 });

/** Stopped between two statements: what was removed so far is in the run's counts. */
class SweepStopped extends Error {}

/**
 * Deletes one round of everything past its time into `removed` (counted as each statement commits, so
 * a run that stops or fails still knows what it did) and answers whether nothing is left.
 */
async function sweepInto(db: Db, options: SweepOptions, removed: RetentionRemoved): Promise<boolean> {
  const now = options.now ?? new Date();
  const periods = options.periods ?? retentionPeriods();
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const max = options.maxBatches ?? DEFAULT_MAX_BATCHES;
  const stopped = options.stopped ?? (() => false);
  let more = false;
  const batches = async (kind: Exclude<keyof RetentionRemoved, 'mailAttachments'>, one: () => Promise<number>) => {
    for (let i = 0; i < max; i++) {
      if (stopped()) throw new SweepStopped();
      const n = await one();
      removed[kind] += n;
      if (n < size) return;
    }
    more = true;
  };

  const windowEnded = ts(new Date(now.getTime() - RATE_LIMIT_GRACE_MS));
  await batches(
    'rateLimits',
    () => db.$executeRaw`
      DELETE FROM "RateLimit" WHERE "key" IN (
        SELECT "key" FROM "RateLimit" WHERE "expire" <= CAST(${windowEnded} AS timestamp(3)) ORDER BY "expire" LIMIT ${size})`,
  );
  await batches(
    'sessions',
    () => db.$executeRaw`
      DELETE FROM "UserSession" WHERE "id" IN (
        SELECT "id" FROM "UserSession" WHERE "expiresAt" <= CAST(${ts(now)} AS timestamp(3)) ORDER BY "expiresAt" LIMIT ${size})`,
  );
  const lookupsBefore = ts(before(now, periods.lookupAttemptDays));
  await batches(
    'lookupAttempts',
    () => db.$executeRaw`
      DELETE FROM "LookupAttempt" WHERE "id" IN (
        SELECT "id" FROM "LookupAttempt" WHERE "createdAt" < CAST(${lookupsBefore} AS timestamp(3)) ORDER BY "createdAt" LIMIT ${size})`,
  );
  // A mail and its attachments in one statement; a 発注者へ送信's mail stays with its Submission.
  const mailsBefore = ts(before(now, periods.mailDays));
  await batches('mails', async () => {
    const [row] = await db.$queryRaw<{ mails: number; attachments: number }[]>`
      WITH doomed AS (
        SELECT m."id" FROM "OutboxMail" m
        WHERE m."status" <> 'PENDING' AND m."createdAt" < CAST(${mailsBefore} AS timestamp(3))
          AND NOT EXISTS (SELECT 1 FROM "Submission" s WHERE s."outboxMailId" = m."id")
        ORDER BY m."createdAt" LIMIT ${size}
      ), a AS (
        DELETE FROM "MailAttachment" WHERE "mailId" IN (SELECT "id" FROM doomed) RETURNING 1
      ), m AS (
        DELETE FROM "OutboxMail" WHERE "id" IN (SELECT "id" FROM doomed) RETURNING 1
      )
      SELECT (SELECT count(*) FROM m)::int AS "mails", (SELECT count(*) FROM a)::int AS "attachments"`;
    removed.mailAttachments += row?.attachments ?? 0;
    return row?.mails ?? 0;
  });
  const signIns = Prisma.join(SIGN_IN_AUDIT_ACTIONS.map((a) => Prisma.sql`${a}`));
  const kept = Prisma.join(KEPT_AUDIT_TARGETS.map((t) => Prisma.sql`${t}`));
  const signInBefore = ts(before(now, periods.signInAuditDays));
  await batches(
    'signInAudit',
    () => db.$executeRaw`
      DELETE FROM "AuditLog" WHERE "id" IN (
        SELECT "id" FROM "AuditLog" WHERE "createdAt" < CAST(${signInBefore} AS timestamp(3)) AND "action" IN (${signIns})
        ORDER BY "createdAt" LIMIT ${size})`,
  );
  const auditBefore = ts(before(now, periods.auditDays));
  await batches(
    'audit',
    () => db.$executeRaw`
      DELETE FROM "AuditLog" WHERE "id" IN (
        SELECT "id" FROM "AuditLog"
        WHERE "createdAt" < CAST(${auditBefore} AS timestamp(3)) AND "action" NOT IN (${signIns}) AND "targetType" NOT IN (${kept})
        ORDER BY "createdAt" LIMIT ${size})`,
  );
  // A preview left waiting holds every valid row of its file as JSON (a few MB for 20,000 rows).
  const previewsBefore = ts(before(now, periods.contractPreviewDays));
  await batches(
    'contractImports',
    () => db.$executeRaw`
      DELETE FROM "ContractImport" WHERE "id" IN (
        SELECT "id" FROM "ContractImport"
        WHERE "status" IN ('PREVIEW', 'CANCELLED') AND "createdAt" < CAST(${previewsBefore} AS timestamp(3))
        ORDER BY "createdAt" LIMIT ${size})`,
  );
  // An evidence pack's ZIP (about 1 MiB a row) once its download time is over; who built which pack stays.
  // Also what a pack not finished left behind: given up (FAILED), or waiting (QUEUED) with chunks left
  // over. Never a RUNNING pack's, even with its lease run out: a stalled builder's fence does not look at
  // the lease, so it could go on after its first chunks were deleted and mark a truncated ZIP DONE; the
  // next claim (fenced) deletes them instead (decision 074, amended).
  await batches(
    'evidencePackChunks',
    () => db.$executeRaw`
      DELETE FROM "EvidencePackChunk" WHERE ("packId", "seq") IN (
        SELECT c."packId", c."seq" FROM "EvidencePackChunk" c JOIN "EvidencePack" p ON p."id" = c."packId"
        WHERE p."expiresAt" <= CAST(${ts(now)} AS timestamp(3)) OR p."status" IN ('FAILED', 'QUEUED')
        LIMIT ${size})`,
  );
  return !more;
}

/**
 * Deletes one round of everything past its time (no claim: see runRetentionSweep) and reports the
 * counts. A stop (options.stopped) ends it between two statements, incomplete.
 */
export async function sweepExpired(db: Db, options: SweepOptions = {}): Promise<RetentionReport> {
  const removed = noneRemoved();
  try {
    return { removed, complete: await sweepInto(db, options, removed) };
  } catch (error) {
    if (error instanceof SweepStopped) return { removed, complete: false };
    throw error;
  }
}

/**
 * Claims the sweep's window from `now` for `windowMs` (one statement, see above): true for the one
 * caller that wrote the row, false for everyone while the window runs.
 */
export async function claimRetentionRun(db: Db, now: Date, windowMs: number): Promise<boolean> {
  const until = ts(new Date(now.getTime() + windowMs));
  const rows = await db.$queryRaw<{ key: string }[]>`
    INSERT INTO "RateLimit" ("key", "points", "expire") VALUES (${RETENTION_JOB_KEY}, 1, CAST(${until} AS timestamp(3)))
    ON CONFLICT ("key") DO UPDATE SET "points" = 1, "expire" = EXCLUDED."expire"
    WHERE "RateLimit"."expire" IS NULL OR "RateLimit"."expire" <= CAST(${ts(now)} AS timestamp(3))
    RETURNING "key"`;
  return rows.length === 1;
}

export type RetentionRun = { ran: false } | ({ ran: true; stopped: boolean } & RetentionReport);

/**
 * One scheduled run: claim the window (`windowMs`, a day), sweep, and write the audit row with the
 * counts and the periods applied. A run that left work (complete: false: it reached its bound, the
 * process began to stop, or a statement failed) shortens its window to `catchUpMs`, so the next tick
 * of any instance goes on with it rather than the next day; its audit row still says what it removed
 * (with `stopped` or `failed`). A failure is thrown after both.
 */
export async function runRetentionSweep(db: Db, options: SweepOptions & { windowMs: number; catchUpMs: number }): Promise<RetentionRun> {
  const now = options.now ?? new Date();
  const periods = options.periods ?? retentionPeriods();
  if (!(await claimRetentionRun(db, now, options.windowMs))) return { ran: false };
  const removed = noneRemoved();
  let complete = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  try {
    complete = await sweepInto(db, { ...options, now, periods }, removed);
  } catch (error) {
    if (error instanceof SweepStopped) stopped = true;
    else failure = { error };
  }
  try {
    if (!complete) {
      const until = ts(new Date(now.getTime() + options.catchUpMs));
      await db.$executeRaw`UPDATE "RateLimit" SET "expire" = CAST(${until} AS timestamp(3)) WHERE "key" = ${RETENTION_JOB_KEY}`;
    }
  } finally {
    await writeAudit(db, null, 'retention.sweep', { type: 'retention' }, {
      removed: { ...removed },
      complete,
      ...(stopped ? { stopped: true } : {}),
      ...(failure ? { failed: true } : {}),
      periods: { ...periods },
    });
  }
  if (failure) throw failure.error;
  return { ran: true, stopped, removed, complete };
}
