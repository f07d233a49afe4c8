/** The lookup's answers in Japanese, one place for the page, the API and the tests. */
export const LOOKUP_MESSAGES = {
  numberFormat: '保証契約番号は10桁の数字で入力してください。',
  numberCheckDigit: '保証契約番号に誤りがあります。入力した番号をもう一度ご確認ください。',
  numberRequired: '保証契約番号を入力してください。',
  keyRequired: '認証キーを入力してください。',
  keyFormat: '認証キーは英数字10文字です（例: 7KQ4-XM9P-WA。大文字・小文字、全角・半角、ハイフンや空白は区別しません）。',
  notFound: '保証契約番号または認証キーが正しくないか、この電子証書を閲覧する権限がありません。',
  /** `minutes` to wait (see waitMinutes); two hours or more are said in hours. */
  throttled: (minutes: number) => {
    const wait = minutes >= 120 ? `約${Math.ceil(minutes / 60)}時間後` : `約${minutes}分後`;
    return `確認の試行回数が上限に達しました。${wait}にもう一度お試しください。`;
  },
} as const;

export const waitMinutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));
