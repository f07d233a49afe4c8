import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import { checkA11y, expect, recordSecret, shots, test } from '../fixtures';
import { ownGuarantee } from '../guarantees';
import { waitForMail } from '../mail';

/**
 * 「発注者へ送信」 (issue 14, item 7): the contractor sees the mail before it goes (宛先, 件名, 本文,
 * 添付ファイル名), sends it with 「この内容で送信する」, is told 「送信を受け付けました」 and sees the
 * state move to 送信済み as the real SMTP server of the run accepts it (decision 031); a second
 * sending without the confirmation box gets a Japanese error at the box, with the focus there —
 * in an English browser too.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label with a value in it (a date, a time), as a pattern: any value in its place. */
const withAnyValue = (label: (value: string) => string) => new RegExp(label('\u0000').split('\u0000').map(escapeRegExp).join('.+'));
const endsWith = (text: string) => new RegExp(`${escapeRegExp(text)}$`);

const project = () => `〇〇地区送信確認工事E2E${randomBytes(3).toString('hex')}`;
const latestState = (page: Page) => page.getByRole('status').filter({ hasText: L.latestState('') });
const mailRegion = (page: Page) => page.getByRole('region', { name: L.previewMail });
/** The definition (dd) under a term (dt) of the preview. */
const mailField = (page: Page, term: string) => mailRegion(page).locator(`dt:text-is("${term}") + dd`);

/** From the key page, through the preview, 「この内容で送信する」: back on the key page with its message. */
async function sendThroughPreview(contractor: Page, number: string, confirmResend = false) {
  await contractor.goto(`/contractor/guarantees/${number}/key`);
  await contractor.getByRole('link', { name: L.send, exact: true }).click();
  await expect(contractor.getByRole('heading', { level: 1, name: L.previewTitle })).toBeVisible();
  if (confirmResend) await contractor.getByLabel(L.confirmResend).check();
  await contractor.getByRole('button', { name: L.confirmSend }).click();
  await expect(contractor.getByRole('status').filter({ hasText: L.sent })).toBeVisible();
  await expect(contractor).toHaveURL(new RegExp(`/contractor/guarantees/${number}/key\\?saved=sent`));
}

/** A second sending without the box: the error at the box, in Japanese, announced, the focus on the box; nothing sent. */
async function missingTick(contractor: Page, number: string, shot?: string) {
  await contractor.goto(`/contractor/guarantees/${number}/key/send`);
  await expect(contractor.getByText(withAnyValue(L.lastSent))).toBeVisible();
  const box = contractor.getByLabel(L.confirmResend);
  await expect(box).not.toBeChecked();
  await contractor.getByRole('button', { name: L.confirmSend }).click();
  await expect(box).toBeFocused();
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveAccessibleDescription(L.confirmResendRequired);
  await expect(contractor.locator('.field-error[aria-live="polite"]')).toHaveText(L.confirmResendRequired);
  expect(await box.evaluate((input: HTMLInputElement) => input.validationMessage)).toBe(''); // no browser bubble
  await expect(contractor).toHaveURL(new RegExp(`/key/send$`));
  if (shot) await shots(contractor, shot);
  // Ticking it clears the error.
  await box.check();
  await expect(contractor.locator('.field-error[aria-live="polite"]')).toHaveText('');
}

