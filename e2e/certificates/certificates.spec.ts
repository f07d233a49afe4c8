import fs from 'node:fs';
import path from 'node:path';
import type { Download, Page } from '@playwright/test';
import { CERTIFICATE_LABELS as C } from '@/domain/certificates/labels';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import { pdfInfo, pdfText, qrCodesIn, renderPng } from '../../tests/support/pdf';
import { checkA11y, expect, recordSecret, signIn, test } from '../fixtures';
import { waitForMail } from '../mail';

const OUT = path.resolve('test-results/certificates');

async function saveDownload(download: Download, name: string): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, name);
  await download.saveAs(file);
  return file;
}

/** The PDF's text as poppler reads it, and page 1 as PNG under screenshots/. */
function readPdf(file: string, screenshot?: string): string {
  if (screenshot) renderPng(file, path.resolve('screenshots', screenshot), 80);
  return pdfText(file, { layout: true });
}

const toWide = (digits: string) => [...digits].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

async function search(page: Page, condition: keyof typeof L.conditions, q: string) {
  await page.getByRole('radio', { name: L.conditions[condition] }).check();
  await page.getByLabel(L.searchBox).fill(q);
  await page.getByRole('button', { name: L.search, exact: true }).click();
}

// 〇〇建設's demo guarantees (concluded through the domain's use cases by the demo seed).
test('保証工事一覧 → 保証証書 → print view → 認証キー PDF → 発注者へ送信 (real SMTP) → 再発行 → 保証料一覧', async ({ page }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  await signIn(page, 'maru01');
  await page.getByRole('navigation').getByRole('link', { name: L.listTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.listTitle })).toBeVisible();
  for (const note of L.notes) await expect(page.getByText(note)).toBeVisible();
  const table = page.getByRole('table', { name: L.caption });
  // A plain header is named by its text; a sortable one by its link (「…で並べ替え（…）」).
  for (const column of Object.values(L.columns)) {
    const text = column.replace(/[.*+?^${}()|[\]\\（）]/g, '.');
    await expect(table.getByRole('columnheader', { name: new RegExp(`^${text}(で並べ替え.*)?$`) })).toBeVisible();
  }
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/contractor-guarantees.png', fullPage: true });

  // The flyer's row: 前払, 〇〇県知事, △△トンネル工事, 50,000,000 / 20,000,000, a date YYYY/MM/DD.
  const tunnel = table.getByRole('row').filter({ hasText: '△△トンネル工事' });
  await expect(tunnel).toHaveCount(1);
  await expect(tunnel).toContainText('前払');
  await expect(tunnel).toContainText('〇〇県知事');
  await expect(tunnel).toContainText('50,000,000');
  await expect(tunnel).toContainText('20,000,000');
  await expect(tunnel).toContainText(/\d{4}\/\d{2}\/\d{2}/);
  const tunnelNumber = (await tunnel.getByRole('rowheader').textContent())!.trim();
  expect(tunnelNumber).toMatch(/^\d{10}$/);

  // Each condition: the number (全角, first 9 digits), the orderer, the project; and an empty box.
  await search(page, 'number', toWide(tunnelNumber.slice(0, 9)));
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(table.getByRole('rowheader')).toHaveText(tunnelNumber);
  await search(page, 'orderer', '〇〇県');
  await expect(page).toHaveURL(/cond=orderer/);
  await expect(table.getByRole('rowheader')).toHaveCount(1);
  await expect(table.getByRole('row').filter({ has: page.getByRole('rowheader') })).toContainText('〇〇県知事');
  await search(page, 'project', 'トンネル');
  await expect(table.getByRole('rowheader')).toHaveText(tunnelNumber);
  await search(page, 'project', '');
  await expect(table.getByRole('columnheader', { name: /工事名/ })).toHaveAttribute('aria-sort', 'ascending');
  // The URL holds it all: a reload shows the same list.
  await page.reload();
  await expect(table.getByRole('columnheader', { name: /工事名/ })).toHaveAttribute('aria-sort', 'ascending');

  // 保証証書 of 大村市's 前払金保証 for 〇〇道路改良工事.
  await search(page, 'orderer', '大村市');
  const road = table.getByRole('row').filter({ hasText: '〇〇道路改良工事' }).filter({ hasText: '前払' }).first();
  const number = (await road.getByRole('rowheader').textContent())!.trim();
  await road.getByRole('link', { name: number, exact: true }).click();
  const certificate = page.getByRole('article', { name: '保証証書（前払金保証）' });
  await expect(certificate).toContainText(number);
  await expect(certificate).toContainText('大村市長 様');
  await expect(certificate).toContainText('株式会社〇〇建設 様');
  await expect(certificate).toContainText('40,000,000 円');
  await expect(certificate).toContainText('令和');
  await expect(certificate).toContainText('【注3】');
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/contractor-certificate.png', fullPage: true });

  // 印刷画面へ: the A4 view, one printed page, saying it is not the file to submit.
  await page.getByRole('link', { name: L.toPrint }).click();
  await expect(page.getByText(C.print.printable)).toBeVisible();
  await expect(page.getByRole('note').first()).toContainText('発注者へ提出するものではありません');
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/contractor-certificate-print.png', fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('banner')).toBeHidden();
  const printed = path.join(OUT, 'print.pdf');
  fs.mkdirSync(OUT, { recursive: true });
  await page.pdf({ path: printed, format: 'A4', preferCSSPageSize: true, printBackground: true });
  expect(pdfInfo(printed)).toMatch(/Pages:\s+1\n/);
  renderPng(printed, path.resolve('screenshots/contractor-certificate-printed'), 60);
  await page.emulateMedia({ media: 'screen' });

  // 認証キー: the key in groups, the warning, the PDF.
  await page.goto(`/contractor/guarantees/${number}/key`);
  await expect(page.getByRole('heading', { level: 1, name: L.keyTitle })).toBeVisible();
  await expect(page.getByText(L.important)).toBeVisible();
  const keyCell = page.getByRole('row', { name: new RegExp(`^${L.keyRows.key}`) }).getByRole('cell');
  const key = (await keyCell.textContent())!.trim();
  expect(key).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2}$/);
  recordSecret('key', key);
  await expect(page.getByText('都市整備部土木課')).toBeVisible();
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/contractor-key.png', fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: L.download }).click()]);
  expect(download.suggestedFilename()).toBe(`認証キー等のお知らせ_${number}.pdf`);
  const pdf = await saveDownload(download, 'key-notice.pdf');
  const text = readPdf(pdf, 'key-notice-pdf');
  for (const expected of ['電子証書閲覧用「認証キー」等のお知らせ', number, key, '〇〇道路改良工事', '大村市長', '【お客様へのお願い】', '【発注者様へのお願い】']) expect(text).toContain(expected);
  expect(qrCodesIn(path.resolve('screenshots/key-notice-pdf.png'))).toContainEqual(expect.stringMatching(new RegExp(`/orderer/lookup\\?number=${number}$`)));

  // 発注者へ送信 (its preview and the state on the key page: send-to-orderer.spec): to the 工事担当課,
  // through real SMTP with the PDF attached; sending again asks first.
  await page.getByRole('link', { name: L.send, exact: true }).click();
  await page.getByRole('button', { name: L.confirmSend }).click();
  await expect(page.getByRole('status').filter({ hasText: L.sent })).toBeVisible();
  const sent = await waitForMail((m) => m.subject?.includes(number) === true && m.attachments.length === 1);
  expect(sent.to && 'value' in sent.to ? sent.to.value[0]?.address : '').toBe('doboku@omura.example.jp');
  expect(sent.attachments[0]!.filename).toBe(`認証キー等のお知らせ_${number}.pdf`);
  const attached = path.join(OUT, 'attached.pdf');
  fs.writeFileSync(attached, sent.attachments[0]!.content);
  expect(readPdf(attached)).toContain(key);
  await page.getByRole('link', { name: L.send, exact: true }).click();
  await page.getByLabel(L.confirmResend).check();
  await page.getByRole('button', { name: L.confirmSend }).click();
  // Back on the key page, with the second entry of the sending history (the 再発行 below must not
  // race the second sending's redirect).
  await expect(page.getByRole('table', { name: L.submissionsTitle }).getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('status').filter({ hasText: L.sent })).toBeVisible();

  // 再発行: a new key, the old one shown as 無効 in the history, and a new PDF.
  await page.getByLabel(L.confirmReissue).check();
  await page.getByRole('button', { name: L.reissue }).click();
  await expect(page.getByRole('status').filter({ hasText: L.reissued })).toBeVisible();
  const newKey = (await keyCell.textContent())!.trim();
  expect(newKey).not.toBe(key);
  await expect(page.getByRole('table', { name: L.keyHistory }).getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('table', { name: L.keyHistory })).toContainText(L.keyState.revoked);
  await expect(page.getByText(key)).toHaveCount(0);
  const [second] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: L.download }).click()]);
  const secondText = readPdf(await saveDownload(second, 'key-notice-2.pdf'));
  expect(secondText).toContain(newKey);
  expect(secondText).not.toContain(key);

  // 保証料一覧 and a 保証料計算書.
  await page.getByRole('navigation').getByRole('link', { name: L.premiumsTitle }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.premiumsTitle })).toBeVisible();
  await checkA11y(page);
  const [statement] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: L.calculationDocFor(number) }).click()]);
  const statementText = readPdf(await saveDownload(statement, 'premium.pdf'), 'premium-statement-pdf');
  expect(statementText).toContain('保証料計算書');
  expect(statementText).toContain(number);
});

test("another company's certificate, key page and PDF answer 404", async ({ page }) => {
  await signIn(page, 'maru01');
  await page.goto('/contractor/guarantees');
  // △△トンネル工事 is 〇〇建設's alone (△△工務店 is a 構成員 of the demo JV's guarantee, not of this one).
  const row = page.getByRole('table', { name: L.caption }).getByRole('row').filter({ hasText: '△△トンネル工事' });
  const number = (await row.getByRole('rowheader').textContent())!.trim();
  const stranger = await page.context().browser()!.newContext();
  const other = await stranger.newPage();
  await signIn(other, 'sankaku01');
  for (const url of [`/contractor/guarantees/${number}`, `/contractor/guarantees/${number}/key`, `/contractor/guarantees/${number}/print`]) {
    const response = await other.goto(url);
    expect(response?.status(), url).toBe(404);
  }
  expect((await other.request.get(`/contractor/guarantees/${number}/key/notice`)).status()).toBe(404);
  await other.goto('/contractor/guarantees');
  await expect(other.getByRole('heading', { level: 1, name: L.listTitle })).toBeVisible();
  await expect(other.getByRole('main')).not.toContainText(number);
  await stranger.close();
});
