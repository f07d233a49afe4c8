import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { OFFICER_GUARANTEE_LIST_LABELS as LL } from '@/app/admin/guarantees/list-labels';
import { CONTRACT_LABELS as L } from '@/app/orderer/contracts/labels';
import { LAPSE_KIND_LABEL, lapseSentence } from '@/domain/contracts/lapse-labels';
import { currentTerm } from '@/demo/term-dates';
import { addDaysIso, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { expect, signedInPage, supportToken, test } from '../fixtures';
import { importAndMatch, slash } from '../contracts';
import { recordChangeAsOfficer } from '../guarantees';
import { checkLists } from '../lists';

/**
 * The lapse watcher on the officers' screens (decision 075, amended): with accounts of the test's own
 * (decision 039), a confirmed certificate matched to a contract of the test's clerk; the clerk extends the
 * contract's 工期（至） past the 保証期間 by hand; the officer's 保証一覧 marks the row 「要変更契約」 and
 * 保証の管理 says which orderer's register asks for which 変更契約, since when; once the officer records
 * it (【注2】) both are gone. axe and 1280 / 390 px on each page; while the mark is shown, the lists'
 * layout checks (e2e/lists.ts: no sideways scroll at 1280 px, cards on screen at 390 px). The dates do
 * not depend on the Tokyo day staying the same through the test (see below).
 */

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');


test('a 工期 extension in the register: the officer sees the needed 変更契約 on 保証の管理 and in 保証一覧 until it is recorded', async ({ browser, newUser }) => {
  test.slow();
  // The contractor is one of △△工務店's (not the demo's 〇〇建設, whose lists list-layout.spec reads): a lapse
  // mark in those lists is this test's, not another's.
  const [account, company] = await Promise.all([newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' }), newUser({ side: 'contractor', organization: '株式会社△△工務店' })]);
  const tag = account.name.slice(-6).toUpperCase();
  const clerk = await signedInPage(browser, account.loginId, account.password);
  // The server dates the guarantee by its own today (currentTerm). The test's term is the same before and
  // after the request except across a Tokyo midnight on which the term moves: then it is made again.
  const make = async (attempt: number) => {
    const term = currentTerm();
    const response = await clerk.request.post('/api/test-support/guarantees', {
      data: { count: 1, project: `管理延長${tag}${attempt}工事`, applicant: company.loginId, confirmBy: account.loginId },
      headers: { Authorization: `Bearer ${supportToken()}` },
    });
    expect(response.status()).toBe(201);
    const made = (await response.json()) as { contractor: string; guarantees: { number: string; projectName: string }[] };
    return { made, term, same: JSON.stringify(currentTerm()) === JSON.stringify(term) };
  };
  let own = await make(1);
  if (!own.same) own = await make(2);
  const { made, term } = own;
  const g = made.guarantees[0]!;
  const contractNumber = `LO-${tag}-1`;

  // The clerk's register: the contract imported and matched to the certificate by its number.
  await importAndMatch(clerk, contractNumber, { ...g, contractor: made.contractor, term });

  // Matched, nothing needed yet: the officer's page and list say nothing.
  const officer = await signedInPage(browser, 'admin');
  const listRow = () => officer.getByRole('table').getByRole('row').filter({ hasText: g.number });
  await officer.goto(`/admin/guarantees?number=${g.number}`);
  await expect(listRow()).toBeVisible();
  await expect(listRow()).not.toContainText(LL.lapse);
  await officer.goto(`/admin/guarantees/${g.number}`);
  await expect(officer.getByRole('region', { name: O.lapse.title })).toHaveCount(0);

  // The 工期（至） extended by a quarter past the 保証期間, by hand.
  const extended = addDaysIso(term.guaranteeEnd, 91);
  await clerk.getByRole('link', { name: L.edit }).click();
  await clerk.getByLabel(new RegExp(`^${L.field.periodEnd}`)).fill(slash(extended));
  // The need is raised on the server's today while saving: the day before the click or the one after the answer.
  const raisedFrom = todayInTokyo();
  await clerk.getByRole('button', { name: L.update }).click();
  await expect(clerk.getByRole('status').filter({ hasText: L.saved.updated! })).toBeVisible();
  const raisedOn = [...new Set([raisedFrom, todayInTokyo()])].map((day) => escapeRegExp(O.lapse.raisedOn(formatJapaneseDateShort(day))));

  // 保証一覧: the row marked.
  await officer.goto(`/admin/guarantees?number=${g.number}`);
  await expect(listRow()).toContainText(LL.lapse);
  // The list with the mark: no sideways scroll at 1280 px, a card on screen at 390 px; axe; the screenshots.
  await checkLists(officer, 'admin-guarantees-lapse-mark');

  // 保証の管理: which orderer's register, which 変更契約 (the contractor's sentence), since today.
  await listRow().getByRole('link', { name: g.number, exact: true }).click();
  const notice = officer.getByRole('region', { name: O.lapse.title });
  const sentence = lapseSentence({ kind: 'EXTEND_PERIOD', neededEnd: extended, neededAmount: null, guaranteeEnd: term.guaranteeEnd, guaranteeAmount: 40_000_000n, contractAmount: 100_000_000n });
  await expect(notice).toContainText(O.lapse.lead('大村市'));
  await expect(notice).toContainText(LAPSE_KIND_LABEL.EXTEND_PERIOD);
  await expect(notice).toContainText(sentence);
  await expect(notice).toContainText(new RegExp(raisedOn.join('|')));
  await expect(notice).not.toContainText(O.lapse.contractorNotShown);
  // Its lists (none yet: no 変更契約 recorded, its 変更履歴 says so in a line) and the page at both widths; axe; the screenshots.
  await checkLists(officer, 'admin-guarantee-lapse', { listed: false });

  // The officer records the 変更契約 (工期 and 保証期間 to the new end: 【注2】): the notice and the mark are gone.
  await recordChangeAsOfficer(officer, { periodEnd: extended, guaranteeEnd: extended }, '工期延長の変更契約', { recorded: '注2' });
  await expect(officer.getByRole('region', { name: O.lapse.title })).toHaveCount(0);
  await officer.goto(`/admin/guarantees?number=${g.number}`);
  await expect(listRow()).toBeVisible();
  await expect(listRow()).not.toContainText(LL.lapse);
});
