import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { todayInTokyo } from '@/lib/dates';
import { checkA11y, expect, signIn, test } from '../fixtures';

// 〇〇県's △△トンネル工事 (demo data): the officer cancels it; the contractor sees the status.
test('解除: the officer cancels a guarantee; the contractor sees 解除 on its certificate', async ({ page, browser }) => {
  await signIn(page, 'admin');
  await page.goto('/admin/applications?status=CONCLUDED');
  await page.getByRole('link', { name: '△△トンネル工事' }).click();
  const concluded = page.getByRole('region', { name: R.concludedTitle });
  const number = /保証契約番号 (\d{10})/.exec((await concluded.textContent()) ?? '')![1]!;
  await page.getByLabel(new RegExp(`^${R.cancelledOn}`)).fill(todayInTokyo());
  await page.getByLabel(new RegExp(`^${R.cancelReason}`)).fill('工事の中止による契約解除');
  await checkA11y(page);
  // Without the confirmation box: refused at the box.
  await page.getByRole('button', { name: R.cancel }).click();
  await expect(page.getByText(R.cancelConfirmRequired)).toBeVisible();
  await page.getByLabel(R.cancelConfirm).check();
  await page.getByRole('button', { name: R.cancel }).click();
  await expect(page.getByRole('status').filter({ hasText: R.saved.cancelled! })).toBeVisible();
  await expect(concluded).toContainText('現在の状態: 解除');
  await page.screenshot({ path: 'screenshots/admin-cancelled.png', fullPage: true });

  const other = await browser.newContext();
  const contractor = await other.newPage();
  await signIn(contractor, 'maru01');
  await contractor.goto(`/contractor/guarantees/${number}`);
  await expect(contractor.getByRole('status').filter({ hasText: 'この保証の状態: 解除' })).toBeVisible();
  await other.close();
});
