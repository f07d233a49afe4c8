import 'server-only';
import type { Db } from '@/db/client';
import { keySecret } from '@/config/secrets';
import { unsealBytes } from '@/domain/guarantees/auth-key';
import { WITHDRAWN_KEY_NOTICE } from '@/domain/guarantees/withdrawn-key-notice';
import { afterFailure } from './backoff';
import { createMailTransport, describeSmtpUrl, mailFrom, type MailTransport } from './transport';
import { logger } from '@/lib/log';
import { countMailFailure, countMailSent } from '@/lib/metrics';
import { TIMED_OUT, within } from '@/lib/within';

const log = logger('mail');

/**
 * Delivers the outbox. Nothing lives in memory: a mail is in the table until it is SENT, so a
 * restart simply picks up what is pending. Several app instances may run the worker at once: a
 * claim takes due mails with FOR UPDATE SKIP LOCKED and moves their nextAttemptAt a lease into the
 * future in the same statement, so no other instance takes them while they are being sent.
 *
 * Delivery is at least once: if the process dies between the SMTP server's acceptance and the SENT
 * mark, the mail is sent again when its lease ends (with the same Message-ID, so mail systems
 * can recognise the duplicate).
 */

const BATCH = 5;
/**
 * Far longer than a batch can take (5 mails × the transport's 15 s + 15 s + 60 s timeouts): a mail is
 * not claimed again while still being sent. Every write after sending is also conditional on the
 * lease this run wrote, so a run that overstayed its lease changes nothing.
 */
const LEASE_MS = 10 * 60_000;
const DEFAULT_INTERVAL_MS = 5_000;
/**
 * How long a stop lets the SMTP exchange in hand go on (decision 057): a healthy one takes a second or
 * two; one still running after this (a server that accepted the connection and hangs, whose timeouts
 * are 15 s and 60 s) is given up, its mail released for another instance, so that the process stops
 * within its 10 s.
 */
export const STOP_SEND_GRACE_MS = 5_000;

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

// timestamp(3) columns hold UTC wall-clock time (as Prisma writes them); an ISO string cast to
// timestamp drops its 'Z' and means the same instant whatever the session's time zone.
const ts = (date: Date) => date.toISOString();

interface Claim {
  id: string;
  attempts: number;
  lease: Date;
}

async function claimDue(db: Db, now: Date): Promise<Claim[]> {
  const lease = new Date(now.getTime() + LEASE_MS);
  const rows = await db.$queryRaw<{ id: string; attempts: number }[]>`
    UPDATE "OutboxMail" SET "nextAttemptAt" = CAST(${ts(lease)} AS timestamp(3))
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMail"
      WHERE "status" = 'PENDING' AND "nextAttemptAt" <= CAST(${ts(now)} AS timestamp(3))
      ORDER BY "nextAttemptAt", "createdAt"
      LIMIT ${BATCH}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "attempts"`;
  return rows.map((r) => ({ ...r, lease }));
}

/** Gives claimed mails back (due now), unless another run has claimed them since (the lease is ours). */
async function releaseClaims(db: Db, claims: Claim[], now: Date): Promise<void> {
  if (claims.length === 0) return;
  await db.outboxMail.updateMany({
    where: { id: { in: claims.map((c) => c.id) }, status: 'PENDING', nextAttemptAt: claims[0]!.lease },
    data: { nextAttemptAt: now },
  });
}

function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'denshi-hosho.example.jp';
}

function describeError(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown; message?: unknown };
  const parts = [e.code, e.responseCode].filter((p) => typeof p === 'string' || typeof p === 'number');
  const message = typeof e.message === 'string' ? e.message : String(error);
  return (parts.length ? `[${parts.join(' ')}] ${message}` : message).slice(0, 2000);
}

/** What a run is told by a stop: `stopped()` — send no other mail; `abandoned` — give up the one in hand. */
export interface DeliveryStop {
  stopped?: () => boolean;
  abandoned?: Promise<void>;
}

const ABANDONED = Symbol('abandoned');

