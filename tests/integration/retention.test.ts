import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import AdminHome from '@/app/admin/page';
import { ADMIN_HOME_LABELS as H } from '@/app/admin/labels';
import { RETENTION_VARIABLES, retentionPeriods, type RetentionPeriods } from '@/config/retention';
import { getDb } from '@/db/client';
import { signInWithPassword } from '@/domain/auth/sign-in';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { cancelContractImport, confirmContractImport, previewContractImport } from '@/domain/contracts/import-contracts';
import { enqueueMail } from '@/domain/mail/outbox';
import { lastRetentionRun } from '@/domain/retention/last-run';
import { KEPT_AUDIT_TARGETS, RETENTION_JOB_KEY, runRetentionSweep, sweepExpired } from '@/domain/retention/sweep';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { requestCertification } from '@/domain/certifications/request-certification';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { closeJointVenture } from '@/domain/joint-ventures/close-joint-venture';
import { tokyoMoment } from '@/demo/term-dates';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';
import { resetPassword } from '@/domain/users/reset-password';
import { formatDateTime } from '@/lib/dates';
import { deliverPending } from '@/mail/worker';
import { concludedGuarantee, makeCast, makeUser, must, officer, TERM, TEST_KEY_SECRET as SECRET, TEST_PASSWORD } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
afterEach(() => signInAs(null));

const DAY = 24 * 60 * 60_000;
/** The shortest periods the decision allows: the tests move the clock by these. */
const FLOORS: RetentionPeriods = {
  lookupAttemptDays: RETENTION_VARIABLES.lookupAttemptDays.floor,
  mailDays: RETENTION_VARIABLES.mailDays.floor,
  auditDays: RETENTION_VARIABLES.auditDays.floor,
  signInAuditDays: RETENTION_VARIABLES.signInAuditDays.floor,
  contractPreviewDays: RETENTION_VARIABLES.contractPreviewDays.floor,
  evidencePackDays: RETENTION_VARIABLES.evidencePackDays.floor,
};
const at = (date: Date, ms: number) => new Date(date.getTime() + ms);
/** A transport that accepts every mail (the worker marks them SENT, as after a real SMTP server). */
const accepting = { sendMail: async () => ({ rejected: [] }) };
const RUN = { windowMs: DAY, catchUpMs: 60 * 60_000 };

let cast: Awaited<ReturnType<typeof makeCast>>;
beforeAll(async () => {
  cast = await makeCast();
});

describe('retention periods (RETENTION_* variables)', () => {
  it('defaults: 5 years for lookups, mails and audit rows, a year for sign-ins', () => {
    expect(retentionPeriods({})).toEqual({ lookupAttemptDays: 1827, mailDays: 1827, auditDays: 1827, signInAuditDays: 366, contractPreviewDays: 7, evidencePackDays: 30 });
    expect(retentionPeriods({ RETENTION_MAIL_DAYS: ' 400 ', RETENTION_SIGN_IN_AUDIT_DAYS: '' })).toMatchObject({ mailDays: 400, signInAuditDays: 366 });
  });

  it('a value below its floor, not a whole number or absurdly long stops the start, naming the variable', () => {
    expect(() => retentionPeriods({ RETENTION_LOOKUP_ATTEMPT_DAYS: '365' })).toThrow(/RETENTION_LOOKUP_ATTEMPT_DAYS .*from 366/);
    expect(() => retentionPeriods({ RETENTION_SIGN_IN_AUDIT_DAYS: '182' })).toThrow(/RETENTION_SIGN_IN_AUDIT_DAYS .*from 183/);
    expect(() => retentionPeriods({ RETENTION_MAIL_DAYS: '5y' })).toThrow(/RETENTION_MAIL_DAYS/);
    expect(() => retentionPeriods({ RETENTION_AUDIT_DAYS: '-400' })).toThrow(/RETENTION_AUDIT_DAYS/);
    expect(() => retentionPeriods({ RETENTION_AUDIT_DAYS: '400000' })).toThrow(/RETENTION_AUDIT_DAYS/);
    expect(() => retentionPeriods({ RETENTION_CONTRACT_PREVIEW_DAYS: '0' })).toThrow(/RETENTION_CONTRACT_PREVIEW_DAYS .*from 1/);
    expect(() => retentionPeriods({ RETENTION_EVIDENCE_PACK_DAYS: '0' })).toThrow(/RETENTION_EVIDENCE_PACK_DAYS .*from 1/);
  });
});

