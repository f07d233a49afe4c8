/** 保証未確認 (decision 072 amended), pure: the page's box, its route and the browser test read the same rule. */

/** 保証未確認: the default wait after 契約日, and the bounds of the page's box. */
export const UNCONFIRMED_DEFAULT_DAYS = 14;
export const UNCONFIRMED_MAX_DAYS = 365;

/** `?days=` as typed (全角 read): a whole number of 0–365; otherwise the default, and `invalid` when something else was typed. */
export function readUnconfirmedDays(input: string | undefined): { days: number; invalid: boolean } {
  const text = (input ?? '').normalize('NFKC').trim().replace(/日$/u, '');
  if (text === '') return { days: UNCONFIRMED_DEFAULT_DAYS, invalid: false };
  if (!/^\d{1,3}$/.test(text) || Number(text) > UNCONFIRMED_MAX_DAYS) return { days: UNCONFIRMED_DEFAULT_DAYS, invalid: true };
  return { days: Number(text), invalid: false };
}
