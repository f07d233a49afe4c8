import type { OrdererInput } from './schemas';

/**
 * The limits of the standard public-works contract (前払金 ≤ 4/10 for 工事, ≤ 3/10 for コンサル;
 * 中間前払金 ≤ 2/10 and 前払金 + 中間前払金 ≤ 6/10; 契約保証 ≥ 1/10), which most orderers keep: a new orderer's form starts from them,
 * and the demo orderers use them.
 */
export const STANDARD_LIMITS = {
  limitAdvanceWorks: '4/10',
  limitAdvanceConsulting: '3/10',
  limitIntermediate: '2/10',
  limitAdvanceCombined: '6/10',
  limitContractMin: '1/10',
} as const satisfies Partial<OrdererInput>;

/** A subject line using every placeholder of the submission mail (the orderer may change it). */
export const STANDARD_SUBJECT_TEMPLATE = '【電子保証】{区分} 保証契約番号{保証契約番号} {工事名}';
