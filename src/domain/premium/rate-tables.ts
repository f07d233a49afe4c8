import type { Db, Tx } from '@/db/client';
import type { Prisma } from '@/generated/prisma/client';
import type { GuaranteeKind } from '@/generated/prisma/enums';
import { dbDateToIso, isValidIsoDate, isoDateToDb, todayInTokyo } from '@/lib/dates';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type FieldErrors, type Result } from '../result';
import { assertAdmin } from '../system';
import { GUARANTEE_KINDS, validateRateTable, type RateTableInput } from './calculate';
import type { RateTableDraft } from './schemas';

/**
 * Premium rate tables in the database. A table is never edited in place: every change is a NEW table
 * of its kind with its own 適用開始日, so the history stays, and a concluded guarantee keeps the id of
 * the table it was priced with. The table in force on a date is the one of that kind with the latest
 * effectiveFrom on or before the date; two tables of one kind may not share an effectiveFrom.
 */

export type StoredRateTable = RateTableInput & { id: string };

export interface RateTableDetail extends StoredRateTable {
  note: string | null;
  createdAt: Date;
  createdByName: string | null;
}

export type RateTableSummary = Omit<RateTableDetail, 'brackets'>;

const withBrackets = {
  brackets: { orderBy: [{ amountFrom: 'asc' }, { periodFromDays: 'asc' }] },
} as const satisfies Prisma.PremiumRateTableInclude;

type Row = Prisma.PremiumRateTableGetPayload<{ include: typeof withBrackets }>;
type SummaryRow = Prisma.PremiumRateTableGetPayload<object>;

function toTable(row: Row): StoredRateTable {
  return {
    id: row.id,
    guaranteeKind: row.guaranteeKind,
    effectiveFrom: dbDateToIso(row.effectiveFrom),
    minimumPremium: row.minimumPremium,
    roundingUnit: row.roundingUnit,
    rounding: row.rounding,
    isDemo: row.isDemo,
    brackets: row.brackets.map((b) => ({
      amountFrom: b.amountFrom,
      amountTo: b.amountTo,
      periodFromDays: b.periodFromDays,
      periodToDays: b.periodToDays,
      ratePpm: b.ratePpm,
    })),
  };
}

function toSummary(row: SummaryRow, names: Map<string, string>): RateTableSummary {
  return {
    id: row.id,
    guaranteeKind: row.guaranteeKind,
    effectiveFrom: dbDateToIso(row.effectiveFrom),
    minimumPremium: row.minimumPremium,
    roundingUnit: row.roundingUnit,
    rounding: row.rounding,
    isDemo: row.isDemo,
    note: row.note,
    createdAt: row.createdAt,
    createdByName: row.createdById ? (names.get(row.createdById) ?? null) : null,
  };
}

async function creatorNames(db: Db | Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/**
 * The table of `kind` in force on `onDateIso` (YYYY-MM-DD): the latest effectiveFrom on or before the
 * date, or null before the first table. No actor: the caller (concluding a guarantee, a page) has
 * checked its own.
 */
export async function findRateTableInForce(db: Db | Tx, kind: GuaranteeKind, onDateIso: string): Promise<StoredRateTable | null> {
  if (!isValidIsoDate(onDateIso)) throw new RangeError(`findRateTableInForce: ${onDateIso}`);
  const row = await db.premiumRateTable.findFirst({
    where: { guaranteeKind: kind, effectiveFrom: { lte: isoDateToDb(onDateIso) } },
    orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }],
    include: withBrackets,
  });
  return row ? toTable(row) : null;
}

/** One table with its brackets, for the officer's table page. */
export async function getRateTable(db: Db | Tx, actor: Actor, id: string): Promise<RateTableDetail> {
  assertAdmin(actor);
  const row = await db.premiumRateTable.findUnique({ where: { id }, include: withBrackets });
  if (!row) throw new AppError('NOT_FOUND', `premium rate table ${id}`);
  const names = await creatorNames(db, [row.createdById]);
  return { ...toTable(row), ...toSummary(row, names) };
}

/** Every table of a kind (the history), newest effectiveFrom first, with who created it and when. */
export async function listRateTables(db: Db | Tx, actor: Actor, kind: GuaranteeKind): Promise<RateTableSummary[]> {
  assertAdmin(actor);
  const rows = await db.premiumRateTable.findMany({
    where: { guaranteeKind: kind },
    orderBy: [{ effectiveFrom: 'desc' }, { createdAt: 'desc' }],
  });
  const names = await creatorNames(db, rows.map((r) => r.createdById));
  return rows.map((r) => toSummary(r, names));
}

class Rejected extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super('rate table rejected');
  }
}

/**
 * Stores a new table of `input.guaranteeKind` with its brackets and an audit row, in one transaction.
 * The table is checked again here (validateRateTable), whatever the form did; a second table of the
 * same kind and effectiveFrom is refused (at 'effectiveFrom'). `isDemo` is for demo data only.
 */
