import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { GUARANTEE_KINDS } from '@/domain/premium/calculate';
import { saveRateTable } from '@/domain/premium/save-rate-table';
import type { RateTableDraft } from '@/domain/premium/schemas';
import type { GuaranteeKind } from '@/generated/prisma/enums';

/**
 * The demo rate tables (labelled デモ用料率 wherever shown): one per kind, with tiers and period bands
 * shaped like real ones and made-up rates. Demo data and tests only; production tables are entered
 * by officers on the 料率表 screen.
 */

const YEN_100M = 100_000_000n;

/** A grid from upper bounds (amounts in yen, inclusive days) and rates in ppm per [tier][band]. */
function demoBrackets(tierTops: (bigint | null)[], bandTops: (number | null)[], ratesPpm: number[][]): RateTableDraft['brackets'] {
  const brackets: RateTableDraft['brackets'] = [];
  let amountFrom = 0n;
  tierTops.forEach((amountTo, i) => {
    let periodFromDays = 1;
    bandTops.forEach((top, j) => {
      const periodToDays = top === null ? null : top + 1;
      brackets.push({ amountFrom, amountTo, periodFromDays, periodToDays, ratePpm: ratesPpm[i]?.[j] ?? 0 });
      periodFromDays = periodToDays ?? periodFromDays;
    });
    amountFrom = amountTo ?? amountFrom;
  });
  return brackets;
}

/** A demo table of `guaranteeKind`, in force from 2026-04-01, rounded down, labelled as demo. */
function demoTable(guaranteeKind: GuaranteeKind, minimumPremium: bigint, roundingUnit: number, brackets: RateTableDraft['brackets']): RateTableDraft {
  return { guaranteeKind, effectiveFrom: '2026-04-01', minimumPremium, roundingUnit, rounding: 'FLOOR', note: 'デモ用の料率です。実際の保証料率ではありません。', brackets };
}

/**
 * Plausible demo rates (not any company's real rates), in force from 2026-04-01 and labelled
 * 「デモ用料率」 wherever shown. 前払金 and 中間前払金: bands up to 90 / 180 / 365 days and longer, tiers up
 * to 1億円 and above, minimum 10,000円, 10円未満切り捨て. 契約保証: bands up to 1 / 2 years and longer,
 * minimum 5,000円, 円未満切り捨て.
 */
export const DEMO_RATE_TABLES: Record<GuaranteeKind, RateTableDraft> = {
  ADVANCE: demoTable('ADVANCE', 10_000n, 10, demoBrackets([YEN_100M, null], [90, 180, 365, null], [
    [1_100, 1_600, 2_300, 3_000],
    [900, 1_300, 1_900, 2_500],
  ])),
  INTERMEDIATE: demoTable('INTERMEDIATE', 10_000n, 10, demoBrackets([YEN_100M, null], [90, 180, 365, null], [
    [700, 1_000, 1_500, 2_000],
    [600, 850, 1_250, 1_700],
  ])),
  CONTRACT: demoTable('CONTRACT', 5_000n, 1, demoBrackets([YEN_100M, null], [365, 730, null], [
    [2_500, 3_800, 5_000],
    [2_000, 3_000, 4_000],
  ])),
};

/** One demo table per kind (isDemo), created by `actor` through saveRateTable; returns their ids. */
export async function seedDemoRateTables(db: Db, actor: Actor): Promise<Record<GuaranteeKind, string>> {
  const ids = {} as Record<GuaranteeKind, string>;
  for (const kind of GUARANTEE_KINDS) {
    const result = await saveRateTable(db, actor, { ...DEMO_RATE_TABLES[kind], isDemo: true });
    if (!result.ok) throw new Error(`demo rate table ${kind}: ${JSON.stringify(result.fieldErrors)}`);
    ids[kind] = result.value.id;
  }
  return ids;
}
