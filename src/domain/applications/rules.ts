import type { DeliveryMethod, GuaranteeKind, LimitBound, WorkType } from '@/generated/prisma/enums';
import { GUARANTEE_KIND_LABEL, WORK_TYPE_LABEL } from '@/domain/labels';
import type { FieldErrors } from '@/domain/result';
import { formatYen } from '@/lib/money';
import { APPLICATION_FIELD_LABEL as F } from './labels';
import { REQUIRED_ON_SUBMIT, type ApplicationInput } from './schemas';

/**
 * The rules an application must pass before it is submitted (pure: no database, no clock).
 * Everything orderer-specific comes from the orderer's data (OrdererRuleSet), never from a special
 * case in code: 大村市's rules are rows, and the next city is more rows.
 */

export interface OrdererRuleSet {
  /** The orderer's name as users know it (大村市), used in messages. */
  name: string;
  /** 電子交付 for contracts concluded on or after this date; null: the orderer takes no electronic certificates. */
  electronicFrom: string | null;
  electronicWorkTypes: readonly WorkType[];
  limits: readonly { guaranteeKind: GuaranteeKind; workType: WorkType | null; bound: LimitBound; numerator: number; denominator: number }[];
  /** 中間前払金保証 only with the orderer's 認定 (issue 16, D15); absent: not required. */
  intermediateRequiresCertification?: boolean;
  /** 前払金 + 中間前払金 ≤ this share of the 請負金額 (D16); absent or null: no combined limit. */
  combinedLimit?: { numerator: number; denominator: number } | null;
}

/** A complete application, as the rules see it (dates ISO, money in yen). */
export interface ApplicationFacts {
  guaranteeKind: GuaranteeKind;
  workType: WorkType;
  contractDate: string;
  periodStart: string;
  periodEnd: string;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  guaranteeStart: string;
  guaranteeEnd: string;
  depositBank?: string | undefined;
  depositBranch?: string | undefined;
  deliveryMethod: DeliveryMethod;
  /** The 認定 a 中間前払金 application starts from (its id), when one was chosen. */
  certificationId?: string | undefined;
  /**
   * The 保証金額 (current) of the 前払金保証 of the same contract, known when the application starts
   * from a 認定: the combined limit is checked against it.
   */
  advanceGuaranteeAmount?: bigint | undefined;
}

/** The refusals of a 中間前払金 application (issue 16, B6), each at the field the user changes. */
export const INTERMEDIATE_MESSAGES = {
  certificationRequired: (orderer: string) =>
    `${orderer}の中間前払金保証は、発注者の認定（中間前払金認定調書）が必要です。「中間前払金の認定」から認定を請求してください。`,
  worksOnly: '中間前払金は工事が対象です（建設コンサルタント業務等は対象外です）。',
  combined: (orderer: string, ratio: string, bound: bigint, advance: bigint) =>
    `${orderer}の前払金と中間前払金の合計は、請負金額の${ratio}（${formatYen(bound)}円）以下にしてください（前払金保証 ${formatYen(advance)}円）。`,
} as const;

/**
 * 前払金 + 中間前払金 above the orderer's combined bound, or null: the bound in yen (rounded down) and
 * the amounts, for the message. Nothing without a combined limit or without the 前払金保証's amount.
 */
export function combinedExcess(
  orderer: Pick<OrdererRuleSet, 'combinedLimit'>,
  facts: { contractAmount: bigint; guaranteeAmount: bigint; advanceGuaranteeAmount?: bigint | undefined },
): { ratio: string; bound: bigint; advance: bigint } | null {
  const limit = orderer.combinedLimit;
  if (!limit || limit.denominator <= 0 || facts.advanceGuaranteeAmount === undefined) return null;
  const bound = limitYen(facts.contractAmount, limit, 'MAX');
  if (facts.advanceGuaranteeAmount + facts.guaranteeAmount <= bound) return null;
  return { ratio: `${limit.numerator}/${limit.denominator}`, bound, advance: facts.advanceGuaranteeAmount };
}

/** 前払金 and 中間前払金 are paid into a deposit account: their certificates name the bank. */
export const needsDepositBank = (kind: GuaranteeKind | undefined) => kind === 'ADVANCE' || kind === 'INTERMEDIATE';

const CHOICES = new Set(['guaranteeKind', 'ordererId', 'worksDepartmentId', 'workType', 'deliveryMethod']);

