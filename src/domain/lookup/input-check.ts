import { checkContractNumber, normalizeContractNumber } from '@/domain/guarantees/contract-number';
import type { FieldErrors } from '@/domain/result';
import { checkAuthKey, KEY_LENGTH } from '@/lib/auth-key-format';
import { LOOKUP_MESSAGES as M } from './messages';

/**
 * The shape of a typed 保証契約番号 and 認証キー, pure: the server's answer (lookup.ts) and the page's
 * own check, as the clerk types and before anything is sent, are the same rules and the same words.
 *
 * `when`:
 *   - 'sent' (the default): the whole rule — an empty field, a short number or key are errors;
 *   - 'typing': only what is wrong already, whatever comes next: a character that can never be part
 *     of it, a number of 10 digits whose check digit fails, a key longer than 10. An empty field and
 *     one not yet typed to its end are left alone.
 */
export type CheckMoment = 'sent' | 'typing';

export function contractNumberError(typed: string, when: CheckMoment = 'sent'): string | null {
  if (typed.trim() === '') return when === 'sent' ? M.numberRequired : null;
  if (when === 'typing' && /^\d{0,9}$/.test(normalizeContractNumber(typed))) return null;
  const check = checkContractNumber(typed);
  return check.ok ? null : check.reason === 'CHECK_DIGIT' ? M.numberCheckDigit : M.numberFormat;
}

export function authKeyError(typed: string, when: CheckMoment = 'sent'): string | null {
  const check = checkAuthKey(typed);
  if (check.ok) return null;
  switch (check.reason) {
    case 'EMPTY':
      return when === 'sent' ? M.keyRequired : null;
    case 'UNUSED':
      return M.keyUnused(check.typed);
    case 'OTHER':
      return M.keyOther(check.typed);
    case 'LENGTH':
      return when === 'typing' && check.length < KEY_LENGTH ? null : M.keyLength(check.length);
  }
}

/** Both fields as sent: the number and the key in their stored forms, or the errors of each field. */
export function checkLookupInput(input: { number: string; key: string }): { ok: true; number: string; key: string } | { ok: false; fieldErrors: FieldErrors } {
  const number = checkContractNumber(input.number);
  const key = checkAuthKey(input.key);
  if (number.ok && key.ok) return { ok: true, number: number.number, key: key.key };
  const fieldErrors: FieldErrors = {};
  const numberError = contractNumberError(input.number);
  const keyError = authKeyError(input.key);
  if (numberError) fieldErrors.number = [numberError];
  if (keyError) fieldErrors.key = [keyError];
  return { ok: false, fieldErrors };
}