describe('the admin home reads the last run', () => {
  it('none before the first run; officers only', async () => {
    const db = await getDb();
    expect(await lastRetentionRun(db, cast.admin.actor)).toBeNull();
    await expect(lastRetentionRun(db, cast.clerk.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    signInAs(cast.admin);
    const html = renderToStaticMarkup(await AdminHome());
    expect(html).toContain(H.retention.title);
    expect(html).toContain(H.retention.never);
  });
});

describe('the sweep works in bounded batches', () => {
  it('at most batchSize × maxBatches rows of a kind per run, oldest first; the rest in the next run', async () => {
    const db = await getDb();
    const old = Array.from({ length: 7 }, (_, i) => new Date(Date.UTC(2001, 0, 1 + i)));
    await db.lookupAttempt.createMany({ data: old.map((createdAt) => ({ numberInput: 'batch', outcome: 'NOT_FOUND' as const, createdAt })) });
    const first = await sweepExpired(db, { periods: FLOORS, batchSize: 3, maxBatches: 2 });
    expect(first.removed.lookupAttempts).toBe(6);
    expect(first.complete).toBe(false);
    const left = await db.lookupAttempt.findMany({ where: { numberInput: 'batch' }, select: { createdAt: true } });
    expect(left.map((r) => r.createdAt)).toEqual([old[6]]); // the oldest went first
    const second = await sweepExpired(db, { periods: FLOORS, batchSize: 3, maxBatches: 2 });
    expect(second.removed.lookupAttempts).toBe(1);
    expect(second.complete).toBe(true);
  });

  it('a scheduled run that left work brings the next run forward (its window shortened to catchUpMs)', async () => {
    const db = await getDb();
    await db.lookupAttempt.createMany({ data: [1, 2, 3].map((d) => ({ numberInput: 'catch-up', outcome: 'NOT_FOUND' as const, createdAt: new Date(Date.UTC(2002, 0, d)) })) });
    const now = at(new Date(), 10 * DAY); // past any window an earlier test claimed
    const run = await runRetentionSweep(db, { ...RUN, now, periods: FLOORS, batchSize: 1, maxBatches: 2 });
    expect(run).toMatchObject({ ran: true, complete: false });
    const claim = await db.rateLimit.findUniqueOrThrow({ where: { key: RETENTION_JOB_KEY } });
    expect(claim.expire).toEqual(at(now, RUN.catchUpMs));
    expect(await runRetentionSweep(db, { ...RUN, now: at(now, RUN.catchUpMs - 1), periods: FLOORS })).toEqual({ ran: false });
    expect(await runRetentionSweep(db, { ...RUN, now: at(now, RUN.catchUpMs), periods: FLOORS, batchSize: 1, maxBatches: 2 })).toMatchObject({ ran: true, complete: true });
    expect(await db.lookupAttempt.count({ where: { numberInput: 'catch-up' } })).toBe(0);
  });
});

describe('a run that stops or fails goes on at the next tick, not the next day', () => {
  const details = async () => (await (await getDb()).auditLog.findFirstOrThrow({ where: { action: 'retention.sweep' }, orderBy: { createdAt: 'desc' } })).details;

  it('a stop ends it between two statements: the window shortened to catchUpMs, the audit row says what it removed', async () => {
    const db = await getDb();
    await db.lookupAttempt.createMany({ data: [1, 2, 3, 4].map((d) => ({ numberInput: 'stop', outcome: 'NOT_FOUND' as const, createdAt: new Date(Date.UTC(2003, 0, d)) })) });
    const now = at(new Date(), 20 * DAY); // past any window an earlier test claimed
    let asked = 0;
    // The process begins to stop after three statements (of the hundreds a run may make).
    const run = await runRetentionSweep(db, { ...RUN, now, periods: FLOORS, batchSize: 1, maxBatches: 1000, stopped: () => ++asked > 3 });
    expect(asked).toBe(4); // asked before each statement, none made once it said so
    expect(run).toMatchObject({ ran: true, stopped: true, complete: false });
    expect(await db.lookupAttempt.count({ where: { numberInput: 'stop' } })).toBeGreaterThan(2);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: RETENTION_JOB_KEY } })).expire).toEqual(at(now, RUN.catchUpMs));
    expect(await details()).toEqual({ removed: run.ran ? run.removed : null, complete: false, stopped: true, periods: FLOORS });
    // The next tick of any instance goes on with it.
    expect(await runRetentionSweep(db, { ...RUN, now: at(now, RUN.catchUpMs), periods: FLOORS })).toMatchObject({ ran: true, stopped: false, complete: true });
    expect(await db.lookupAttempt.count({ where: { numberInput: 'stop' } })).toBe(0);
  });

  it('a failed statement: the window shortened to catchUpMs, the audit row says what was removed before it, the error is thrown', async () => {
    const db = await getDb();
    await db.lookupAttempt.createMany({ data: [1, 2, 3, 4].map((d) => ({ numberInput: 'fail', outcome: 'NOT_FOUND' as const, createdAt: new Date(Date.UTC(2004, 0, d)) })) });
    const now = at(new Date(), 30 * DAY);
    // The connection is lost at the fourth DELETE (rate limits and sessions took one each, the first
    // lookup attempt the third).
    let statements = 0;
    const failing = new Proxy(db, {
      get(target, property) {
        if (property === '$executeRaw') {
          return (...args: Parameters<typeof db.$executeRaw>) => (++statements === 4 ? Promise.reject(new Error('connection lost')) : target.$executeRaw(...args));
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    await expect(runRetentionSweep(failing, { ...RUN, now, periods: FLOORS, batchSize: 1, maxBatches: 1000 })).rejects.toThrow('connection lost');
    const left = await db.lookupAttempt.count({ where: { numberInput: 'fail' } });
    expect(left).toBeGreaterThan(0);
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: RETENTION_JOB_KEY } })).expire).toEqual(at(now, RUN.catchUpMs));
    expect(await details()).toMatchObject({ removed: { lookupAttempts: 4 - left }, complete: false, failed: true, periods: FLOORS });
    expect(await runRetentionSweep(db, { ...RUN, now: at(now, RUN.catchUpMs), periods: FLOORS })).toMatchObject({ ran: true, complete: true });
    expect(await db.lookupAttempt.count({ where: { numberInput: 'fail' } })).toBe(0);
  });
});

