import type { APIRequestContext, Browser, Page } from '@playwright/test';
import { REVIEW_LABELS as R } from '@/app/admin/applications/labels';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { APPLICATION_LABELS as A } from '@/app/contractor/applications/labels';
import { currentTerm } from '@/demo/term-dates';
import { expect, signedInPage, supportToken, type NewUser, type NewUserOptions } from './fixtures';

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

/**
 * A guarantee of the test's own, with its people: a new contractor applies for `project`, a new officer
 * concludes it, and a new clerk of 大村市 財政部契約課 (the orderer) is made but not signed in.
 */
export async function ownGuarantee(browser: Browser, newUser: (options: NewUserOptions) => Promise<NewUser>, project: string) {
  const [contractorAccount, officerAccount, clerkAccount] = await Promise.all([
    newUser({ side: 'contractor' }),
    newUser({ side: 'admin' }),
    newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' }),
  ]);
  const contractor = await signedInPage(browser, contractorAccount.loginId, contractorAccount.password);
  await applyAsContractor(contractor, project);
  const officer = await signedInPage(browser, officerAccount.loginId, officerAccount.password);
  const number = await concludeAsOfficer(officer, project);
  return { contractor, officer, clerkAccount, number };
}

/**
 * From the guarantee's 保証の管理, the officer records a 変更契約 with these terms (typed as a person
 * would) and the reason, checks what 「内容を確認」 decided — the version it issues, or a record only
 * under 【注2】/【注3】 — and registers it.
 */
export async function recordChangeAsOfficer(
  officer: Page,
  terms: Partial<Record<keyof typeof O.field, string>>,
  reason: string,
  outcome: { issues: number } | { recorded: '注2' | '注3' },
) {
  await officer.getByRole('link', { name: O.toChange }).click();
  await expect(officer.getByRole('heading', { level: 1, name: new RegExp(O.changeTitle) })).toBeVisible();
  for (const [name, value] of Object.entries(terms)) await field(officer, O.field[name as keyof typeof O.field]).fill(value);
  await field(officer, O.meta2.reason).fill(reason);
  await officer.getByRole('button', { name: O.preview }).click();
  const decision = officer.getByRole('region', { name: O.decisionTitle });
  await expect(decision).toContainText('issues' in outcome ? O.decisionIssue(outcome.issues) : '保証証書は発行せず');
  await officer.getByRole('button', { name: O.commit }).click();
  const saved = 'issues' in outcome ? O.saved.issued(outcome.issues) : O.saved.recorded(outcome.recorded);
  await expect(officer.getByRole('status').filter({ hasText: saved })).toBeVisible();
}

/**
 * `count` guarantees of a new contractor company of the test's own (試験建設 <hex>), named
 * `<project>01`, `<project>02`, …, concluded by the demo officer through the screens' use cases on the
 * server (POST /api/test-support/guarantees, decision 039): for a list that must run over a page.
 */
export async function manyGuarantees(request: APIRequestContext, count: number, project: string) {
  const response = await request.post('/api/test-support/guarantees', { data: { count, project }, headers: { Authorization: `Bearer ${supportToken()}` } });
  if (response.status() !== 201) throw new Error(`manyGuarantees(${count}, ${project}): HTTP ${response.status()} ${await response.text()}`);
  return (await response.json()) as { contractor: string; guarantees: { number: string; projectName: string }[] };
}
