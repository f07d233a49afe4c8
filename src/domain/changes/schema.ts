import { z } from 'zod';
import { date, text, yen } from '@/domain/applications/fields';
import { CHANGE_FIELD_LABEL as F, CHANGE_META_LABEL as M } from './rules';

/**
 * The officer's 変更契約 form (shared by the form and the action). It is prefilled with the terms as
 * they stand, so every term is sent; a term left as it is does not change (decideChange compares).
 * Amounts take 全角 digits, commas and 円; dates 2026/4/1 as well as 2026-04-01.
 */
/** An empty field (conform sends none) is "please enter", not "wrong format". */
const required = <T extends z.ZodType<unknown, string>>(label: string, schema: T) =>
  z.string({ error: `${label}を入力してください。` }).pipe(schema);

export const changeSchema = z.object({
  guaranteeAmount: required(F.guaranteeAmount, yen(F.guaranteeAmount)),
  contractAmount: required(F.contractAmount, yen(F.contractAmount)),
  periodStart: required(F.periodStart, date(F.periodStart)),
  periodEnd: required(F.periodEnd, date(F.periodEnd)),
  guaranteeStart: required(F.guaranteeStart, date(F.guaranteeStart)),
  guaranteeEnd: required(F.guaranteeEnd, date(F.guaranteeEnd)),
  projectName: required(F.projectName, text(F.projectName, 200).min(1, `${F.projectName}を入力してください。`)),
  changeDate: required(M.changeDate, date(M.changeDate)),
  reason: required(M.reason, text(M.reason, 1000, { multiline: true }).min(1, `${M.reason}を入力してください。`)),
});
export type ChangeInput = z.infer<typeof changeSchema>;

/** 確認 shows what the change will do; 登録 records it. */
export const changeIntentSchema = z.enum(['preview', 'commit']);
export type ChangeIntent = z.infer<typeof changeIntentSchema>;

/** The number of changes the officer saw when the form was opened (a change recorded meanwhile is never overwritten). */
export const changeBasisSchema = z.coerce.number().int().min(0).max(1_000_000);
