import { z } from 'zod';
import { isValidIsoDate } from '@/lib/dates';
import { toHalfWidth } from '@/lib/normalize';
import { hasControlCharacters, MULTILINE_CONTROL_CHARACTER_MESSAGE } from '@/lib/text';

/** 解除: the officer ends a guarantee with a date and a reason. */
export const cancelSchema = z.object({
  cancelledOn: z
    .string({ error: '解除日を入力してください。' })
    .transform((v) => toHalfWidth(v).replace(/\//g, '-'))
    .pipe(z.string().refine(isValidIsoDate, '解除日は 2026-04-01 の形で、存在する日付を入力してください。')),
  reason: z
    .string({ error: '解除の理由を入力してください。' })
    .trim()
    .min(1, '解除の理由を入力してください。')
    .max(1000, '解除の理由は1000文字以内で入力してください。')
    .refine((v) => !hasControlCharacters(v, { multiline: true }), `解除の理由に${MULTILINE_CONTROL_CHARACTER_MESSAGE}`),
});


/** The form's confirmation box (the action checks it). */
export const CANCEL_CONFIRM_REQUIRED = '解除する場合は、確認のチェックを入れてください。';
