import type { Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { APPLICATION_LABELS as A } from '@/app/contractor/applications/labels';
import { currentTerm } from '@/demo/term-dates';
import { expect } from './fixtures';

/**
 * A guarantee of a browser test's own, made through the screens: the contractor applies, the officer
 * concludes. Shared by the specs that need a guarantee no other spec touches.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A control by its whole label, with or without the 必須 mark. */
export const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*(必須)?$`));

/** A contractor of 〇〇建設 applies for a 前払金保証 to 大村市 (60,000,000 円, 保証金額 24,000,000 円), this fiscal year's contract. */
export async function applyAsContractor(page: Page, project: string) {
  const F = A.fields;
  const term = currentTerm(); // this fiscal year's contract, in force today
  await page.goto('/contractor/applications/new');
  await page.getByLabel('前払金保証', { exact: true }).check();
  await field(page, F.ordererId).selectOption({ label: '大村市' });
  await field(page, F.worksDepartmentId).selectOption({ label: '都市整備部土木課' });
  await field(page, F.projectName).fill(project);
  await field(page, F.projectLocation).fill('大村市玖島1丁目');
  await page.getByLabel('工事', { exact: true }).check();
  await field(page, F.contractDate).fill(term.contractDate);
  await field(page, F.periodStart).fill(term.periodStart);
  await field(page, F.periodEnd).fill(term.periodEnd);
  await field(page, F.contractAmount).fill('60,000,000');
  await field(page, F.guaranteeAmount).fill('24,000,000');
  await field(page, F.guaranteeStart).fill(term.guaranteeStart);
  await field(page, F.guaranteeEnd).fill(term.guaranteeEnd);
  await field(page, F.depositBank).fill('〇〇銀行');
  await field(page, F.depositBranch).fill('▲▲支店');
  await page.getByLabel(A.delivery.ELECTRONIC).check();
  await page.getByRole('button', { name: A.submit }).click();
  await expect(page.getByRole('status').filter({ hasText: A.saved.submitted! })).toBeVisible();
}

/** The officer concludes the application of `project` from 申込審査; returns its 保証契約番号 (the review page stays open). */
export async function concludeAsOfficer(officer: Page, project: string): Promise<string> {
  await officer.goto('/admin/applications');
  await officer.getByRole('link', { name: project }).click();
  officer.once('dialog', (dialog) => void dialog.accept());
  await officer.getByRole('button', { name: R.conclude }).click();
  await expect(officer.getByRole('status').filter({ hasText: R.saved.concluded! })).toBeVisible();
  return /保証契約番号 (\d{10})/.exec((await officer.getByRole('region', { name: R.concludedTitle }).textContent()) ?? '')![1]!;
}
