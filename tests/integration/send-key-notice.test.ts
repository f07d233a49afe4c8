import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sendToOrdererAction } from '@/actions/guarantee-actions';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import { getDb, type Db } from '@/db/client';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { keyRefusal, KEY_NOTICE_TEMPLATE, KEY_NOTICE_WITHDRAWN, SEND_MESSAGES } from '@/domain/guarantees/messages';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { keyNoticePdf } from '@/domain/guarantees/render-key-notice';
import { previewKeyNotice, sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { RETRY_WITHDRAWN } from '@/domain/mail/messages';
import { getOutboxMail, retryMail } from '@/domain/mail/outbox';
import { listOutbox } from '@/domain/mail/outbox-list';
import { parseOutboxListParams } from '@/domain/mail/outbox-list-params';
import { getAdminWaiting } from '@/domain/organizations/overview';
import { formatDateTime, todayInTokyo } from '@/lib/dates';
import { createMailTransport, type MailTransport } from '@/mail/transport';
import { deliverPending } from '@/mail/worker';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TERM, TEST_KEY_SECRET as SECRET } from '../support/factories';
import { signInAs } from '../support/session';
import { startSmtp } from '../support/smtp';

vi.mock('@/auth/config', () => import('../support/session'));
// The key page polls with Next's router while a sending waits; renderToStaticMarkup has no router.
vi.mock('next/navigation', async (importOriginal) => ({ ...(await importOriginal<typeof import('next/navigation')>()), useRouter: () => ({ refresh() {} }) }));

/**
 * 「発注者へ送信」 with a preview (issue 14, item 7): the preview shows the very mail the sending
 * queues; a mail that changed since the preview is not sent unseen; the contractor's pages say where
 * each sending stands (送信待ち → 送信済み / 失敗 / 取り消し); only the guarantee's contractor sees any of it.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let db: Db;
let company: Made;
let colleague: Made;
let stranger: Made;
let clerk: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

const form = (entries: Record<string, string> = {}) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};
const pageProps = (number: string, query: Record<string, string> = {}) => ({ params: Promise.resolve({ number }), searchParams: Promise.resolve(query) }) as never;
const previewPage = async (number: string, query: Record<string, string> = {}) => {
  const { default: SendPreviewPage } = await import('@/app/contractor/guarantees/[number]/key/send/page');
  return renderToStaticMarkup(await SendPreviewPage(pageProps(number, query)));
};
const keyPage = async (number: string) => {
  const { default: KeyPage } = await import('@/app/contractor/guarantees/[number]/key/page');
  return renderToStaticMarkup(await KeyPage(pageProps(number)));
};
/** HTML text as the page shows it (React escapes quotes and ampersands). */
const escaped = (text: string) => renderToStaticMarkup(createElement(Fragment, null, text));
/** Mails other than `keep` wait: a delivery run in a test sends only that test's mail. */
const holdOthers = (keep: string) => db.outboxMail.updateMany({ where: { status: 'PENDING', id: { not: keep } }, data: { nextAttemptAt: new Date('2100-01-01T00:00:00Z') } });
const failing: MailTransport = {
  sendMail: async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' });
  },
};

beforeAll(async () => {
  db = await getDb();
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  orderer = await makeOrderer();
  company = await makeUser('CONTRACTOR');
  colleague = await makeUser('CONTRACTOR', company.actor.organizationId);
  stranger = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
});
beforeEach(() => signInAs(null));

