import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Download } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { PAYMENT_LABELS as P } from '@/app/admin/guarantees/[number]/payment/labels';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { formatYen } from '@/lib/money';
import { formatListDate, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDate } from '@/lib/wareki';
import { pdfText as readPdfText, renderPng, squeeze } from '../../tests/support/pdf';
import { checkA11y, expect, signIn, test, signedInPage } from '../fixtures';
import { field, guaranteeOf } from '../guarantees';
import { waitForMail } from '../mail';

const OUT = path.resolve('test-results/payment');
const SHOTS = process.env.PAYMENT_SCREENSHOTS ?? 'screenshots';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const toWide = (text: string) => text.replace(/[0-9,]/g, (c) => (c === ',' ? '，' : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));

async function pdfText(download: Download, name: string): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await download.saveAs(file);
  fs.mkdirSync(SHOTS, { recursive: true });
  renderPng(file, path.resolve(SHOTS, name.replace(/\.pdf$/, '')), 100);
  // Reading order without the spaces a text extractor puts between cells (\s covers the ideographic space).
  return squeeze(readPdfText(file, { layout: true }));
}

test('保証料の入金: a wrong amount is refused with the difference (what was typed kept, with and without JavaScript); the right one issues the 保証料領収証, which the contractor downloads from 保証料一覧', async ({ browser }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  const project = `〇〇水路改修工事E2E${randomBytes(3).toString('hex')}`;
  const today = todayInTokyo();

  const contractor = await signedInPage(browser, 'maru01');
  // maru01 (〇〇建設) holds a 前払金保証 of its own, so that no other spec's guarantee is paid.
  const { number, applicationId } = await guaranteeOf(contractor.request, 'maru01', project);

  // The officer opens it from 申込審査: 保証の管理 → 保証料の入金.
  const officer = await signedInPage(browser, 'admin');
  await officer.goto(`/admin/applications/${applicationId}`);
  await officer.getByRole('link', { name: R.toGuarantee }).click();
  await expect(officer.getByRole('heading', { level: 1, name: new RegExp(number) })).toBeVisible();
  await officer.getByRole('link', { name: O.toPayment, exact: true }).click();
  await expect(officer.getByRole('heading', { level: 1, name: P.title(number) })).toBeVisible();
  const breadcrumbs = officer.getByRole('navigation', { name: 'パンくずリスト' });
  await expect(breadcrumbs.getByRole('link')).toHaveText([P.breadcrumbs.guarantees, P.breadcrumbs.guarantee(number)]);
  await expect(breadcrumbs.getByRole('link', { name: P.breadcrumbs.guarantees })).toHaveAttribute('href', '/admin/guarantees');
  const guaranteePanel = officer.getByRole('region', { name: P.guaranteeTitle });
  await expect(guaranteePanel).toContainText(project);
  await expect(guaranteePanel).toContainText('株式会社〇〇建設');
  const balance = officer.getByRole('region', { name: P.balanceTitle });
  const outstandingText = new RegExp(`${P.balance.outstanding}\\s*([\\d,]+) 円`).exec((await balance.textContent()) ?? '')![1]!;
  const outstanding = BigInt(outstandingText.replaceAll(',', ''));
  expect(outstanding).toBeGreaterThan(0n);
  await expect(officer.getByRole('table', { name: P.documentsCaption })).toContainText('保証料計算書');
  await checkA11y(officer);

  // 1,000 円 short: refused at 入金額 with the difference; 入金日, 入金額 and 入金方法 stay as typed.
  const short = `${formatYen(outstanding - 1_000n)}円`;
  await field(officer, P.paidOn).fill(today);
  await field(officer, P.amount).fill(short);
  await field(officer, P.method).selectOption({ label: P.methods.BANK_TRANSFER });
  await officer.getByRole('button', { name: P.submit }).click();
  const mismatch = `入金額が未払いの保証料 ${outstandingText}円と一致しません（差額 1,000円 不足）。`;
  await expect(field(officer, P.amount)).toHaveAttribute('aria-invalid', 'true');
  await expect(field(officer, P.amount)).toHaveAccessibleDescription(new RegExp(escapeRegExp(mismatch)));
  await expect(field(officer, P.amount)).toHaveValue(short);
  await expect(field(officer, P.paidOn)).toHaveValue(today);
  await expect(field(officer, P.method)).toHaveValue('BANK_TRANSFER');
  await checkA11y(officer);
  await officer.screenshot({ path: path.join(SHOTS, 'admin-payment-refused.png'), fullPage: true });

  // The same refusal without JavaScript: a plain form post, the page comes back with the message and the values.
  const plainContext = await browser.newContext({ javaScriptEnabled: false });
  const plain = await plainContext.newPage();
  await signIn(plain, 'admin');
  await plain.goto(`/admin/guarantees/${number}/payment`);
  await field(plain, P.amount).fill(`${formatYen(outstanding + 500n)}`);
  await field(plain, P.method).selectOption({ label: P.methods.CASH });
  await plain.getByRole('button', { name: P.submit }).click();
  await expect(plain.getByText(`入金額が未払いの保証料 ${outstandingText}円と一致しません（差額 500円 超過）。`)).toBeVisible();
  await expect(field(plain, P.amount)).toHaveValue(formatYen(outstanding + 500n));
  await expect(field(plain, P.method)).toHaveValue('CASH');
  await plainContext.close();

  // The exact amount, typed in 全角 with separators: saved, the receipt listed, nothing outstanding.
  await field(officer, P.amount).fill(toWide(outstandingText));
  await officer.getByRole('button', { name: P.submit }).click();
  await expect(officer.getByRole('status').filter({ hasText: P.saved.paid! })).toBeVisible();
  await expect(officer).toHaveURL(new RegExp(`/admin/guarantees/${number}/payment\\?saved=paid$`));
  const receiptNumber = `${number}-01`;
  const receiptRow = officer.getByRole('row').filter({ hasText: P.receiptNo(receiptNumber) });
  await expect(receiptRow).toContainText('保証料領収証');
  await expect(receiptRow).toContainText(outstandingText);
  await expect(receiptRow).toContainText(P.methods.BANK_TRANSFER);
  await expect(balance).toContainText(P.settled);
  await expect(officer.getByRole('button', { name: P.submit })).toHaveCount(0);
  await checkA11y(officer);
  await officer.screenshot({ path: path.join(SHOTS, 'admin-payment.png'), fullPage: true });
  // The officer's copy of the receipt.
  const [officerCopy] = await Promise.all([officer.waitForEvent('download'), receiptRow.getByRole('link', { name: /のPDF$/ }).click()]);
  expect(officerCopy.suggestedFilename()).toBe(`保証料領収証_${receiptNumber}.pdf`);
  expect(await pdfText(officerCopy, 'receipt-officer.pdf')).toContain(receiptNumber);

  // The contractor is told by mail (through real SMTP), without an attachment.
  const mail = await waitForMail((m) => m.subject === `保証料領収証発行のお知らせ（保証契約番号 ${number}）`);
  expect(mail.text).toContain(receiptNumber);
  expect(mail.attachments).toHaveLength(0);

  // 保証料一覧: the 領収証 beside the 計算書; its PDF read as a reader would.
  await contractor.getByRole('navigation').getByRole('link', { name: G.premiumsTitle }).click();
  await expect(contractor.getByRole('heading', { level: 1, name: G.premiumsTitle })).toBeVisible();
  const row = contractor.getByRole('row').filter({ hasText: project });
  await expect(row).toContainText(G.paymentState.settled);
  await expect(row.getByRole('link', { name: G.calculationDocFor(number) })).toBeVisible();
  await checkA11y(contractor);
  await contractor.screenshot({ path: path.join(SHOTS, 'contractor-premiums.png'), fullPage: true });
  const [download] = await Promise.all([contractor.waitForEvent('download'), row.getByRole('link', { name: G.receiptDocFor(number, receiptNumber) }).click()]);
  expect(download.suggestedFilename()).toBe(`保証料領収証_${receiptNumber}.pdf`);
  const text = await pdfText(download, 'receipt-contractor.pdf');
  for (const expected of [
    '保証料領収証',
    `領収証番号 ${receiptNumber}`,
    '株式会社〇〇建設 様',
    `金額 ${outstandingText} 円`,
    '但し 保証料として',
    `保証契約番号 ${number}`,
    `工事名 ${project}`,
    `入金日 ${formatJapaneseDate(today)}`,
    '入金方法 銀行振込',
    `領収金額 ${outstandingText}`,
    '西日本建設業保証株式会社',
  ]) {
    expect(text).toContain(squeeze(expected));
  }

  // A 変更契約 lowering the 保証金額: its 変更保証料計算書 is listed with the 返戻, shown but not paid here.
  await officer.goto(`/admin/guarantees/${number}`);
  await officer.getByRole('link', { name: O.toChange }).click();
  await field(officer, O.field.guaranteeAmount).fill('20,000,000');
  await field(officer, O.meta2.reason).fill('変更契約（工事内容の一部変更）による保証金額の減額');
  await officer.getByRole('button', { name: O.preview }).click();
  await expect(officer.getByRole('region', { name: O.decisionTitle })).toContainText('差額（返戻）');
  await officer.getByRole('button', { name: O.commit }).click();
  await expect(officer.getByRole('status').filter({ hasText: O.saved.issued(2) })).toBeVisible();
  await officer.getByRole('link', { name: O.toPayment, exact: true }).click();
  const changeRow = officer.getByRole('row').filter({ hasText: '変更保証料計算書' });
  await expect(changeRow).toContainText(/返戻 [\d,]+/);
  const refund = /返戻 ([\d,]+)/.exec((await changeRow.textContent()) ?? '')![1]!;
  await expect(balance).toContainText(`${P.balance.refund}${refund} 円`);
  await expect(officer.getByText(P.refundNote)).toBeVisible();
  await expect(officer.getByRole('button', { name: P.submit })).toHaveCount(0);
  await checkA11y(officer);
  await officer.screenshot({ path: path.join(SHOTS, 'admin-payment-refund.png'), fullPage: true });
  await contractor.reload();
  await expect(row).toContainText(G.paymentState.refund(refund));
  await checkA11y(contractor);
  await contractor.screenshot({ path: path.join(SHOTS, 'contractor-premiums-refund.png'), fullPage: true });
  const [changeStatement] = await Promise.all([contractor.waitForEvent('download'), row.getByRole('link', { name: G.changeCalculationDocFor(number, formatListDate(new Date(`${today}T00:00:00Z`))) }).click()]);
  const changeText = await pdfText(changeStatement, 'change-statement-contractor.pdf');
  for (const expected of ['変更保証料計算書', `保証契約番号 ${number}`, '保証金額（変更後） 20,000,000 円', `差額（返戻）`, refund]) expect(changeText).toContain(squeeze(expected));

  // Another company gets 404 for the same receipt.
  const href = (await row.getByRole('link', { name: G.receiptDocFor(number, receiptNumber) }).getAttribute('href'))!;
  const stranger = await signedInPage(browser, 'sankaku01');
  expect((await stranger.request.get(href)).status()).toBe(404);
  expect((await stranger.request.get(`/admin/guarantees/${number}/payment`)).status()).toBe(404);
  await stranger.context().close();
  await officer.context().close();
  await contractor.context().close();
});
