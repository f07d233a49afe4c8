import { z } from 'zod';

/** The sign-in form's messages: the schema's, and the answers of a refused sign-in (one for every cause). */
export const SIGN_IN_MESSAGES = {
  loginIdRequired: 'お客様IDを入力してください。',
  passwordRequired: 'パスワードを入力してください。',
  invalid: 'お客様IDまたはパスワードが正しくありません。',
  throttled: (minutes: number) =>
    `ログインの失敗が続いたため、一時的にログインを停止しています。約${minutes}分後にもう一度お試しください。`,
} as const;

/** The sign-in form, parsed by the form in the browser and again by the action. */
export const signInSchema = z.object({
  loginId: z.string({ error: SIGN_IN_MESSAGES.loginIdRequired }).trim().min(1, SIGN_IN_MESSAGES.loginIdRequired).max(200),
  password: z.string({ error: SIGN_IN_MESSAGES.passwordRequired }).min(1, SIGN_IN_MESSAGES.passwordRequired).max(1000),
});
