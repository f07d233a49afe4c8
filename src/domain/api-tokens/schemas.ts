import { hasControlCharacters } from '@/lib/text';
import { z } from 'zod';

/**
 * The issue form's schema, shared by the form (client validation) and issueApiToken (authoritative).
 * A module of its own: tokens.ts needs node:crypto, which the browser bundle must not pull in.
 */
export const API_TOKEN_NAME_MAX = 100;

/** A name that says which system holds the token (e.g. 電子契約システム（本番）). */
export const apiTokenSchema = z.object({
  name: z
    .string({ error: 'トークンの名前を入力してください。' })
    .trim()
    .min(1, 'トークンの名前を入力してください。')
    .max(API_TOKEN_NAME_MAX, `トークンの名前は${API_TOKEN_NAME_MAX}文字以内で入力してください。`)
    .refine((value) => !hasControlCharacters(value), 'トークンの名前に改行や制御文字は使えません。'),
});
export type ApiTokenInput = z.infer<typeof apiTokenSchema>;