async function deliverOne(db: Db, transport: MailTransport, claim: Claim, clock: () => Date, from: string, abandoned?: Promise<void>) {
  const mail = await db.outboxMail.findUnique({ where: { id: claim.id }, include: { attachments: { orderBy: [{ filename: 'asc' }, { id: 'asc' }] } } });
  if (!mail || mail.status !== 'PENDING') return null;
  const attempts = claim.attempts + 1;
  try {
    const sending = transport.sendMail({
      from,
      to: mail.to,
      cc: mail.cc.length ? mail.cc : undefined,
      subject: mail.subject,
      text: mail.bodyText,
      textEncoding: 'base64',
      messageId: `<${mail.id}@${messageIdDomain(from)}>`,
      date: mail.createdAt,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: Buffer.from(a.sealed ? unsealBytes(keySecret(), a.content, a.filename) : a.content),
      })),
    });
    const info = abandoned ? await Promise.race([sending, abandoned.then(() => ABANDONED)]) : await sending;
    if (info === ABANDONED) {
      // Given up by a stop: whatever the exchange comes to is not recorded (every write here is
      // conditional on the lease, which the release gives back), and the mail is due at once for
      // another instance or the next start — sent again with the same Message-ID should this
      // server accept it after all (at least once, as after a crash).
      sending.then(
        () => undefined,
        () => undefined,
      );
      await releaseClaims(db, [claim], clock());
      log.warn('mail: an SMTP exchange still running at the stop was given up; the mail is released for another instance', { mail: mail.id });
      return null;
    }
    const rejected = (info as { rejected?: unknown[] } | undefined)?.rejected ?? [];
    // Sent is what happened, even when a reissued 認証キー withdrew this key notice while it was on
    // its way (the lease is still ours): the record says it went, not that it was held back.
    const marked = await db.outboxMail.updateMany({
      where: { id: mail.id, nextAttemptAt: claim.lease, OR: [{ status: 'PENDING' }, WITHDRAWN_KEY_NOTICE] },
      data: {
        status: 'SENT',
        sentAt: clock(),
        attempts,
        lastError: rejected.length ? `一部の宛先が拒否されました / rejected: ${rejected.map(String).join(', ')}`.slice(0, 2000) : null,
      },
    });
    // Sent: what carried a key is not kept (the name stays, for the record).
    if (marked.count === 1 && mail.attachments.some((a) => a.sealed)) {
      await db.mailAttachment.updateMany({ where: { mailId: mail.id, sealed: true }, data: { content: new Uint8Array() } });
    }
    countMailSent();
    return 'sent' as const;
  } catch (error) {
    const next = afterFailure(attempts, clock());
    await db.outboxMail.updateMany({
      where: { id: mail.id, status: 'PENDING', nextAttemptAt: claim.lease },
      data: {
        attempts,
        lastError: describeError(error),
        ...(next.status === 'FAILED' ? { status: 'FAILED' } : { nextAttemptAt: next.nextAttemptAt }),
      },
    });
    countMailFailure(next.status === 'FAILED' ? 'failed' : 'retry');
    return next.status === 'FAILED' ? ('failed' as const) : ('retrying' as const);
  }
}

/**
 * Sends every mail that is due: SENT on success; on failure attempts + 1, the error kept, and the
 * next attempt after a backoff, or FAILED after the last attempt. `now` sets the clock at the start
 * (tests move it forward); the clock keeps running from there for every claim, lease and backoff.
 * Once `stop.stopped()` says so, no mail is sent after the one being sent, and the rest of the batch
 * is released (due at once); once `stop.abandoned` resolves, the exchange in hand is given up too and
 * its mail released.
 */
export async function deliverPending(db: Db, transport: MailTransport, now: Date = new Date(), stop: DeliveryStop = {}): Promise<DeliveryReport> {
  const stopped = stop.stopped ?? (() => false);
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const from = mailFrom();
  const skew = now.getTime() - Date.now();
  const clock = () => new Date(Date.now() + skew);
  for (;;) {
    const claimed = await claimDue(db, clock());
    for (const [i, claim] of claimed.entries()) {
      // A stop (stopMailWorker) lets the mail being sent finish and sends no other: one SMTP exchange
      // (up to the transport's timeouts) may outlast the stop's deadline, a batch of them would. The
      // mails claimed but not tried are released at once, for another instance or the next start.
      if (stopped()) {
        await releaseClaims(db, claimed.slice(i), clock());
        return report;
      }
      const outcome = await deliverOne(db, transport, claim, clock, from, stop.abandoned);
      if (outcome) report[outcome] += 1;
    }
    if (claimed.length < BATCH || stopped()) return report;
  }
}

