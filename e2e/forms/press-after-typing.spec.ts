import type { Page } from '@playwright/test';
import { GATEWAY_LABELS as L } from '@/app/admin/gateways/labels';
import { APPLICATION_LABELS as A } from '@/app/contractor/applications/labels';
import { GATEWAY_MESSAGES as M } from '@/domain/gateways/schemas';
import { DATE_INPUT_MESSAGES } from '@/lib/date-input-messages';
import { expect, signIn, test } from '../fixtures';
import { field } from '../guarantees';

/**
 * The shared forms (src/components/form.tsx) check a field when it is left. Leaving a text field
 * with the mouse happens when the button goes down on the next control; the field's error, shown
 * at once, pushed that control down before the button came up, and the click went to what was under
 * the pointer then: a radio button stayed unchosen, a submit button did not send. The check now
 * waits until the press is over. Each case runs several times on a fresh form (it is not a matter
 * of speed: before the fix every run lost its click). On 接続元の範囲's form the error of アドレス範囲
 * appears above 扱い and the submit button.
 *
 * What is typed or chosen before the page's script has run stays once it has, and the form acts on it
 * (src/components/early-input.ts): the scripts are held back while the user acts, then released.
 */

const RUNS = 5;

/** Holds the page's scripts back until `release()`: what the user does meanwhile is done in the server's HTML. */
async function holdScripts(page: Page) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/**/*.js', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/**
 * From now on, before every frame is painted, what the controls `selectors` show (each change once):
 * a value lost for a moment is lost to the eye. framesSeen(page) reads them.
 */
async function recordFrames(page: Page, ...selectors: string[]) {
  await page.evaluate((selectors) => {
    const seen: string[] = [];
    Object.assign(window, { framesSeen: seen });
    const look = () => {
      const now = selectors.map((selector) => document.querySelector<HTMLSelectElement | HTMLTextAreaElement>(selector)?.value ?? '-').join(' ');
      if (seen.at(-1) !== now) seen.push(now);
      requestAnimationFrame(look);
    };
    look();
  }, selectors);
}
const framesSeen = (page: Page) => page.evaluate(() => (window as unknown as { framesSeen: string[] }).framesSeen);

async function openForm(page: Page) {
  await page.goto('/admin/gateways');
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: L.create }) });
  await expect(form.getByLabel(L.fields.cidr)).toBeVisible();
  return form;
}

test('a radio button clicked right after typing a wrong value in the field above is chosen, and the field shows its error', async ({ page }) => {
  await signIn(page, 'admin');
  const lost: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const form = await openForm(page);
    const mode = run % 2 ? L.modes.BUDGET : L.modes.EXEMPT;
    await form.getByLabel(L.fields.cidr).fill('10.0.0.0/33');
    const radio = form.getByRole('radio', { name: mode });
    await radio.click();
    if (!(await radio.isChecked())) lost.push(`run ${run}: 「${mode}」 not chosen`);
    // The field left is still checked, once the click is done.
    await expect(form.getByText(M.cidrPrefix)).toBeVisible();
    await expect(form.getByLabel(L.fields.cidr)).toHaveAttribute('aria-invalid', 'true');
  }
  expect(lost).toEqual([]);
});

test('a submit button clicked right after typing a wrong value sends the form: every field in error is shown, the focus on the first', async ({ page }) => {
  await signIn(page, 'admin');
  const lost: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    const form = await openForm(page);
    await form.getByLabel(L.fields.cidr).fill('10.0.0.0/33');
    await form.getByRole('button', { name: L.create }).click();
    // Sent: the browser's check of the whole form refuses it, with 名称's error too (left empty,
    // never left), and the focus goes to 名称. A lost click shows only アドレス範囲's error.
    await expect(form.getByText(M.cidrPrefix)).toBeVisible();
    if (!(await form.getByText(M.nameRequired).isVisible())) lost.push(`run ${run}: not sent`);
    else await expect(form.getByLabel(L.fields.name)).toBeFocused();
  }
  expect(lost).toEqual([]);
});

