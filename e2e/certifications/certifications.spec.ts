import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { CERTIFICATION_LABELS as L } from '@/app/_components/certification-labels';
import { ORDERER_LABELS as A } from '@/app/admin/labels';
import { FILE_PICKER_LABELS } from '@/components/file-picker-labels';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from '@/domain/certifications/labels';
import { checkA11y, expect, shots, signedInPage, signIn, test } from '../fixtures';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { certifiableGuarantee, fillRequest, pdfFile, requestOnScreens, TERM } from '../certifications';
import { field } from '../guarantees';

/**
 * 中間前払金の認定 on the screens (issue 16 B6, B7; decision 067), with accounts and guarantees of the
 * test's own (decision 039): the contractor requests from the 前払金保証's page (a non-PDF refused at
 * the field first, the figures kept), two clerks of the certifying department (都市整備部土木課) decide
 * at once and one decision stands, the contractor reads the 中間前払金認定調書; a 不認定 with its reason; a
 * withdrawal; who may not see a 認定 (another department, another company, signed out); the
 * officers' read-only views. The guarantees' contract has passed its half today (halfPassedTerm), so
 * the spec runs, and can fail, on any day of the year. Every page is checked by axe at 1280 and 390 px.
 */

/** Requests a 認定 on `number` through the form and returns the request's page URL. */
const request = async (page: Page, number: string) => (await requestOnScreens(page, number)).path;

/** The clerk's decision on the page open at a request. */
async function decide(page: Page, decision: 'CERTIFY' | 'REFUSE', note = '') {
  await page.getByLabel(L.decision[decision], { exact: true }).check();
  if (note) await page.getByLabel(new RegExp(`^${L.decisionNote}`)).fill(note);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: L.decide }).click();
}