/** Missing fields of a submission → "…を入力してください" / "…を選択してください". */
export function missingFields(input: ApplicationInput): FieldErrors {
  const errors: FieldErrors = {};
  const required: (keyof ApplicationInput & keyof typeof F)[] = [...REQUIRED_ON_SUBMIT];
  // 分割預託 names its banks row by row (deposits.ts), not in the 一括 fields.
  if (needsDepositBank(input.guaranteeKind) && !(input.jointVentureId && input.depositMode === 'SPLIT')) required.push('depositBank', 'depositBranch');
  for (const field of required) {
    if (input[field] === undefined || input[field] === '') {
      errors[field] = [`${F[field]}を${CHOICES.has(field) ? '選択' : '入力'}してください。`];
    }
  }
  return errors;
}

const isoToJapanese = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Whether the orderer accepts an electronic certificate for this contract, with the rule named when not. */
export function electronicEligibility(
  orderer: OrdererRuleSet,
  contract: { contractDate: string; workType: WorkType },
): { ok: true } | { ok: false; message: string } {
  if (!orderer.electronicFrom || orderer.electronicWorkTypes.length === 0) {
    return { ok: false, message: `${orderer.name}は電子証書（電子交付）の受付を行っていません。「書面」を選択してください。` };
  }
  const scope = `${orderer.name}の電子交付の対象は、${isoToJapanese(orderer.electronicFrom)}以降に契約を締結した${orderer.electronicWorkTypes
    .map((w) => WORK_TYPE_LABEL[w])
    .join('・')}です。`;
  if (contract.contractDate < orderer.electronicFrom) {
    return { ok: false, message: `${scope}この契約（契約日 ${isoToJapanese(contract.contractDate)}）は対象外のため、「書面」を選択してください。` };
  }
  if (!orderer.electronicWorkTypes.includes(contract.workType)) {
    return { ok: false, message: `${scope}${WORK_TYPE_LABEL[contract.workType]}は対象外のため、「書面」を選択してください。` };
  }
  return { ok: true };
}

export interface AmountBound {
  bound: LimitBound;
  numerator: number;
  denominator: number;
  /** The bound in yen: the largest allowed amount (MAX, rounded down) or the smallest (MIN, rounded up). */
  yen: bigint;
}

/**
 * The orderer's limit of one bound for this kind and kind of work (a limit for the kind of work
 * overrides one for every kind); null when none applies (or its denominator is not positive).
 */
export function ordererLimit(orderer: OrdererRuleSet, kind: GuaranteeKind, bound: LimitBound, workType: WorkType): { numerator: number; denominator: number } | null {
  const candidates = orderer.limits.filter((l) => l.guaranteeKind === kind && l.bound === bound);
  const limit = candidates.find((l) => l.workType === workType) ?? candidates.find((l) => l.workType === null);
  return limit && limit.denominator > 0 ? { numerator: limit.numerator, denominator: limit.denominator } : null;
}

/** A share of an amount in yen: the largest allowed amount (MAX, rounded down) or the smallest (MIN, rounded up). */
export function limitYen(amount: bigint, ratio: { numerator: number; denominator: number }, bound: LimitBound): bigint {
  const num = amount * BigInt(ratio.numerator);
  const den = BigInt(ratio.denominator);
  return bound === 'MAX' ? num / den : (num + den - 1n) / den;
}

/** The orderer's limits for this kind and kind of work (a limit for the kind of work overrides one for every kind). */
export function amountBounds(orderer: OrdererRuleSet, kind: GuaranteeKind, workType: WorkType, contractAmount: bigint): AmountBound[] {
  const out: AmountBound[] = [];
  for (const bound of ['MAX', 'MIN'] as const) {
    const limit = ordererLimit(orderer, kind, bound, workType);
    if (!limit) continue;
    out.push({ bound, numerator: limit.numerator, denominator: limit.denominator, yen: limitYen(contractAmount, limit, bound) });
  }
  return out;
}

/**
 * 保証金額 above 請負金額: the message names the 請負金額 and, when the orderer bounds this kind of
 * guarantee, that bound too — the amount to type must meet both, and a user who typed far too much
 * (a digit too many) would otherwise correct it to the 請負金額 and be refused again by the limit.
 * A MAX that allows the whole 請負金額 or more says nothing the first half does not, and is left out.
 * Without a bound (no limit for the kind, or a 変更契約 checked without the orderer's rules) the
 * message is the plain rule.
 */
