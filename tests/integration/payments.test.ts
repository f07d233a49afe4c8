import { PDFDocument } from 'pdf-lib';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordPaymentAction } from '@/actions/admin-payment-actions';
import { GET as adminPremiumRoute } from '@/app/admin/guarantees/[number]/premium/[documentId]/route';
import { GET as contractorPremiumRoute } from '@/app/contractor/guarantees/[number]/premium/[documentId]/route';
import { PAYMENT_LABELS as P } from '@/app/admin/guarantees/[number]/payment/labels';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { OFFICER_GUARANTEE_LIST_LABELS } from '@/app/admin/guarantees/list-labels';
import { COMMON_LABELS } from '@/components/common-labels';
import { getDb } from '@/db/client';
import { listContractorPremiums } from '@/domain/premium/list-contractor-premiums';
import { parsePremiumListParams } from '@/domain/premium/premium-list-params';
import { PAYMENT_MESSAGES, readReceiptContent } from '@/domain/premium/payments';
import { getGuaranteePremiums } from '@/domain/premium/premium-documents';
import { recordPayment } from '@/domain/premium/record-payment';
import { formatYen } from '@/lib/money';
import { isoDateToDb, todayInTokyo } from '@/lib/dates';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, uid } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let stranger: Made;
let clerk: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
const contractorEmail = `keiri-${uid()}@maru.example.jp`;

const today = () => todayInTokyo();
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const payment = (amount: bigint | string, patch: Record<string, unknown> = {}) => ({ paidOn: today(), amount: String(amount), method: 'BANK_TRANSFER', ...patch });

beforeAll(async () => {
  const db = await getDb();
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  // A colleague with an address: the receipt's mail goes there (makeUser's users have none).
  await makeUser('CONTRACTOR', contractor.actor.organizationId, undefined, { email: contractorEmail, name: '経理 担当' });
  stranger = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
});

beforeEach(() => signInAs(null));

/** What the 変更契約 transaction writes for a premium difference: the change and its 変更保証料計算書. */
async function recordChangeCalculation(guaranteeId: string, difference: bigint, fields: object[] = []) {
  const db = await getDb();
  const change = await db.guaranteeChange.create({
    data: {
      guaranteeId,
      changeContractDate: isoDateToDb(today()),
      reason: '設計変更',
      fields,
      reasonNote: '注1',
      premiumDifference: difference,
      recordedById: admin.id,
    },
  });
  const abs = difference < 0n ? -difference : difference;
  return db.premiumDocument.create({
    data: {
      guaranteeId,
      kind: 'CALCULATION',
      amount: difference,
      changeId: change.id,
      issuedOn: isoDateToDb(today()),
      createdById: admin.id,
      lines: [
        { label: '変更後保証料', amount: '0' },
        { label: '変更前保証料', amount: '0' },
        { label: difference < 0n ? '差額（返戻）' : '差額（追加保証料）', amount: formatYen(abs) },
      ],
    },
  });
}

const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;