describe('the preview is the mail that is sent', () => {
  it('宛先, 件名, 本文 and 添付ファイル名 of the preview are those of the queued mail, of the page, and of the mail the SMTP server receives', async () => {
    const g = await concludedGuarantee(company, orderer, { projectName: '〇〇道路改良工事「第1工区」&舗装' });
    const preview = must(await previewKeyNotice(db, company.actor, g.number, SECRET));
    expect(preview.mail.to).toEqual(['keiyaku@example.jp']);
    expect(preview.lastSentAt).toBeNull();

    // The page shows each part as it is.
    signInAs(company);
    const html = await previewPage(g.number);
    expect(html).toContain(escaped(L.mailTo(orderer.name, '契約課', 'keiyaku@example.jp')));
    expect(html).toContain(escaped(preview.mail.subject));
    expect(html).toContain(`<pre class="`);
    expect(html).toContain(escaped(preview.mail.bodyText));
    expect(html).toContain(escaped(`認証キー等のお知らせ_${g.number}.pdf`));
    expect(html).toContain(`name="previewed" value="${preview.fingerprint}"`);
    expect(html).toContain(L.confirmSend);
    expect(html).not.toContain(L.confirmResend); // never sent: no confirmation box

    // Sending with what the preview showed queues exactly that mail.
    const sent = must(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: false, previewed: preview.fingerprint }));
    const queued = await db.outboxMail.findUniqueOrThrow({ where: { id: sent.mailId }, include: { attachments: true } });
    expect({ to: queued.to, subject: queued.subject, bodyText: queued.bodyText, attachmentNames: queued.attachments.map((a) => a.filename) }).toEqual(preview.mail);
    expect(queued.template).toBe(KEY_NOTICE_TEMPLATE);

    // …and the orderer receives it so: the text, the subject, the address, the PDF of the current key.
    await holdOthers(sent.mailId);
    const smtp = await startSmtp();
    try {
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!, new Date(Date.now() + 1000));
      const mail = smtp.received.find((m) => m.parsed.messageId?.includes(sent.mailId))!;
      expect(mail.envelopeTo).toEqual(preview.mail.to);
      expect(mail.parsed.subject).toBe(preview.mail.subject);
      expect(mail.parsed.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(preview.mail.bodyText);
      expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(preview.mail.attachmentNames);
      const pdf = (await keyNoticePdf(db, company.actor, g.number, SECRET)).bytes;
      expect(Buffer.from(mail.parsed.attachments[0]!.content).equals(Buffer.from(pdf))).toBe(true);
    } finally {
      await smtp.close();
    }
  });

  it('a mail that changed after the preview (a reissued key, a new address) is not sent: the action shows the new preview', async () => {
    const g = await concludedGuarantee(company, orderer);
    const first = must(await previewKeyNotice(db, company.actor, g.number, SECRET));
    must(await reissueAuthKey(db, colleague.actor, g.number, SECRET));
    expect(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: false, previewed: first.fingerprint })).toEqual({
      ok: false,
      fieldErrors: { previewed: [SEND_MESSAGES.previewOutdated] },
    });
    signInAs(company);
    await expect(sendToOrdererAction(g.number, undefined, form({ previewed: first.fingerprint }))).rejects.toMatchObject({
      digest: expect.stringContaining(`/contractor/guarantees/${g.number}/key/send?outdated=1`),
    });
    // A form without the preview's token is shown the preview too.
    await expect(sendToOrdererAction(g.number, undefined, form())).rejects.toMatchObject({ digest: expect.stringContaining('?outdated=1') });
    expect(await db.submission.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
    expect(await db.outboxMail.count({ where: { relatedId: g.guaranteeId, template: KEY_NOTICE_TEMPLATE } })).toBe(0);
    expect(await previewPage(g.number, { outdated: '1' })).toContain(escaped(L.previewOutdated));

    // The new preview is another mail (another key); an address changed after it, another again.
    const second = must(await previewKeyNotice(db, company.actor, g.number, SECRET));
    expect(second.fingerprint).not.toBe(first.fingerprint);
    await db.department.update({ where: { id: orderer.departmentId }, data: { email: 'keiyaku2@example.jp' } });
    try {
      const moved = await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: false, previewed: second.fingerprint });
      expect(moved).toEqual({ ok: false, fieldErrors: { previewed: [SEND_MESSAGES.previewOutdated] } });
      const third = must(await previewKeyNotice(db, company.actor, g.number, SECRET));
      expect(third.mail.to).toEqual(['keiyaku2@example.jp']);
      must(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: false, previewed: third.fingerprint }));
    } finally {
      await db.department.update({ where: { id: orderer.departmentId }, data: { email: 'keiyaku@example.jp' } });
    }
  });

  it('a second sending: the preview says when the last one went and asks for the box; without it, the box’s own error', async () => {
    const g = await concludedGuarantee(company, orderer);
    const preview = must(await previewKeyNotice(db, company.actor, g.number, SECRET));
    signInAs(company);
    await expect(sendToOrdererAction(g.number, undefined, form({ previewed: preview.fingerprint }))).rejects.toMatchObject({
      digest: expect.stringContaining(`/contractor/guarantees/${g.number}/key?saved=sent`),
    });
    const again = must(await previewKeyNotice(db, company.actor, g.number, SECRET));
    expect(again.fingerprint).toBe(preview.fingerprint); // the same mail
    expect(again.lastSentAt).not.toBeNull();
    const html = await previewPage(g.number);
    expect(html).toContain(escaped(L.lastSent(formatDateTime(again.lastSentAt!))));
    expect(html).toContain(escaped(L.confirmResend));
    expect(html).toMatch(/<form [^>]*novalidate/i);
    expect(html).not.toContain('required');

    expect(await sendToOrdererAction(g.number, undefined, form({ previewed: again.fingerprint }))).toEqual({
      error: SEND_MESSAGES.resendQuestion((await db.submission.findFirstOrThrow({ where: { guaranteeId: g.guaranteeId } })).createdAt),
      field: 'confirmResend',
    });
    await expect(sendToOrdererAction(g.number, undefined, form({ previewed: again.fingerprint, confirmResend: 'on' }))).rejects.toMatchObject({
      digest: expect.stringContaining('saved=sent'),
    });
    expect(await db.submission.count({ where: { guaranteeId: g.guaranteeId } })).toBe(2);
  });
});