describe('once across instances', () => {
  it('two runs at the same moment: one sweeps and writes its audit row, the other skips; nothing runs again inside the window', async () => {
    const db = await getDb();
    const now = at(new Date(), 100 * DAY);
    const auditRows = () => db.auditLog.count({ where: { action: 'retention.sweep' } });
    const before = await auditRows();
    const runs = await Promise.all([runRetentionSweep(db, { ...RUN, now, periods: FLOORS }), runRetentionSweep(db, { ...RUN, now, periods: FLOORS })]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(runs.filter((r) => !r.ran)).toHaveLength(1);
    expect(await auditRows()).toBe(before + 1);
    const row = await db.auditLog.findFirstOrThrow({ where: { action: 'retention.sweep' }, orderBy: { createdAt: 'desc' } });
    expect(row).toMatchObject({ actorUserId: null, targetType: 'retention', targetId: null });
    expect(row.details).toMatchObject({ complete: true, periods: FLOORS, removed: { lookupAttempts: expect.any(Number), mails: expect.any(Number), audit: expect.any(Number) } });
    const removed = (row.details as { removed: Record<string, number> }).removed;
    expect(await lastRetentionRun(db, cast.admin.actor)).toEqual({
      at: row.createdAt,
      lookupAttempts: removed.lookupAttempts,
      mails: removed.mails,
      auditRows: removed.audit! + removed.signInAudit!,
      complete: true,
    });
    signInAs(cast.admin);
    const html = renderToStaticMarkup(await AdminHome());
    expect(html).toContain(H.retention.lastRun(formatDateTime(row.createdAt), removed.lookupAttempts!, removed.mails!, removed.audit! + removed.signInAudit!, true));

    expect(await runRetentionSweep(db, { ...RUN, now: at(now, DAY - 1), periods: FLOORS })).toEqual({ ran: false });
    expect(await runRetentionSweep(db, { ...RUN, now: at(now, DAY), periods: FLOORS })).toMatchObject({ ran: true });
    expect(await auditRows()).toBe(before + 2);
  });
});

describe('each kind is removed just past its period, and kept just within it', () => {
  it('lookup attempts (照会記録): RETENTION_LOOKUP_ATTEMPT_DAYS after they were made', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(cast.contractor, cast.orderer);
    const key = (await getKeyPage(db, cast.contractor.actor, g.number, SECRET)).key;
    const caller = { kind: 'user' as const, actor: cast.clerk.actor };
    expect((await lookupCertificate(db, caller, { number: g.number, key }, { secret: SECRET, clientAddress: '192.0.2.71' })).status).toBe('found');
    expect((await lookupCertificate(db, caller, { number: g.number, key: 'AAAAAAAAAA' }, { secret: SECRET, clientAddress: '192.0.2.71' })).status).toBe('not-found');
    const rows = await db.lookupAttempt.findMany({ where: { guaranteeId: g.guaranteeId }, select: { id: true, createdAt: true } });
    expect(rows).toHaveLength(2);
    const newest = Math.max(...rows.map((r) => r.createdAt.getTime()));
    const oldest = Math.min(...rows.map((r) => r.createdAt.getTime()));
    const period = FLOORS.lookupAttemptDays * DAY;

    await sweepExpired(db, { now: new Date(oldest + period), periods: FLOORS });
    expect(await db.lookupAttempt.count({ where: { guaranteeId: g.guaranteeId } })).toBe(2);
    await sweepExpired(db, { now: new Date(newest + period + 1), periods: FLOORS });
    expect(await db.lookupAttempt.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
    // The confirmation the found lookup recorded is kept.
    expect(await db.confirmation.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);
  });

  it('mails sent or failed for good, with their attachments: RETENTION_MAIL_DAYS after they were queued; a mail not sent yet never', async () => {
    const db = await getDb();
    // A contractor with an address: its conclusion mails (登録のお知らせ…) are queued.
    const contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: 'keiri@retention.example.jp' });
    const g = await concludedGuarantee(contractor, cast.orderer);
    // And one with an attachment, queued as every use case queues mail.
    await db.$transaction((tx) =>
      enqueueMail(tx, {
        template: 'certificate-registered',
        to: ['keiri@retention.example.jp'],
        subject: '添付のあるお知らせ',
        bodyText: '本文',
        relatedType: 'guarantee',
        relatedId: g.guaranteeId,
        attachments: [{ filename: '添付.pdf', contentType: 'application/pdf', content: new Uint8Array([37, 80, 68, 70]) }],
      }),
    );
    await deliverPending(db, accepting, at(new Date(), 1000));
    const sent = await db.outboxMail.findMany({ where: { relatedId: g.guaranteeId }, select: { id: true, status: true, createdAt: true } });
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((m) => m.status === 'SENT')).toBe(true);
    // A mail queued after the delivery stays PENDING (no SMTP server answers it here).
    await db.$transaction((tx) =>
      enqueueMail(tx, { template: 'certificate-registered', to: ['keiri@retention.example.jp'], subject: '未送信', bodyText: '本文', relatedType: 'guarantee', relatedId: g.guaranteeId }),
    );
    const pending = await db.outboxMail.findMany({ where: { relatedId: g.guaranteeId, status: 'PENDING' }, select: { id: true, attachments: { select: { id: true } } } });
    expect(pending.length).toBeGreaterThan(0);
    const newest = Math.max(...sent.map((m) => m.createdAt.getTime()));
    const oldest = Math.min(...sent.map((m) => m.createdAt.getTime()));
    const period = FLOORS.mailDays * DAY;
    const ids = sent.map((m) => m.id);

    await sweepExpired(db, { now: new Date(oldest + period), periods: FLOORS });
    expect(await db.outboxMail.count({ where: { id: { in: ids } } })).toBe(ids.length);
    const attachments = await db.mailAttachment.count({ where: { mailId: { in: ids } } });
    expect(attachments).toBe(1);
    const report = await sweepExpired(db, { now: new Date(newest + period + 1), periods: FLOORS });
    expect(await db.outboxMail.count({ where: { id: { in: ids } } })).toBe(0);
    expect(await db.mailAttachment.count({ where: { mailId: { in: ids } } })).toBe(0);
    expect(report.removed.mails).toBeGreaterThanOrEqual(ids.length);
    expect(report.removed.mailAttachments).toBeGreaterThanOrEqual(attachments);

    await sweepExpired(db, { now: at(new Date(), 30_000 * DAY), periods: FLOORS });
    for (const p of pending) {
      expect(await db.outboxMail.findUnique({ where: { id: p.id }, select: { status: true } })).toEqual({ status: 'PENDING' });
      expect(await db.mailAttachment.count({ where: { mailId: p.id } })).toBe(p.attachments.length);
    }
  });

  it('sign-in rows after RETENTION_SIGN_IN_AUDIT_DAYS, other time-bound audit rows after RETENTION_AUDIT_DAYS', async () => {
    const db = await getDb();
    const user = await makeUser('CONTRACTOR');
    expect((await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '192.0.2.72' })).ok).toBe(true);
    await resetPassword(db, await officer(db), user.id);
    const rows = await db.auditLog.findMany({ where: { targetType: 'user', targetId: user.id }, select: { action: true, createdAt: true } });
    const when = (action: string) => rows.find((r) => r.action === action)!.createdAt.getTime();
    const count = (action: string) => db.auditLog.count({ where: { targetType: 'user', targetId: user.id, action } });
    const signIn = when('auth.sign-in');
    const reset = when('user.reset-password');

    await sweepExpired(db, { now: new Date(signIn + FLOORS.signInAuditDays * DAY), periods: FLOORS });
    expect(await count('auth.sign-in')).toBe(1);
    await sweepExpired(db, { now: new Date(signIn + FLOORS.signInAuditDays * DAY + 1), periods: FLOORS });
    expect(await count('auth.sign-in')).toBe(0);
    expect(await count('user.reset-password')).toBe(1);

    await sweepExpired(db, { now: new Date(reset + FLOORS.auditDays * DAY), periods: FLOORS });
    expect(await count('user.reset-password')).toBe(1);
    await sweepExpired(db, { now: new Date(reset + FLOORS.auditDays * DAY + 1), periods: FLOORS });
    expect(await count('user.reset-password')).toBe(0);
  });

  it('sessions once expired; rate-limit windows an hour after they ended', async () => {
    const db = await getDb();
    const user = await makeUser('ORDERER');
    const wrong = await signInWithPassword(db, { loginId: user.loginId, password: 'wrong-password-1', clientAddress: '192.0.2.73' });
    expect(wrong.ok).toBe(false);
    const signedIn = await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '192.0.2.73' });
    if (!signedIn.ok) throw new Error('sign-in failed');
    const session = await db.userSession.findUniqueOrThrow({ where: { id: signedIn.sessionId } });
    const window = await db.rateLimit.findFirstOrThrow({ where: { key: { contains: '192.0.2.73' } } });

    await sweepExpired(db, { now: at(window.expire!, 60 * 60_000 - 1), periods: FLOORS });
    expect(await db.rateLimit.count({ where: { key: window.key } })).toBe(1);
    await sweepExpired(db, { now: at(window.expire!, 60 * 60_000), periods: FLOORS });
    expect(await db.rateLimit.count({ where: { key: window.key } })).toBe(0);

    await sweepExpired(db, { now: at(session.expiresAt, -1), periods: FLOORS });
    expect(await db.userSession.count({ where: { id: session.id } })).toBe(1);
    await sweepExpired(db, { now: session.expiresAt, periods: FLOORS });
    expect(await db.userSession.count({ where: { id: session.id } })).toBe(0);
  });
});

