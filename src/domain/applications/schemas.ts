import { z } from 'zod';
import { GUARANTEE_KINDS, WORK_TYPES } from '@/domain/organizations/schemas';
import { DEPOSIT_MESSAGES, DEPOSIT_MODES } from './deposits';
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

// A 分割預託 table's cells: a cell that is not one text or a row that is not a row is read as blank, so
// that every refusal is one of deposits.ts's Japanese messages at the row's cell, never zod's English. A
// cell's length is checked there (too long is refused at the cell, not blanked); too many rows are
// refused at the table.
const cell = z.string().optional().catch(undefined);
const depositRow = z.object({ organizationId: cell, bank: cell, branch: cell, share: cell }).partial().nullable().catch(null);
/** Rows the form may send: one per member (at most 5, decision 065) and a spare. */
export const MAX_DEPOSIT_ROWS = 6;
const depositRows = z
  .array(depositRow)
  .optional()
  .catch(undefined)
  .refine((rows) => rows === undefined || rows.length <= MAX_DEPOSIT_ROWS, { error: DEPOSIT_MESSAGES.tooManyRows });

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
  // Issue 16: the JV the company applies for as its 代表者 (none: 自社（単独）), 一括 / 分割預託 with
  // one row per member, and the 認定 a 中間前払金 application starts from.
  jointVentureId: id(F.jointVentureId).optional(),
  depositMode: choice(DEPOSIT_MODES, F.depositMode).optional(),
  deposits: depositRows,
  certificationId: id(F.certificationId).optional(),
});
export type ApplicationInput = z.infer<typeof applicationSchema>;

/**
 * The contract's fields (発注者 to 請負金額): required on submission, and what a 中間前払金's 認定 fixes
 * (the form then shows its contract instead of them).
 */
export const CONTRACT_FIELDS = [
  'ordererId',
  'worksDepartmentId',
  'projectName',
  'projectLocation',
  'workType',
  'contractDate',
  'periodStart',
  'periodEnd',
  'contractAmount',
] as const satisfies readonly (keyof ApplicationInput)[];

/** What a submission must have; 預託金融機関 only for advance payments (see rules.ts). */
export const REQUIRED_ON_SUBMIT = [
  'guaranteeKind',
  ...CONTRACT_FIELDS,
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
