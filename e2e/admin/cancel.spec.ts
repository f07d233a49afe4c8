import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { LOOKUP_LABELS as LK, ORDERER_CERTIFICATE_LABELS as OC } from '@/app/orderer/lookup/labels';
import { STATUS_BANNER_LABELS as B } from '@/components/status-banner/labels';
import { todayInTokyo } from '@/lib/dates';
import { checkA11y, expect, signIn, test, signedInPage, readAuthKey } from '../fixtures';

// 〇〇県's △△トンネル工事 (demo data): ken01 of 〇〇県 confirms it, the officer cancels it; the
// contractor and the orderer both see 解除 prominently, and the orderer's lookup still opens it.
test('解除: the officer cancels a guarantee; the contractor and the confirming orderer see the 解除 banner', async ({ page, browser }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  await signIn(page, 'admin');
  await page.goto('/admin/applications?status=CONCLUDED');
  await page.getByRole('link', { name: '△△トンネル工事' }).click();
  const concluded = page.getByRole('region', { name: R.concludedTitle });
  const number = /保証契約番号 (\d{10})/.exec((await concluded.textContent()) ?? '')![1]!;

  // Before: the contractor reads the key and 〇〇県's clerk confirms the certificate with it.
  const contractor = await signedInPage(browser, 'maru01');
  const key = await readAuthKey(contractor, number);
  const clerk = await signedInPage(browser, 'ken01');
  const lookUp = async () => {
    await clerk.goto('/orderer/lookup');
    await clerk.getByLabel(new RegExp(`^${LK.number}`)).fill(number);
    await clerk.getByLabel(new RegExp(`^${LK.key}`)).fill(key);
    await clerk.getByRole('button', { name: LK.submit }).click();
    await expect(clerk.getByRole('status').filter({ hasText: OC.confirmedSaved })).toBeVisible();
  };
  await lookUp();

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

  const headline = B.headline(B.status.CANCELLED);
  await contractor.goto(`/contractor/guarantees/${number}`);
  await expect(contractor.getByRole('status').filter({ hasText: headline }).first()).toBeVisible();
  await expect(contractor.getByRole('status').filter({ hasText: headline }).first()).toContainText('工事の中止による契約解除');

  // The orderer: the certificate page shows 解除, and a new lookup still opens it with the banner.
  await clerk.goto(`/orderer/certificates/${number}`);
  await expect(clerk.getByRole('status').filter({ hasText: headline }).first()).toBeVisible();
  await lookUp();
  await expect(clerk.getByRole('status').filter({ hasText: headline }).first()).toBeVisible();
  await expect(clerk.getByRole('article', { name: /保証証書/ })).toContainText(headline);
  await checkA11y(clerk);
  await clerk.screenshot({ path: 'screenshots/orderer-cancelled.png', fullPage: true });
  await contractor.context().close();
  await clerk.context().close();
});