describe('契約台帳 files read and never imported (decision 068)', () => {
  it('a preview left waiting and one set aside go RETENTION_CONTRACT_PREVIEW_DAYS after they were read (7 by default); an imported file stays with its revisions', async () => {
    const db = await getDb();
    const file = (n: string) => ({
      filename: `${n}.csv`,
      encoding: 'utf-8' as const,
      bytes: new TextEncoder().encode(`契約番号,工事名,受注者,請負金額,契約日,工期（自）,工期（至）\r\n${n},〇〇道路改良工事,株式会社〇〇建設,40000000,2026/4/1,2026/4/2,2027/3/15\r\n`),
    });
    const tag = Math.random().toString(36).slice(2, 8);
    const waiting = must(await previewContractImport(db, cast.clerk.actor, file(`W-${tag}`)));
    const dropped = must(await previewContractImport(db, cast.clerk.actor, file(`D-${tag}`)));
    must(await cancelContractImport(db, cast.clerk.actor, dropped.id));
    const imported = must(await previewContractImport(db, cast.clerk.actor, file(`I-${tag}`)));
    must(await confirmContractImport(db, cast.clerk.actor, imported.id));
    const ids = [waiting.id, dropped.id, imported.id];
    const rows = await db.contractImport.findMany({ where: { id: { in: ids } }, select: { createdAt: true } });
    const newest = Math.max(...rows.map((r) => r.createdAt.getTime()));
    const oldest = Math.min(...rows.map((r) => r.createdAt.getTime()));
    const week = retentionPeriods({}).contractPreviewDays * DAY;

    // Just within the week: all three kept; the other periods are at their floors, far longer.
    expect((await sweepExpired(db, { now: new Date(oldest + week), periods: { ...FLOORS, contractPreviewDays: 7 } })).removed.contractImports).toBe(0);
    expect(await db.contractImport.count({ where: { id: { in: ids } } })).toBe(3);
    const run = await sweepExpired(db, { now: new Date(newest + week + 1), periods: { ...FLOORS, contractPreviewDays: 7 } });
    expect(run.removed.contractImports).toBeGreaterThanOrEqual(2);
    expect((await db.contractImport.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((r) => r.id)).toEqual([imported.id]);
    // The imported contract and its revision, which names the file, are untouched; a century changes nothing.
    await sweepExpired(db, { now: new Date(newest + 36_500 * DAY), periods: FLOORS });
    const contract = await db.contract.findFirstOrThrow({ where: { ordererId: cast.orderer.id, contractNumber: `I-${tag}` }, select: { revisions: { select: { importId: true } } } });
    expect(contract.revisions).toEqual([{ importId: imported.id }]);
    expect(await db.contractImport.count({ where: { id: imported.id } })).toBe(1);
  });
});

describe('what is kept for good is never touched', () => {
  it('guarantees, applications, certificate versions, confirmations, 発注者へ送信 with its mail, 共同企業体, 中間前払金の認定 with its PDFs, and the audit rows about them outlive every period', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(cast.contractor, cast.orderer);
    const key = (await getKeyPage(db, cast.contractor.actor, g.number, SECRET)).key;
    expect((await lookupCertificate(db, { kind: 'user', actor: cast.clerk.actor }, { number: g.number, key }, { secret: SECRET, clientAddress: '192.0.2.74' })).status).toBe('found');
    const submitted = must(await sendKeyNoticeToOrderer(db, cast.contractor.actor, g.number, SECRET, { confirmResend: false }));
    await deliverPending(db, accepting, at(new Date(), 1000));
    must(await reissueAuthKey(db, cast.contractor.actor, g.number, SECRET));
    const partner = await makeUser('CONTRACTOR');
    const admin = await officer(db);
    const jv = must(
      await saveJointVenture(db, admin, undefined, {
        name: '〇〇・△△特定建設工事共同企業体',
        kind: 'SPECIFIC',
        mode: 'JOINT',
        representative: '0',
        members: [
          { organizationId: cast.contractor.actor.organizationId, share: '60' },
          { organizationId: partner.actor.organizationId, share: '40' },
        ],
      }),
    );
    must(await closeJointVenture(db, admin, jv.id, { closedOn: TERM.periodEnd }));
    const half = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
    const certifiedAt = tokyoMoment(half, '10:00');
    const certification = must(
      await requestCertification(
        db,
        cast.contractor.actor,
        {
          guaranteeNumber: g.number,
          reportedOn: half,
          plannedProgress: '50',
          actualProgress: '50',
          workDoneAmount: '50,000,000',
          requestedAmount: '20,000,000',
          noPartialPayment: true,
          files: [{ name: '工事履行報告書.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') }],
        },
        { now: certifiedAt, attachmentDir: null },
      ),
    );
    must(await decideCertification(db, cast.clerk.actor, certification.id, { decision: 'CERTIFY' }, certifiedAt));

    const guarantee = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId }, select: { applicationId: true } });
    const kept = async () => ({
      guarantees: await db.guarantee.count(),
      applications: await db.application.count(),
      versions: await db.certificateVersion.count(),
      confirmations: await db.confirmation.count(),
      submissions: await db.submission.count(),
      submissionMail: await db.outboxMail.count({ where: { id: submitted.mailId } }),
      keys: await db.authKey.count(),
      premiumDocuments: await db.premiumDocument.count(),
      jointVentures: await db.jointVentureMember.count({ where: { jointVentureId: jv.id } }),
      jvAudit: (await db.auditLog.findMany({ where: { targetType: 'jointVenture', targetId: jv.id }, select: { action: true }, orderBy: { action: 'asc' } })).map((r) => r.action),
      certifications: await db.intermediateCertification.count({ where: { id: certification.id, status: 'CERTIFIED' } }),
      certificationFiles: await db.certificationAttachment.count({ where: { certificationId: certification.id, content: { not: null } } }),
      certificationAudit: (await db.auditLog.findMany({ where: { targetType: 'certification', targetId: certification.id }, select: { action: true }, orderBy: { action: 'asc' } })).map((r) => r.action),
      auditKept: await db.auditLog.count({ where: { targetType: { in: [...KEPT_AUDIT_TARGETS] } } }),
      ownAudit: await db.auditLog.findMany({
        where: { OR: [{ targetType: 'guarantee', targetId: g.guaranteeId }, { targetType: 'application', targetId: guarantee.applicationId }] },
        select: { action: true },
        orderBy: { action: 'asc' },
      }),
    });
    const before = await kept();
    expect(before.ownAudit.map((r) => r.action)).toEqual(expect.arrayContaining(['application.conclude', 'application.submit', 'auth-key.reissue', 'guarantee.submit-to-orderer']));
    expect(before.submissionMail).toBe(1);
    expect(before.jvAudit).toEqual(['joint-venture.close', 'joint-venture.create']);
    expect(before).toMatchObject({ certifications: 1, certificationFiles: 1, certificationAudit: ['certification.certify', 'certification.request'] });

    // A century on, at the shortest periods: everything time-bound goes, over as many runs as it takes.
    const now = at(new Date(), 36_500 * DAY);
    for (let i = 0; i < 20 && !(await sweepExpired(db, { now, periods: FLOORS })).complete; i++);
    expect(await db.lookupAttempt.count()).toBe(0);
    expect(await db.auditLog.count({ where: { targetType: { notIn: [...KEPT_AUDIT_TARGETS] } } })).toBe(0);
    expect(await db.outboxMail.count({ where: { status: { not: 'PENDING' }, submission: null } })).toBe(0);

    expect(await kept()).toEqual(before);
    // The contractor's 送信履歴 still reads where its mail stands.
    const page = await getContractorCertificate(db, cast.contractor.actor, g.number);
    expect(page.submissions).toHaveLength(1);
    expect(page.submissions[0]!.state).toMatchObject({ kind: 'sent' });
  });
});
