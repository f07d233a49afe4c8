import { randomBytes } from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as ready } from '@/app/api/ready/route';
import { getDb, getDbHandle, openPostgres } from '@/db/client';
import { underStartLock } from '@/db/start-lock';
import { enqueueMail } from '@/domain/mail/outbox';
import { STOPPING_PROBLEM } from '@/domain/readiness/readiness';
import { retentionFirstTickMs } from '@/jobs/retention-sweep';
import { STOPPING } from '@/lib/stop';
import { createMailTransport, type MailTransport } from '@/mail/transport';
import { deliverPending, startMailWorker, STOP_SEND_GRACE_MS, stopMailWorker } from '@/mail/worker';
import { seedDemo } from '@/demo/seed';
import { CLOSE_MARGIN_MS, STOP_DEADLINE_MS } from '../../scripts/server/shutdown.mjs';
import { uid } from '../support/factories';
import { startSmtp } from '../support/smtp';
import { postgresUrl, TEMPLATE_DB, withDatabase } from '../setup/test-database';

// The app's side of the orderly stop (decision 057); scripts/server/shutdown.mjs has its own unit test,
// and e2e/ops/two-instances.spec.ts stops two real servers.

type Holder = Record<symbol, unknown>;
afterEach(async () => {
  delete (globalThis as Holder)[STOPPING];
  vi.unstubAllEnvs();
  await stopMailWorker();
});

describe('GET /api/ready while stopping', () => {
  it('answers 503 with the one problem "stopping", and 200 before', async () => {
    vi.stubEnv('AUTH_SECRET', 'test-auth-secret-graceful-stop-0123456789');
    const before = await ready();
    expect(before.status).toBe(200);
    (globalThis as Holder)[STOPPING] = true;
    const during = await ready();
    expect(during.status).toBe(503);
    expect(during.headers.get('cache-control')).toBe('no-store');
    expect(await during.json()).toEqual({ status: 'not-ready', problems: [STOPPING_PROBLEM] });
    expect(STOPPING_PROBLEM.check).toBe('stopping');
  });
});

describe('stopMailWorker', () => {
  it('lets the mail being sent finish, sends no other and releases the rest of the batch at once', async () => {
    const db = await getDb();
    const subjects = Array.from({ length: 7 }, (_, i) => `停止試験${uid()}-${i}`);
    for (const subject of subjects) {
      await db.$transaction((tx) => enqueueMail(tx, { template: 'lookup-locked', to: [`stop-${uid()}@example.jp`], subject, bodyText: '本文' }));
    }
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let firstSend!: () => void;
    const sending = new Promise<void>((resolve) => (firstSend = resolve));
    const sent: string[] = [];
    const transport: MailTransport = {
      async sendMail(message) {
        firstSend();
        await gate;
        sent.push(String(message.subject));
        return {};
      },
    };
    expect(startMailWorker(getDb, { transport, intervalMs: 60_000 })).toBe(true);
    await sending;
    const stopped = stopMailWorker();
    open();
    await stopped;
    const after = new Date();
    // One SMTP exchange, not a batch of five (which could outlast the stop's 10 s with real timeouts).
    expect(sent).toHaveLength(1);
    const rows = await db.outboxMail.findMany({ where: { subject: { in: subjects } }, select: { subject: true, status: true, attempts: true, nextAttemptAt: true } });
    expect(rows.filter((r) => r.status === 'SENT').map((r) => r.subject)).toEqual(sent);
    // The other six are due now, none left under the worker's 10-minute lease, none counted as tried.
    const pending = rows.filter((r) => r.status === 'PENDING');
    expect(pending).toHaveLength(6);
    for (const mail of pending) {
      expect(mail.attempts).toBe(0);
      expect(mail.nextAttemptAt.getTime()).toBeLessThanOrEqual(after.getTime());
    }
  });
});

