/**
 * The lapse watcher (issue 17, decision 075), pure: which change of its matched guarantee a contract's
 * revision makes necessary, and whether a guarantee's values satisfy such a need.
 *
 *   保証期間を延長  the 工期（至） is later than the guarantee's 保証期間（至）: it must reach the 工期（至）.
 *   保証金額を増額  a 契約保証 below its share of the 請負金額: at least share × 請負金額 (rounded up to the yen).
 *   保証金額を減額  a 前払金保証 or 中間前払金保証 above the 前払金 share of the 請負金額: at most share × 請負金額
 *                  (rounded down; the advance paid may not exceed the share of the new price).
 *
 * The bounds are decision 072's consistency check's, exact in 0.01 %. A need is RAISED only by a revision
 * that changed what it depends on (the 工期（至） for a period, the 請負金額 or a share for an amount): a
 * difference the contract had from the start is the consistency check's (072), not a lapse. A raised need
 * that a later revision no longer has is withdrawn (the contract changed back); one whose value moved is
 * superseded by a new need (and announced again).
 */

export type LapseKind = 'EXTEND_PERIOD' | 'RAISE_AMOUNT' | 'LOWER_AMOUNT';

export interface LapseContract {
  contractAmount: bigint;
  /** 'YYYY-MM-DD' */
  periodEnd: string;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
}

export interface LapseGuarantee {
  kind: 'ADVANCE' | 'INTERMEDIATE' | 'CONTRACT';
  guaranteeAmount: bigint;
  /** 'YYYY-MM-DD' */
  guaranteeEnd: string;
}

export interface LapseNeed {
  kind: LapseKind;
  /** EXTEND_PERIOD: the 保証期間（至） needed (ISO); else null. */
  neededEnd: string | null;
  /** RAISE_AMOUNT: at least this; LOWER_AMOUNT: at most this (円); else null. */
  neededAmount: bigint | null;
}

/** The needs a contract's values make of a guarantee (none when they agree). */
export function neededChanges(contract: LapseContract, g: LapseGuarantee): LapseNeed[] {
  const needs: LapseNeed[] = [];
  if (g.guaranteeEnd < contract.periodEnd) needs.push({ kind: 'EXTEND_PERIOD', neededEnd: contract.periodEnd, neededAmount: null });
  if (g.kind === 'CONTRACT') {
    const bp = contract.performanceShareBp;
    if (bp !== null && g.guaranteeAmount * 10_000n < BigInt(bp) * contract.contractAmount) {
      needs.push({ kind: 'RAISE_AMOUNT', neededEnd: null, neededAmount: (BigInt(bp) * contract.contractAmount + 9_999n) / 10_000n });
    }
  } else {
    const bp = contract.advanceShareBp;
    if (bp !== null && g.guaranteeAmount * 10_000n > BigInt(bp) * contract.contractAmount) {
      needs.push({ kind: 'LOWER_AMOUNT', neededEnd: null, neededAmount: (BigInt(bp) * contract.contractAmount) / 10_000n });
    }
  }
  return needs;
}

/** Whether a guarantee's (new) values satisfy a need: the 変更契約 that resolves it. */
export function satisfies(need: LapseNeed, g: LapseGuarantee): boolean {
  switch (need.kind) {
    case 'EXTEND_PERIOD':
      return need.neededEnd !== null && g.guaranteeEnd >= need.neededEnd;
    case 'RAISE_AMOUNT':
      return need.neededAmount !== null && g.guaranteeAmount >= need.neededAmount;
    case 'LOWER_AMOUNT':
      return need.neededAmount !== null && g.guaranteeAmount <= need.neededAmount;
  }
}

export interface OpenLapse extends LapseNeed {
  id: string;
}

/** What a revision changed that needs depend on. */
export interface RevisionTouches {
  /** 工期（至） */
  periodEnd: boolean;
  /** 請負金額, or the 前払金 / 契約保証 share */
  amount: boolean;
}

export interface WatchDecision {
  /** New needs to store and announce. */
  raise: LapseNeed[];
  /** Open needs the contract no longer has (changed back): they disappear, no mail. */
  withdraw: string[];
  /** Open needs replaced by a need of the same kind with another value (in `raise`). */
  supersede: string[];
}

const sameNeed = (a: LapseNeed, b: LapseNeed) => a.kind === b.kind && a.neededEnd === b.neededEnd && a.neededAmount === b.neededAmount;
const touched = (kind: LapseKind, t: RevisionTouches) => (kind === 'EXTEND_PERIOD' ? t.periodEnd : t.amount);

/**
 * A contract's revision against its matched guarantee's open needs. `live`: the guarantee can still be
 * changed (有効, not 解除 nor past its 保証期間): otherwise nothing is raised (a 変更契約 is refused), though
 * needs the contract no longer has are still withdrawn.
 */
export function watchRevision(input: { contract: LapseContract; guarantee: LapseGuarantee; live: boolean; touches: RevisionTouches; open: readonly OpenLapse[] }): WatchDecision {
  const needs = neededChanges(input.contract, input.guarantee);
  const decision: WatchDecision = { raise: [], withdraw: [], supersede: [] };
  for (const lapse of input.open) {
    const need = needs.find((n) => n.kind === lapse.kind);
    if (!need) decision.withdraw.push(lapse.id);
    else if (!sameNeed(need, lapse) && touched(need.kind, input.touches) && input.live) {
      decision.supersede.push(lapse.id);
      decision.raise.push(need);
    }
  }
  if (input.live) {
    for (const need of needs) {
      if (input.open.some((l) => l.kind === need.kind)) continue;
      if (touched(need.kind, input.touches)) decision.raise.push(need);
    }
  }
  return decision;
}

/** What a revision's recorded changes touch (its FieldChange list, decision 068). */
export function touchesOf(changes: readonly { field: string }[]): RevisionTouches {
  return {
    periodEnd: changes.some((c) => c.field === 'periodEnd'),
    amount: changes.some((c) => c.field === 'contractAmount' || c.field === 'advanceShare' || c.field === 'performanceShare'),
  };
}
