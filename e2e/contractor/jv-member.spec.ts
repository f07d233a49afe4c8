import type { Page } from '@playwright/test';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as CL } from '@/app/admin/labels';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import { checkA11y, expect, shots, signIn, signedInPage, supportToken, test } from '../fixtures';

/**
 * A 構成員 of a JV reads the JV's guarantee (issue 16 D5, B6): its 保証工事一覧 marks the row 「JV構成員」
 * (full words for screen readers) with 「代表者が管理」 where the key would be; the certificate page
 * says whose guarantee it is and who acts on it, with no key link; the print view opens; the key
 * page's URL is the 404 page. The 代表者 sees the same row as 「JV代表」 with its key. axe and both
 * widths on every page.
 */

const run = Date.now().toString(36);

/** A contractor company registered by the officer on its screen (a company of the test's own). */
async function registerCompany(page: Page, name: string): Promise<string> {
  await page.goto('/admin/contractors/new');
  await page.getByLabel(new RegExp(`^${CL.fields.name}\\s*(必須)?$`)).fill(name);
  await page.getByLabel(new RegExp(`^${CL.fields.address}\\s*(必須)?$`)).fill('長崎県大村市玖島1丁目1番1号');
  await page.getByRole('button', { name: C.create }).click();
  await expect(page).toHaveURL(/\/admin\/contractors\/[0-9a-f-]{36}\?saved=created$/);
  return name;
}

test('a JV 構成員 sees 「JV構成員」, opens the certificate and print view read-only, and gets 404 on the key page', async ({ page, browser, newUser }) => {
  test.slow();
  await signIn(page, 'admin');
  const leadCompany = await registerCompany(page, `株式会社試験代表建設${run}`);
  const partnerCompany = await registerCompany(page, `株式会社試験構成員工務店${run}`);
  const [leadUser, partnerUser] = await Promise.all([newUser({ side: 'contractor', organization: leadCompany }), newUser({ side: 'contractor', organization: partnerCompany })]);
  const made = await page.request.post('/api/test-support/guarantees', {
    data: { count: 1, project: `共同企業体の試験工事${run}`, applicant: leadUser.loginId, jointVenture: { members: [partnerUser.loginId] } },
    headers: { Authorization: `Bearer ${supportToken()}` },
  });
  expect(made.status(), await made.text()).toBe(201);
  const { jointVenture, guarantees } = (await made.json()) as { jointVenture: string; guarantees: { number: string; projectName: string }[] };
  const { number, projectName } = guarantees[0]!;

  const member = await signedInPage(browser, partnerUser.loginId, partnerUser.password);
  await member.goto('/contractor/guarantees');
  await expect(member.getByRole('heading', { level: 1, name: L.listTitle })).toBeVisible();
  const row = member.getByRole('row').filter({ hasText: projectName });
  await expect(row).toContainText(L.jvMark.MEMBER);
  await expect(row).toContainText(L.jvMarkLong.MEMBER);
  await expect(row).toContainText(L.keyByRepresentative);
  await expect(row.getByRole('link', { name: L.showKeyFor(number) })).toHaveCount(0);
  await checkA11y(member);
  await shots(member, 'contractor-jv-member-list');

  await row.getByRole('link', { name: number }).click();
  await expect(member).toHaveURL(new RegExp(`/contractor/guarantees/${number}$`));
  const box = member.getByRole('region', { name: L.memberNoticeTitle });
  await expect(box).toContainText(L.memberNotice(jointVenture, leadCompany));
  await expect(member.getByRole('link', { name: L.toKey })).toHaveCount(0);
  await expect(member.getByRole('heading', { name: L.confirmationsTitle })).toBeVisible();
  await expect(member.getByRole('heading', { name: L.submissionsTitle })).toHaveCount(0);
  await expect(member.getByText(jointVenture).first()).toBeVisible();
  await checkA11y(member);
  await shots(member, 'contractor-jv-member-certificate');

  await member.getByRole('link', { name: L.toPrint }).click();
  await expect(member).toHaveURL(new RegExp(`/contractor/guarantees/${number}/print$`));
  await expect(member.getByRole('note').filter({ hasText: L.memberPrintNotice })).toBeVisible();
  await checkA11y(member);

  for (const path of [`/contractor/guarantees/${number}/key`, `/contractor/guarantees/${number}/key/send`]) {
    expect((await member.goto(path))?.status(), path).toBe(404);
  }
  expect((await member.request.get(`/contractor/guarantees/${number}/key/notice`)).status()).toBe(404);
  await member.context().close();

  // The 代表者: the same guarantee as 「JV代表」, with its key.
  const lead = await signedInPage(browser, leadUser.loginId, leadUser.password);
  await lead.goto('/contractor/guarantees');
  const leadRow = lead.getByRole('row').filter({ hasText: projectName });
  await expect(leadRow).toContainText(L.jvMark.REPRESENTATIVE);
  await expect(leadRow.getByRole('link', { name: L.showKeyFor(number) })).toBeVisible();
  await checkA11y(lead);
  await lead.context().close();
});