describe('where each sending stands, on the key page and the certificate page', () => {
  it('送信を受け付けました, 送信待ち → 送信済み（日時）; a failed attempt: 再試行; the last one failed: 送信できませんでした; a reissue: 取り消し', async () => {
    const g = await concludedGuarantee(company, orderer);
    signInAs(company);
    expect(await keyPage(g.number)).toContain(escaped(L.noSubmissions));

    const first = must(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: false, previewed: must(await previewKeyNotice(db, company.actor, g.number, SECRET)).fingerprint }));
    let html = await keyPage(g.number);
    expect(html).toContain(escaped(L.latestState(L.submissionState.queued)));
    expect(html).toContain(escaped(L.autoRefresh));
    expect(html).toContain(escaped(L.refresh));
    expect(html).not.toContain('送信メール');

    // A failed attempt: it will be tried again (the SMTP error is never shown to the contractor).
    await holdOthers(first.mailId);
    await deliverPending(db, failing, new Date(Date.now() + 1000));
    const retry = await db.outboxMail.findUniqueOrThrow({ where: { id: first.mailId } });
    html = await keyPage(g.number);
    expect(html).toContain(escaped(L.latestState(L.submissionState.retrying)));
    expect(html).toContain(escaped(L.submissionStateNote.retrying(formatDateTime(retry.nextAttemptAt))));
    expect(html).not.toContain('ECONNREFUSED');

    // Sent.
    const smtp = await startSmtp();
    try {
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!, new Date(retry.nextAttemptAt.getTime() + 1000));
    } finally {
      await smtp.close();
    }
    const delivered = await db.outboxMail.findUniqueOrThrow({ where: { id: first.mailId } });
    expect(delivered.status).toBe('SENT');
    html = await keyPage(g.number);
    expect(html).toContain(escaped(L.latestState(L.submissionState.sent(formatDateTime(delivered.sentAt!)))));
    expect(html).not.toContain(escaped(L.autoRefresh)); // nothing left to wait for

    // Sent again, and the last attempt fails: given up, said plainly.
    const resend = must(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: true }));
    await db.outboxMail.update({ where: { id: resend.mailId }, data: { attempts: 7 } });
    await holdOthers(resend.mailId);
    await deliverPending(db, failing, new Date(Date.now() + 1000));
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: resend.mailId } })).status).toBe('FAILED');
    html = await keyPage(g.number);
    expect(html).toContain(escaped(L.latestState(L.submissionState.gaveUp)));
    expect(html).toContain(escaped(L.submissionStateNote.gaveUp));

    // The certificate page lists the same states.
    const { default: CertificatePage } = await import('@/app/contractor/guarantees/[number]/page');
    const certificatePage = async () => renderToStaticMarkup(await CertificatePage(pageProps(g.number)));
    let certificate = await certificatePage();
    for (const word of [L.submissionState.gaveUp, L.submissionState.sent(formatDateTime(delivered.sentAt!))]) expect(certificate).toContain(escaped(word));

    // Sent a third time, then the key is reissued before it went: withdrawn, and so is the one that
    // had failed (its key is dead too: nobody sends it again).
    must(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: true }));
    must(await reissueAuthKey(db, company.actor, g.number, SECRET));
    html = await keyPage(g.number);
    expect(html).toContain(escaped(L.latestState(L.submissionState.withdrawn)));
    expect(html).toContain(escaped(L.submissionStateNote.withdrawn));
    certificate = await certificatePage();
    for (const word of [L.submissionState.withdrawn, L.submissionState.sent(formatDateTime(delivered.sentAt!))]) expect(certificate).toContain(escaped(word));
    expect(certificate).not.toContain(escaped(L.submissionState.gaveUp));

    // The officers' outbox lists each of them, as every mail.
    const outbox = await listOutbox(db, admin.actor, parseOutboxListParams({ q: g.number }));
    expect(outbox.rows.filter((r) => r.to.includes('keiyaku@example.jp'))).toHaveLength(3);
  });
});

