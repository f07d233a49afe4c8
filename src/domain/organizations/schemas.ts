import { z } from 'zod';
import { dateInputSchema } from '@/lib/date-input';
import { toHalfWidth } from '@/lib/normalize';
import { CONTROL_CHARACTER_MESSAGE, hasControlCharacters } from '@/lib/text';

/**
 * One schema per form, shared by the page (client validation) and the server action and domain
 * (authoritative). Japanese messages live here, next to the rule they explain.
 */
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}を入力してください。` })
    .trim()
    .min(1, `${label}を入力してください。`)
    .max(max, `${label}は${max}文字以内で入力してください。`)
    .refine((v) => !hasControlCharacters(v), `${label}に${CONTROL_CHARACTER_MESSAGE}`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}は${max}文字以内で入力してください。`)
    .refine((v) => !hasControlCharacters(v), `${label}に${CONTROL_CHARACTER_MESSAGE}`)
    .optional();

const postalCode = z
  .string()
  .transform(toHalfWidth)
  .pipe(z.string().regex(/^\d{3}-?\d{4}$/, '郵便番号は 123-4567 の形で入力してください。'))
  .optional();

const phone = z
  .string()
  .transform(toHalfWidth)
  .pipe(z.string().regex(/^[0-9()+\- ]{6,20}$/, '電話番号は数字とハイフンで入力してください。'))
  .optional();

export const contractorSchema = z.object({
  name: text('会社名', 100),
  nameKana: optionalText('会社名（カナ）', 100),
  postalCode,
  address: text('所在地', 200),
  phone,
});
export type ContractorInput = z.infer<typeof contractorSchema>;

export const WORK_TYPES = ['WORKS', 'CONSULTING', 'SURVEY', 'GEOTECHNICAL', 'COMPENSATION'] as const;
export const GUARANTEE_KINDS = ['ADVANCE', 'INTERMEDIATE', 'CONTRACT'] as const;

/** A fraction of 請負金額 such as 4/10 (全角 accepted); empty means no limit. */
const ratio = (label: string) =>
  z
    .string()
    .transform(toHalfWidth)
    .pipe(
      z
        .string()
        .regex(/^\d{1,3}\s*\/\s*\d{1,3}$/, `${label}は 4/10 のように分数で入力してください。`)
        .refine((value) => {
          const [n, d] = value.split('/').map((part) => Number(part.trim()));
          return d !== undefined && n !== undefined && d > 0 && n <= d;
        }, `${label}は 0 以上 1 以下の分数で入力してください（分母は 1 以上）。`),
    )
    .optional();

/** Where a kind of guarantee is submitted: the contract's 工事担当課, or one department (its id). */
const route = z.union([z.literal('WORKS_DEPARTMENT'), z.uuid('送付先を選択してください。')], {
  error: '送付先を選択してください。',
});

export const ordererSchema = z.object({
  name: text('発注者名', 100),
  certificateName: text('証書上の名称', 100),
  address: optionalText('所在地', 200),
  phone,
  electronicFrom: dateInputSchema('電子交付の開始日').optional(),
  electronicWorkTypes: z.array(z.enum(WORK_TYPES)).default([]),
  subjectTemplate: text('件名のひな形', 200),
  printoutAccepted: z.boolean().default(false),
  limitAdvanceWorks: ratio('前払金の上限（工事）'),
  limitAdvanceConsulting: ratio('前払金の上限（建設コンサルタント業務）'),
  limitIntermediate: ratio('中間前払金の上限'),
  limitContractMin: ratio('契約保証の下限'),
  routeAdvance: route.default('WORKS_DEPARTMENT'),
  routeIntermediate: route.default('WORKS_DEPARTMENT'),
  routeContract: route.default('WORKS_DEPARTMENT'),
  // 中間前払金の認定 (issue 16 D13, D15, D16; decision 067).
  intermediateRequiresCertification: z.boolean().default(false),
  certificationRoute: route.default('WORKS_DEPARTMENT'),
  limitAdvanceCombined: ratio('前払金と中間前払金の合計の上限'),
});
export type OrdererInput = z.input<typeof ordererSchema>;

export const DEPARTMENT_KINDS = ['CONTRACT_SECTION', 'WORKS_SECTION', 'OTHER'] as const;

export const departmentSchema = z.object({
  name: text('部署名', 100),
  kind: z.enum(DEPARTMENT_KINDS, { error: '部署の種類を選択してください。' }),
  email: z
    .string()
    .transform(toHalfWidth)
    .pipe(z.email('メールアドレスの形式が正しくありません。').max(254))
    .optional(),
  // HTML checkbox semantics: an unticked box sends nothing, so a missing value means inactive.
  active: z.boolean().default(false),
});
export type DepartmentInput = z.input<typeof departmentSchema>;
