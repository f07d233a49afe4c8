/** The パスワード変更 screen of all three sides: the page (src/app/_components/password-page.tsx) and its form. */
export const PASSWORD_LABELS = {
  meta: 'パスワード変更 | 電子保証ポータル',
  title: 'パスワード変更',
  lead: '変更すると、ほかの端末を含むすべてのログインが終了します。新しいパスワードでログインし直してください。',
  currentPassword: '現在のパスワード',
  newPassword: '新しいパスワード',
  newPasswordHint: '12文字以上',
  confirmPassword: '新しいパスワード（確認）',
  submit: 'パスワードを変更する',
  submitting: '変更中…',
} as const;
