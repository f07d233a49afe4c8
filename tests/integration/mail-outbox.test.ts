import type { AddressObject } from 'mailparser';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { retryMailAction } from '@/actions/admin-outbox-actions';
import { GET as downloadAttachment } from '@/app/admin/outbox/[id]/attachments/[attachmentId]/route';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { enqueueMail, getOutboxAttachment, getOutboxMail, retryMail } from '@/domain/mail/outbox';
import { listOutbox } from '@/domain/mail/outbox-list';
import { parseOutboxListParams } from '@/domain/mail/outbox-list-params';
import { MAX_MAIL_ATTEMPTS } from '@/mail/backoff';
import { createMailTransport, DEFAULT_MAIL_FROM } from '@/mail/transport';
import { deliverPending, startMailWorker, stopMailWorker, wakeMailWorker } from '@/mail/worker';
import { makeUser, officer, uid } from '../support/factories';
import { signInAs } from '../support/session';
import { startSmtp, type Smtp } from '../support/smtp';

vi.mock('@/auth/config', () => import('../support/session'));

/** A port on which nothing listens (taken from the system, then released): connection refused. */
async function refusedPort(): Promise<number> {
  const s = await startSmtp();
  await s.close();
  return s.port;
}

const transportTo = (port: number) => createMailTransport(`smtp://127.0.0.1:${port}`)!;
const later = (base: Date, ms: number) => new Date(base.getTime() + ms);
const addresses = (a: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address));

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error.code;
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest.startsWith('NEXT_REDIRECT')) return `redirect:${digest.split(';')[2]}`;
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return 'not-found';
    throw error;
  }
  return 'passed';
}

const SUBJECT = '電子証書・認証キー登録のお知らせ（保証契約番号 1234567890）';
const BODY = ['株式会社髙﨑建設 様', '', '保証契約を締結しました。①②③ ～ 〜 ㈱ ─ 🏗', '区分　　　　：前払金保証', '※このメールは送信専用です。'].join('\n');
const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff, 0xfe, 0x80]);

async function queue(patch: Partial<Parameters<typeof enqueueMail>[1]> = {}) {
  const db = await getDb();
  return db.$transaction((tx) =>
    enqueueMail(tx, { template: 'lookup-locked', to: [`keiyaku-${uid()}@example.jp`], subject: `件名${uid()}`, bodyText: '本文', ...patch }),
  );
}

const servers: Smtp[] = [];
async function smtp(port?: number) {
  const s = await startSmtp(port);
  servers.push(s);
  return s;
}

beforeEach(async () => {
  // Each test starts with an empty outbox: the worker sends whatever is due, not only its test's mail.
  await (await getDb()).outboxMail.deleteMany();
  signInAs(null);
});

afterAll(async () => {
  await stopMailWorker();
  await Promise.all(servers.map((s) => s.close()));
});

// ───────────── delivery ─────────────

