import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { CONFIRMED_LABELS as C } from '@/app/orderer/confirmed/labels';
import { LOOKUP_LABELS as LK, ORDERER_CERTIFICATE_LABELS as OC } from '@/app/orderer/lookup/labels';
import { CHANGE_VIEW_LABELS as CV } from '@/components/changes/labels';
import { formatIsoDate, todayInTokyo } from '@/lib/dates';
import { pdfText, squeeze } from '../../tests/support/pdf';
import { checkA11y, expect, readAuthKey, signedInPage, test, shots } from '../fixtures';
import { ownGuarantee, recordChangeAsOfficer } from '../guarantees';

const OUT = path.resolve(`test-results/later-version-${process.env.E2E_PORT ?? 3100}`);

const V1 = '第1版';
const V2 = '第2版（変更）';

// A guarantee of this test's own (its contractor, officer and clerk are new accounts): confirmed by
// 大村市's clerk with the key (第1版), then a 変更契約 issues 第2版（変更）. The clerk is told so on the
// certificate page and in the 確認済み一覧, confirms 第2版 without the key, and downloads its 確認記録.
test('after a 変更契約 the clerk sees which version was confirmed, confirms 第2版（変更） without the key, the mark goes, the 確認記録 names 第2版', async ({
  browser,
  newUser,
}) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  fs.mkdirSync(OUT, { recursive: true });
  const project = `〇〇排水路改修工事E2E${randomBytes(3).toString('hex')}`;
  const { contractor, officer, clerkAccount, number } = await ownGuarantee(browser, newUser, project);

  // The clerk confirms 第1版 with the number and the key.
  const key = await readAuthKey(contractor, number);
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await clerk.goto(`/orderer/lookup?number=${number}`);
  await clerk.getByLabel(new RegExp(`^${LK.key}`)).fill(key);
  await clerk.getByRole('button', { name: LK.submit }).click();
  await expect(clerk.getByRole('status').filter({ hasText: OC.confirmedSaved })).toBeVisible();
  const who = `${clerkAccount.department} ${clerkAccount.name}`;
  await expect(clerk.getByText(new RegExp(`^貴団体は、${V1}を .+ に確認しました（${escapeRegExp(who)}）。$`))).toBeVisible();
  await expect(clerk.getByRole('link', { name: OC.recordOf(V1) })).toBeVisible();

  // The officer records a 変更契約 of the 保証金額: 第2版（変更）.
  await officer.getByRole('link', { name: R.toGuarantee }).click();
  await recordChangeAsOfficer(officer, { guaranteeAmount: '20,000,000' }, '変更契約（工事内容の一部変更）による保証金額の減額', { issues: 2 });

  // 確認済み一覧: 「新しい版を未確認」 on the row, 第1版／第2版.
  await clerk.goto(`/orderer/confirmed?cond=number&q=${number}`);
  const row = clerk.getByRole('row').filter({ hasText: number });
  await expect(row.getByRole('list', { name: C.marksFor(number) })).toHaveText(C.mark.CHANGED);
  await expect(row).toContainText(C.version(1, 2));
  await checkA11y(clerk);
  await shots(clerk, 'orderer-confirmed-new-version');

  // The certificate page: at the top, which version was confirmed and that 第2版（変更） came later, with
  // its 発行日 and the way to the difference; no 確認記録 of 第1版 above 第2版, the confirm button instead.
  await row.getByRole('link', { name: C.openCertificate(number) }).click();
  const later = clerk.getByRole('region', { name: OC.laterTitle });
  await expect(later).toContainText(new RegExp(`貴団体が確認したのは${V1}です（.+、${escapeRegExp(who)}）。その後、${escapeRegExp(V2)}（発行日 ${formatIsoDate(todayInTokyo())}）が発行されました。`));
  await expect(later).toContainText(OC.confirmHint);
  await expect(clerk.getByText(OC.notConfirmedThis(V2))).toBeVisible();
  await expect(clerk.getByRole('link', { name: /確認記録（PDF）をダウンロード/ })).toHaveCount(0);
  await expect(clerk.getByRole('article', { name: /（変更）/ })).toContainText('20,000,000');
  await checkA11y(clerk);
  await shots(clerk, 'orderer-certificate-new-version');
  await later.getByRole('link', { name: OC.showDiff(V1) }).click();
  const diff = clerk.getByRole('table', { name: CV.diffCaption(V1, V2) });
  await expect(diff.getByRole('row').filter({ hasText: '保証金額' })).toContainText('24,000,000円');
  await expect(diff.getByRole('row').filter({ hasText: '保証金額' })).toContainText('20,000,000円');

  // The same page in a second tab, to click again once it is stale.
  const stale = await clerk.context().newPage();
  await stale.goto(`/orderer/certificates/${number}`);
  await expect(stale.getByRole('button', { name: OC.confirmVersion })).toBeVisible();

  // 「この版を確認しました」: pending while the server works (held here until the button is seen so).
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await clerk.route(`**/orderer/certificates/${number}**`, async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  await clerk.getByRole('button', { name: OC.confirmVersion }).click();
  const pending = clerk.getByRole('button', { name: OC.confirmingVersion });
  await expect(pending).toBeVisible();
  await expect(pending).toBeDisabled();
  release();
  await expect(clerk.getByRole('status').filter({ hasText: OC.saved['version-confirmed'](V2) })).toBeVisible();
  await clerk.unrouteAll();
  await expect(clerk.getByRole('region', { name: OC.laterTitle })).toHaveCount(0);
  await expect(clerk.getByText(new RegExp(`^貴団体は、${escapeRegExp(V2)}を .+ に確認しました（${escapeRegExp(who)}）。$`))).toBeVisible();
  await expect(clerk.getByRole('button', { name: OC.confirmVersion })).toHaveCount(0);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-certificate-version-confirmed');

  // The 確認記録 of the version on the screen: 第2版（変更）, with its amount.
  const [record] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: OC.recordOf(V2) }).click()]);
  const file = path.join(OUT, 'record-v2.pdf');
  await record.saveAs(file);
  const text = squeeze(pdfText(file, { layout: true }));
  expect(text).toContain(`確認した証書の版${V2}`);
  expect(text).toContain(number);
  expect(text).toContain('20,000,000');
  expect(text).not.toContain('24,000,000');

  // The stale tab's click records nothing new and says so.
  await stale.getByRole('button', { name: OC.confirmVersion }).click();
  await expect(stale.getByRole('status').filter({ hasText: OC.saved['version-already'](V2) })).toBeVisible();
  await expect(stale.getByRole('link', { name: OC.recordOf(V2) })).toBeVisible();
  await checkA11y(stale);
  await stale.close();

  // 第1版's page: an older version, the way to the latest, and 第1版's own 確認記録.
  await clerk.getByRole('region', { name: OC.versions }).getByRole('link', { name: OC.show }).click();
  await expect(clerk.getByRole('note').filter({ hasText: OC.olderVersion(V1, V2, formatIsoDate(todayInTokyo())) })).toBeVisible();
  await expect(clerk.getByRole('link', { name: OC.recordOf(V1) })).toBeVisible();
  await expect(clerk.getByRole('button', { name: OC.confirmVersion })).toHaveCount(0);
  await checkA11y(clerk);
  await clerk.getByRole('link', { name: OC.toVersion(V2) }).click();
  await expect(clerk.getByRole('link', { name: OC.recordOf(V2) })).toBeVisible();

  // The records table names both versions; 確認済み一覧: the mark is gone, 第2版／第2版.
  const records = clerk.getByRole('table', { name: OC.recordsTitle });
  await expect(records.getByRole('row')).toHaveCount(3);
  await expect(records).toContainText(V2);
  await clerk.goto(`/orderer/confirmed?cond=number&q=${number}`);
  const after = clerk.getByRole('row').filter({ hasText: number });
  await expect(after).toContainText(C.version(2, 2));
  await expect(after.getByRole('cell', { name: C.noMark, exact: true })).toBeVisible();
  await checkA11y(clerk);

  await Promise.all([contractor.context().close(), officer.context().close(), clerk.context().close()]);
});

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
