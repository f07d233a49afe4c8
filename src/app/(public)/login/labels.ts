/** Sign-in screen text (used by the page and the tests). */
export const LOGIN_LABELS = {
  title: 'ログイン',
  lead: '電子保証ポータルにログインします。受注者・発注者・保証会社のお客様ID・パスワードは共通です。',
  loginId: 'お客様ID',
  password: 'パスワード',
  submit: 'ログイン',
  pending: 'ログイン中…',
  loginIdRequired: 'お客様IDを入力してください。',
  passwordRequired: 'パスワードを入力してください。',
  invalid: 'お客様IDまたはパスワードが正しくありません。',
  throttled: (minutes: number) =>
    `ログインの失敗が続いたため、一時的にログインを停止しています。約${minutes}分後にもう一度お試しください。`,
  signedOut: 'ログアウトしました。',
  passwordChanged: 'パスワードを変更しました。新しいパスワードでログインしてください。',
  sessionEnded: 'セッションが終了しました。もう一度ログインしてください。',
} as const;