export function aboveContractMessage(orderer: OrdererRuleSet, kind: GuaranteeKind, contractAmount: bigint, bounds: readonly AmountBound[]): string {
  const parts = [...bounds]
    .filter((b) => b.bound === 'MIN' || b.yen < contractAmount)
    .sort((a, b) => (a.bound === b.bound ? 0 : a.bound === 'MIN' ? -1 : 1))
    .map((b) => `${b.bound === 'MIN' ? '下限' : '上限'}（請負金額の${b.numerator}/${b.denominator}、${formatYen(b.yen)}円）${b.bound === 'MIN' ? '以上' : '以下'}`);
  if (parts.length === 0) return '保証金額は請負金額以下にしてください。';
  return `保証金額は請負金額（${formatYen(contractAmount)}円）以下、かつ${orderer.name}の${GUARANTEE_KIND_LABEL[kind]}の${parts.join('・')}にしてください。`;
}

/** Every rule of a complete application; errors keyed by the field a user must change. */
export function checkApplicationRules(facts: ApplicationFacts, orderer: OrdererRuleSet): FieldErrors {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);

  if (facts.periodEnd < facts.periodStart) add('periodEnd', '工期（至）は工期（自）以降の日付にしてください。');
  if (facts.contractDate > facts.periodStart) add('contractDate', '契約日は工期（自）以前の日付にしてください。');
  if (facts.guaranteeEnd < facts.guaranteeStart) {
    add('guaranteeEnd', '保証期間（至）は保証期間（自）以降の日付にしてください。');
  } else if (facts.periodEnd >= facts.periodStart) {
    // A 中間前払金保証 from a 認定 starts when the 認定 is given, past the half of the 工期 (M12): only
    // its end must cover the 工期.
    const fromCertification = facts.guaranteeKind === 'INTERMEDIATE' && facts.certificationId !== undefined;
    if (!fromCertification && facts.guaranteeStart > facts.periodStart) {
      add('guaranteeStart', `保証期間は工期を含むように入力してください（保証期間（自）を工期（自）${isoToJapanese(facts.periodStart)}以前に）。`);
    }
    if (facts.guaranteeEnd < facts.periodEnd) {
      add('guaranteeEnd', `保証期間は工期を含むように入力してください（保証期間（至）を工期（至）${isoToJapanese(facts.periodEnd)}以降に）。`);
    }
  }

  if (facts.guaranteeAmount > facts.contractAmount) {
    add('guaranteeAmount', aboveContractMessage(orderer, facts.guaranteeKind, facts.contractAmount, amountBounds(orderer, facts.guaranteeKind, facts.workType, facts.contractAmount)));
  } else {
    for (const b of amountBounds(orderer, facts.guaranteeKind, facts.workType, facts.contractAmount)) {
      const ratio = `${b.numerator}/${b.denominator}`;
      const kind = GUARANTEE_KIND_LABEL[facts.guaranteeKind];
      if (b.bound === 'MAX' && facts.guaranteeAmount > b.yen) {
        add('guaranteeAmount', `${orderer.name}の${kind}の保証金額は、請負金額の${ratio}（${formatYen(b.yen)}円）以下にしてください。`);
      }
      if (b.bound === 'MIN' && facts.guaranteeAmount < b.yen) {
        add('guaranteeAmount', `${orderer.name}の${kind}の保証金額は、請負金額の${ratio}（${formatYen(b.yen)}円）以上にしてください。`);
      }
    }
  }

  if (facts.guaranteeKind === 'INTERMEDIATE') {
    if (facts.workType !== 'WORKS') add('guaranteeKind', INTERMEDIATE_MESSAGES.worksOnly);
    if (orderer.intermediateRequiresCertification && !facts.certificationId) add('certificationId', INTERMEDIATE_MESSAGES.certificationRequired(orderer.name));
    const excess = combinedExcess(orderer, facts);
    if (excess) add('guaranteeAmount', INTERMEDIATE_MESSAGES.combined(orderer.name, excess.ratio, excess.bound, excess.advance));
  }

  if (facts.deliveryMethod === 'ELECTRONIC') {
    const eligible = electronicEligibility(orderer, facts);
    if (!eligible.ok) add('deliveryMethod', eligible.message);
  }
  return errors;
}