describe('recordPayment', () => {
  it('issues the receipt for exactly the outstanding premium: document, audit and the contractor\'s mail in one go', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const recorded = must(await recordPayment(db, admin.actor, g.guaranteeId, payment(`${g.premiumYen.toLocaleString('ja-JP').replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}円`, { method: 'DIRECT_DEBIT' })));
    expect(recorded.receiptNumber).toBe(`${g.number}-01`);

    const receipt = await db.premiumDocument.findUniqueOrThrow({ where: { id: recorded.documentId } });
    expect(receipt).toMatchObject({ kind: 'RECEIPT', amount: g.premiumYen, paymentMethod: 'DIRECT_DEBIT', createdById: admin.id });
    const content = readReceiptContent(receipt.lines);
    const calculation = await db.premiumDocument.findFirstOrThrow({ where: { guaranteeId: g.guaranteeId, kind: 'CALCULATION' } });
    expect(content.covered).toEqual([{ documentId: calculation.id, title: '保証料計算書', issuedOn: today(), amount: g.premiumYen.toString() }]);
    expect(content.issuer.companyName).toBe('西日本建設業保証株式会社');

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'premium.payment', targetId: g.guaranteeId } });
    expect(audit.details).toMatchObject({ number: g.number, receiptNumber: recorded.receiptNumber, amount: g.premiumYen.toString() });
    const mail = await db.outboxMail.findFirstOrThrow({ where: { relatedId: g.guaranteeId, template: 'premium-receipt-issued' } });
    expect(mail.to).toEqual([contractorEmail]);
    expect(mail.subject).toBe(`保証料領収証発行のお知らせ（保証契約番号 ${g.number}）`);
    expect(mail.bodyText).toContain(recorded.receiptNumber);

    const page = await getGuaranteePremiums(db, admin.actor, g.number);
    expect(page.balance.outstanding).toBe(0n);
    expect(page.documents.map((d) => [d.title, d.receiptNumber])).toEqual([
      ['保証料計算書', null],
      ['保証料領収証', recorded.receiptNumber],
    ]);
    // Nothing is outstanding any more.
    expect(await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen))).toEqual({ ok: false, fieldErrors: { '': [PAYMENT_MESSAGES.nothingOutstanding] } });
  });

  it('refuses a different amount at the field with the difference, a date in the future or before the conclusion, and stores nothing', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const short = await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen - 3_000n));
    expect(short).toEqual({ ok: false, fieldErrors: { amount: [`入金額が未払いの保証料 ${formatYen(g.premiumYen)}円と一致しません（差額 3,000円 不足）。`] } });
    const over = await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen + 1n));
    expect(!over.ok && over.fieldErrors.amount?.[0]).toContain('（差額 1円 超過）');
    const future = await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen, { paidOn: shift(today(), 1) }));
    expect(!future.ok && future.fieldErrors).toEqual({ paidOn: [PAYMENT_MESSAGES.future] });
    const early = await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen, { paidOn: shift(today(), -1) }));
    expect(!early.ok && early.fieldErrors.paidOn?.[0]).toContain('締結日');
    const malformed = await recordPayment(db, admin.actor, g.guaranteeId, { paidOn: '2026-13-01', amount: 'abc', method: '' });
    expect(!malformed.ok && Object.keys(malformed.fieldErrors).sort()).toEqual(['amount', 'method', 'paidOn']);
    expect(await db.premiumDocument.count({ where: { guaranteeId: g.guaranteeId, kind: 'RECEIPT' } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'premium.payment', targetId: g.guaranteeId } })).toBe(0);
  });

  it('10 concurrent identical payments: exactly one receipt', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const results = await Promise.all(Array.from({ length: 10 }, () => recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toEqual({ ok: false, fieldErrors: { '': [PAYMENT_MESSAGES.nothingOutstanding] } });
    expect(await db.premiumDocument.count({ where: { guaranteeId: g.guaranteeId, kind: 'RECEIPT' } })).toBe(1);
    expect(await db.outboxMail.count({ where: { relatedId: g.guaranteeId, template: 'premium-receipt-issued' } })).toBe(1);
  });

  it('change calculations: a 返戻 is shown, not paid; the next payment covers it and the 追加保証料 together', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    must(await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen)));
    const refund = await recordChangeCalculation(g.guaranteeId, -3_000n);
    let page = await getGuaranteePremiums(db, admin.actor, g.number);
    expect(page.balance.outstanding).toBe(-3_000n);
    expect(page.documents.find((d) => d.id === refund.id)).toMatchObject({ title: '変更保証料計算書', type: 'CHANGE_CALCULATION', amount: -3_000n });
    expect(await recordPayment(db, admin.actor, g.guaranteeId, payment(3_000n))).toEqual({ ok: false, fieldErrors: { '': [PAYMENT_MESSAGES.nothingOutstanding] } });

    const additional = await recordChangeCalculation(g.guaranteeId, 10_000n);
    page = await getGuaranteePremiums(db, admin.actor, g.number);
    expect(page.balance.outstanding).toBe(7_000n);
    const wrong = await recordPayment(db, admin.actor, g.guaranteeId, payment(10_000n));
    expect(!wrong.ok && wrong.fieldErrors.amount).toEqual(['入金額が未払いの保証料 7,000円と一致しません（差額 3,000円 超過）。']);
    const second = must(await recordPayment(db, admin.actor, g.guaranteeId, payment(7_000n, { method: 'CASH' })));
    expect(second.receiptNumber).toBe(`${g.number}-02`);
    const content = readReceiptContent((await db.premiumDocument.findUniqueOrThrow({ where: { id: second.documentId } })).lines);
    expect(content.covered.map((c) => [c.documentId, c.title, c.amount])).toEqual([
      [refund.id, '変更保証料計算書', '-3000'],
      [additional.id, '変更保証料計算書', '10000'],
    ]);

    // The contractor's 保証料一覧: the calculations, the change calculations and both receipts, settled.
    const list = await listContractorPremiums(db, contractor.actor, parsePremiumListParams({}));
    const row = list.rows.find((r) => r.number === g.number)!;
    expect(row.documents.map((d) => d.title)).toEqual(['保証料計算書', '保証料領収証', '変更保証料計算書', '変更保証料計算書', '保証料領収証']);
    expect(row.balance.outstanding).toBe(0n);
  });

  it('only officers; an unknown guarantee is NOT_FOUND', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    for (const who of [contractor, clerk]) {
      await expect(recordPayment(db, who.actor, g.guaranteeId, payment(g.premiumYen))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getGuaranteePremiums(db, who.actor, g.number)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(recordPayment(db, admin.actor, '00000000-0000-4000-8000-000000000000', payment(1n))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(recordPayment(db, admin.actor, 'not-a-uuid', payment(1n))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getGuaranteePremiums(db, admin.actor, '1000000000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.premiumDocument.count({ where: { guaranteeId: g.guaranteeId, kind: 'RECEIPT' } })).toBe(0);
  });
});

describe('recordPaymentAction', () => {
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    return data;
  };

  it('refuses contractors and orderers and stores nothing', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    for (const who of [contractor, clerk]) {
      signInAs(who);
      await expect(recordPaymentAction(g.guaranteeId, undefined, form(payment(g.premiumYen)))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    signInAs(null);
    await expect(recordPaymentAction(g.guaranteeId, undefined, form(payment(g.premiumYen)))).rejects.toMatchObject({ digest: expect.stringContaining('/login') });
    expect(await db.premiumDocument.count({ where: { guaranteeId: g.guaranteeId, kind: 'RECEIPT' } })).toBe(0);
  });

  it('answers a wrong amount at the field keeping what was typed, and redirects to the page after a payment', async () => {
    const g = await concludedGuarantee(contractor, orderer);
    signInAs(admin);
    const typed = { paidOn: today(), amount: '１，０００円', method: 'CASH' };
    const refused = await recordPaymentAction(g.guaranteeId, undefined, form(typed));
    expect(refused?.error?.amount?.[0]).toMatch(/^入金額が未払いの保証料 .*円と一致しません（差額 .*円 不足）。$/);
    expect(refused?.initialValue).toMatchObject(typed);
    const empty = await recordPaymentAction(g.guaranteeId, undefined, form({}));
    expect(empty?.error).toMatchObject({ paidOn: ['入金日を入力してください。'], amount: ['入金額を入力してください。'], method: ['入金方法を選択してください。'] });
    await expect(recordPaymentAction(g.guaranteeId, undefined, form(payment(g.premiumYen)))).rejects.toMatchObject({
      digest: expect.stringContaining(`/admin/guarantees/${g.number}/payment?saved=paid`),
    });
    await expect(recordPaymentAction('not-a-uuid', undefined, form(payment(1n)))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
  });
});

describe('the premium document routes', () => {
  it('the contractor gets its receipt and change calculation PDFs; another company, the orderer and officers get 404', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const { documentId } = must(await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen)));
    const change = await recordChangeCalculation(g.guaranteeId, 12_000n, [{ field: 'guaranteeAmount', label: '保証金額', before: '40000000', after: '45000000' }]);
    signInAs(contractor);
    const receipt = await contractorPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId }));
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(decodeURIComponent(receipt.headers.get('content-disposition')!)).toContain(`保証料領収証_${g.number}-01.pdf`);
    const bytes = Buffer.from(await receipt.arrayBuffer());
    expect((await PDFDocument.load(bytes, { updateMetadata: false })).getTitle()).toBe('保証料領収証');
    // The same receipt gives the same file.
    const again = Buffer.from(await (await contractorPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId }))).arrayBuffer());
    expect(again.equals(bytes)).toBe(true);
    const changed = await contractorPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId: change.id }));
    expect(changed.status).toBe(200);
    expect((await PDFDocument.load(Buffer.from(await changed.arrayBuffer()), { updateMetadata: false })).getTitle()).toBe('変更保証料計算書');

    for (const who of [stranger, clerk, admin]) {
      signInAs(who);
      expect((await contractorPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId }))).status, who.loginId).toBe(404);
    }
    // A document id of another guarantee of the same company: 404 as well.
    const other = await concludedGuarantee(contractor, orderer);
    signInAs(contractor);
    expect((await contractorPremiumRoute(new Request('http://x'), ctx({ number: other.number, documentId }))).status).toBe(404);
  });

  it('officers read any guarantee\'s documents from the payment page; no one else', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const { documentId } = must(await recordPayment(db, admin.actor, g.guaranteeId, payment(g.premiumYen)));
    signInAs(admin);
    const ok = await adminPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId }));
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await adminPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId: 'x' }))).status).toBe(404);
    expect((await adminPremiumRoute(new Request('http://x'), ctx({ number: '1000000000', documentId }))).status).toBe(404);
    for (const who of [contractor, clerk]) {
      signInAs(who);
      expect((await adminPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId }))).status).toBe(404);
    }
    signInAs(null);
    expect((await adminPremiumRoute(new Request('http://x'), ctx({ number: g.number, documentId }))).status).toBe(401);
  });

  it('the payment page: officers only, the Japanese 404 for an unknown or malformed number', async () => {
    const { default: PaymentPage } = await import('@/app/admin/guarantees/[number]/payment/page');
    const g = await concludedGuarantee(contractor, orderer);
    const props = (number: string) => ({ params: Promise.resolve({ number }), searchParams: Promise.resolve({}) }) as never;
    signInAs(admin);
    expect(await PaymentPage(props(g.number))).toBeTruthy();
    for (const number of ['1000000000', 'abc', `${g.number.slice(0, 9)}${(Number(g.number[9]) + 1) % 10}`]) {
      await expect(PaymentPage(props(number))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
    for (const who of [contractor, clerk]) {
      signInAs(who);
      await expect(PaymentPage(props(g.number))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
  });

  it('保証の管理 and its pages lead back to the officers’ 保証一覧, not to 申込審査 (breadcrumbs)', async () => {
    const pages = {
      guarantee: (await import('@/app/admin/guarantees/[number]/page')).default,
      change: (await import('@/app/admin/guarantees/[number]/change/page')).default,
      payment: (await import('@/app/admin/guarantees/[number]/payment/page')).default,
    };
    const g = await concludedGuarantee(contractor, orderer);
    const props = { params: Promise.resolve({ number: g.number }), searchParams: Promise.resolve({}) } as never;
    signInAs(admin);
    /** The breadcrumb links of a page: [href, text] in order. */
    const crumbs = async (page: (p: never) => Promise<Parameters<typeof renderToStaticMarkup>[0]>) => {
      const html = renderToStaticMarkup(await page(props));
      const nav = new RegExp(`<nav aria-label="${COMMON_LABELS.breadcrumbs}"[^>]*>(.*?)</nav>`).exec(html)![1]!;
      return [...nav.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);
    };
    expect(await crumbs(pages.guarantee)).toEqual([['/admin/guarantees', O.guarantees]]);
    const manage = ['/admin/guarantees/' + g.number, O.meta(g.number)];
    expect(await crumbs(pages.change)).toEqual([['/admin/guarantees', O.guarantees], manage]);
    expect(await crumbs(pages.payment)).toEqual([['/admin/guarantees', P.breadcrumbs.guarantees], [manage[0], P.breadcrumbs.guarantee(g.number)]]);
    expect(O.guarantees).toBe(OFFICER_GUARANTEE_LIST_LABELS.title);
    expect(P.breadcrumbs.guarantees).toBe(OFFICER_GUARANTEE_LIST_LABELS.title);
  });
});
