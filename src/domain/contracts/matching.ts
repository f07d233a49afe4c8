import { FINDING_TEXT } from './match-labels';

/**
 * 契約台帳 ↔ 保証証書 (issue 17, decision 072), pure: which of the orderer's confirmed certificates are
 * suggested for a contract, and what a match's consistency check finds.
 */

/**
 * A name folded for comparison: NFKC (全角 letters, digits and spaces to 半角, ㈱ to (株)), every space
 * removed, Latin letters lower-cased, and the usual abbreviations of a company's form written out, so
 * 「㈱ 〇〇建設」 and 「株式会社〇〇建設」 compare equal.
 */
export function foldForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .toLowerCase()
    .replace(/\(株\)/gu, '株式会社')
    .replace(/\(有\)/gu, '有限会社')
    .replace(/\(合\)/gu, '合同会社');
}

export interface MatchContract {
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  periodStart: string;
  periodEnd: string;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
}

export interface MatchCandidate {
  guaranteeId: string;
  number: string;
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
}

export interface Suggestion<C extends MatchCandidate = MatchCandidate> {
  candidate: C;
  /** Which of 工事名, 受注者 and 請負金額 agree (two or three of them). */
  agrees: { projectName: boolean; contractorName: boolean; contractAmount: boolean };
  score: 2 | 3;
}

/** At most this many suggestions are shown. */
export const SUGGESTIONS_SHOWN = 5;

/**
 * The candidates suggested for a contract: those agreeing on at least two of 工事名, 受注者 and
 * 請負金額 (names folded by foldForMatch), all three first, then by 保証契約番号. A candidate the clerk
 * turned down for this contract (`rejected`) is not suggested again.
 */
export function suggestMatches<C extends MatchCandidate>(contract: MatchContract, candidates: readonly C[], rejected: ReadonlySet<string> = new Set()): Suggestion<C>[] {
  const project = foldForMatch(contract.projectName);
  const contractor = foldForMatch(contract.contractorName);
  const out: Suggestion<C>[] = [];
  for (const candidate of candidates) {
    if (rejected.has(candidate.guaranteeId)) continue;
    const agrees = {
      projectName: foldForMatch(candidate.projectName) === project,
      contractorName: foldForMatch(candidate.contractorName) === contractor,
      contractAmount: candidate.contractAmount === contract.contractAmount,
    };
    const score = Number(agrees.projectName) + Number(agrees.contractorName) + Number(agrees.contractAmount);
    if (score >= 2) out.push({ candidate, agrees, score: score as 2 | 3 });
  }
  out.sort((a, b) => b.score - a.score || (a.candidate.number < b.candidate.number ? -1 : a.candidate.number > b.candidate.number ? 1 : 0));
  return out.slice(0, SUGGESTIONS_SHOWN);
}

export interface MatchedGuarantee extends MatchCandidate {
  kind: 'ADVANCE' | 'INTERMEDIATE' | 'CONTRACT';
  guaranteeAmount: bigint;
  guaranteeStart: string;
  guaranteeEnd: string;
  status: 'ACTIVE' | 'CANCELLED' | 'EXPIRED';
  cancelledOn: string | null;
  latestVersion: number;
  /** The highest version the orderer's staff confirmed. */
  confirmedVersion: number;
}

export type FindingCode =
  | 'amount'
  | 'period'
  | 'advanceNotRequired'
  | 'advanceOver'
  | 'performanceNotRequired'
  | 'performanceShort'
  | 'projectName'
  | 'contractorName'
  | 'changedUnconfirmed'
  | 'changed'
  | 'cancelled'
  | 'ended';

export interface Finding {
  code: FindingCode;
  /** A difference to act on (true) or a fact worth knowing (a change already confirmed). */
  problem: boolean;
  text: string;
}

/** share × amount in yen, exact: bp is 0.01 %. The bound is compared exactly (amount × 10000 vs share × 請負金額). */
const shareOf = (bp: number, amount: bigint) => (BigInt(bp) * amount) / 10_000n;

