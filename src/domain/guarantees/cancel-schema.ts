import { z } from 'zod';
import { dateInputSchema } from '@/lib/date-input';
import { hasControlCharacters, MULTILINE_CONTROL_CHARACTER_MESSAGE } from '@/lib/text';

/** 解除: the officer ends a guarantee with a date and a reason. */
export const cancelSchema = z.object({
  // Typed as people write it: 2026/4/1, 令和8年4月1日, 全角 too.
  cancelledOn: dateInputSchema('解除日'),
  reason: z
    .string({ error: '解除の理由を入力してください。' })
    .trim()
    .min(1, '解除の理由を入力してください。')
    .max(1000, '解除の理由は1000文字以内で入力してください。')
    .refine((v) => !hasControlCharacters(v, { multiline: true }), `解除の理由に${MULTILINE_CONTROL_CHARACTER_MESSAGE}`),
});


/** The form's confirmation box (the action checks it). */
export const CANCEL_CONFIRM_REQUIRED = '解除する場合は、確認のチェックを入れてください。';