describe('deliverPending', () => {
  it('delivers a Japanese subject, body and attachment names intact, as UTF-8', async () => {
    const server = await smtp();
    const db = await getDb();
    const { id } = await queue({
      template: 'certificate-registered',
      to: ['keiyaku@city.omura.example.jp', ' kouji@city.omura.example.jp '],
      cc: ['tantou@maru-kensetsu.example.jp'],
      subject: SUBJECT,
      bodyText: BODY,
      relatedType: 'guarantee',
      relatedId: 'g-1',
      attachments: [
        { filename: '電子証書_髙﨑①.pdf', contentType: 'application/pdf', content: PDF },
        { filename: '認証キー等のお知らせ.txt', contentType: 'text/plain', content: new TextEncoder().encode('認証キー：ＡＢＣ\n') },
      ],
    });
    const now = later(new Date(), 1000);
    expect(await deliverPending(db, transportTo(server.port), now)).toEqual({ sent: 1, retrying: 0, failed: 0 });

    expect(server.received).toHaveLength(1);
    const { parsed, raw, envelopeTo } = server.received[0]!;
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.text?.replace(/\n$/, '')).toBe(BODY);
    expect(parsed.from?.value[0]).toEqual({ name: '電子保証ポータル', address: 'no-reply@denshi-hosho.example.jp' });
    expect(addresses(parsed.to)).toEqual(['keiyaku@city.omura.example.jp', 'kouji@city.omura.example.jp']);
    expect(addresses(parsed.cc)).toEqual(['tantou@maru-kensetsu.example.jp']);
    expect(envelopeTo.sort()).toEqual(['keiyaku@city.omura.example.jp', 'kouji@city.omura.example.jp', 'tantou@maru-kensetsu.example.jp']);
    expect(parsed.messageId).toBe(`<${id}@denshi-hosho.example.jp>`);
    expect(raw).toMatch(/charset=utf-8/i);
    expect(raw).not.toMatch(/iso-2022-jp/i);

    const files = parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: new Uint8Array(a.content) }));
    files.sort((a, b) => (a.filename! < b.filename! ? -1 : 1));
    expect(files).toEqual([
      { filename: '認証キー等のお知らせ.txt', contentType: 'text/plain', content: new TextEncoder().encode('認証キー：ＡＢＣ\n') },
      { filename: '電子証書_髙﨑①.pdf', contentType: 'application/pdf', content: PDF },
    ]);

    const row = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    // The worker's clock starts at `now` and keeps running.
    expect(row.sentAt!.getTime() - now.getTime()).toBeGreaterThanOrEqual(0);
    expect(row.sentAt!.getTime() - now.getTime()).toBeLessThan(30_000);
    // Sent once: nothing is due any more.
    expect(await deliverPending(db, transportTo(server.port), later(now, 3_600_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(server.received).toHaveLength(1);
  });

  it('keeps the mail pending with a backoff while SMTP is down, then delivers it exactly once', async () => {
    const port = await refusedPort();
    const db = await getDb();
    const { id } = await queue({ subject: SUBJECT, bodyText: BODY });
    const t0 = later(new Date(), 1000);

    expect(await deliverPending(db, transportTo(port), t0)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const failed = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(failed.status).toBe('PENDING');
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(failed.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());
    expect(failed.sentAt).toBeNull();

    // The server is back, but the backoff has not passed yet: nothing is tried.
    const server = await smtp(port);
    expect(await deliverPending(db, transportTo(port), later(t0, 1000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(server.received).toHaveLength(0);

    // Time passes: delivered, once.
    const t1 = new Date(failed.nextAttemptAt.getTime() + 1);
    expect(await deliverPending(db, transportTo(port), t1)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await deliverPending(db, transportTo(port), later(t1, 86_400_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(server.received.map((r) => r.parsed.subject)).toEqual([SUBJECT]);
    const sent = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
    expect(sent.sentAt!.getTime() - t1.getTime()).toBeGreaterThanOrEqual(0);
    expect(sent.sentAt!.getTime() - t1.getTime()).toBeLessThan(30_000);
  });

  it('never sends one mail twice when two workers run at once', async () => {
    const server = await smtp();
    const db = await getDb();
    const ids = [];
    for (let i = 0; i < 25; i++) ids.push((await queue({ subject: `同時送信テスト ${i}` })).id);
    const now = later(new Date(), 1000);
    const reports = await Promise.all([
      deliverPending(db, transportTo(server.port), now),
      deliverPending(db, transportTo(server.port), now),
      deliverPending(db, transportTo(server.port), now),
    ]);
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(25);
    const subjects = server.received.map((r) => r.parsed.subject);
    expect(subjects).toHaveLength(25);
    expect(new Set(subjects).size).toBe(25);
    expect(await db.outboxMail.count({ where: { id: { in: ids }, status: 'SENT', attempts: 1 } })).toBe(25);
  });

  it('a run that outlived its lease writes nothing: the mail belongs to the run that claimed it next', async () => {
    const db = await getDb();
    const { id } = await queue();
    const reclaimedUntil = new Date('2099-01-01T00:00:00Z');
    // While this run is sending, the lease runs out and another instance claims the mail (a new lease).
    const slow = {
      sendMail: async () => {
        await db.outboxMail.update({ where: { id }, data: { nextAttemptAt: reclaimedUntil } });
        return { rejected: [] };
      },
    };
    await deliverPending(db, slow, later(new Date(), 1000));
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'PENDING', attempts: 0, nextAttemptAt: reclaimedUntil, sentAt: null });
  });

  it(`marks a mail FAILED after ${MAX_MAIL_ATTEMPTS} attempts, and retryMail queues it again`, async () => {
    const port = await refusedPort();
    const db = await getDb();
    const admin = await officer(db);
    const { id } = await queue();
    let now = later(new Date(), 1000);
    for (let attempt = 1; attempt <= MAX_MAIL_ATTEMPTS; attempt++) {
      const report = await deliverPending(db, transportTo(port), now);
      expect(report).toEqual(attempt < MAX_MAIL_ATTEMPTS ? { sent: 0, retrying: 1, failed: 0 } : { sent: 0, retrying: 0, failed: 1 });
      const row = await db.outboxMail.findUniqueOrThrow({ where: { id } });
      expect(row.attempts).toBe(attempt);
      now = later(now, 2 * 3_600_000); // past any backoff
    }
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', attempts: MAX_MAIL_ATTEMPTS });
    // A FAILED mail is left alone by the worker.
    expect(await deliverPending(db, transportTo(port), later(now, 86_400_000))).toEqual({ sent: 0, retrying: 0, failed: 0 });

    await retryMail(db, admin, id);
    const requeued = await db.outboxMail.findUniqueOrThrow({ where: { id } });
    expect(requeued).toMatchObject({ status: 'PENDING', attempts: 0 });
    expect(requeued.lastError).not.toBeNull(); // kept for reference until the next attempt
    expect(await db.auditLog.count({ where: { action: 'mail.retry', targetId: id, actorUserId: admin.userId } })).toBe(1);

    // Only a FAILED mail can be requeued; an unknown one is not found.
    expect(await errorCode(retryMail(db, admin, id))).toBe('CONFLICT');
    expect(await errorCode(retryMail(db, admin, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');

    const server = await smtp();
    expect(await deliverPending(db, transportTo(server.port), later(new Date(), 1000))).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
  });

  it('the worker delivers at start-up and when woken, one run at a time', async () => {
    const server = await smtp();
    const db = await getDb();
    await queue({ subject: '起動時に送信待ちだったメール' });
    expect(startMailWorker(getDb, { transport: transportTo(server.port), intervalMs: 60_000 })).toBe(true);
    // A budget against a hang (60 s), sized for a loaded machine: the worker normally answers in milliseconds.
    const waitFor = async (n: number) => {
      const until = Date.now() + 60_000;
      while (server.received.length < n && Date.now() < until) {
        wakeMailWorker();
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitFor(1);
    await queue({ subject: '締結後に起こされて送信するメール' });
    wakeMailWorker();
    wakeMailWorker();
    await waitFor(2);
    await stopMailWorker();
    expect(server.received.map((r) => r.parsed.subject)).toEqual(['起動時に送信待ちだったメール', '締結後に起こされて送信するメール']);
    expect(await db.outboxMail.count({ where: { status: 'SENT' } })).toBe(2);
    // Stopped: waking does nothing.
    await queue();
    wakeMailWorker();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.received).toHaveLength(2);
  });

  it('without SMTP_URL there is no transport and no worker: mail stays in the outbox', () => {
    expect(createMailTransport('')).toBeNull();
    expect(createMailTransport(undefined)).toBeNull();
    expect(() => createMailTransport('http://mail.example.jp')).toThrow(/smtp:\/\//);
    expect(DEFAULT_MAIL_FROM).toContain('電子保証ポータル');
  });
});

// ───────────── queueing ─────────────

describe('enqueueMail', () => {
  it('writes nothing when the caller’s transaction rolls back', async () => {
    const db = await getDb();
    const subject = `取り消されるメール${uid()}`;
    await expect(
      db.$transaction(async (tx) => {
        await enqueueMail(tx, {
          template: 'lookup-locked',
          to: ['a@example.jp'],
          subject,
          bodyText: '本文',
          attachments: [{ filename: 'a.pdf', contentType: 'application/pdf', content: PDF }],
        });
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    expect(await db.outboxMail.count({ where: { subject } })).toBe(0);
    expect(await db.mailAttachment.count({ where: { filename: 'a.pdf' } })).toBe(0);
  });

  it('refuses a mail without a recipient, a malformed address or a subject with a line break', async () => {
    const db = await getDb();
    const base = { template: 'lookup-locked' as const, to: ['a@example.jp'], subject: '件名', bodyText: '本文' };
    expect(await errorCode(enqueueMail(db, { ...base, to: [] }))).toBe('VALIDATION');
    expect(await errorCode(enqueueMail(db, { ...base, to: ['not-an-address'] }))).toBe('VALIDATION');
    expect(await errorCode(enqueueMail(db, { ...base, cc: ['a@b@example.jp'] }))).toBe('VALIDATION');
    expect(await errorCode(enqueueMail(db, { ...base, subject: '件名\r\nBcc: x@example.jp' }))).toBe('VALIDATION');
    expect(
      await errorCode(enqueueMail(db, { ...base, attachments: [{ filename: 'a.pdf', contentType: 'application/pdf\r\nX: y', content: PDF }] })),
    ).toBe('VALIDATION');
    expect(await db.outboxMail.count()).toBe(0);
  });
});

// ───────────── the officers' outbox ─────────────

describe('listOutbox and getOutboxMail', () => {
  it('search by recipient or subject, filter by status, newest first, with attachment sizes', async () => {
    const db = await getDb();
    const admin = await officer(db);
    const tag = uid();
    const first = await queue({ to: [`omura-${tag}@city.example.jp`], subject: `電子証書のお知らせ ${tag} 1` });
    const second = await queue({
      to: ['other@example.jp'],
      cc: [`omura-${tag}@city.example.jp`],
      subject: `電子証書のお知らせ ${tag} 2`,
      attachments: [{ filename: '証書.pdf', contentType: 'application/pdf', content: PDF }],
    });
    await queue({ to: ['unrelated@example.jp'], subject: 'ほかの件名' });
    await db.outboxMail.update({ where: { id: first.id }, data: { status: 'FAILED', createdAt: new Date(Date.now() - 60_000) } });

    const list = (raw: Record<string, string>) => listOutbox(db, admin, parseOutboxListParams(raw));
    const byAddress = await list({ q: `OMURA-${tag}` });
    expect(byAddress.rows.map((r) => r.id)).toEqual([second.id, first.id]);
    expect(byAddress).toMatchObject({ total: 2, page: 1, hasPrevious: false, hasNext: false });
    expect((await list({ q: `${tag} 1` })).rows.map((r) => r.id)).toEqual([first.id]);
    expect((await list({ q: tag, status: 'FAILED' })).rows.map((r) => r.id)).toEqual([first.id]);
    expect((await list({ q: '100%' })).total).toBe(0);
    expect((await list({})).total).toBe(3);

    const detail = await getOutboxMail(db, admin, second.id);
    expect(detail.cc).toEqual([`omura-${tag}@city.example.jp`]);
    expect(detail.attachments).toEqual([{ id: expect.any(String), filename: '証書.pdf', contentType: 'application/pdf', size: PDF.length, sealed: false }]);
    const file = await getOutboxAttachment(db, admin, second.id, detail.attachments[0]!.id);
    expect(new Uint8Array(file.content)).toEqual(PDF);
    expect(await errorCode(getOutboxMail(db, admin, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(await errorCode(getOutboxAttachment(db, admin, first.id, detail.attachments[0]!.id))).toBe('NOT_FOUND');
  });
});

describe('access', () => {
  it('contractors and orderers cannot list, read, download or requeue mail', async () => {
    const db = await getDb();
    const admin = await makeUser('ADMIN');
    const { id } = await queue({ attachments: [{ filename: '電子証書 (写).pdf', contentType: 'application/pdf', content: PDF }] });
    await db.outboxMail.update({ where: { id }, data: { status: 'FAILED' } });
    const attachmentId = (await db.mailAttachment.findFirstOrThrow({ where: { mailId: id } })).id;
    const context = { params: Promise.resolve({ id, attachmentId }) };
    const request = new Request(`http://localhost/admin/outbox/${id}/attachments/${attachmentId}`);

    for (const role of ['CONTRACTOR', 'ORDERER'] as const) {
      const who = await makeUser(role);
      expect(await errorCode(listOutbox(db, who.actor, parseOutboxListParams({})))).toBe('FORBIDDEN');
      expect(await errorCode(getOutboxMail(db, who.actor, id))).toBe('FORBIDDEN');
      expect(await errorCode(getOutboxAttachment(db, who.actor, id, attachmentId))).toBe('FORBIDDEN');
      expect(await errorCode(retryMail(db, who.actor, id))).toBe('FORBIDDEN');
      signInAs(who);
      expect((await downloadAttachment(request, context)).status).toBe(404);
      expect(await errorCode(retryMailAction(id, undefined, new FormData()))).toBe('FORBIDDEN');
    }
    signInAs(null);
    expect((await downloadAttachment(request, context)).status).toBe(401);
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED' });

    signInAs(admin);
    const response = await downloadAttachment(request, context);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="____ (_).pdf"; filename*=UTF-8''${encodeURIComponent('電子証書 ')}%28${encodeURIComponent('写')}%29.pdf`,
    );
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
    const wrongMail = { params: Promise.resolve({ id: '00000000-0000-4000-8000-000000000000', attachmentId }) };
    expect((await downloadAttachment(request, wrongMail)).status).toBe(404);
    const malformed = { params: Promise.resolve({ id: 'x', attachmentId }) };
    expect((await downloadAttachment(request, malformed)).status).toBe(404);

    expect(await errorCode(retryMailAction(id, undefined, new FormData()))).toBe(`redirect:/admin/outbox/${id}?saved=retried`);
    expect(await db.outboxMail.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'PENDING', attempts: 0 });
    // Already requeued: the button's answer, not an error page.
    expect(await retryMailAction(id, undefined, new FormData())).toEqual({ error: expect.stringContaining('再送') });
  });
});
