import { z } from 'zod';
import { GUARANTEE_KINDS, WORK_TYPES } from '@/domain/organizations/schemas';
import { date, text, yen } from './fields';
import { APPLICATION_FIELD_LABEL as F } from './labels';

/**
 * The application form, shared by the page (client-side checks) and the action and use case
 * (authoritative). A draft may leave anything empty, but what is typed must be well-formed; a
 * submission must be complete (`REQUIRED_ON_SUBMIT`) and pass the rules of `rules.ts`.
 */
export const DELIVERY_METHODS = ['ELECTRONIC', 'PAPER'] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `${label}を選択してください。` });
const id = (label: string) => z.uuid(`${label}を選択してください。`);

export const applicationSchema = z.object({
  guaranteeKind: choice(GUARANTEE_KINDS, F.guaranteeKind).optional(),
  ordererId: id(F.ordererId).optional(),
  worksDepartmentId: id(F.worksDepartmentId).optional(),
  projectName: text(F.projectName, 200).optional(),
  projectLocation: text(F.projectLocation, 200).optional(),
  workType: choice(WORK_TYPES, F.workType).optional(),
  contractDate: date(F.contractDate).optional(),
  periodStart: date(F.periodStart).optional(),
  periodEnd: date(F.periodEnd).optional(),
  contractAmount: yen(F.contractAmount).optional(),
  guaranteeAmount: yen(F.guaranteeAmount).optional(),
  guaranteeStart: date(F.guaranteeStart).optional(),
  guaranteeEnd: date(F.guaranteeEnd).optional(),
  depositBank: text(F.depositBank, 100).optional(),
  depositBranch: text(F.depositBranch, 100).optional(),
  notes: text(F.notes, 2000, { multiline: true }).optional(),
  deliveryMethod: choice(DELIVERY_METHODS, F.deliveryMethod).optional(),
});
export type ApplicationInput = z.infer<typeof applicationSchema>;

/** What a submission must have; 預託金融機関 only for advance payments (see rules.ts). */
export const REQUIRED_ON_SUBMIT = [
  'guaranteeKind',
  'ordererId',
  'worksDepartmentId',
  'projectName',
  'projectLocation',
  'workType',
  'contractDate',
  'periodStart',
  'periodEnd',
  'contractAmount',
  'guaranteeAmount',
  'guaranteeStart',
  'guaranteeEnd',
  'deliveryMethod',
] as const satisfies readonly (keyof ApplicationInput)[];

/** The button pressed: 下書き保存 or 申込. */
export const intentSchema = z.enum(['draft', 'submit']);

export const returnSchema = z.object({
  reason: z
    .string({ error: '差戻しの理由を入力してください。' })
    .trim()
    .min(1, '差戻しの理由を入力してください。')
    .max(1000, '差戻しの理由は1000文字以内で入力してください。'),
});