// ───────────── the polling loop (one per process) ─────────────

interface WorkerState {
  getDb: () => Promise<Db>;
  transport: MailTransport;
  intervalMs: number;
  stopGraceMs: number;
  timer?: NodeJS.Timeout;
  running: boolean;
  again: boolean;
  stopped: boolean;
  idle?: Promise<void>;
  /** Resolved by a stop whose grace has passed: the run gives up the exchange in hand. */
  abandoned: Promise<void>;
  abandon: () => void;
}

// On globalThis: Next bundles instrumentation (which starts the worker) and the server actions
// (which wake it) separately, and each bundle would otherwise have its own copy of this module.
const holder = globalThis as typeof globalThis & { __portalMailWorker?: WorkerState };

function schedule(state: WorkerState, delay: number) {
  clearTimeout(state.timer);
  if (state.stopped) return;
  state.timer = setTimeout(() => void run(state), delay);
  state.timer.unref(); // the worker never keeps the process alive
}

async function run(state: WorkerState): Promise<void> {
  if (state.stopped) return;
  if (state.running) {
    state.again = true; // never two runs at once: the current one goes round once more
    return;
  }
  state.running = true;
  clearTimeout(state.timer);
  let finish = () => {};
  state.idle = new Promise((resolve) => (finish = resolve));
  try {
    do {
      state.again = false;
      const report = await deliverPending(await state.getDb(), state.transport, undefined, { stopped: () => state.stopped, abandoned: state.abandoned });
      if (report.retrying || report.failed) {
        log.warn('mail: some not sent (see /admin/outbox)', { sent: report.sent, retrying: report.retrying, failed: report.failed });
      }
    } while (state.again && !state.stopped);
  } catch (error) {
    log.error('mail worker run failed', error);
  } finally {
    state.running = false;
    finish();
    schedule(state, state.intervalMs);
  }
}

/**
 * Starts polling the outbox every few seconds (idempotent). Returns false, and starts nothing, when
 * no SMTP server is configured: the mail then stays in the outbox for officers to read.
 */
export function startMailWorker(getDb: () => Promise<Db>, options: { transport?: MailTransport; intervalMs?: number; stopGraceMs?: number } = {}): boolean {
  if (holder.__portalMailWorker && !holder.__portalMailWorker.stopped) return true;
  const transport = options.transport ?? createMailTransport();
  if (!transport) return false;
  let abandon = () => {};
  const abandoned = new Promise<void>((resolve) => (abandon = resolve));
  const state: WorkerState = {
    getDb,
    transport,
    intervalMs: options.intervalMs ?? DEFAULT_INTERVAL_MS,
    stopGraceMs: options.stopGraceMs ?? STOP_SEND_GRACE_MS,
    running: false,
    again: false,
    stopped: false,
    abandoned,
    abandon,
  };
  holder.__portalMailWorker = state;
  if (!options.transport) log.info('mail: delivering through SMTP', { smtp: describeSmtpUrl(process.env.SMTP_URL ?? '') });
  schedule(state, 0); // what a previous run left pending goes out now
  return true;
}

/** Delivers at once (call after the transaction that queued a mail has committed). No-op without a worker. */
export function wakeMailWorker(): void {
  const state = holder.__portalMailWorker;
  if (state && !state.stopped) schedule(state, 0);
}

/**
 * Stops polling and waits for a run in progress to finish the mail it is sending (tests; an orderly
 * shutdown) — for STOP_SEND_GRACE_MS at most: past it the exchange is given up and its mail released
 * (due at once, for another instance), so a hung SMTP server cannot hold the stop past its bound.
 */
export async function stopMailWorker(): Promise<void> {
  const state = holder.__portalMailWorker;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  holder.__portalMailWorker = undefined;
  if (!state.idle) return;
  if ((await within(state.idle, state.stopGraceMs)) === TIMED_OUT) {
    state.abandon();
    await state.idle;
  }
}