/**
 * The consistency check of a matched pair, as of `today` (ISO date, Tokyo): 請負金額 equal; the
 * 保証期間 covers the 工期 (a 中間前払金保証's starts at its 認定, so only its end is checked); the
 * 保証金額 within the share the contract requires (前払金 and 中間前払金 ≤ share × 請負金額, 契約保証 ≥
 * share × 請負金額; a kind the contract marks 不要 is named); 工事名 and 受注者 equal after folding;
 * a change not yet confirmed, a change confirmed, 解除, 保証期間 over.
 */
export function checkConsistency(contract: MatchContract, g: MatchedGuarantee, today: string): Finding[] {
  const findings: Finding[] = [];
  const add = (code: FindingCode, text: string, problem = true) => findings.push({ code, problem, text });
  if (g.contractAmount !== contract.contractAmount) add('amount', FINDING_TEXT.amount(contract.contractAmount, g.contractAmount));
  const startsLate = g.kind !== 'INTERMEDIATE' && g.guaranteeStart > contract.periodStart;
  if (startsLate || g.guaranteeEnd < contract.periodEnd) add('period', FINDING_TEXT.period(g.guaranteeStart, g.guaranteeEnd, contract.periodStart, contract.periodEnd));
  if (g.kind === 'CONTRACT') {
    if (contract.performanceShareBp === null) add('performanceNotRequired', FINDING_TEXT.performanceNotRequired());
    else if (g.guaranteeAmount * 10_000n < BigInt(contract.performanceShareBp) * contract.contractAmount) {
      const bp = contract.performanceShareBp;
      // The amount needed, rounded up to the yen.
      const needed = (BigInt(bp) * contract.contractAmount + 9_999n) / 10_000n;
      add('performanceShort', FINDING_TEXT.performanceShort(g.guaranteeAmount, bp, needed));
    }
  } else if (contract.advanceShareBp === null) add('advanceNotRequired', FINDING_TEXT.advanceNotRequired());
  else if (g.guaranteeAmount * 10_000n > BigInt(contract.advanceShareBp) * contract.contractAmount) {
    add('advanceOver', FINDING_TEXT.advanceOver(g.guaranteeAmount, contract.advanceShareBp, shareOf(contract.advanceShareBp, contract.contractAmount)));
  }
  if (foldForMatch(g.projectName) !== foldForMatch(contract.projectName)) add('projectName', FINDING_TEXT.projectName(contract.projectName, g.projectName));
  if (foldForMatch(g.contractorName) !== foldForMatch(contract.contractorName)) add('contractorName', FINDING_TEXT.contractorName(contract.contractorName, g.contractorName));
  if (g.latestVersion > g.confirmedVersion) add('changedUnconfirmed', FINDING_TEXT.changedUnconfirmed(g.latestVersion, g.confirmedVersion));
  else if (g.latestVersion > 1) add('changed', FINDING_TEXT.changed(g.latestVersion), false);
  if (g.status === 'CANCELLED') add('cancelled', FINDING_TEXT.cancelled(g.cancelledOn));
  // Over while the works run is to act on; over after the 工期 is the usual end.
  else if (g.guaranteeEnd < today) add('ended', FINDING_TEXT.ended(g.guaranteeEnd), today <= contract.periodEnd);
  return findings;
}

export type MatchKind = 'ADVANCE' | 'INTERMEDIATE' | 'CONTRACT';

/**
 * Which guarantees the register requires that no matched certificate covers (decision 072 amended: one
 * certificate per kind): 前払金 (a share recorded) is covered by a 前払金保証 or a 中間前払金保証, 契約保証
 * by a 契約保証. The 保証未確認 list and the register's 「一部照合」 read the same rule.
 */
export function missingGuarantees(contract: Pick<MatchContract, 'advanceShareBp' | 'performanceShareBp'>, matched: readonly MatchKind[]): ('advance' | 'performance')[] {
  const out: ('advance' | 'performance')[] = [];
  if (contract.advanceShareBp !== null && !matched.some((k) => k === 'ADVANCE' || k === 'INTERMEDIATE')) out.push('advance');
  if (contract.performanceShareBp !== null && !matched.includes('CONTRACT')) out.push('performance');
  return out;
}

/** The register row's mark over every matched certificate: 未照合, 一部照合 (a required kind missing) or 照合済み, with the problems counted. */
export interface ContractMark {
  kinds: MatchKind[];
  problems: number;
  partial: boolean;
}