test('発注者へ送信: the preview, 「この内容で送信する」, 送信を受け付けました, 送信待ち → 送信済み through real SMTP; a resend without the box', async ({ browser, newUser }) => {
  test.slow(); // applies, concludes, sends twice and waits for the mail worker
  const { contractor, officer, number } = await ownGuarantee(browser, newUser, project());
  await officer.context().close();

  // The key page: where it goes, nothing sent yet, and 発注者へ送信 opens the preview (it sends nothing).
  await contractor.goto(`/contractor/guarantees/${number}/key`);
  await expect(contractor.getByText(L.sendLead)).toBeVisible();
  await expect(contractor.getByText(L.noSubmissions)).toBeVisible();
  await expect(contractor.getByText('送信メール')).toHaveCount(0);
  await shots(contractor, 'contractor-key-before-send');
  await contractor.getByRole('link', { name: L.send, exact: true }).click();

  // The preview: the mail as it goes.
  await expect(contractor.getByRole('heading', { level: 1, name: L.previewTitle })).toBeVisible();
  await expect(contractor.getByText(L.previewLead)).toBeVisible();
  await expect(mailField(contractor, L.mailFields.to)).toHaveText(/^大村市 都市整備部土木課（doboku@omura\.example\.jp）$/);
  const subject = (await mailField(contractor, L.mailFields.subject).textContent())!;
  expect(subject).toContain(number);
  const body = (await mailRegion(contractor).locator('pre').textContent())!;
  expect(body).toContain(`保証契約番号：${number}`);
  await expect(mailField(contractor, L.mailFields.attachments).getByRole('link', { name: `認証キー等のお知らせ_${number}.pdf` })).toBeVisible();
  await expect(contractor.getByLabel(L.confirmResend)).toHaveCount(0); // never sent: no box
  await checkA11y(contractor);
  await shots(contractor, 'contractor-send-preview');

  // 戻る goes back without sending.
  await contractor.getByRole('link', { name: L.back, exact: true }).click();
  await expect(contractor.getByRole('heading', { level: 1, name: L.keyTitle })).toBeVisible();
  await expect(contractor.getByText(L.noSubmissions)).toBeVisible();

  // Sent: accepted at once, then 送信済み once the worker has handed it to the SMTP server (the page follows by itself).
  await sendThroughPreview(contractor, number);
  await expect(latestState(contractor)).toHaveText(withAnyValue((at) => L.latestState(L.submissionState.sent(at))), { timeout: 120_000 });
  const history = contractor.getByRole('table', { name: L.submissionsTitle });
  await expect(history.getByRole('row')).toHaveCount(2);
  await expect(history).toContainText('doboku@omura.example.jp');
  await checkA11y(contractor);
  await shots(contractor, 'contractor-key-after-send');

  // The orderer gets exactly what the preview showed.
  const mail = await waitForMail((m) => m.subject === subject && m.attachments.length === 1);
  expect(mail.to && 'value' in mail.to ? mail.to.value.map((a) => a.address) : []).toEqual(['doboku@omura.example.jp']);
  expect(mail.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(body);
  expect(mail.attachments[0]!.filename).toBe(`認証キー等のお知らせ_${number}.pdf`);

  // A second sending: the preview says when the first went and asks for the box.
  await missingTick(contractor, number, 'contractor-send-preview-resend-error');
  await contractor.getByRole('button', { name: L.confirmSend }).click();
  await expect(contractor.getByRole('status').filter({ hasText: L.sent })).toBeVisible();
  await expect(history.getByRole('row')).toHaveCount(3);
  await contractor.context().close();
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US' });

  test('the missing box is said in Japanese at the box, with the focus there (発注者へ送信 and 再発行), never the browser’s bubble', async ({ browser, newUser }) => {
    test.slow();
    const { contractor, officer, number } = await ownGuarantee(browser, newUser, project());
    await officer.context().close();
    await sendThroughPreview(contractor, number);
    await missingTick(contractor, number);

    // 再発行 without its box: the same kind of error; the key stays.
    await contractor.goto(`/contractor/guarantees/${number}/key`);
    const key = await contractor.locator('.auth-key').textContent();
    recordSecret('key', key!.trim());
    const box = contractor.getByLabel(L.confirmReissue);
    await contractor.getByRole('button', { name: L.reissue }).click();
    await expect(box).toBeFocused();
    await expect(box).toHaveAccessibleDescription(L.confirmReissueRequired);
    await expect(contractor.locator('.auth-key')).toHaveText(key!);
    await checkA11y(contractor);
    await contractor.context().close();
  });
});

test('without JavaScript: the preview and 「この内容で送信する」 work as plain pages and a form', async ({ browser, newUser }) => {
  test.slow();
  const { contractor, officer, number } = await ownGuarantee(browser, newUser, project());
  await officer.context().close();
  const plain = await browser.newContext({ storageState: await contractor.context().storageState(), javaScriptEnabled: false });
  await contractor.context().close();
  const page = await plain.newPage();
  await page.goto(`/contractor/guarantees/${number}/key`);
  await page.getByRole('link', { name: L.send, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: L.previewTitle })).toBeVisible();
  await page.getByRole('button', { name: L.confirmSend }).click();
  await expect(page.getByText(L.sent)).toBeVisible();
  await expect(page.getByRole('table', { name: L.submissionsTitle }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('link', { name: L.refresh })).toBeVisible();

  // The second sending without the box: the action's answer, the same error at the box.
  await page.getByRole('link', { name: L.send, exact: true }).click();
  await page.getByRole('button', { name: L.confirmSend }).click();
  // (The action's message names when the first went, then the same request as the browser's check.)
  await expect(page.getByLabel(L.confirmResend)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel(L.confirmResend)).toHaveAccessibleDescription(endsWith(L.confirmResendRequired));
  await expect(page.getByRole('table', { name: L.submissionsTitle })).toHaveCount(0); // still on the preview
  await plain.close();
});