describe('a reissue withdraws every notice with the old key that did not go, and every reader agrees (046)', () => {
  it('a pending one and one that had failed are withdrawn alike; a sent one, its PDF emptied by the worker, stays sent', async () => {
    const g = await concludedGuarantee(company, orderer);
    const send = async () => must(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: true })).mailId;
    const baseline = await getAdminWaiting(db, admin.actor);

    // Sent: the worker empties its sealed PDF (the name stays).
    const sent = await send();
    await holdOthers(sent);
    const smtp = await startSmtp();
    try {
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!, new Date(Date.now() + 1000));
    } finally {
      await smtp.close();
    }
    // Failed for good (SMTP): an officer may 再送 it, and the admin home counts it as waiting.
    const failed = await send();
    await db.outboxMail.update({ where: { id: failed }, data: { attempts: 7 } });
    await holdOthers(failed);
    await deliverPending(db, failing, new Date(Date.now() + 1000));
    expect((await getOutboxMail(db, admin.actor, failed)).retryable).toBe(true);
    expect((await getAdminWaiting(db, admin.actor)).failedMails).toBe(baseline.failedMails + 1);
    // Not sent yet.
    const pending = await send();

    must(await reissueAuthKey(db, company.actor, g.number, SECRET));
    const rows = await db.outboxMail.findMany({ where: { id: { in: [sent, failed, pending] } }, include: { attachments: true } });
    const row = (id: string) => rows.find((r) => r.id === id)!;
    expect(row(sent)).toMatchObject({ status: 'SENT', lastError: null });
    expect(row(sent).attachments.map((a) => [a.sealed, a.content.byteLength])).toEqual([[true, 0]]);
    for (const id of [failed, pending]) {
      expect(row(id)).toMatchObject({ status: 'FAILED', lastError: KEY_NOTICE_WITHDRAWN });
      expect(row(id).attachments.map((a) => [a.sealed, a.content.byteLength])).toEqual([[true, 0]]);
    }

    // The contractor's 送信履歴: 取り消し for both, 送信済み for the sent one.
    const { submissions } = await getContractorCertificate(db, company.actor, g.number);
    const submissionIds = new Map((await db.submission.findMany({ where: { guaranteeId: g.guaranteeId } })).map((s) => [s.outboxMailId!, s.id]));
    const stateOf = (id: string) => submissions.find((s) => s.id === submissionIds.get(id))!.state.kind;
    expect([stateOf(sent), stateOf(failed), stateOf(pending)]).toEqual(['sent', 'withdrawn', 'withdrawn']);
    // The officers: no 再送 for either (the page and the use case), none of them waits on the admin home.
    for (const id of [failed, pending]) {
      expect((await getOutboxMail(db, admin.actor, id)).retryable).toBe(false);
      await expect(retryMail(db, admin.actor, id)).rejects.toMatchObject({ code: 'CONFLICT', userMessage: RETRY_WITHDRAWN });
    }
    expect((await getAdminWaiting(db, admin.actor)).failedMails).toBe(baseline.failedMails);
    // The sent one is not taken for withdrawn: refused as any sent mail, not as a withdrawn notice.
    await expect(retryMail(db, admin.actor, sent)).rejects.toMatchObject({ code: 'CONFLICT', userMessage: expect.not.stringContaining(RETRY_WITHDRAWN) });
    expect((await db.outboxMail.findMany({ where: { id: { in: [failed, pending] } } })).every((m) => m.status === 'FAILED')).toBe(true);

    // The audit says how many were withdrawn; a second reissue has none left to withdraw.
    must(await reissueAuthKey(db, company.actor, g.number, SECRET));
    const audits = await db.auditLog.findMany({ where: { action: 'auth-key.reissue', targetId: g.guaranteeId }, orderBy: { createdAt: 'asc' } });
    expect(audits.map((a) => (a.details as { withdrawnMails: number }).withdrawnMails)).toEqual([2, 0]);
  });
});

