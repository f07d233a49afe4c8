import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { LOOKUP_LOG_LABELS as A } from '@/app/admin/lookups/labels';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { CONFIRMED_LABELS as C } from '@/app/orderer/confirmed/labels';
import { LOOKUP_LABELS as L, ORDERER_CERTIFICATE_LABELS as O } from '@/app/orderer/lookup/labels';
import { LOOKUP_MESSAGES as M } from '@/domain/lookup/messages';
import { LOOKUP_POLICY } from '@/domain/lookup/policy';
import { pdfText as readPdfText, renderPng } from '../../tests/support/pdf';
import { checkA11y, expect, recordSecret, signIn, test, signedInPage } from '../fixtures';
import { waitForMail } from '../mail';

const OUT = path.resolve('test-results/orderer');
const pdfText = (file: string) => readPdfText(file, { layout: true });

async function lookUp(page: Page, number: string, key: string) {
  await page.getByLabel(new RegExp(`^${L.number}`)).fill(number);
  await page.getByLabel(new RegExp(`^${L.key}`)).fill(key);
  await page.getByRole('button', { name: L.submit }).click();
}

// 〇〇建設 sends 大村市's 契約保証 (demo data) to 財政部契約課; a clerk of that section checks it. The
// wrong keys below also spend the clerk's own lookup budget (LOOKUP_POLICY.accountFailures): the
// clerk is an account of this test's own (newUser), not the demo's omura01.
test('key PDF by mail → 電子証書の確認 → 確認記録 → 確認済み一覧 and CSV → the contractor sees it; a lock, its notice, and an officer lifting it', async ({ browser, newUser }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  fs.mkdirSync(OUT, { recursive: true });
  const contractor = await signedInPage(browser, 'maru01');
  // By 工事名: other tests' guarantees of the demo company may push the demo's rows past page 1.
  await contractor.goto(`/contractor/guarantees?cond=project&q=${encodeURIComponent('〇〇道路改良工事')}`);
  const row = contractor.getByRole('row').filter({ hasText: '〇〇道路改良工事' }).filter({ hasText: '契約' });
  const number = (await row.getByRole('rowheader').textContent())!.trim();
  await contractor.goto(`/contractor/guarantees/${number}/key`);
  await expect(contractor.getByText('keiyakumain@city.omura.nagasaki.jp')).toBeVisible();
  await contractor.getByRole('link', { name: G.send, exact: true }).click(); // the preview
  await contractor.getByRole('button', { name: G.confirmSend }).click();
  await expect(contractor.getByRole('status').filter({ hasText: G.sent })).toBeVisible();

  // The clerk reads the number and the key from the PDF the mail brought.
  const mail = await waitForMail((m) => m.subject?.includes(number) === true && m.attachments.length === 1);
  const attached = path.join(OUT, 'notice.pdf');
  fs.writeFileSync(attached, mail.attachments[0]!.content);
  const text = pdfText(attached);
  const key = /([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{2})/.exec(text)![1]!;
  recordSecret('key', key);
  expect(text).toContain(number);

  const clerkAccount = await newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' });
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await clerk.getByRole('navigation').getByRole('link', { name: L.title }).click();
  await expect(clerk.getByRole('heading', { level: 1, name: L.title })).toBeVisible();
  await checkA11y(clerk);
  await clerk.screenshot({ path: 'screenshots/orderer-lookup.png', fullPage: true });

  // A typo in the number is caught at the field before anything is sent.
  const typo = number.slice(0, 9) + String((Number(number[9]) + 1) % 10);
  await clerk.getByLabel(new RegExp(`^${L.number}`)).fill(typo);
  await clerk.getByLabel(new RegExp(`^${L.key}`)).fill(key);
  await clerk.getByRole('button', { name: L.submit }).click();
  await expect(clerk.getByLabel(new RegExp(`^${L.number}`))).toHaveAccessibleDescription(new RegExp(M.numberCheckDigit));
  // The key in lower case with spaces instead of hyphens: the same key.
  await lookUp(clerk, number, key.toLowerCase().replaceAll('-', ' '));
  await expect(clerk.getByRole('status').filter({ hasText: O.confirmedSaved })).toBeVisible();
  await expect(clerk.getByRole('status').filter({ hasText: O.statusBanner(O.statusLabel.ACTIVE) })).toBeVisible();
  const certificate = clerk.getByRole('article', { name: '保証証書（契約保証）' });
  await expect(certificate).toContainText(number);
  await expect(certificate).toContainText('大村市長 様');
  await expect(clerk.getByRole('heading', { name: O.versions })).toBeVisible();
  await checkA11y(clerk);
  await clerk.screenshot({ path: 'screenshots/orderer-certificate.png', fullPage: true });

  // 確認記録 (PDF).
  const [record] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: O.record }).click()]);
  const recordFile = path.join(OUT, 'record.pdf');
  await record.saveAs(recordFile);
  renderPng(recordFile, path.resolve('screenshots/orderer-record-pdf'), 70);
  const recordText = pdfText(recordFile);
  for (const expected of ['確認記録', number, clerkAccount.name, '有効']) expect(recordText).toContain(expected);

  // 確認済み一覧 and its CSV.
  await clerk.getByRole('navigation').getByRole('link', { name: C.title }).click();
  await expect(clerk.getByRole('heading', { level: 1, name: C.title })).toBeVisible();
  // Searched by its number: other specs' clerks of 大村市 confirm guarantees meanwhile, which can push
  // this one off the first page.
  await clerk.goto(`/orderer/confirmed?cond=number&q=${number}`);
  const confirmedRow = clerk.getByRole('row').filter({ hasText: number });
  await expect(confirmedRow).toContainText('〇〇道路改良工事');
  await checkA11y(clerk);
  await clerk.screenshot({ path: 'screenshots/orderer-confirmed.png', fullPage: true });
  const [csv] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: C.csv }).click()]);
  const csvFile = path.join(OUT, 'confirmed.csv');
  await csv.saveAs(csvFile);
  const bytes = fs.readFileSync(csvFile);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
  expect(records.some((r) => Object.values(r).includes(number) && Object.values(r).some((v) => v.includes('〇〇道路改良工事')))).toBe(true);

  // The contractor sees who confirmed it (no phone call needed).
  await contractor.goto(`/contractor/guarantees/${number}`);
  await expect(contractor.getByRole('region', { name: G.confirmationsTitle })).toContainText('大村市');
  await expect(contractor.getByRole('region', { name: G.confirmationsTitle })).toContainText('財政部契約課');

  // Wrong keys until the number locks; then even the right key waits, with the time to wait.
  const wrong = key.slice(0, 11) + (key[11] === 'A' ? 'B' : 'A');
  await clerk.goto(`/orderer/lookup?number=${number}`);
  await expect(clerk.getByLabel(new RegExp(`^${L.number}`))).toHaveValue(number);
  for (let i = 0; i < LOOKUP_POLICY.numberFailures; i++) {
    await lookUp(clerk, number, wrong);
    await expect(clerk.getByRole('alert').filter({ hasText: M.notFound })).toBeVisible();
  }
  await lookUp(clerk, number, key);
  await expect(clerk.getByRole('alert').filter({ hasText: /約\d+(分|時間)後にもう一度/ })).toBeVisible();
  await clerk.screenshot({ path: 'screenshots/orderer-lookup-locked.png', fullPage: true });

  // The lock is not silent: the contractor's page says so, and the mail went out.
  await contractor.reload();
  await expect(contractor.getByRole('region', { name: G.lockTitle })).toBeVisible();
  await waitForMail((m) => m.subject?.includes('確認を一時停止') === true && m.subject.includes(number));

  // An officer lifts it.
  const officer = await signedInPage(browser, 'admin');
  await officer.getByRole('navigation').getByRole('link', { name: A.title }).click();
  const lockRow = officer.getByRole('table', { name: A.locksTitle }).getByRole('row').filter({ hasText: number });
  await expect(lockRow).toBeVisible();
  await checkA11y(officer);
  await officer.screenshot({ path: 'screenshots/admin-lookups.png', fullPage: true });
  officer.once('dialog', (d) => void d.accept());
  await lockRow.getByRole('button').click();
  await expect(officer.getByRole('status').filter({ hasText: A.unlocked })).toBeVisible();

  await lookUp(clerk, number, key);
  await expect(clerk.getByRole('status').filter({ hasText: O.confirmedSaved })).toBeVisible();
  await Promise.all([contractor.context().close(), clerk.context().close(), officer.context().close()]);
});

test('orderer pages refuse contractors and officers; another orderer cannot open the certificate', async ({ page, browser }) => {
  await signIn(page, 'maru01');
  expect((await page.goto('/orderer/lookup'))?.status()).toBe(404);
  expect((await page.goto('/orderer/confirmed'))?.status()).toBe(404);
  const other = await browser.newContext();
  const officer = await other.newPage();
  await signIn(officer, 'admin');
  expect((await officer.goto('/orderer/lookup'))?.status()).toBe(404);
  await page.goto('/contractor/guarantees');
  const number = (await page.getByRole('rowheader').first().textContent())!.trim();
  expect((await officer.goto(`/orderer/certificates/${number}`))?.status()).toBe(404);
  await other.close();
});
