import { CONTRACT_LABELS as L } from '@/app/orderer/contracts/labels';
import { LAPSE_KIND_LABEL, LAPSE_LABELS, lapseSentence } from '@/domain/contracts/lapse-labels';
import { currentTerm } from '@/demo/term-dates';
import { addDaysIso } from '@/lib/dates';
import { checkA11y, expect, shots, signedInPage, supportToken, test } from '../fixtures';
import { importAndMatch, slash } from '../contracts';
import { recordChangeAsOfficer } from '../guarantees';

/**
 * The lapse watcher (issue 17, decision 075) on both sides' screens, with accounts of the test's own
 * (decision 039): a confirmed certificate of the test's contractor matched to a contract of the test's
 * clerk; the clerk extends the contract's 工期（至） by hand; the contract page and the register row say
 * the 保証期間 must be extended, and so do the contractor's guarantee page and its 保証工事一覧 row; the
 * officer records the 変更契約 (【注2】) and both sides' notices are gone. axe and 1280 / 390 px on each page.
 */


test('a 工期 extension in the register: the needed 変更契約 on both sides until it is recorded', async ({ browser, newUser }) => {
  test.slow();
  // The contractor is one of △△工務店's (not the demo's 〇〇建設, whose lists list-layout.spec reads): a lapse
  // mark in those lists is this test's, not another's.
  const [account, company] = await Promise.all([newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' }), newUser({ side: 'contractor', organization: '株式会社△△工務店' })]);
  const tag = account.name.slice(-6).toUpperCase();
  const clerk = await signedInPage(browser, account.loginId, account.password);
  const response = await clerk.request.post('/api/test-support/guarantees', {
    data: { count: 1, project: `延長${tag}工事`, applicant: company.loginId, confirmBy: account.loginId },
    headers: { Authorization: `Bearer ${supportToken()}` },
  });
  expect(response.status()).toBe(201);
  const made = (await response.json()) as { contractor: string; guarantees: { number: string; projectName: string }[] };
  const g = made.guarantees[0]!;
  const term = currentTerm();
  const contractNumber = `LP-${tag}-1`;

  // The clerk's register: the contract imported and matched to the certificate by its number.
  await importAndMatch(clerk, contractNumber, { ...g, contractor: made.contractor, term });
  await expect(clerk.getByRole('region', { name: LAPSE_LABELS.ordererTitle })).toHaveCount(0);
  const contractUrl = clerk.url().replace(/\?.*$/, '');

  // The 工期（至） extended by a quarter, by hand.
  const extended = addDaysIso(term.guaranteeEnd, 91);
  await clerk.getByRole('link', { name: L.edit }).click();
  await clerk.getByLabel(new RegExp(`^${L.field.periodEnd}`)).fill(slash(extended));
  await clerk.getByRole('button', { name: L.update }).click();
  await expect(clerk.getByRole('status').filter({ hasText: L.saved.updated! })).toBeVisible();
  const sentence = lapseSentence({ kind: 'EXTEND_PERIOD', neededEnd: extended, neededAmount: null, guaranteeEnd: term.guaranteeEnd, guaranteeAmount: 40_000_000n, contractAmount: 100_000_000n });
  const ordererNotice = clerk.getByRole('region', { name: LAPSE_LABELS.ordererTitle });
  await expect(ordererNotice).toContainText(LAPSE_KIND_LABEL.EXTEND_PERIOD);
  await expect(ordererNotice).toContainText(sentence);
  await checkA11y(clerk);
  await shots(clerk, 'orderer-contract-lapse');
  await clerk.goto(`/orderer/contracts?cond=number&q=${contractNumber}`);
  await expect(clerk.getByRole('table').getByRole('row').filter({ hasText: contractNumber })).toContainText(LAPSE_LABELS.mark(['EXTEND_PERIOD']));
  await checkA11y(clerk);
  await shots(clerk, 'orderer-contracts-lapse-mark');

  // The contractor: its 保証工事一覧 marks the guarantee, its page says which 変更契約 and for whom.
  const contractor = await signedInPage(browser, company.loginId, company.password);
  await contractor.goto('/contractor/guarantees');
  const row = contractor.getByRole('table').getByRole('row').filter({ hasText: g.number });
  await expect(row).toContainText(LAPSE_LABELS.mark(['EXTEND_PERIOD']));
  await checkA11y(contractor);
  await shots(contractor, 'contractor-guarantees-lapse-mark');
  await row.getByRole('link', { name: g.number, exact: true }).click();
  const contractorNotice = contractor.getByRole('region', { name: LAPSE_LABELS.contractorTitle });
  await expect(contractorNotice).toContainText(LAPSE_LABELS.contractorLead('大村市'));
  await expect(contractorNotice).toContainText(sentence);
  await checkA11y(contractor);
  await shots(contractor, 'contractor-guarantee-lapse');

  // The officer records the 変更契約 (工期 and 保証期間 to the new end: 【注2】): both notices are gone.
  const officer = await signedInPage(browser, 'admin');
  await officer.goto(`/admin/guarantees/${g.number}`);
  await recordChangeAsOfficer(officer, { periodEnd: extended, guaranteeEnd: extended }, '工期延長の変更契約', { recorded: '注2' });
  await clerk.goto(contractUrl);
  await expect(clerk.getByRole('heading', { name: L.detailTitle(contractNumber) })).toBeVisible();
  await expect(clerk.getByRole('region', { name: LAPSE_LABELS.ordererTitle })).toHaveCount(0);
  await contractor.reload();
  await expect(contractor.locator('h1')).toContainText(g.number);
  await expect(contractor.getByRole('region', { name: LAPSE_LABELS.contractorTitle })).toHaveCount(0);
  await contractor.goto('/contractor/guarantees');
  await expect(contractor.getByRole('table').getByRole('row').filter({ hasText: g.number })).not.toContainText(LAPSE_LABELS.mark(['EXTEND_PERIOD']));
});
