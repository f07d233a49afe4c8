import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { LOGIN_LABELS } from '@/app/(public)/login/labels';
import { COMMON_LABELS as C, CONTRACTOR_LABELS as CL, USER_LABELS as UL } from '@/app/admin/labels';
import { DEMO_PASSWORD } from '@/demo/accounts';
import { checkA11y, expect, signIn, test } from '../fixtures';

/** Unique per run, so that parallel and repeated runs never collide on names or お客様ID. */
const uid = () => randomBytes(4).toString('hex');

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A form control by its field label. Required fields' labels end in the 必須 mark
 * (src/components/form.tsx), and one label may start another (会社名 / 会社名（カナ）): match the
 * whole accessible name, with or without the mark.
 */
function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${escapeRegExp(label)}\\s*(必須)?$`));
}

/**
 * The demo officer, through the sign-in form as a person would. axe runs as a script in the page,
 * so a browser without JavaScript cannot be checked with it (those pages are checked with JS).
 */
async function signInAsOfficer(page: Page, { a11y }: { a11y: boolean }) {
  await page.goto('/login');
  if (a11y) await checkA11y(page);
  await page.getByLabel(LOGIN_LABELS.loginId).fill('admin');
  await page.getByLabel(LOGIN_LABELS.password).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: LOGIN_LABELS.submit }).click();
  await expect(page).toHaveURL(/\/admin$/);
}

/** The invalid control is marked and described by its own Japanese message, which names the field. */
async function expectFieldError(page: Page, label: string) {
  const control = field(page, label);
  await expect(control).toHaveAttribute('aria-invalid', 'true');
  await expect(control).toHaveAccessibleDescription(new RegExp(escapeRegExp(label)));
}

/** 受注者の新規登録 with no 会社名 and a malformed 郵便番号: both are errors at their field, the 住所 typed stays. */
async function submitContractorWithoutName(page: Page, address: string) {
  await field(page, CL.fields.postalCode).fill('12-34');
  await field(page, CL.fields.address).fill(address);
  await page.getByRole('button', { name: C.create }).click();
  await expectFieldError(page, CL.fields.name);
  await expectFieldError(page, CL.fields.postalCode);
  await expect(field(page, CL.fields.address)).toHaveValue(address);
}

test('admin forms reject bad input with field errors and keep what was typed', async ({ page, browser, baseURL }) => {
  test.slow(); // a long flow: three times the configured timeout (playwright.config.ts)
  const run = uid();
  const address = `長崎県大村市テスト町${run}番地`;
  const companyName = `株式会社E2E建設${run}`;
  const loginId = `e2e-${run}`;

  await signInAsOfficer(page, { a11y: true });

  // The list, and a new contractor with an empty 会社名 and a malformed 郵便番号.
  await page.goto('/admin/contractors');
  await expect(page.getByRole('heading', { level: 1, name: CL.listTitle })).toBeVisible();
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/admin-contractors-list.png', fullPage: true });

  await page.getByRole('link', { name: CL.newLink }).click();
  await expect(page.getByRole('heading', { level: 1, name: CL.newTitle })).toBeVisible();
  await checkA11y(page);
  await submitContractorWithoutName(page, address);
  await expect(field(page, CL.fields.address)).not.toHaveAttribute('aria-invalid', 'true');
  await expect(field(page, CL.fields.postalCode)).toHaveValue('12-34');
  await checkA11y(page);
  await page.screenshot({ path: 'screenshots/admin-contractor-form-errors.png', fullPage: true });

  // Fixed: saved, and the detail page shows what was saved.
  await field(page, CL.fields.name).fill(companyName);
  await field(page, CL.fields.postalCode).fill('８５６－８６８６');
  await page.getByRole('button', { name: C.create }).click();
  await expect(page).toHaveURL(/\/admin\/contractors\/[0-9a-f-]{36}\?saved=created$/);
  await expect(page.getByRole('status').filter({ hasText: C.created })).toBeVisible();
  await expect(field(page, CL.fields.name)).toHaveValue(companyName);
  await expect(field(page, CL.fields.postalCode)).toHaveValue('856-8686');
  await checkA11y(page);

  // A user of this company with an お客様ID that is taken: the error is at that field.
  await page.getByRole('link', { name: CL.addUser }).click();
  await expect(page.getByRole('heading', { level: 1, name: UL.newTitle })).toBeVisible();
  await checkA11y(page);
  await field(page, UL.fields.loginId).fill('admin');
  await field(page, UL.fields.name).fill('試験 太郎');
  await page.getByRole('button', { name: C.create }).click();
  await expectFieldError(page, UL.fields.loginId);
  await expect(field(page, UL.fields.name)).toHaveValue('試験 太郎');
  await expect(field(page, UL.fields.organizationId)).toHaveValue(/[0-9a-f-]{36}/);
  await checkA11y(page);

  // A valid user: the generated password is shown once, with the note.
  await field(page, UL.fields.loginId).fill(loginId);
  await page.getByRole('button', { name: C.create }).click();
  const created = page.getByTestId('one-time-password');
  await expect(created).toHaveText(/^\S{12,}$/);
  await expect(page.getByText(UL.passwordOnce)).toBeVisible();
  const initialPassword = (await created.textContent()) ?? '';
  await checkA11y(page);

  await page.getByRole('link', { name: loginId }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(loginId)) })).toBeVisible();
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);
  await checkA11y(page);

  // The password shown works: the user signs in (in a browser of their own).
  const userContext = await browser.newContext({ baseURL });
  try {
    expect(await signIn(await userContext.newPage(), loginId, initialPassword)).toBe('/contractor');
  } finally {
    await userContext.close();
  }
});

// Resetting and disabling change the account: the test makes its own (newUser, through the same use case).
test('an officer resets a password (shown once) and disables an account; the user\'s session ends', async ({ page, browser, baseURL, newUser }) => {
  const member = await newUser({ side: 'contractor' });
  const loginId = member.loginId;
  await signInAsOfficer(page, { a11y: false });
  await page.goto(`/admin/users?q=${loginId}`);
  await page.getByRole('link', { name: loginId, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(escapeRegExp(loginId)) })).toBeVisible();
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);

  // Reset: a new password, shown once; a reload does not show it again.
  await page.getByRole('button', { name: UL.reset.submit }).click();
  const reset = page.getByTestId('one-time-password');
  await expect(reset).toHaveText(/^\S{12,}$/);
  await expect(page.getByText(UL.passwordOnce)).toBeVisible();
  const newPassword = (await reset.textContent()) ?? '';
  expect(newPassword).not.toBe(member.password);
  await checkA11y(page);
  const userPage = page.url();
  await page.goto(userPage);
  await expect(page.getByTestId('one-time-password')).toHaveCount(0);
  expect(page.url()).not.toContain(newPassword);

  // The new password works: the user signs in (in a browser of their own).
  const userContext = await browser.newContext({ baseURL });
  try {
    const userPageInOwnBrowser = await userContext.newPage();
    expect(await signIn(userPageInOwnBrowser, loginId, newPassword)).toBe('/contractor');

    // Disable: the badge says 無効, and the user's session ends.
    await page.getByRole('button', { name: UL.status.disable }).click();
    await expect(page).toHaveURL(/\?saved=disabled$/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(UL.status.disabled);
    await expect(page.getByRole('button', { name: UL.status.enable })).toBeVisible();
    await checkA11y(page);

    await page.goto(`/admin/users?q=${loginId}`);
    const row = page.getByRole('row', { name: new RegExp(escapeRegExp(loginId)) });
    await expect(row.getByText(C.inactive, { exact: true })).toBeVisible();
    await checkA11y(page);
    await page.screenshot({ path: 'screenshots/admin-users-list.png', fullPage: true });

    await userPageInOwnBrowser.reload();
    await expect(userPageInOwnBrowser).toHaveURL(/\/login$/);
  } finally {
    await userContext.close();
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  // Server actions are plain form posts here: the server alone validates and answers with the page.
  // The same pages pass axe in the test above (axe itself needs JavaScript in the page).
  test('the server answers bad input with field errors and keeps what was typed', async ({ page }) => {
    const run = uid();
    const address = `長崎県大村市テスト町${run}番地`;
    await signInAsOfficer(page, { a11y: false });
    await page.goto('/admin/contractors/new');
    await submitContractorWithoutName(page, address);

    await field(page, CL.fields.name).fill(`株式会社E2E工務店${run}`);
    await field(page, CL.fields.postalCode).fill('856-8686');
    await page.getByRole('button', { name: C.create }).click();
    await expect(page).toHaveURL(/\/admin\/contractors\/[0-9a-f-]{36}\?saved=created$/);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(C.created);
  });
});
