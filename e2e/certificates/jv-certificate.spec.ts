import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { LOOKUP_LABELS as LL } from '@/app/orderer/lookup/labels';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import { CERTIFICATE_LABELS as C } from '@/domain/certificates/labels';
import { pdfInfo, pdfText, renderPng } from '../../tests/support/pdf';
// The 中間前払金 test needs a contract past its half today: e2e/certifications.ts throws, saying why,
// before HALF_PASSED_FROM (the spec fails rather than skips).
import '../certifications';
import { checkA11y, expect, readAuthKey, shots, signedInPage, signIn, supportToken, test } from '../fixtures';

/**
 * The certificate of a 共同企業体's guarantee and of a 中間前払金保証 from a 認定 (issue 16 B9): the JV's
 * name 様 with its 代表者 and 構成員, 預託金融機関（分割預託） one line per member; 「中間前払金認定」. The
 * guarantees are the test's own, made on the server through the screens' use cases
 * (POST /api/test-support/guarantees): a JV of five companies with five deposits, the most a sheet
 * must hold on one A4 page.
 */

const OUT = path.resolve('test-results/jv-certificate');

async function made(request: APIRequestContext, data: Record<string, unknown>) {
  const response = await request.post('/api/test-support/guarantees', { data: { count: 1, contractAmount: '60000000', guaranteeAmount: '24000000', ...data }, headers: { Authorization: `Bearer ${supportToken()}` } });
  if (response.status() !== 201) throw new Error(`test-support guarantees: HTTP ${response.status()} ${await response.text()}`);
  return (await response.json()) as { jointVenture?: string; guarantees: { number: string; intermediateNumber?: string }[] };
}

async function lookUp(page: Page, number: string, key: string) {
  await page.goto('/orderer/lookup');
  await page.getByLabel(new RegExp(`^${LL.number}`)).fill(number);
  await page.getByLabel(new RegExp(`^${LL.key}`)).fill(key);
  await page.getByRole('button', { name: LL.submit }).click();
}

/** The JV block and the five deposits, as the sheet shows them to anyone who may see it. */
async function expectJointVenture(page: Page, jointVenture: string) {
  const sheet = page.getByRole('article', { name: '保証証書（前払金保証）' });
  const holder = sheet.getByRole('row', { name: new RegExp(`^${C.contractor}`) });
  await expect(holder).toContainText(`${jointVenture} ${C.honorific}`);
  await expect(holder).toContainText(`${C.representative}`);
  await expect(holder.getByText(C.member, { exact: true })).toHaveCount(4);
  await expect(holder).toContainText('株式会社〇〇建設');
  const deposits = sheet.getByRole('row', { name: new RegExp(`^${C.depositBank}\\s*${C.splitDeposit}`) });
  await expect(deposits).toContainText(C.splitDeposit);
  for (const [i, share] of ['30', '20', '20', '15', '15'].entries()) {
    await expect(deposits).toContainText(`試験銀行${i + 1} 第${i + 1}支店`);
    await expect(deposits).toContainText(`${share}${C.percent}`);
  }
  await expect(sheet).not.toContainText(C.intermediateCertification);
}

test('a JV of five companies: the 代表者 sees the JV block and 分割預託 on screen and on one printed page; the clerk who looks it up sees the same', async ({ page, browser, newUser }) => {
  test.slow();
  const representative = await newUser({ side: 'contractor' });
  const { jointVenture, guarantees } = await made(page.request, { project: 'JV証書試験工事', applicant: representative.loginId, jointVenture: { newMembers: 4 } });
  const number = guarantees[0]!.number;
  await signIn(page, representative.loginId, representative.password);

  await page.goto(`/contractor/guarantees/${number}`);
  await expectJointVenture(page, jointVenture!);
  await checkA11y(page);
  await shots(page, 'jv-certificate');
  await page.setViewportSize({ width: 1280, height: 900 });

  // The print view: one A4 page holds the five members and the five deposits.
  await page.getByRole('link', { name: L.toPrint }).click();
  await expect(page.getByText(C.print.printable)).toBeVisible();
  await expectJointVenture(page, jointVenture!);
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/jv-certificate-print.png', fullPage: true });
  await page.emulateMedia({ media: 'print' });
  fs.mkdirSync(OUT, { recursive: true });
  const printed = path.join(OUT, 'print.pdf');
  await page.pdf({ path: printed, format: 'A4', preferCSSPageSize: true, printBackground: true });
  expect(pdfInfo(printed)).toMatch(/Pages:\s+1\n/);
  const text = pdfText(printed, { layout: true });
  for (const t of [jointVenture!, '試験銀行5', '第5支店', '発注者へ提出するものではありません']) expect(text).toContain(t);
  renderPng(printed, path.resolve('screenshots/jv-certificate-printed'), 60);
  await page.emulateMedia({ media: 'screen' });

  // The clerk of 大村市 who looks it up by number and key sees the same sheet.
  const key = await readAuthKey(page, number);
  const clerkAccount = await newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' });
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await lookUp(clerk, number, key);
  await expectJointVenture(clerk, jointVenture!);
  await checkA11y(clerk);
  await shots(clerk, 'jv-certificate-orderer');
  await clerk.context().close();
});

test('a 中間前払金保証 from a 認定 shows 「中間前払金認定」 with its number, date and 認定権者', async ({ page, newUser }) => {
  const applicant = await newUser({ side: 'contractor' });
  const { guarantees } = await made(page.request, { project: '中間証書試験工事', applicant: applicant.loginId, term: 'halfPassed', fromCertification: true });
  const number = guarantees[0]!.intermediateNumber!;
  await signIn(page, applicant.loginId, applicant.password);
  await page.goto(`/contractor/guarantees/${number}`);
  const sheet = page.getByRole('article', { name: '保証証書（中間前払金保証）' });
  const row = sheet.getByRole('row', { name: new RegExp(`^${C.intermediateCertification}`) });
  await expect(row).toContainText(/^中間前払金認定\s*令和\d+年度第\d+号（令和\s?\d+年\s?\d+月\s?\d+日 大村市長）$/);
  await expect(sheet).not.toContainText(C.splitDeposit);
  await checkA11y(page);
  await shots(page, 'intermediate-certificate');
});
