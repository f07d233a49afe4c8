import { KEY_LENGTH, KEY_UNUSED } from '@/lib/auth-key-format';

/** How each character never used in a key is read aloud: 「0（ゼロ）」, so that 0 and O cannot be confused in print. */
const READING: Record<string, string> = { '0': 'ゼロ', O: 'オー', '1': 'イチ', I: 'アイ', L: 'エル' };
/** 0（ゼロ）・O（オー）・1（イチ）・I（アイ）・L（エル）: from KEY_UNUSED, so the text follows the alphabet. */
const UNUSED_LIST = [...KEY_UNUSED].map((ch) => (READING[ch] ? `${ch}（${READING[ch]}）` : ch)).join('・');

/**
 * The characters a message quotes after 「文字」, each in 「」 (five at most); one that cannot be seen
 * (a control or format character, a space of another kind) is not quoted but said.
 */
const quoted = (typed: readonly string[]) => {
  const visible = typed.filter((ch) => !/^[\p{C}\p{Z}]$/u.test(ch)).slice(0, 5);
  const shown = visible.map((ch) => `「${ch}」`).join('');
  if (visible.length === typed.length) return shown;
  return shown ? `${shown}と、画面に表示されない文字` : '（画面に表示されない文字）';
};

/** The lookup's answers in Japanese, one place for the page, the API and the tests. */
export const LOOKUP_MESSAGES = {
  numberFormat: '保証契約番号は10桁の数字で入力してください。',
  numberCheckDigit: '保証契約番号に誤りがあります。入力した番号をもう一度ご確認ください。',
  numberRequired: '保証契約番号を入力してください。',
  keyRequired: '認証キーを入力してください。',
  keyFormat: '認証キーは英数字10文字です（例: 7KQ4-XM9P-WA。大文字・小文字、全角・半角、ハイフンや空白は区別しません）。',
  /** A character of KEY_UNUSED was typed (a misreading of the print): which one, and which are never used. */
  keyUnused: (typed: readonly string[]) => `認証キーに使われない文字${quoted(typed)}が含まれています。認証キーには${UNUSED_LIST}は使われていません。`,
  /** A symbol, a kana… */
  keyOther: (typed: readonly string[]) => `認証キーに使えない文字${quoted(typed)}が含まれています。認証キーは英字と数字の${KEY_LENGTH}文字です。`,
  /** Only characters of the alphabet, but not 10 of them. */
  keyLength: (length: number) => `認証キーは英数字${KEY_LENGTH}文字です。入力された認証キーは${length}文字です（ハイフンと空白は数えません）。`,
  notFound: '保証契約番号または認証キーが正しくないか、この電子証書を閲覧する権限がありません。',
  /** `minutes` to wait (see waitMinutes); two hours or more are said in hours. */
  throttled: (minutes: number) => {
    const wait = minutes >= 120 ? `約${Math.ceil(minutes / 60)}時間後` : `約${minutes}分後`;
    return `確認の試行回数が上限に達しました。${wait}にもう一度お試しください。`;
  },
} as const;

export const waitMinutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
