import type { Page } from '@playwright/test';
import { LOOKUP_LABELS as L } from '@/app/orderer/lookup/labels';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { LOOKUP_MESSAGES as M } from '@/domain/lookup/messages';
import { LOOKUP_POLICY } from '@/domain/lookup/policy';
import { checkA11y, expect, shots, signIn, test, type NewUser, type NewUserOptions } from '../fixtures';

/**
 * What a clerk meets on 電子証書の確認 before a certificate opens (issue 14, item 6): the key's
 * characters named, the number checked as it is typed, the focus where the answer is. Each test signs
 * in a clerk of its own (refused lookups spend the clerk's budget), and the numbers that are refused
 * as unknown are made up for the run (valid check digit, a serial no guarantee has).
 */

const numberField = (page: Page) => page.getByLabel(new RegExp(`^${L.number}`));
const keyField = (page: Page) => page.getByLabel(new RegExp(`^${L.key}`));
const submit = (page: Page) => page.getByRole('button', { name: L.submit });
/** A number no guarantee has: a serial from the top of the range, different for each run. */
const unknownNumber = () => contractNumberFromSerial(990_000_000 + Math.floor(Math.random() * 9_999_999));
const A_KEY = '7KQ4-XM9P-WA';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function openAsNewClerk(page: Page, newUser: (options: NewUserOptions) => Promise<NewUser>, path = '/orderer/lookup') {
  const clerk = await newUser({ side: 'orderer', organization: '大村市', department: '財政部契約課' });
  await signIn(page, clerk.loginId, clerk.password);
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1, name: L.title })).toBeVisible();
}

test('a 0 typed in the key: the field says at once which character it is and which five are never used; sent, the focus is on the key', async ({ page, newUser }) => {
  await openAsNewClerk(page, newUser);
  await numberField(page).fill(unknownNumber());
  // Typed as a clerk types it: the error comes with the 0, the focus stays in the field.
  await keyField(page).pressSequentially('7KQ4-XM9P-W0');
  await expect(keyField(page)).toHaveAccessibleDescription(new RegExp(escapeRegExp(M.keyUnused(['0']))));
  await expect(keyField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(keyField(page)).toBeFocused();
  await expect(page.locator('#lookup-key-error')).toHaveText(M.keyUnused(['0']));
  await expect(page.locator('#lookup-key-error')).toHaveAttribute('aria-live', 'polite');
  // Sent anyway: refused at the field, the focus moved back there, nothing typed lost.
  await submit(page).click();
  await expect(keyField(page)).toBeFocused();
  await expect(page.locator('#lookup-key-error')).toHaveText(M.keyUnused(['0']));
  await expect(keyField(page)).toHaveValue('7KQ4-XM9P-W0');
  await checkA11y(page);
  await shots(page, 'orderer-lookup-key-unused');
  // The 0 replaced: the message goes as the key is corrected.
  await keyField(page).press('Backspace');
  await expect(page.locator('#lookup-key-error')).toHaveText('');
  await keyField(page).press('A');
  await expect(keyField(page)).not.toHaveAttribute('aria-invalid');
  // A lower-case l, typed in full width: named as typed.
  await keyField(page).fill('');
  await keyField(page).pressSequentially('7kq4-xm9p-wｌ');
  await expect(page.locator('#lookup-key-error')).toHaveText(M.keyUnused(['ｌ']));
});

test('the number is checked as it is typed: ten digits with a wrong check digit are reported at once, politely, the focus left in the field', async ({ page, newUser }) => {
  await openAsNewClerk(page, newUser);
  const number = unknownNumber();
  const typo = number.slice(0, 9) + String((Number(number[9]) + 1) % 10);
  const error = page.locator('#lookup-number-error');
  await numberField(page).pressSequentially(typo.slice(0, 9));
  // Nine digits: not wrong yet, nothing said.
  await expect(numberField(page)).not.toHaveAttribute('aria-invalid');
  await expect(error).toHaveText('');
  await numberField(page).press(typo[9]!);
  await expect(error).toHaveText(M.numberCheckDigit);
  await expect(error).toHaveAttribute('aria-live', 'polite');
  await expect(numberField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(numberField(page)).toHaveAccessibleDescription(new RegExp(escapeRegExp(M.numberCheckDigit)));
  await expect(numberField(page)).toBeFocused();
  await checkA11y(page);
  await shots(page, 'orderer-lookup-number-live');
  // Corrected: the message goes while typing, before the field is left.
  await numberField(page).press('Backspace');
  await expect(error).toHaveText('');
  await numberField(page).press(number[9]!);
  await expect(numberField(page)).toHaveValue(number);
  await expect(error).toHaveText('');
  await expect(numberField(page)).not.toHaveAttribute('aria-invalid');
  // A letter is wrong whatever follows: said at once too.
  await numberField(page).fill('');
  await numberField(page).pressSequentially('20a');
  await expect(error).toHaveText(M.numberFormat);
  // Nothing was sent all along.
  await expect(page.getByRole('alert').filter({ hasText: M.notFound })).toHaveCount(0);
});

test('after a refused lookup the focus is where the answer is: the number in error, or the message when the pair is refused (not found, then locked)', async ({ page, newUser }) => {
  await openAsNewClerk(page, newUser);
  const number = unknownNumber();
  // A number too short, sent with the button: refused at the number, focus there.
  await numberField(page).fill(number.slice(0, 8));
  await keyField(page).fill(A_KEY);
  await submit(page).click();
  await expect(numberField(page)).toBeFocused();
  await expect(page.locator('#lookup-number-error')).toHaveText(M.numberFormat);

  // A well-formed pair that opens nothing: one answer for the pair, focused, read out (role alert).
  await numberField(page).fill(number);
  const notFound = page.getByRole('alert').filter({ hasText: M.notFound });
  for (let i = 1; i <= LOOKUP_POLICY.numberFailures; i++) {
    await submit(page).click();
    await expect(notFound).toBeVisible();
    await expect(notFound).toBeFocused();
    // What was typed stays.
    await expect(numberField(page)).toHaveValue(number);
    await expect(keyField(page)).toHaveValue(A_KEY);
    if (i === 1) {
      await checkA11y(page);
      await shots(page, 'orderer-lookup-not-found');
    }
    // The next try starts from the button again.
    await submit(page).focus();
  }
  // The number's budget is spent: the wait is said, focused.
  await submit(page).click();
  const locked = page.getByRole('alert').filter({ hasText: /約\d+(分|時間)後にもう一度/ });
  await expect(locked).toBeVisible();
  await expect(locked).toBeFocused();
  await checkA11y(page);
  await shots(page, 'orderer-lookup-locked');
});

test('opened from the key notice’s QR code, the number is filled in and the focus is in the key', async ({ page, newUser }) => {
  const number = unknownNumber();
  await openAsNewClerk(page, newUser, `/orderer/lookup?number=${number}`);
  await expect(numberField(page)).toHaveValue(number);
  await expect(page.getByText(L.qrNote)).toBeVisible();
  await expect(keyField(page)).toBeFocused();
  // Without the number in the address the page starts as it always did: nothing focused for the clerk.
  await page.goto('/orderer/lookup');
  await expect(numberField(page)).toHaveValue('');
  await expect(keyField(page)).not.toBeFocused();
});
