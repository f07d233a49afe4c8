import type { Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { LOOKUP_LABELS as LK, ORDERER_CERTIFICATE_LABELS as OC } from '@/app/orderer/lookup/labels';
import { CHANGE_VIEW_LABELS as C } from '@/components/changes/labels';
import { CHANGE_MESSAGES } from '@/domain/changes/messages';
import { currentTerm } from '@/demo/term-dates';
import { addDaysIso, formatIsoDate, todayInTokyo } from '@/lib/dates';
import { checkA11y, expect, test, signedInPage, readAuthKey } from '../fixtures';
import { recordChangeAsOfficer } from '../guarantees';
import { waitForMail } from '../mail';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A control by its whole label, with or without the 必須 mark. */
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*(必須)?$`));

// 〇〇建設's 〇〇橋梁補修工事 for 大村市 (demo data: 中間前払金, waiting in the queue; no other spec uses it).
test('変更契約: amount → (変更) version, diff and history on both sides, the confirming orderer mailed; 工期+保証期間 → recorded, no certificate', async ({ browser }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  const officer = await signedInPage(browser, 'admin');
  await officer.goto('/admin/applications');
  await officer.getByRole('link', { name: '〇〇橋梁補修工事' }).click();
  officer.once('dialog', (dialog) => void dialog.accept());
  await officer.getByRole('button', { name: R.conclude }).click();
  await expect(officer.getByRole('status').filter({ hasText: R.saved.concluded! })).toBeVisible();
  const number = /保証契約番号 (\d{10})/.exec((await officer.getByRole('region', { name: R.concludedTitle }).textContent()) ?? '')![1]!;

  // The contractor reads the key; 大村市's clerk confirms the certificate with it (版 1).
  const contractor = await signedInPage(browser, 'maru01');
  const key = await readAuthKey(contractor, number);
  const clerk = await signedInPage(browser, 'omura01');
  await clerk.goto('/orderer/lookup');
  await clerk.getByLabel(new RegExp(`^${LK.number}`)).fill(number);
  await clerk.getByLabel(new RegExp(`^${LK.key}`)).fill(key);
  await clerk.getByRole('button', { name: LK.submit }).click();
  await expect(clerk.getByRole('status').filter({ hasText: OC.confirmedSaved })).toBeVisible();

  // The officer opens 保証の管理 from the review page, then 変更契約を登録.
  await officer.getByRole('link', { name: R.toGuarantee }).click();
  await expect(officer.getByRole('heading', { level: 1, name: new RegExp(number) })).toBeVisible();
  await checkA11y(officer);
  await officer.getByRole('link', { name: O.toChange }).click();
  await expect(officer.getByRole('heading', { level: 1, name: new RegExp(O.changeTitle) })).toBeVisible();
  await expect(field(officer, O.field.guaranteeAmount)).toHaveValue('16,000,000');
  await checkA11y(officer);

  // Above 大村市's 2/10 for 中間前払金: refused at the field, what was typed kept.
  await field(officer, O.field.guaranteeAmount).fill('20,000,000');
  await field(officer, O.meta2.reason).fill('変更契約（工事内容の一部変更）による保証金額の減額');
  await officer.getByRole('button', { name: O.preview }).click();
  await expect(field(officer, O.field.guaranteeAmount)).toHaveAttribute('aria-invalid', 'true');
  await expect(field(officer, O.field.guaranteeAmount)).toHaveAccessibleDescription(/2\/10/);
  await expect(field(officer, O.meta2.reason)).toHaveValue('変更契約（工事内容の一部変更）による保証金額の減額');

  // 12,000,000: 確認 says a (変更) version will be issued, with the premium difference; then 登録.
  await field(officer, O.field.guaranteeAmount).fill('１２，０００，０００');
  await officer.getByRole('button', { name: O.preview }).click();
  const decision = officer.getByRole('region', { name: O.decisionTitle });
  await expect(decision).toContainText(O.decisionIssue(2));
  await expect(decision).toContainText('16,000,000円 → 12,000,000円');
  await expect(decision).toContainText('差額（返戻）');
  await checkA11y(officer);
  await officer.screenshot({ path: 'screenshots/admin-change-preview.png', fullPage: true });
  // Edited after 確認: 登録 records nothing and shows the new decision to confirm.
  await field(officer, O.field.guaranteeAmount).fill('13,000,000');
  await officer.getByRole('button', { name: O.commit }).click();
  await expect(officer.getByRole('alert').filter({ hasText: CHANGE_MESSAGES.previewOutdated })).toBeVisible();
  await expect(decision).toContainText('16,000,000円 → 13,000,000円');
  await field(officer, O.field.guaranteeAmount).fill('12,000,000');
  await officer.getByRole('button', { name: O.preview }).click();
  await expect(decision).toContainText('16,000,000円 → 12,000,000円');
  await officer.getByRole('button', { name: O.commit }).click();
  await expect(officer.getByRole('status').filter({ hasText: O.saved.issued(2) })).toBeVisible();
  await expect(officer.getByRole('region', { name: C.historyTitle })).toContainText(C.issued(2));
  await officer.screenshot({ path: 'screenshots/admin-guarantee.png', fullPage: true });

  // The contractor: the latest version with (変更), the earlier one a link away, the diff and the history.
  await contractor.goto(`/contractor/guarantees/${number}`);
  await expect(contractor.getByRole('article', { name: /保証証書（中間前払金保証）（変更）/ })).toContainText('12,000,000');
  const diff = contractor.getByRole('table', { name: C.diffCaption('第1版', '第2版（変更）') });
  await expect(diff.getByRole('row').filter({ hasText: '保証金額' })).toContainText('16,000,000円');
  await expect(diff.getByRole('row').filter({ hasText: '保証金額' })).toContainText('12,000,000円');
  await expect(diff.getByRole('row').filter({ hasText: '保証金額' })).toContainText(C.changedMark);
  await expect(diff.getByRole('row').filter({ hasText: '工事名' })).not.toContainText(C.changedMark);
  await checkA11y(contractor);
  await contractor.screenshot({ path: 'screenshots/contractor-certificate-changed.png', fullPage: true });
  await contractor.getByRole('link', { name: G.showVersion(1) }).click();
  await expect(contractor.getByText(G.olderVersion('第1版', '第2版（変更）', formatIsoDate(todayInTokyo())))).toBeVisible();
  await expect(contractor.getByRole('article', { name: '保証証書（中間前払金保証）' })).toContainText('16,000,000');
  await contractor.goto('/contractor/guarantees');
  await expect(contractor.getByRole('row').filter({ hasText: number })).toContainText(G.changedMark);

  // The clerk who confirmed version 1 is told by mail, and sees version 2 with the same diff.
  const mail = await waitForMail((m) => m.subject?.includes(number) === true && m.subject.includes('変更されました'));
  expect(mail.text).toContain('第2版（変更）');
  expect(mail.text).not.toContain(key);
  await clerk.goto(`/orderer/certificates/${number}`);
  await expect(clerk.getByRole('article', { name: /（変更）/ })).toContainText('12,000,000');
  await expect(clerk.getByRole('table', { name: C.diffCaption('第1版', '第2版（変更）') })).toBeVisible();
  await expect(clerk.getByRole('region', { name: C.historyTitle })).not.toContainText(C.columns.premium);
  await checkA11y(clerk);
  await clerk.screenshot({ path: 'screenshots/orderer-certificate-changed.png', fullPage: true });

  // 工期 and 保証期間 together (【注2】), a quarter longer (the demo's term, from the day of the seed:
  // 2027-03-31 → 2027-06-30): recorded in the history, no certificate.
  const end = currentTerm().guaranteeEnd;
  const extended = addDaysIso(end, 91);
  await recordChangeAsOfficer(officer, { periodEnd: extended, guaranteeEnd: extended }, '工期延長の変更契約', { recorded: '注2' });

  await contractor.goto(`/contractor/guarantees/${number}`);
  const history = contractor.getByRole('region', { name: C.historyTitle });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText(C.notIssued('注2'));
  await expect(history.getByRole('row').nth(1)).toContainText(`${formatIsoDate(end)} → ${formatIsoDate(extended)}`);
  await expect(contractor.getByRole('region', { name: G.versions }).getByRole('listitem')).toHaveCount(2);
  await officer.context().close();
  await contractor.context().close();
  await clerk.context().close();
});
