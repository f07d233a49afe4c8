import { SIGN_IN_MESSAGES } from '@/domain/auth/sign-in-schema';

/** Sign-in screen text (used by the page and the tests). */
export const LOGIN_LABELS = {
  title: 'ログイン',
  lead: '電子保証ポータルにログインします。受注者・発注者・保証会社のお客様ID・パスワードは共通です。',
  loginId: 'お客様ID',
  password: 'パスワード',
  submit: 'ログイン',
  pending: 'ログイン中…',
  ...SIGN_IN_MESSAGES,
  signedOut: 'ログアウトしました。',
  passwordChanged: 'パスワードを変更しました。新しいパスワードでログインしてください。',
  sessionEnded: 'セッションが終了しました。もう一度ログインしてください。',
} as const;