describe('stopMailWorker with an SMTP server that hangs', () => {
  it('gives the exchange up after its grace, within the stop’s bound, and releases the mail: another instance sends it later', async () => {
    // A real SMTP port that accepts the connection and never says a word (no greeting): nodemailer
    // would wait its 15 s greeting timeout, past the stop's 10 s.
    const sockets: net.Socket[] = [];
    const hung = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const smtp = await startSmtp();
    try {
      const db = await getDb();
      const subject = `宙づり${uid()}`;
      await db.$transaction((tx) => enqueueMail(tx, { template: 'lookup-locked', to: [`hang-${uid()}@example.jp`], subject, bodyText: '本文' }));
      const transport = createMailTransport(`smtp://127.0.0.1:${(hung.address() as AddressInfo).port}`)!;
      expect(startMailWorker(getDb, { transport, intervalMs: 60_000 })).toBe(true);
      await expect.poll(() => sockets.length, { timeout: 60_000 }).toBeGreaterThan(0);

      const began = Date.now();
      await stopMailWorker();
      const took = Date.now() - began;
      // The grace was waited (a lower bound holds on any machine); that it was then given up, not waited
      // out, the mail's state below tells (nodemailer's own timeout would have counted an attempt).
      expect(STOP_SEND_GRACE_MS).toBeLessThan(STOP_DEADLINE_MS - CLOSE_MARGIN_MS);
      expect(took).toBeGreaterThanOrEqual(STOP_SEND_GRACE_MS - 50);
      // Nothing was counted as tried: every mail is pending and due now (none under the 10-minute lease).
      const after = new Date();
      const pending = await db.outboxMail.findMany({ where: { status: { not: 'SENT' } }, select: { subject: true, status: true, attempts: true, nextAttemptAt: true } });
      expect(pending.map((m) => m.subject)).toContain(subject);
      for (const mail of pending) {
        expect(mail).toMatchObject({ status: 'PENDING', attempts: 0 });
        expect(mail.nextAttemptAt.getTime()).toBeLessThanOrEqual(after.getTime());
      }

      // Another instance, with a server that answers, sends it (once).
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!);
      expect(smtp.received.filter((m) => m.parsed.subject === subject)).toHaveLength(1);
      expect(await db.outboxMail.findFirstOrThrow({ where: { subject } })).toMatchObject({ status: 'SENT', attempts: 1 });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => hung.close(resolve));
      await smtp.close();
    }
  });
});

describe('underStartLock', () => {
  it('runs the work and answers what it returned; on the embedded database without a lock', async () => {
    const handle = await getDbHandle();
    expect(await underStartLock(handle, async () => 'seeded', handle.kind === 'pglite' ? undefined : process.env.DATABASE_URL)).toBe('seeded');
    await expect(underStartLock(handle, async () => Promise.reject(new Error('seed failed')))).rejects.toThrow('seed failed');
  });
});

describe.runIf(postgresUrl())('two instances seeding one empty PostgreSQL database at once', () => {
  it('seed it once: the second waits for the lock, then finds the data', async () => {
    const maintenance = postgresUrl()!;
    const name = `portal_test_seed_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: maintenance });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    const url = withDatabase(maintenance, name);
    const handles = await Promise.all([openPostgres(url), openPostgres(url)]);
    try {
      const seeded = await Promise.all(handles.map((h) => underStartLock(h, () => seedDemo(h.prisma), url)));
      expect(seeded.sort()).toEqual([false, true]);
      expect(await handles[0]!.prisma.organization.count({ where: { name: '大村市' } })).toBe(1);
    } finally {
      await Promise.all(handles.map((h) => h.close()));
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 180_000);
});

describe('RETENTION_FIRST_TICK_SECONDS', () => {
  it('is 60 s unless set to 1–3600 whole seconds', () => {
    expect(retentionFirstTickMs({})).toBe(60_000);
    expect(retentionFirstTickMs({ RETENTION_FIRST_TICK_SECONDS: '2' })).toBe(2_000);
    for (const bad of ['0', '3601', '1.5', 'x']) expect(() => retentionFirstTickMs({ RETENTION_FIRST_TICK_SECONDS: bad })).toThrow(/RETENTION_FIRST_TICK_SECONDS/);
  });
});
