import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { CONFIRMED_LABELS as C } from '@/app/orderer/confirmed/labels';
import { LOOKUP_LABELS as L } from '@/app/orderer/lookup/labels';
import { STATUS_BANNER_LABELS as B } from '@/components/status-banner/labels';
import { endedTerm } from '@/demo/term-dates';
import { keyRefusal } from '@/domain/guarantees/messages';
import { checkA11y, expect, recordSecret, test, signedInPage } from '../fixtures';

// Screenshots of the banners, beside the suite's own under screenshots/ (SHOTS_DIR overrides).
const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots-status';
const shot = async (page: Page, name: string) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
  await page.screenshot({ path: path.join('screenshots', name), fullPage: true });
};

// 大村市's 〇〇公園整備工事 (demo data: endedTerm of the day the server seeded it, e.g. on 2026-11-24
// concluded 2026-04-08, its 保証期間 ended 2026-09-30), stored ACTIVE. 期間満了 is computed from
// today's date in Asia/Tokyo on every page.
const ENDED = endedTerm().guaranteeEnd;
const EXPIRED_HEADLINE = `${B.headline(B.status.EXPIRED)}${B.when.EXPIRED(ENDED)}`;

test('期間満了: the contractor and the orderer see it prominently; key reissue and sending are withheld', async ({ browser }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  const contractor = await signedInPage(browser, 'maru01');

  // 保証工事一覧: the row says 期間満了 in its 状態 column.
  await contractor.goto('/contractor/guarantees?cond=project&q=%E5%85%AC%E5%9C%92');
  const row = contractor.getByRole('table', { name: G.caption }).getByRole('row').filter({ hasText: '〇〇公園整備工事' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell', { name: G.status.EXPIRED, exact: true })).toBeVisible();
  const number = (await row.getByRole('rowheader').textContent())!.trim();
  await checkA11y(contractor);
  await shot(contractor, 'contractor-list-expired.png');

  // The certificate page: the banner above the certificate, with the end of the 保証期間.
  await row.getByRole('link', { name: number, exact: true }).click();
  const banner = contractor.getByRole('status').filter({ hasText: EXPIRED_HEADLINE });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(B.expired(ENDED));
  await expect(contractor.getByRole('article', { name: '保証証書（前払金保証）' })).toContainText(number);
  await checkA11y(contractor);
  await shot(contractor, 'contractor-certificate-expired.png');

  // The key page still shows the key, says why it is no longer to be submitted (at the top, and in the
  // sending and reissue sections), and offers no download, sending or reissue.
  await contractor.goto(`/contractor/guarantees/${number}/key`);
  await expect(contractor.getByRole('status').filter({ hasText: EXPIRED_HEADLINE })).toBeVisible();
  const reason = keyRefusal({ status: 'EXPIRED', guaranteeEnd: ENDED, cancelledOn: null })!;
  await expect(contractor.getByRole('region', { name: G.keyWithdrawnTitle })).toContainText(reason);
  await expect(contractor.getByText(reason)).toHaveCount(3);
  await expect(contractor.getByText(G.keyLead)).toHaveCount(0);
  await expect(contractor.getByRole('link', { name: G.download })).toHaveCount(0);
  await expect(contractor.getByRole('link', { name: G.send, exact: true })).toHaveCount(0); // the way to the preview
  await expect(contractor.getByRole('button', { name: G.reissue })).toHaveCount(0);
  const key = (await contractor.getByRole('row', { name: new RegExp(`^${G.keyRows.key}`) }).getByRole('cell').textContent())!.trim();
  recordSecret('key', key);
  await checkA11y(contractor);
  await shot(contractor, 'contractor-key-expired.png');

  // The orderer's clerk looks it up: the certificate still opens, with 期間満了 on the page and in the sheet.
  const clerk = await signedInPage(browser, 'omura01');
  await clerk.goto(`/orderer/lookup?number=${number}`);
  await clerk.getByLabel(new RegExp(`^${L.key}`)).fill(key);
  await clerk.getByRole('button', { name: L.submit }).click();
  const ordererBanner = clerk.getByRole('status').filter({ hasText: EXPIRED_HEADLINE });
  await expect(ordererBanner).toBeVisible();
  await expect(ordererBanner).toContainText(B.expired(ENDED));
  const sheet = clerk.getByRole('article', { name: '保証証書（前払金保証）' });
  await expect(sheet).toContainText(EXPIRED_HEADLINE);
  await checkA11y(clerk);
  await shot(clerk, 'orderer-certificate-expired.png');

  // 確認済み一覧: 期間満了 as the current status (confirmed as 期間満了, so no mark since).
  await clerk.goto(`/orderer/confirmed?cond=number&q=${number}`);
  const confirmed = clerk.getByRole('row').filter({ hasText: number });
  await expect(confirmed.getByRole('cell', { name: C.status.EXPIRED, exact: true })).toBeVisible();
  await checkA11y(clerk);

  // The print view keeps the status inside the certificate.
  await clerk.goto(`/orderer/certificates/${number}/print`);
  await expect(clerk.getByRole('article')).toContainText(EXPIRED_HEADLINE);
  await checkA11y(clerk);
  await shot(clerk, 'orderer-print-expired.png');

  await Promise.all([contractor.context().close(), clerk.context().close()]);
});
