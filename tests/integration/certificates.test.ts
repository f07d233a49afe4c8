import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { reissueKeyAction, sendToOrdererAction } from '@/actions/guarantee-actions';
import { GET as keyNoticeRoute } from '@/app/contractor/guarantees/[number]/key/notice/route';
import { GET as premiumRoute } from '@/app/contractor/guarantees/[number]/premium/[documentId]/route';
import { getDb } from '@/db/client';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { keyNoticePdf } from '@/domain/guarantees/render-key-notice';
import { listContractorPremiums } from '@/domain/premium/list-contractor-premiums';
import { parsePremiumListParams } from '@/domain/premium/premium-list-params';
import { sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { listContractorGuarantees } from '@/domain/guarantees/list';
import { parseListParams } from '@/domain/guarantees/list-params';
import { currentKeyMatches } from '@/domain/guarantees/verify';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { createMailTransport } from '@/mail/transport';
import { deliverPending } from '@/mail/worker';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TEST_KEY_SECRET as SECRET } from '../support/factories';
import { signInAs } from '../support/session';
import { startSmtp } from '../support/smtp';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;
let company: Made;
let colleague: Made;
let stranger: Made;
let clerk: Made;
let admin: Made;
let omura: { id: string; departmentId: string; name: string; worksDepartmentId: string; keiyakuEmail: string };
const numbers: string[] = [];