test.describe('中間前払金の認定', () => {
  test('request (a non-PDF refused first), two clerks decide at once, the 認定調書; who may not see it', async ({ page, browser, newUser }) => {
    test.slow();
    const [contractorAccount, clerkAccount, clerk2Account, otherDeptAccount, strangerAccount, officerAccount] = await Promise.all([
      newUser({ side: 'contractor' }),
      newUser({ side: 'orderer', organization: '大村市', department: '都市整備部土木課' }),
      newUser({ side: 'orderer', organization: '大村市', department: '都市整備部土木課' }),
      newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' }),
      newUser({ side: 'contractor', organization: '株式会社△△工務店' }),
      newUser({ side: 'admin' }),
    ]);
    const contractor = await signedInPage(browser, contractorAccount.loginId, contractorAccount.password);
    const { number, projectName } = await certifiableGuarantee(contractor.request, contractorAccount.loginId, `認定試験${contractorAccount.name.slice(-6)}`);

    // From the 前払金保証's page to the form: the contract shown read-only, the half day and the bounds as hints.
    await contractor.goto(`/contractor/guarantees/${number}`);
    await contractor.getByRole('link', { name: L.requestFromGuarantee }).click();
    await expect(contractor.getByRole('heading', { name: L.newTitle })).toBeVisible();
    const contract = contractor.getByRole('region', { name: L.contractTitle });
    await expect(contract).toContainText(projectName);
    await expect(contract).toContainText('60,000,000円');
    await expect(contractor.getByText(L.hint.workDoneAmount(30_000_000n))).toBeVisible();
    await expect(contractor.getByText(L.hint.reportedOn(halfPeriodDate(TERM.periodStart, TERM.periodEnd)))).toBeVisible();
    await expect(contractor.getByText(/上限 12,000,000円/)).toBeVisible();
    await checkA11y(contractor);
    await shots(contractor, 'contractor-certification-new');

    // A file over 10 MB is refused at the field before anything is sent; a text file as the report by
    // the server, at the field, what was typed kept.
    await fillRequest(contractor);
    const files = contractor.getByLabel(new RegExp(`^${L.field.files}`));
    // The portal's own chooser words, never the browser's ("Choose Files"); the names chosen beside them.
    await expect(contractor.getByText(L.chooseFiles, { exact: true })).toBeVisible();
    await expect(contractor.getByText(FILE_PICKER_LABELS.none)).toBeVisible();
    await expect(contractor.getByText(/Choose|No file/i)).toHaveCount(0);
    await files.focus();
    await expect(files).toBeFocused();
    await files.setInputFiles({ name: '大きな報告書.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
    await contractor.getByRole('button', { name: L.submit }).click();
    await expect(contractor.getByText(L.fileTooLarge('大きな報告書.pdf'))).toBeVisible();
    await expect(contractor.getByText(FILE_PICKER_LABELS.chosen(['大きな報告書.pdf']), { exact: true })).toBeVisible();
    await expect(contractor).toHaveURL(/\/contractor\/certifications\/new\?/);
    await files.setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: Buffer.from('not a pdf') });
    await contractor.getByRole('button', { name: L.submit }).click();
    await expect(contractor.getByText(M.fileNotPdf('report.txt'))).toBeVisible();
    await expect(files).toHaveAttribute('aria-invalid', 'true');
    await expect(field(contractor, `${L.field.workDoneAmount}（円）`)).toHaveValue('33,000,000');
    await expect(field(contractor, L.field.actualProgress)).toHaveValue('51.5');
    await checkA11y(contractor);
    await shots(contractor, 'contractor-certification-new-error');

    await files.setInputFiles({ name: '工事履行報告書.pdf', mimeType: 'application/pdf', buffer: pdfFile().buffer });
    await contractor.getByRole('button', { name: L.submit }).click();
    await expect(contractor.getByRole('status').filter({ hasText: L.saved.requested! })).toBeVisible();
    await expect(contractor.getByText(L.banner.REQUESTED('大村市', '都市整備部土木課'))).toBeVisible();
    const contractorUrl = new URL(contractor.url()).pathname;
    const id = contractorUrl.split('/').pop()!;
    await checkA11y(contractor);
    await shots(contractor, 'contractor-certification-requested');
    // The page offers no second request on the same 前払金保証.
    await contractor.goto(`/contractor/guarantees/${number}`);
    await expect(contractor.getByRole('link', { name: L.requestFromGuarantee })).toHaveCount(0);

    await contractor.goto('/contractor/certifications');
    await expect(contractor.getByRole('link', { name: projectName })).toBeVisible();
    await checkA11y(contractor);
    await shots(contractor, 'contractor-certifications');

    // Two clerks of the department open the request; the list shows it among 認定待ち.
    const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
    const clerk2 = await signedInPage(browser, clerk2Account.loginId, clerk2Account.password);
    await clerk.goto('/orderer/certifications');
    await expect(clerk.getByRole('link', { name: /認定待ち（\d+）/ })).toBeVisible();
    await clerk.getByRole('link', { name: projectName }).click();
    await expect(clerk.getByRole('heading', { name: L.decisionTitle })).toBeVisible();
    await clerk.goto('/orderer/certifications');
    await checkA11y(clerk);
    await shots(clerk, 'orderer-certifications');
    await clerk.goto(`/orderer/certifications/${id}`);
    await clerk2.goto(`/orderer/certifications/${id}`);
    const attachment = clerk.getByRole('link', { name: L.attachmentLink('工事履行報告書.pdf') });
    const download = await clerk.request.get((await attachment.getAttribute('href'))!);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await checkA11y(clerk);
    await shots(clerk, 'orderer-certification');

    // Another department's clerk and another company: not found; signed out: the login page or 401.
    const otherDept = await signedInPage(browser, otherDeptAccount.loginId, otherDeptAccount.password);
    expect((await otherDept.goto(`/orderer/certifications/${id}`))!.status()).toBe(404);
    expect((await otherDept.request.get(`/orderer/certifications/${id}/attachments/${(await attachment.getAttribute('href'))!.split('/').pop()}`)).status()).toBe(404);
    await otherDept.goto('/orderer/certifications');
    await expect(otherDept.getByRole('link', { name: projectName })).toHaveCount(0);
    const stranger = await signedInPage(browser, strangerAccount.loginId, strangerAccount.password);
    expect((await stranger.goto(contractorUrl))!.status()).toBe(404);
    expect((await stranger.goto(`/contractor/certifications/new?guarantee=${number}`))!.status()).toBe(404);
    const anonymous = await (await browser.newContext()).newPage();
    await anonymous.goto(contractorUrl);
    await expect(anonymous).toHaveURL(/\/login/);
    expect((await anonymous.request.get(`${contractorUrl}/document`)).status()).toBe(401);
    expect((await anonymous.request.get(`/orderer/certifications/${id}/document`)).status()).toBe(401);

    // Both decide: the first 認定 stands with its number; the second is told.
    await decide(clerk, 'CERTIFY', '工程表により確認');
    await expect(clerk.getByRole('status').filter({ hasText: /認定しました（令和\d+年度第\d+号）。/ })).toBeVisible();
    await decide(clerk2, 'REFUSE', '重ねての決定');
    await expect(clerk2.getByRole('alert').filter({ hasText: M.alreadyDecided.CERTIFIED })).toBeVisible();
    await checkA11y(clerk);
    await shots(clerk, 'orderer-certification-certified');

    // The contractor: the banner with the number and the 認定調書 (its text holds the number).
    await contractor.goto(contractorUrl);
    const banner = contractor.getByText(/に認定されました（認定番号 令和\d+年度第\d+号）。/);
    await expect(banner).toBeVisible();
    const certNumber = /(令和\d+年度第\d+号)/.exec((await banner.textContent())!)![1]!;
    const documentResponse = await contractor.request.get(`${contractorUrl}/document`);
    expect(documentResponse.status()).toBe(200);
    const text = execFileSync('pdftotext', ['-', '-'], { input: await documentResponse.body() }).toString('utf8');
    expect(text.replace(/\s+/g, '')).toContain(certNumber);
    expect(text).toContain('中間前払金認定調書');
    expect((await stranger.request.get(`${contractorUrl}/document`)).status()).toBe(404);
    expect((await otherDept.request.get(`/orderer/certifications/${id}/document`)).status()).toBe(404);
    await checkA11y(contractor);
    await shots(contractor, 'contractor-certification-certified');

    // The officers: read-only list and detail, the PDF.
    const officer = await signedInPage(browser, officerAccount.loginId, officerAccount.password);
    await officer.goto('/admin/certifications');
    await officer.getByRole('link', { name: projectName }).click();
    await expect(officer.getByRole('heading', { name: new RegExp(projectName) })).toBeVisible();
    await expect(officer.getByRole('button', { name: L.decide })).toHaveCount(0);
    expect((await officer.request.get(`/admin/certifications/${id}/document`)).status()).toBe(200);
    await checkA11y(officer);
    await shots(officer, 'admin-certification');
    await officer.goto('/admin/certifications');
    await checkA11y(officer);
    await shots(officer, 'admin-certifications');

    // The orderer form holds the 認定's rules: 大村市 keeps the standard 6/10 for 前払金 + 中間前払金.
    await officer.goto('/admin/orderers');
    await officer.getByRole('link', { name: '大村市', exact: true }).click();
    const rules = officer.getByRole('group', { name: A.sections.certification });
    await expect(rules.getByLabel(A.fields.intermediateRequiresCertification)).toBeVisible();
    await expect(rules.getByLabel(new RegExp(`^${A.fields.limitAdvanceCombined}`))).toHaveValue('6/10');
    await checkA11y(officer);
    await shots(officer, 'admin-orderer-certification-rules');

    for (const p of [contractor, clerk, clerk2, otherDept, stranger, anonymous, officer]) await p.context().close();
    void page;
  });

  test('a 不認定 needs its reason and shows it to the contractor; a request waiting can be withdrawn', async ({ browser, newUser }) => {
    test.slow();
    const [contractorAccount, clerkAccount] = await Promise.all([
      newUser({ side: 'contractor' }),
      newUser({ side: 'orderer', organization: '大村市', department: '都市整備部土木課' }),
    ]);
    const contractor = await signedInPage(browser, contractorAccount.loginId, contractorAccount.password);
    const tag = contractorAccount.name.slice(-6);
    const refused = await certifiableGuarantee(contractor.request, contractorAccount.loginId, `不認定試験${tag}`);
    const withdrawn = await certifiableGuarantee(contractor.request, contractorAccount.loginId, `取下げ試験${tag}`);

    const refusedUrl = await request(contractor, refused.number);
    const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
    await clerk.goto(refusedUrl.replace('/contractor/', '/orderer/'));
    await decide(clerk, 'REFUSE');
    await expect(clerk.getByText(M.refusalReasonRequired)).toBeVisible();
    await decide(clerk, 'REFUSE', '出来高の根拠となる資料が不足しています。');
    await expect(clerk.getByRole('status').filter({ hasText: L.saved.refused! })).toBeVisible();
    await contractor.goto(refusedUrl);
    await expect(contractor.getByText(L.banner.REFUSED('出来高の根拠となる資料が不足しています。'))).toBeVisible();
    await expect(contractor.getByRole('link', { name: L.requestAgain })).toBeVisible();
    expect((await contractor.request.get(`${refusedUrl}/document`)).status()).toBe(404);
    await checkA11y(contractor);
    await shots(contractor, 'contractor-certification-refused');

    // Without the page's script the form posts as it is: the action refuses a file over 10 MB at the field, not with an error page.
    const plain = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await signIn(plain, contractorAccount.loginId, contractorAccount.password);
    await plain.goto(`/contractor/certifications/new?guarantee=${withdrawn.number}`);
    await fillRequest(plain);
    await plain.getByLabel(new RegExp(`^${L.field.files}`)).setInputFiles({ name: '大きな報告書.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0x25) });
    await plain.getByRole('button', { name: L.submit }).click();
    await expect(plain.getByText(M.fileTooLarge('大きな報告書.pdf'))).toBeVisible();
    await expect(field(plain, L.field.actualProgress)).toHaveValue('51.5');
    await plain.context().close();

    const withdrawnUrl = await request(contractor, withdrawn.number);
    contractor.once('dialog', (dialog) => void dialog.accept());
    await contractor.getByRole('button', { name: L.withdraw }).click();
    await expect(contractor.getByRole('status').filter({ hasText: L.saved.withdrawn! })).toBeVisible();
    await expect(contractor.getByText(L.banner.WITHDRAWN, { exact: true })).toBeVisible();
    await expect(contractor.getByRole('button', { name: L.withdraw })).toHaveCount(0);
    await clerk.goto(withdrawnUrl.replace('/contractor/', '/orderer/'));
    await expect(clerk.getByRole('button', { name: L.decide })).toHaveCount(0);
    await clerk.goto('/orderer/certifications?status=WITHDRAWN');
    await expect(clerk.getByRole('link', { name: withdrawn.projectName })).toBeVisible();
    await checkA11y(clerk);
    await shots(clerk, 'orderer-certifications-withdrawn');
    await contractor.context().close();
    await clerk.context().close();
  });
});
