import type { APIRequestContext, Browser, Locator, Page } from '@playwright/test';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { APPLICATION_LABELS as A } from '@/app/contractor/applications/labels';
import { DATE_INPUT_MESSAGES } from '@/lib/date-input-messages';
import { expect, signedInPage, supportToken, type NewUser, type NewUserOptions } from './fixtures';

/**
 * Guarantees of a browser test's own, which no other spec touches, and the officers' steps on them.
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A control by its whole label, with or without the 必須 mark. */
export const field = (page: Page | Locator, label: string) => page.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*(必須)?$`));

type ApplicationDates = Record<'contractDate' | 'periodStart' | 'periodEnd' | 'guaranteeStart' | 'guaranteeEnd', string>;

/**
 * Fills the contractor's application form (open on the page) as a person would: 前払金保証 for 大村市
 * 都市整備部土木課, 工事, the dates as given (typed in any way the fields take), the amounts (by default
 * 60,000,000 and 24,000,000 円), 〇〇銀行 ▲▲支店, 電子交付. It first waits for the form's script (its
 * calendar buttons come with it), so that every choice is made in the form React runs.
 */
export async function fillApplication(
  page: Page,
  { project, dates, contractAmount = '60,000,000', guaranteeAmount = '24,000,000' }: { project: string; dates: ApplicationDates; contractAmount?: string; guaranteeAmount?: string },
) {
  const F = A.fields;
  await expect(page.getByRole('button', { name: DATE_INPUT_MESSAGES.calendar }).first()).toBeVisible();
  await page.getByLabel('前払金保証', { exact: true }).check();
  await field(page, F.ordererId).selectOption({ label: '大村市' });
  await field(page, F.worksDepartmentId).selectOption({ label: '都市整備部土木課' });
  await field(page, F.projectName).fill(project);
  await field(page, F.projectLocation).fill('大村市玖島1丁目');
  await page.getByLabel('工事', { exact: true }).check();
  for (const [name, value] of Object.entries(dates)) await field(page, F[name as keyof ApplicationDates]).fill(value);
  await field(page, F.contractAmount).fill(contractAmount);
  await field(page, F.guaranteeAmount).fill(guaranteeAmount);
  await field(page, F.depositBank).fill('〇〇銀行');
  await field(page, F.depositBranch).fill('▲▲支店');
  await page.getByLabel(A.delivery.ELECTRONIC).check();
}

/**
 * A guarantee as a contractor applies for it and an officer concludes it on the screens (大村市,
 * 都市整備部土木課, 60,000,000 円, 保証金額 24,000,000 円, this fiscal year's contract), made on the
 * server by the screens' use cases (POST /api/test-support/guarantees) for the account `applicant`: for a
 * spec whose subject comes after the conclusion (e2e/applications/apply-and-conclude.spec.ts walks the
 * screens). Its 工事名 is `<project>01`. With `term: 'halfPassed'` the contract is halfPassedTerm's
 * (src/demo/term-dates.ts: its 工期 past its half today, concluded at its concludedAt), so that a 中間前払金
 * 認定 can be requested on it today.
 */
export async function guaranteeOf(request: APIRequestContext, applicant: string, project: string, { term }: { term?: 'halfPassed' } = {}) {
  const response = await request.post('/api/test-support/guarantees', {
    data: { count: 1, project, applicant, contractAmount: '60000000', guaranteeAmount: '24000000', ...(term ? { term } : {}) },
    headers: { Authorization: `Bearer ${supportToken()}` },
  });
  if (response.status() !== 201) throw new Error(`guaranteeOf(${applicant}, ${project}): HTTP ${response.status()} ${await response.text()}`);
  const made = (await response.json()) as { guarantees: { number: string; projectName: string; applicationId: string }[] };
  return made.guarantees[0]!;
}

/**
 * A guarantee of the test's own, with its people: a new contractor's guarantee (`guaranteeOf`), a new
 * officer on its 申込審査 page (as after concluding it there), and a new clerk of 大村市
 * 財政部契約課 (the orderer), made but not signed in.
 */
export async function ownGuarantee(browser: Browser, newUser: (options: NewUserOptions) => Promise<NewUser>, project: string) {
  const [contractorAccount, officerAccount, clerkAccount] = await Promise.all([
    newUser({ side: 'contractor' }),
    newUser({ side: 'admin' }),
    newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' }),
  ]);
  const contractor = await signedInPage(browser, contractorAccount.loginId, contractorAccount.password);
  const { number, applicationId } = await guaranteeOf(contractor.request, contractorAccount.loginId, project);
  const officer = await signedInPage(browser, officerAccount.loginId, officerAccount.password);
  await officer.goto(`/admin/applications/${applicationId}`);
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

/**
 * An application of a new contractor company of the test's own, submitted and left in 申込審査 (the
 * same route with `conclude: false`): for a test that needs one waiting whatever other specs conclude.
 */
export async function submittedApplication(request: APIRequestContext, project: string) {
  const response = await request.post('/api/test-support/guarantees', { data: { count: 1, project, conclude: false }, headers: { Authorization: `Bearer ${supportToken()}` } });
  if (response.status() !== 201) throw new Error(`submittedApplication(${project}): HTTP ${response.status()} ${await response.text()}`);
  return ((await response.json()) as { guarantees: { projectName: string; applicationId: string }[] }).guarantees[0]!;
}

/**
 * `count` guarantees of a new contractor company of the test's own, as manyGuarantees makes them, each
 * then looked up with its 認証キー by `clerk` (an orderer account of 大村市, the test's own) in that
 * order: the clerk's 確認済み一覧 lists them newest first. (Not a demo company's: 21 more guarantees of
 * 〇〇建設 would push the demo's off the first page of its 保証工事一覧, which other specs read.)
 */
export async function confirmedGuarantees(request: APIRequestContext, count: number, project: string, clerk: string, more: { applicant?: string; kind?: 'ADVANCE' | 'CONTRACT'; guaranteeAmount?: string } = {}) {
  const response = await request.post('/api/test-support/guarantees', {
    data: { count, project, confirmBy: clerk, ...more },
    headers: { Authorization: `Bearer ${supportToken()}` },
  });
  if (response.status() !== 201) throw new Error(`confirmedGuarantees(${count}, ${project}): HTTP ${response.status()} ${await response.text()}`);
  return (await response.json()) as { contractor: string; guarantees: { number: string; projectName: string }[] };
}