test('before the page is ready a radio button clicked after typing stays chosen, with the text, once it is', async ({ page }) => {
  await signIn(page, 'admin');
  // The page's scripts are held back until the text is typed and the radio button clicked.
  const release = await holdScripts(page);
  await page.goto('/admin/gateways', { waitUntil: 'commit' });
  const form = page.locator('form').filter({ has: page.getByRole('button', { name: L.create }) });
  const cidr = form.getByLabel(L.fields.cidr);
  await cidr.fill('10.0.0.0/33');
  await form.getByRole('radio', { name: L.modes.EXEMPT }).click();
  await expect(form.getByRole('radio', { name: L.modes.EXEMPT })).toBeChecked();
  release();
  // Ready: leaving the field now checks it.
  await expect(async () => {
    await cidr.focus();
    await cidr.blur();
    await expect(form.getByText(M.cidrPrefix)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(form.getByRole('radio', { name: L.modes.EXEMPT })).toBeChecked();
  await expect(cidr).toHaveValue('10.0.0.0/33');
  // And a click right after typing, now that the page is ready, is kept as well.
  await form.getByLabel(L.fields.name).fill('');
  await form.getByRole('radio', { name: L.modes.BUDGET }).click();
  await expect(form.getByRole('radio', { name: L.modes.BUDGET })).toBeChecked();
  await expect(form.getByText(M.nameRequired)).toBeVisible();
});

test('before the page is ready 発注者 and 工事担当課 chosen and 工事名 typed stay, with only that orderer\'s departments, once it is, and never show empty meanwhile', async ({ page }) => {
  await signIn(page, 'maru01');
  const release = await holdScripts(page);
  await page.goto('/contractor/applications/new', { waitUntil: 'commit' });
  const orderer = field(page, A.fields.ordererId);
  const department = field(page, A.fields.worksDepartmentId);
  const project = field(page, A.fields.projectName);
  // Without the script the department list holds every orderer's departments, grouped.
  const omura = await orderer.locator('option', { hasText: /^大村市$/ }).getAttribute('value');
  const omuraDepartments = await department.locator('optgroup[label="大村市"] option').allTextContents();
  expect(omuraDepartments).toContain('都市整備部土木課');
  expect(await department.locator('optgroup').count()).toBeGreaterThan(1);
  const civil = await department.locator('optgroup[label="大村市"] option', { hasText: /^都市整備部土木課$/ }).getAttribute('value');
  await orderer.selectOption(omura!);
  await department.selectOption(civil!);
  await project.fill('保持される工事');
  await expect(page.getByRole('button', { name: DATE_INPUT_MESSAGES.calendar })).toHaveCount(0); // not ready yet
  await recordFrames(page, 'select[name="ordererId"]', 'select[name="worksDepartmentId"]');
  release();
  // Ready: the date fields' calendar buttons come with the script.
  await expect(page.getByRole('button', { name: DATE_INPUT_MESSAGES.calendar }).first()).toBeVisible({ timeout: 60_000 });
  await expect(orderer).toHaveValue(omura!);
  await expect(department).toHaveValue(civil!);
  await expect(project).toHaveValue('保持される工事');
  // The form knows the orderer: its departments only.
  await expect(department.locator('optgroup')).toHaveCount(1);
  await expect(department.locator('optgroup option')).toHaveText(omuraDepartments);
  expect(await framesSeen(page)).toEqual([`${omura} ${civil}`]);
  // And it goes on working: another orderer, another list, and the department to choose again.
  await orderer.selectOption({ label: '〇〇県' });
  await expect(department.locator('optgroup')).toHaveAttribute('label', '〇〇県');
  await expect(department).toHaveValue('');
});

test('before a draft\'s page is ready 連絡事項 rewritten and another 発注者 chosen stay, and the departments follow that orderer, once it is', async ({ page, newUser }) => {
  const contractor = await newUser({ side: 'contractor' });
  await signIn(page, contractor.loginId, contractor.password);
  await page.goto('/contractor/applications/new');
  await expect(page.getByRole('button', { name: DATE_INPUT_MESSAGES.calendar }).first()).toBeVisible();
  await field(page, A.fields.ordererId).selectOption({ label: '大村市' });
  await field(page, A.fields.worksDepartmentId).selectOption({ label: '都市整備部土木課' });
  await field(page, A.fields.projectName).fill('下書きの工事');
  await field(page, A.fields.notes).fill('最初の連絡');
  await page.getByRole('button', { name: A.saveDraft }).click();
  await expect(page.getByRole('status').filter({ hasText: A.saved.draft! })).toBeVisible();

  // The draft's page again, its script held: React's hydration wrote a textarea's default text over
  // what was typed in it, and left the form's state at the saved orderer.
  const release = await holdScripts(page);
  await page.goto(page.url(), { waitUntil: 'commit' });
  await field(page, A.fields.notes).fill('書き直した連絡');
  await field(page, A.fields.projectName).fill('書き直した工事');
  await field(page, A.fields.ordererId).selectOption({ label: '〇〇県' });
  await recordFrames(page, 'textarea[name="notes"]');
  release();
  await expect(page.getByRole('button', { name: DATE_INPUT_MESSAGES.calendar }).first()).toBeVisible({ timeout: 60_000 });
  await expect(field(page, A.fields.notes)).toHaveValue('書き直した連絡');
  expect(await framesSeen(page)).toEqual(['書き直した連絡']);
  // Its default is the saved text again (what the page was given).
  expect(await field(page, A.fields.notes).evaluate((notes: HTMLTextAreaElement) => notes.defaultValue)).toBe('最初の連絡');
  await expect(field(page, A.fields.projectName)).toHaveValue('書き直した工事');
  await expect(field(page, A.fields.ordererId).locator('option:checked')).toHaveText('〇〇県');
  const department = field(page, A.fields.worksDepartmentId);
  await expect(department.locator('optgroup')).toHaveCount(1);
  await expect(department.locator('optgroup')).toHaveAttribute('label', '〇〇県');
  await expect(department).toHaveValue('');
});
