import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Prisma } from '@/generated/prisma/client';
import type { GuaranteeKind } from '@/generated/prisma/enums';
import { dbDateToIso, isValidIsoDate, isoDateToDb } from '@/lib/dates';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { assertAdmin } from '../system';
import type { RateTableInput } from './calculate';

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

/** What a table and its summary share, from the stored row. */
function tableFields(row: SummaryRow) {
  return {
    id: row.id,
    guaranteeKind: row.guaranteeKind,
    effectiveFrom: dbDateToIso(row.effectiveFrom),
    minimumPremium: row.minimumPremium,
    roundingUnit: row.roundingUnit,
    rounding: row.rounding,
    isDemo: row.isDemo,
  };
}

function toTable(row: Row): StoredRateTable {
  return {
    ...tableFields(row),
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
    ...tableFields(row),
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
