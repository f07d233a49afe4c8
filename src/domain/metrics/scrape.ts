import 'server-only';
import type { DbHandle } from '@/db/client';
import { WITHDRAWN_KEY_NOTICE } from '@/domain/guarantees/withdrawn-key-notice';
import { Prisma } from '@/generated/prisma/client';
import { logger } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { TIMED_OUT, within } from '@/lib/within';

/**
 * The text of GET /api/metrics (Prometheus exposition format): the counters as they stand, and the
 * gauges read now — the outbox by one query over its (status, nextAttemptAt) index (pending; failed
 * and retryable, as the admin home counts them and an officer may 再送 them; key notices withdrawn by a
 * reissued 認証キー, FAILED on purpose and never retryable; the oldest pending mail's age), and the
 * database pool's use. A database that does not answer within
 * the bound sets the outbox gauges to NaN (unknown: no alert comparison holds) and portal_database_up
 * to 0: the scrape still answers.
 */

export const OUTBOX_TIMEOUT_MS = 2_000;

const log = logger('metrics');

interface OutboxRow {
  pending: number;
  failed: number;
  withdrawn: number;
  oldest: number | null;
}

/**
 * A withdrawn key notice in SQL, built from WITHDRAWN_KEY_NOTICE (the one definition; RETRYABLE_MAIL is
 * FAILED and not this). IS NOT DISTINCT FROM: a null lastError is not withdrawn (plain `=` would give
 * null, and NOT null would drop the row from the retryable count too).
 */
const WITHDRAWN_SQL = Prisma.sql`(CAST("status" AS text) = ${WITHDRAWN_KEY_NOTICE.status} AND "lastError" IS NOT DISTINCT FROM ${WITHDRAWN_KEY_NOTICE.lastError})`;

async function readOutbox(handle: DbHandle, now: Date): Promise<OutboxRow> {
  // timestamp(3) columns hold UTC wall-clock time: the age is taken against now written the same way.
  const rows = await handle.prisma.$queryRaw<OutboxRow[]>`
    SELECT
      CAST(count(*) FILTER (WHERE "status" = 'PENDING') AS integer) AS "pending",
      CAST(count(*) FILTER (WHERE "status" = 'FAILED' AND NOT ${WITHDRAWN_SQL}) AS integer) AS "failed",
      CAST(count(*) FILTER (WHERE ${WITHDRAWN_SQL}) AS integer) AS "withdrawn",
      CAST(EXTRACT(EPOCH FROM (CAST(${now.toISOString()} AS timestamp(3)) - min("createdAt") FILTER (WHERE "status" = 'PENDING'))) AS double precision) AS "oldest"
    FROM "OutboxMail"
    WHERE "status" IN ('PENDING', 'FAILED')`;
  return rows[0]!;
}

let lastFailed = false;

/** Sets the scrape-time gauges from `handle` (null: the database could not be opened) and returns the registry's text. */
export async function scrapeMetrics(handle: DbHandle | null, options: { now?: Date; timeoutMs?: number } = {}): Promise<{ contentType: string; text: string }> {
  const m = metrics();
  const now = options.now ?? new Date();
  let outbox: OutboxRow | null = null;
  if (handle) {
    try {
      const ms = options.timeoutMs ?? OUTBOX_TIMEOUT_MS;
      const answer = await within(readOutbox(handle, now), ms);
      if (answer === TIMED_OUT) throw new Error(`no answer within ${ms} ms`);
      outbox = answer;
      lastFailed = false;
    } catch (error) {
      if (!lastFailed) log.error('metrics: the outbox could not be read', error);
      lastFailed = true;
    }
  }
  m.databaseUp.set(outbox ? 1 : 0);
  m.outboxPending.set(outbox ? outbox.pending : NaN);
  m.outboxFailed.set(outbox ? outbox.failed : NaN);
  m.outboxWithdrawnKeyNotices.set(outbox ? outbox.withdrawn : NaN);
  m.outboxOldestPendingAge.set(outbox ? Math.max(0, outbox.oldest ?? 0) : NaN);

  for (const gauge of [m.poolMax, m.poolTotal, m.poolIdle, m.poolWaiting]) gauge.reset();
  const use = handle?.poolUse?.();
  if (handle && use) {
    const database = handle.kind;
    m.poolMax.set({ database }, use.max);
    m.poolTotal.set({ database }, use.total);
    if (use.idle !== null) m.poolIdle.set({ database }, use.idle);
    if (use.waiting !== null) m.poolWaiting.set({ database }, use.waiting);
  }
  return { contentType: m.registry.contentType, text: await m.registry.metrics() };
}
