import { z } from 'zod';
import { toHalfWidth } from '@/lib/normalize';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '@/lib/text';

export const ROLES = ['CONTRACTOR', 'ORDERER', 'ADMIN'] as const;

const loginId = z
  .string({ error: 'お客様IDを入力してください。' })
  .transform((value) => toHalfWidth(value).toLowerCase())
  .pipe(
    z
      .string()
      .min(3, 'お客様IDは3文字以上で入力してください。')
      .max(64, 'お客様IDは64文字以内で入力してください。')
      .regex(/^[a-z0-9][a-z0-9._@-]*$/, 'お客様IDは半角英数字と . _ @ - で入力してください。'),
  );

const name = z
  .string({ error: '氏名を入力してください。' })
  .trim()
  .min(1, '氏名を入力してください。')
  .max(60, '氏名は60文字以内で入力してください。')
  .refine((v) => !hasControlCharacters(v), `氏名に${CONTROL_CHARACTER_MESSAGE}`);

const email = z
  .string()
  .transform(toHalfWidth)
  .pipe(z.email('メールアドレスの形式が正しくありません。').max(254))
  .optional();

export const userCreateSchema = z.object({
  loginId,
  name,
  email,
  role: z.enum(ROLES, { error: '権限を選択してください。' }),
  organizationId: z.uuid('所属組織を選択してください。'),
  departmentId: z.uuid('部署を選択してください。').optional(),
});
export type UserCreateInput = z.input<typeof userCreateSchema>;

export const userUpdateSchema = z.object({
  name,
  email,
  departmentId: z.uuid('部署を選択してください。').optional(),
});
export type UserUpdateInput = z.input<typeof userUpdateSchema>;

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string({ error: '現在のパスワードを入力してください。' }).min(1, '現在のパスワードを入力してください。'),
    newPassword: z
      .string({ error: '新しいパスワードを入力してください。' })
      .min(12, 'パスワードは12文字以上にしてください。')
      .max(200, 'パスワードは200文字以内にしてください。'),
    confirmPassword: z.string({ error: '確認のため、もう一度入力してください。' }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ['confirmPassword'],
    message: '新しいパスワードと確認用の入力が一致しません。',
  });
export type PasswordChangeInput = z.input<typeof passwordChangeSchema>;
