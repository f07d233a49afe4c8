import { CERTIFICATION_LABELS as CL } from '@/app/_components/certification-labels';
import { JOINT_VENTURE_LABELS as JL } from '@/app/admin/joint-ventures/labels';
import { APPLICATION_LABELS as L } from '@/app/contractor/applications/labels';
import { JOINT_VENTURE_APPLICATION_MESSAGES as JV } from '@/domain/applications/labels';
import { todayInTokyo } from '@/lib/dates';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { checkA11y, expect, shots, signedInPage, supportToken, test } from '../fixtures';
import { requestOnScreens } from '../certifications';
import { field } from '../guarantees';

/**
 * An application from a 認定 shows the contract the 認定 fixes as text, not as fields (decision 071).
 * When the server refuses one of those fields — here the 共同企業体 was closed (解散) after the 認定 — the
 * error cannot sit at an input: the contract's panel lists it with the field's name, announced and
 * focused, and what was typed stays. The JV, its guarantee and the accounts are the test's own.
 */

test('a refusal at a field the 認定 fixes is listed in the contract panel, announced and focused', async ({ browser, newUser }) => {
  test.slow();
  const [repAccount, memberAccount, clerkAccount, officerAccount] = await Promise.all([
    newUser({ side: 'contractor' }),
    newUser({ side: 'contractor', organization: '株式会社△△工務店' }),
    newUser({ side: 'orderer', organization: '大村市', department: '都市整備部土木課' }),
    newUser({ side: 'admin' }),
  ]);
  const rep = await signedInPage(browser, repAccount.loginId, repAccount.password);
  const response = await rep.request.post('/api/test-support/guarantees', {
    data: {
      count: 1,
      project: `認定固定項目試験${repAccount.name.slice(-6)}`,
      applicant: repAccount.loginId,
      contractAmount: '60000000',
      guaranteeAmount: '24000000',
      term: 'halfPassed',
      jointVenture: { members: [memberAccount.loginId], split: false },
    },
    headers: { Authorization: `Bearer ${supportToken()}` },
  });
  expect(response.status()).toBe(201);
  const made = (await response.json()) as { jointVenture: string; guarantees: { number: string }[] };
  const jvName = made.jointVenture;
  const { path } = await requestOnScreens(rep, made.guarantees[0]!.number);

  // 大村市 certifies; then the officers record the JV's 解散 today.
  const clerk = await signedInPage(browser, clerkAccount.loginId, clerkAccount.password);
  await clerk.goto(path.replace('/contractor/', '/orderer/'));
  await clerk.getByLabel(CL.decision.CERTIFY, { exact: true }).check();
  clerk.once('dialog', (dialog) => void dialog.accept());
  await clerk.getByRole('button', { name: CL.decide }).click();
  await expect(clerk.getByRole('status')).toBeVisible();

  const officer = await signedInPage(browser, officerAccount.loginId, officerAccount.password);
  await officer.goto('/admin/joint-ventures');
  await officer.getByRole('link', { name: jvName }).click();
  const today = todayInTokyo();
  const close = officer.locator('#close');
  await field(close, JL.close.closedOn).fill(today.replaceAll('-', '/'));
  await close.getByRole('button', { name: JL.close.submit }).click();
  await expect(officer.getByRole('main').getByRole('status').filter({ hasText: JL.saved.closed! })).toBeVisible();

  // The 代表者 starts from the 認定: the JV is fixed as 申込者, and submitting is refused there.
  await rep.goto(path);
  await rep.getByRole('link', { name: CL.applyLink }).click();
  await expect(rep.getByText(L.applicant.fixed(jvName))).toBeVisible();
  await field(rep, L.fields.guaranteeAmount).fill('12,000,000');
  await field(rep, L.fields.notes).fill('認定に基づく申込です。');
  await rep.getByRole('button', { name: L.submit }).click();

  const panel = rep.getByRole('region', { name: L.certification.contractTitle });
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText(L.certification.fixedErrors);
  await expect(alert).toContainText(L.certification.fixedError(L.fields.jointVentureId, JV.closed(formatJapaneseDateShort(today))));
  await expect(alert).toBeFocused();
  // Nothing typed is lost, and nothing was submitted.
  await expect(field(rep, L.fields.guaranteeAmount)).toHaveValue('12,000,000');
  await expect(field(rep, L.fields.notes)).toHaveValue('認定に基づく申込です。');
  await expect(rep.getByRole('status').filter({ hasText: L.saved.submitted! })).toHaveCount(0);
  await checkA11y(rep);
  await shots(rep, 'contractor-application-certification-fixed-error');
});