beforeAll(async () => {
  const db = await getDb();
  const o = await officer(db);
  // An orderer routed like 大村市: advance payments to the contract's 工事担当課, 契約保証 to 契約課.
  const base = await makeOrderer();
  const works = must(await saveDepartment(db, o, base.id, undefined, { name: '都市整備部土木課', kind: 'WORKS_SECTION', email: 'doboku@omura.example.jp', active: true }));
  must(
    await saveOrderer(db, o, base.id, {
      name: base.name,
      certificateName: `${base.name}長`,
      electronicFrom: '2026-04-01',
      electronicWorkTypes: ['WORKS', 'CONSULTING'],
      subjectTemplate: '【電子保証】{区分} 保証契約番号{保証契約番号} {工事名}',
      limitAdvanceWorks: '4/10',
      limitContractMin: '1/10',
      routeContract: base.departmentId,
    }),
  );
  omura = { id: base.id, departmentId: works.id, name: base.name, worksDepartmentId: works.id, keiyakuEmail: 'keiyaku@example.jp' };
  company = await makeUser('CONTRACTOR');
  colleague = await makeUser('CONTRACTOR', company.actor.organizationId);
  stranger = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER');
  admin = await makeUser('ADMIN', o.organizationId);
  // 25 guarantees with distinct amounts and names, plus one 契約保証 and one of another company.
  for (let i = 0; i < 25; i++) {
    const g = await concludedGuarantee(company, omura, {
      projectName: `${i % 2 ? '〇〇道路改良工事' : '△△トンネル工事'}${String(i).padStart(2, '0')}`,
      guaranteeAmount: String(10_000_000 + i * 1_000_000),
    });
    numbers.push(g.number);
  }
  numbers.push((await concludedGuarantee(company, omura, { guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000', projectName: '契約保証の工事' })).number);
  await concludedGuarantee(stranger, omura, { projectName: '他社の工事' });
});
beforeEach(() => signInAs(null));

const list = async (raw: Record<string, string> = {}, who: Made = company) => listContractorGuarantees(await getDb(), who.actor, parseListParams(raw));

describe('保証工事一覧', () => {
  it("lists only the company's guarantees, newest first, 20 a page, with 次へ/前へ that meet in the middle", async () => {
    const p1 = await list();
    expect(p1.total).toBe(26);
    expect(p1.rows).toHaveLength(20);
    expect(p1.rows.every((r) => !r.projectName.startsWith('他社'))).toBe(true);
    expect(p1.hasPrevious).toBe(false);
    expect(p1.hasNext).toBe(true);
    // Same day: by number, newest first.
    expect(p1.rows.map((r) => r.number)).toEqual([...numbers].sort().reverse().slice(0, 20));
    const { encodeCursor } = await import('@/domain/guarantees/keyset');
    const p2 = await list({ after: encodeCursor(p1.last!), p: '2' });
    expect(p2.rows).toHaveLength(6);
    expect(p2.hasNext).toBe(false);
    expect(p2.hasPrevious).toBe(true);
    const back = await list({ before: encodeCursor(p2.first!) });
    expect(back.rows.map((r) => r.number)).toEqual(p1.rows.map((r) => r.number));
    expect(back.hasPrevious).toBe(false);
  });

  it('sorts by a column in both directions, and pages keep the order', async () => {
    const asc = await list({ sort: 'amount', dir: 'asc' });
    const amounts = asc.rows.map((r) => r.guaranteeAmount);
    expect(amounts).toEqual([...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const { encodeCursor } = await import('@/domain/guarantees/keyset');
    const next = await list({ sort: 'amount', dir: 'asc', after: encodeCursor(asc.last!) });
    expect(next.rows[0]!.guaranteeAmount >= asc.rows.at(-1)!.guaranteeAmount).toBe(true);
    const desc = await list({ sort: 'project', dir: 'desc' });
    const names = desc.rows.map((r) => r.projectName);
    expect(names).toEqual([...names].sort().reverse());
  });

  it('filters by each condition; an empty box with a condition orders by it', async () => {
    const prefix = numbers[3]!.slice(0, 9);
    expect((await list({ cond: 'number', q: prefix })).rows.map((r) => r.number)).toEqual([numbers[3]]);
    expect((await list({ cond: 'number', q: `${numbers[3]!.slice(0, 5)}-${numbers[3]!.slice(5)}` })).rows).toHaveLength(1);
    expect((await list({ cond: 'number', q: '道路' })).rows).toHaveLength(0);
    expect((await list({ cond: 'project', q: 'トンネル' })).total).toBe(13);
    expect((await list({ cond: 'orderer', q: omura.name })).total).toBe(26);
    expect((await list({ cond: 'orderer', q: '存在しない市' })).total).toBe(0);
    const byProject = await list({ cond: 'project' });
    const names = byProject.rows.map((r) => r.projectName);
    expect(names).toEqual([...names].sort());
  });

  it('property: any query string (any script, control characters, forged cursors) never errors', async () => {
    const { encodeCursor } = await import('@/domain/guarantees/keyset');
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 3000 }), fc.constantFrom("' OR 1=1 --", '%', '_', '\\', '\u0000', '１２３', '𠮷', '2026-02-30', '0000-01-01', '9'.repeat(30)));
    const cursor = fc.oneof(text, fc.tuple(text, fc.constantFrom(numbers[0]!, '1000000000')).map(([v, n]) => encodeCursor({ v, n })));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ cond: text, q: text, sort: fc.constantFrom('issued', 'number', 'orderer', 'project', 'contract', 'amount', 'x'), dir: text, after: cursor, before: cursor, p: text }, { requiredKeys: [] }),
        async (raw) => {
          const page = await list(raw as Record<string, string>);
          expect(page.rows.every((r) => r.number.length === 10)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('walking every page forward and back shows each guarantee exactly once, in order, for every sort', async () => {
    const { encodeCursor } = await import('@/domain/guarantees/keyset');
    for (const sort of ['issued', 'number', 'orderer', 'project', 'contract', 'amount']) {
      for (const dir of ['asc', 'desc']) {
        const forward: string[][] = [];
        let page = await list({ sort, dir });
        forward.push(page.rows.map((r) => r.number));
        while (page.hasNext) {
          page = await list({ sort, dir, after: encodeCursor(page.last!) });
          forward.push(page.rows.map((r) => r.number));
        }
        const seen = forward.flat();
        expect(new Set(seen).size, `${sort} ${dir}`).toBe(26);
        expect(seen).toHaveLength(26);
        // And back again from the last page to the first: the same pages.
        const backward: string[][] = [forward.at(-1)!];
        while (page.hasPrevious) {
          page = await list({ sort, dir, before: encodeCursor(page.first!) });
          backward.unshift(page.rows.map((r) => r.number));
        }
        expect(backward, `${sort} ${dir}`).toEqual(forward);
      }
    }
  });

  it('refuses other roles', async () => {
    await expect(list({}, clerk)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(list({}, admin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('certificate, key, submission', () => {
  it("another company's number and a number that does not exist answer the same", async () => {
    const db = await getDb();
    const theirs = (await list({}, stranger)).rows[0]!.number;
    for (const n of [theirs, '1000000000', 'abc']) {
      await expect(getContractorCertificate(db, company.actor, n)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(getKeyPage(db, company.actor, n, SECRET)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // A colleague of the same company reads it.
    const mine = await getContractorCertificate(db, colleague.actor, numbers[0]!);
    expect(mine.latest.content.number).toBe(numbers[0]);
  });

  it('the key page: the key, where it goes and the subject; reissuing stops the old key at once', async () => {
    const db = await getDb();
    const n = numbers[1]!;
    const page = await getKeyPage(db, company.actor, n, SECRET);
    expect(page.destination).toEqual({ ok: true, departmentName: '都市整備部土木課', email: 'doboku@omura.example.jp', rule: 'WORKS_DEPARTMENT' });
    expect(page.subject).toMatch(/^【電子保証】前払金保証 保証契約番号\d{10} /);
    expect(await currentKeyMatches(db, n, page.key, SECRET)).not.toBeNull();
    const oldPdf = (await keyNoticePdf(db, company.actor, n, SECRET)).bytes;

    must(await reissueAuthKey(db, company.actor, n, SECRET));
    const again = await getKeyPage(db, company.actor, n, SECRET);
    expect(again.key).not.toBe(page.key);
    expect(await currentKeyMatches(db, n, page.key, SECRET)).toBeNull();
    expect(await currentKeyMatches(db, n, again.key.toLowerCase(), SECRET)).not.toBeNull();
    const newPdf = (await keyNoticePdf(db, company.actor, n, SECRET)).bytes;
    expect(Buffer.from(newPdf).equals(Buffer.from(oldPdf))).toBe(false);
    const { keys } = await getContractorCertificate(db, company.actor, n);
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k.revokedAt === null)).toHaveLength(1);
  });

  it('concurrent reissues leave exactly one active key', async () => {
    const db = await getDb();
    const n = numbers[2]!;
    await Promise.all(Array.from({ length: 5 }, () => reissueAuthKey(db, company.actor, n, SECRET)));
    const { guarantee } = await getContractorCertificate(db, company.actor, n);
    expect(await db.authKey.count({ where: { guaranteeId: guarantee.id, revokedAt: null } })).toBe(1);
    expect(await db.authKey.count({ where: { guaranteeId: guarantee.id } })).toBe(6);
  });

  it('発注者へ送信: the PDF by mail to the routed address, recorded; a resend needs confirmation; it arrives intact over SMTP', async () => {
    const db = await getDb();
    const contract = numbers.at(-1)!;
    const page = await getKeyPage(db, company.actor, contract, SECRET);
    expect(page.destination).toMatchObject({ ok: true, email: 'keiyaku@example.jp', rule: 'FIXED_DEPARTMENT' });
    await db.outboxMail.updateMany({ where: { status: 'PENDING' }, data: { nextAttemptAt: new Date('2100-01-01T00:00:00Z') } });
    const sent = must(await sendKeyNoticeToOrderer(db, company.actor, contract, SECRET, { confirmResend: false }));
    const again = await sendKeyNoticeToOrderer(db, company.actor, contract, SECRET, { confirmResend: false });
    expect(!again.ok && again.fieldErrors.confirmResend?.[0]).toContain('送信済みです');
    must(await sendKeyNoticeToOrderer(db, company.actor, contract, SECRET, { confirmResend: true }));
    const { submissions } = await getContractorCertificate(db, company.actor, contract);
    expect(submissions).toHaveLength(2);
    expect(submissions[0]).toMatchObject({ toAddress: 'keiyaku@example.jp', sentBy: { name: company.actor.name } });

    const smtp = await startSmtp();
    try {
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!, new Date(Date.now() + 1000));
      const mail = smtp.received.find((m) => m.parsed.messageId?.includes(sent.mailId));
      expect(mail?.parsed.subject).toBe(page.subject);
      expect(mail?.envelopeTo).toEqual(['keiyaku@example.jp']);
      const attachment = mail?.parsed.attachments[0];
      expect(attachment?.filename).toBe(`認証キー等のお知らせ_${contract}.pdf`);
      expect(attachment?.contentType).toBe('application/pdf');
      expect(Buffer.from(attachment!.content).equals(Buffer.from((await keyNoticePdf(db, company.actor, contract, SECRET)).bytes))).toBe(true);
      expect(mail?.parsed.text).toContain(contract);
      expect(mail?.parsed.text).not.toContain(page.key);
    } finally {
      await smtp.close();
    }
  });

  it('保証料一覧 lists each guarantee with its 保証料計算書', async () => {
    const premiums = await listContractorPremiums(await getDb(), company.actor, parsePremiumListParams({}));
    expect(premiums.total).toBe(26);
    expect(premiums.rows.every((r) => r.premiumYen > 0n && r.premiumDocuments.some((d) => d.kind === 'CALCULATION'))).toBe(true);
  });

  it('保証料一覧 pages by cursor: forward and back, each guarantee once, only the company\'s; a forged or foreign cursor shows page 1', async () => {
    const { encodeCursor } = await import('@/domain/guarantees/keyset');
    const db = await getDb();
    const read = (raw: Record<string, string>, who: Made = company) => listContractorPremiums(db, who.actor, parsePremiumListParams(raw));
    const forward: string[][] = [];
    let page = await read({});
    expect(page.hasPrevious).toBe(false);
    forward.push(page.rows.map((r) => r.number));
    while (page.hasNext) {
      page = await read({ after: encodeCursor(page.last!), p: String(page.page + 1) });
      forward.push(page.rows.map((r) => r.number));
    }
    expect(forward.map((p) => p.length)).toEqual([20, 6]);
    expect(page.page).toBe(2);
    // Same 証書発行日: newest number first, as the 保証工事一覧.
    expect(forward.flat()).toEqual([...numbers].sort().reverse());
    const back = await read({ before: encodeCursor(page.first!) });
    expect(back.rows.map((r) => r.number)).toEqual(forward[0]);
    expect(back.hasPrevious).toBe(false);
    // Another company's cursor or a forged one: that company's own rows only, from the start.
    const other = await read({ after: encodeCursor({ v: '2099-12-31', n: '9999999999' }) }, stranger);
    expect(other.rows.every((r) => !numbers.includes(r.number))).toBe(true);
    for (const after of ['%%%', encodeCursor({ v: 'not-a-date', n: numbers[0]! }), 'x'.repeat(5000)]) {
      const p = await read({ after });
      expect(p.rows.map((r) => r.number)).toEqual(forward[0]);
    }
  });
});

describe('access to the contractor URLs', () => {
  const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;

  it('the PDFs: the company gets them, another company, orderers and officers get 404', async () => {
    const db = await getDb();
    const n = numbers[5]!;
    const { guarantee } = await getContractorCertificate(db, company.actor, n);
    const doc = await db.premiumDocument.findFirstOrThrow({ where: { guaranteeId: guarantee.id } });
    signInAs(company);
    const notice = await keyNoticeRoute(new Request('http://x'), ctx({ number: n }));
    expect(notice.status).toBe(200);
    expect(notice.headers.get('content-type')).toBe('application/pdf');
    expect(notice.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    expect(Buffer.from(await notice.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const premium = await premiumRoute(new Request('http://x'), ctx({ number: n, documentId: doc.id }));
    expect(premium.status).toBe(200);
    for (const who of [stranger, clerk, admin]) {
      signInAs(who);
      expect((await keyNoticeRoute(new Request('http://x'), ctx({ number: n }))).status).toBe(404);
      expect((await premiumRoute(new Request('http://x'), ctx({ number: n, documentId: doc.id }))).status).toBe(404);
    }
    signInAs(company);
    expect((await premiumRoute(new Request('http://x'), ctx({ number: n, documentId: 'not-a-uuid' }))).status).toBe(404);
    expect((await keyNoticeRoute(new Request('http://x'), ctx({ number: '1000000000' }))).status).toBe(404);
    signInAs(null);
    expect((await keyNoticeRoute(new Request('http://x'), ctx({ number: n }))).status).toBe(401);
  });

  it('the actions refuse other companies (404) and other roles', async () => {
    const n = numbers[6]!;
    const confirm = new FormData();
    confirm.set('confirmReissue', 'on');
    signInAs(stranger);
    await expect(reissueKeyAction(n, undefined, confirm)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    // Without the box ticked too: whose guarantee is decided before the box is read.
    await expect(reissueKeyAction(n, undefined, new FormData())).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    await expect(sendToOrdererAction(n, undefined, new FormData())).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    signInAs(clerk);
    await expect(reissueKeyAction(n, undefined, confirm)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    signInAs(company);
    expect(await reissueKeyAction(n, undefined, new FormData())).toEqual({ error: expect.stringContaining('チェック'), field: 'confirmReissue' });
  });

  it('pages: another company and the orderer get 404', async () => {
    const { default: CertificatePage } = await import('@/app/contractor/guarantees/[number]/page');
    const { default: KeyPage } = await import('@/app/contractor/guarantees/[number]/key/page');
    const props = { params: Promise.resolve({ number: numbers[7]! }), searchParams: Promise.resolve({}) } as never;
    for (const who of [stranger, clerk]) {
      signInAs(who);
      await expect(CertificatePage(props)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
      await expect(KeyPage(props)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
    signInAs(company);
    expect(await CertificatePage(props)).toBeTruthy();
  });
});

describe('the key notice in the outbox', () => {
  it('is stored sealed, opened only to send, emptied once sent, never downloadable; a reissue withdraws a pending one', async () => {
    const db = await getDb();
    const n = numbers[8]!;
    const { guarantee } = await getContractorCertificate(db, company.actor, n);
    const page = await getKeyPage(db, company.actor, n, SECRET);
    const sent = must(await sendKeyNoticeToOrderer(db, company.actor, n, SECRET, { confirmResend: true }));
    const stored = await db.mailAttachment.findFirstOrThrow({ where: { mailId: sent.mailId } });
    expect(stored.sealed).toBe(true);
    expect(Buffer.from(stored.content).subarray(0, 5).toString()).not.toBe('%PDF-');
    expect(Buffer.from(stored.content).includes(Buffer.from(page.key))).toBe(false);
    const { getOutboxAttachment } = await import('@/domain/mail/outbox');
    await expect(getOutboxAttachment(db, admin.actor, sent.mailId, stored.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // A reissue before delivery withdraws it: the orderer never receives the dead key.
    must(await reissueAuthKey(db, company.actor, n, SECRET));
    const withdrawn = await db.outboxMail.findUniqueOrThrow({ where: { id: sent.mailId }, include: { attachments: true } });
    expect(withdrawn.status).toBe('FAILED');
    expect(withdrawn.attachments[0]!.content.byteLength).toBe(0);
    // …and an officer cannot put it back in the queue: its page offers no 再送, and the use case refuses.
    const { getOutboxMail, retryMail } = await import('@/domain/mail/outbox');
    const { RETRY_WITHDRAWN } = await import('@/domain/mail/messages');
    expect((await getOutboxMail(db, admin.actor, sent.mailId)).retryable).toBe(false);
    await expect(retryMail(db, admin.actor, sent.mailId)).rejects.toMatchObject({ code: 'CONFLICT', userMessage: RETRY_WITHDRAWN });
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: sent.mailId } })).status).toBe('FAILED');

    // Sent through SMTP: the orderer gets the real PDF; the stored bytes are then emptied.
    const again = must(await sendKeyNoticeToOrderer(db, company.actor, n, SECRET, { confirmResend: true }));
    await db.outboxMail.updateMany({ where: { status: 'PENDING', id: { not: again.mailId } }, data: { nextAttemptAt: new Date('2100-01-01T00:00:00Z') } });
    const smtp = await startSmtp();
    try {
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!, new Date(Date.now() + 1000));
      const mail = smtp.received.find((m) => m.parsed.messageId?.includes(again.mailId));
      expect(Buffer.from(mail!.parsed.attachments[0]!.content).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await smtp.close();
    }
    expect((await db.mailAttachment.findFirstOrThrow({ where: { mailId: again.mailId } })).content.byteLength).toBe(0);
    expect(guarantee.id).toBeTruthy();
  });

  it('a cancelled guarantee can be neither sent nor given a new key', async () => {
    const db = await getDb();
    const n = numbers[9]!;
    await db.guarantee.update({ where: { number: n }, data: { status: 'CANCELLED' } });
    expect((await sendKeyNoticeToOrderer(db, company.actor, n, SECRET, { confirmResend: true })).ok).toBe(false);
    expect((await reissueAuthKey(db, company.actor, n, SECRET)).ok).toBe(false);
  });
});

// Last: it adds a guarantee, which the counts above do not expect.
describe('search as displayed', () => {
  it('searching the text as displayed (全角 digits and brackets) finds it', async () => {
    const n = (await concludedGuarantee(company, omura, { projectName: '第２工区（仮称）改良工事' })).number;
    expect((await list({ cond: 'project', q: '第２工区（仮称）' })).rows.map((r) => r.number)).toEqual([n]);
    expect((await list({ cond: 'project', q: '第2工区(仮称)' })).rows.map((r) => r.number)).toEqual([n]);
  });
});