describe('a notice already on its way when the key is reissued', () => {
  it('is recorded as sent, as it was: the worker’s lease still holds, whatever the reissue wrote meanwhile', async () => {
    const g = await concludedGuarantee(company, orderer);
    const sent = must(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: true }));
    await holdOthers(sent.mailId);
    // The reissue lands while the SMTP server is taking the message.
    const smtp = await startSmtp();
    try {
      const real = createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!;
      const racing: MailTransport = {
        sendMail: async (message) => {
          must(await reissueAuthKey(db, company.actor, g.number, SECRET));
          return real.sendMail(message);
        },
      };
      await deliverPending(db, racing, new Date(Date.now() + 1000));
    } finally {
      await smtp.close();
    }
    const mail = await db.outboxMail.findUniqueOrThrow({ where: { id: sent.mailId } });
    expect(mail.status).toBe('SENT');
    expect(mail.sentAt).not.toBeNull();
    expect(mail.lastError).toBeNull();
    signInAs(company);
    const html = await keyPage(g.number);
    expect(html).toContain(escaped(L.latestState(L.submissionState.sent(formatDateTime(mail.sentAt!)))));
    expect(html).not.toContain(escaped(L.submissionState.withdrawn));
  });
});

describe('who may preview and send', () => {
  it('the company’s users; another company and the signed-out as for any page; orderers and officers: 404', async () => {
    const g = await concludedGuarantee(company, orderer);
    // The use case: the company only.
    must(await previewKeyNotice(db, colleague.actor, g.number, SECRET));
    await expect(previewKeyNotice(db, stranger.actor, g.number, SECRET)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const who of [clerk, admin]) await expect(previewKeyNotice(db, who.actor, g.number, SECRET)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // The page: 404 for anyone else, the sign-in page when signed out.
    for (const who of [stranger, clerk, admin]) {
      signInAs(who);
      await expect(previewPage(g.number)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
    signInAs(null);
    await expect(previewPage(g.number)).rejects.toMatchObject({ digest: expect.stringContaining('/login') });

    // The action: 404 for another company, refused for other roles, the sign-in page when signed out.
    const fingerprint = must(await previewKeyNotice(db, company.actor, g.number, SECRET)).fingerprint;
    signInAs(stranger);
    await expect(sendToOrdererAction(g.number, undefined, form({ previewed: fingerprint }))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    for (const who of [clerk, admin]) {
      signInAs(who);
      await expect(sendToOrdererAction(g.number, undefined, form({ previewed: fingerprint }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    signInAs(null);
    await expect(sendToOrdererAction(g.number, undefined, form({ previewed: fingerprint }))).rejects.toMatchObject({ digest: expect.stringContaining('/login') });
    expect(await db.submission.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);

    // A colleague sends the mail of their own preview (it names who sends it); the states are on the
    // company's pages only (KeyPage answers 404 to anyone else).
    const theirs = must(await previewKeyNotice(db, colleague.actor, g.number, SECRET)).fingerprint;
    expect(theirs).not.toBe(fingerprint);
    signInAs(colleague);
    await expect(sendToOrdererAction(g.number, undefined, form({ previewed: theirs }))).rejects.toMatchObject({ digest: expect.stringContaining('saved=sent') });
    for (const who of [stranger, clerk]) {
      signInAs(who);
      await expect(keyPage(g.number)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
  });

  it('解除 (040): the preview says why nothing is sent and offers no form; the action refuses with the same reason', async () => {
    const g = await concludedGuarantee(company, orderer);
    const today = todayInTokyo();
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: today, reason: '契約解除のため' }));
    const reason = keyRefusal({ status: 'CANCELLED', guaranteeEnd: TERM.guaranteeEnd, cancelledOn: today })!;
    expect(await previewKeyNotice(db, company.actor, g.number, SECRET)).toEqual({ ok: false, fieldErrors: { '': [reason] } });
    signInAs(company);
    const html = await previewPage(g.number);
    expect(html).toContain(escaped(reason));
    for (const gone of [L.confirmSend, 'name="previewed"', L.mailFields.body]) expect(html).not.toContain(gone);
    expect(await sendToOrdererAction(g.number, undefined, form({ previewed: 'anything', confirmResend: 'on' }))).toEqual({ error: reason, field: '' });
    expect(await db.submission.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
  });
});
