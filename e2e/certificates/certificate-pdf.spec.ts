import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Download, Page } from '@playwright/test';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import { LOOKUP_LABELS as LL, ORDERER_CERTIFICATE_LABELS as OL } from '@/app/orderer/lookup/labels';
import { CERTIFICATE_LABELS as C } from '@/domain/certificates/labels';
import { fontsOf, pageCount, pdfText, renderPng, squeeze } from '../../tests/support/pdf';
import { checkA11y, expect, readAuthKey, shots, signedInPage, signIn, supportToken, test } from '../fixtures';

/**
 * 「PDFで保存」 on the print views (decision 073): the 代表者 of a JV of five (five deposits) and the
 * clerk who looked the certificate up each save the version the print view shows as a PDF — one A4
 * page, the font embedded, every member and account readable — and the browser's own printout of the
 * same print view is kept beside it for comparison (screenshots/certificate-pdf-*.png). Another
 * company's user gets 404, the signed-out 401.
 */

const OUT = path.resolve('test-results/certificate-pdf');

async function made(request: APIRequestContext, data: Record<string, unknown>) {
  const response = await request.post('/api/test-support/guarantees', { data: { count: 1, contractAmount: '60000000', guaranteeAmount: '24000000', ...data }, headers: { Authorization: `Bearer ${supportToken()}` } });
  if (response.status() !== 201) throw new Error(`test-support guarantees: HTTP ${response.status()} ${await response.text()}`);
  return (await response.json()) as { jointVenture?: string; guarantees: { number: string }[] };
}

async function saved(download: Download, name: string): Promise<string> {
  fs.mkdirSync(OUT, { recursive: true });
  const file = path.join(OUT, `${name}.pdf`);
  await download.saveAs(file);
  return file;
}

/** The browser's printout of the print view, as a picture beside the PDF's (for people to compare). */
async function printout(page: Page, name: string) {
  await page.emulateMedia({ media: 'print' });
  const printed = path.join(OUT, `${name}-browser.pdf`);
  await page.pdf({ path: printed, format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  renderPng(printed, path.resolve(`screenshots/${name}-browser`), 60);
}

function expectCertificatePdf(file: string, texts: string[]) {
  expect(pageCount(file)).toBe(1);
  expect(fontsOf(file)).toMatch(/\+BIZUDPGothic-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  const text = squeeze(pdfText(file));
  for (const t of texts) expect(text).toContain(squeeze(t));
}

test('「PDFで保存」: the 代表者 and the clerk save the print view’s version as one A4 page; another company 404, the signed-out 401', async ({ page, browser, newUser }) => {
  test.slow();
  const representative = await newUser({ side: 'contractor' });
  const { jointVenture, guarantees } = await made(page.request, { project: 'JV証書PDF試験工事', applicant: representative.loginId, jointVenture: { newMembers: 4 } });
  const number = guarantees[0]!.number;
  await signIn(page, representative.loginId, representative.password);

  await page.goto(`/contractor/guarantees/${number}`);
  await page.getByRole('link', { name: L.toPrint }).click();
  const link = page.getByRole('link', { name: C.print.savePdf });
  await expect(link).toHaveAttribute('href', `/contractor/guarantees/${number}/print/pdf?version=1`);
  await checkA11y(page);
  await shots(page, 'certificate-pdf-print-view');
  // The link is the toolbar's: not on the printout.
  await page.emulateMedia({ media: 'print' });
  await expect(link).toBeHidden();
  await page.emulateMedia({ media: 'screen' });
  await printout(page, 'certificate-pdf-jv');

  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe(`保証証書_${number}_第1版.pdf`);
  const file = await saved(download, 'contractor');
  expectCertificatePdf(file, [
    '保証証書（前払金保証）',
    `保証契約番号 ${number}`,
    `${jointVenture!} 様`,
    'JV証書PDF試験工事',
    ...[1, 2, 3, 4, 5].map((i) => `試験銀行${i} 第${i}支店`),
    C.splitDeposit,
    L.printNotice,
  ]);
  renderPng(file, path.resolve('screenshots/certificate-pdf-jv'), 60);

  // The clerk who looked it up: the orderer's print view, its status line and notice in the PDF.
  const key = await readAuthKey(page, number);
  const clerkAccount = await newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' });
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await clerk.goto('/orderer/lookup');
  await clerk.getByLabel(new RegExp(`^${LL.number}`)).fill(number);
  await clerk.getByLabel(new RegExp(`^${LL.key}`)).fill(key);
  await clerk.getByRole('button', { name: LL.submit }).click();
  await expect(clerk.getByRole('article', { name: '保証証書（前払金保証）' })).toBeVisible();
  await clerk.goto(`/orderer/certificates/${number}/print`);
  const clerkLink = clerk.getByRole('link', { name: C.print.savePdf });
  await expect(clerkLink).toHaveAttribute('href', `/orderer/certificates/${number}/print/pdf?version=1`);
  await checkA11y(clerk);
  const [clerkDownload] = await Promise.all([clerk.waitForEvent('download'), clerkLink.click()]);
  const clerkFile = await saved(clerkDownload, 'orderer');
  expectCertificatePdf(clerkFile, [`${jointVenture!} 様`, 'この保証の状態: 有効', OL.printNotice]);
  await clerk.context().close();

  // Another company's user (not of this JV): 404, as its print view; the signed-out: 401.
  const stranger = await newUser({ side: 'contractor', organization: '株式会社△△工務店' });
  const other = await signedInPage(browser, stranger.loginId, stranger.password);
  expect((await other.request.get(`/contractor/guarantees/${number}/print/pdf`)).status()).toBe(404);
  await other.context().close();
  const anonymous = await browser.newContext();
  const base = new URL(page.url()).origin;
  expect((await anonymous.request.get(`${base}/orderer/certificates/${number}/print/pdf`)).status()).toBe(401);
  await anonymous.close();
});