export async function saveRateTable(
  db: Db,
  actor: Actor,
  input: RateTableDraft & { isDemo?: boolean },
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const table: RateTableInput = { ...input, isDemo: input.isDemo ?? false };
  const errors = validateRateTable(table);
  const note = input.note?.trim() || null;
  if (note && note.length > 500) (errors.note ??= []).push('備考は500文字以内で入力してください。');
  // A table dated in the past would rewrite which rates "were in force" on days already gone (and
  // take over from today's table at once). Demo data alone may start in the past.
  if (!table.isDemo && table.effectiveFrom < todayInTokyo()) {
    (errors.effectiveFrom ??= []).push('適用開始日は本日以降の日付を入力してください（過去にさかのぼって料率を変えることはできません）。');
  }
  if (Object.keys(errors).length > 0) return fail(errors);

  return db
    .$transaction(async (tx) => {
      // One writer per kind at a time, so that two officers cannot both add the same 適用開始日.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`premium-rate-table:${table.guaranteeKind}`}))`;
      const effectiveFrom = isoDateToDb(table.effectiveFrom);
      const same = await tx.premiumRateTable.findFirst({
        where: { guaranteeKind: table.guaranteeKind, effectiveFrom },
        select: { id: true },
      });
      if (same) {
        throw new Rejected({
          effectiveFrom: ['この保証の種類には、同じ適用開始日の料率表がすでにあります。別の適用開始日を指定してください。'],
        });
      }
      const created = await tx.premiumRateTable.create({
        data: {
          guaranteeKind: table.guaranteeKind,
          effectiveFrom,
          minimumPremium: table.minimumPremium,
          roundingUnit: table.roundingUnit,
          rounding: table.rounding,
          isDemo: table.isDemo,
          note,
          createdById: actor.userId,
          brackets: {
            create: table.brackets.map((b) => ({
              amountFrom: b.amountFrom,
              amountTo: b.amountTo,
              periodFromDays: b.periodFromDays,
              periodToDays: b.periodToDays,
              ratePpm: b.ratePpm,
            })),
          },
        },
        select: { id: true },
      });
      await writeAudit(tx, actor, 'premium-rate-table.create', { type: 'premiumRateTable', id: created.id }, {
        guaranteeKind: table.guaranteeKind,
        effectiveFrom: table.effectiveFrom,
        isDemo: table.isDemo,
        brackets: table.brackets.length,
      });
      return ok({ id: created.id });
    })
    .catch((error: unknown) => {
      if (error instanceof Rejected) return fail(error.fieldErrors);
      throw error;
    });
}

// ───────────────────────────── demo data ─────────────────────────────

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

/**
 * Plausible demo rates (not any company's real rates), in force from 2026-04-01 and labelled
 * 「デモ用料率」 wherever shown. 前払金 and 中間前払金: bands up to 90 / 180 / 365 days and longer, tiers up
 * to 1億円 and above, minimum 10,000円, 10円未満切り捨て. 契約保証: bands up to 1 / 2 years and longer,
 * minimum 5,000円, 円未満切り捨て.
 */
export const DEMO_RATE_TABLES: Record<GuaranteeKind, RateTableDraft> = {
  ADVANCE: {
    guaranteeKind: 'ADVANCE',
    effectiveFrom: '2026-04-01',
    minimumPremium: 10_000n,
    roundingUnit: 10,
    rounding: 'FLOOR',
    note: 'デモ用の料率です。実際の保証料率ではありません。',
    brackets: demoBrackets(
      [YEN_100M, null],
      [90, 180, 365, null],
      [
        [1_100, 1_600, 2_300, 3_000],
        [900, 1_300, 1_900, 2_500],
      ],
    ),
  },
  INTERMEDIATE: {
    guaranteeKind: 'INTERMEDIATE',
    effectiveFrom: '2026-04-01',
    minimumPremium: 10_000n,
    roundingUnit: 10,
    rounding: 'FLOOR',
    note: 'デモ用の料率です。実際の保証料率ではありません。',
    brackets: demoBrackets(
      [YEN_100M, null],
      [90, 180, 365, null],
      [
        [700, 1_000, 1_500, 2_000],
        [600, 850, 1_250, 1_700],
      ],
    ),
  },
  CONTRACT: {
    guaranteeKind: 'CONTRACT',
    effectiveFrom: '2026-04-01',
    minimumPremium: 5_000n,
    roundingUnit: 1,
    rounding: 'FLOOR',
    note: 'デモ用の料率です。実際の保証料率ではありません。',
    brackets: demoBrackets(
      [YEN_100M, null],
      [365, 730, null],
      [
        [2_500, 3_800, 5_000],
        [2_000, 3_000, 4_000],
      ],
    ),
  },
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
