import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { effectiveStatus, isPeriodEnding } from '@/domain/guarantees/status';
import { assertRole } from '@/domain/system';
import { Prisma } from '@/generated/prisma/client';
import { todayInTokyo } from '@/lib/dates';
import type { ConfirmedPage, ConfirmedRow } from './confirmed-row';
import { confirmedCsvText } from './csv';
import { displayStatus, marksSinceConfirmation } from './marks';
import { CONFIRMED_PAGE_SIZE, type ConfirmedParams } from './params';

/**
 * Confirmations: the rows the orderer's lookup writes when a clerk opens a certificate with its number
 * and key (src/domain/lookup). Read here for the orderer's 確認済み一覧 (and its CSV), for the
 * contractor's 「発注者の確認状況」 and 発注者確認 column, and to tell the confirming orderers when a
 * certificate changes, is cancelled or its period ends.
 */

function assertOrderer(actor: Actor): void {
  assertRole(actor, 'ORDERER', "an orderer's confirmations");
}

/** `%`, `_` and `\` typed into the box are searched for as themselves. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The search condition, or null when the box cannot match anything (letters for a number). */
function filterSql(params: ConfirmedParams): Prisma.Sql | null {
  if (!params.q) return Prisma.empty;
  switch (params.cond) {
    case 'number': {
      // Digits typed so far: a prefix of the 10-digit number (hyphens and spaces ignored).
      const digits = params.q.replace(/[\s-]/g, '');
      if (!/^\d{1,10}$/.test(digits)) return null;
      return Prisma.sql`AND g."number" BETWEEN ${digits.padEnd(10, '0')} AND ${digits.padEnd(10, '9')}`;
    }
    // The box is NFKC-folded (全角 → 半角); so is the stored text here, so （株） finds (株) and back.
    case 'project':
      return Prisma.sql`AND normalize(g."projectName", NFKC) ILIKE ${likePattern(params.q)}`;
    case 'contractor':
      return Prisma.sql`AND (normalize(co."name", NFKC) ILIKE ${likePattern(params.q)} OR normalize(COALESCE(co."nameKana", ''), NFKC) ILIKE ${likePattern(params.q)})`;
  }
}

/**
 * The latest confirmation per guarantee by the organisation's staff, with what it names. Scoped twice:
 * the confirmations are the organisation's, and the guarantee must name the organisation as orderer
 * (the lookup never confirms anything else; this keeps a stray row from showing another orderer's
 * guarantee).
 */
function fromSql(organizationId: string, filter: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    FROM (
      SELECT DISTINCT ON (c."guaranteeId") c."id", c."guaranteeId", c."certificateVersionId", c."departmentId", c."userId",
             c."statusAtConfirmation", c."confirmedAt"
      FROM "Confirmation" c
      WHERE c."organizationId" = CAST(${organizationId} AS uuid)
      ORDER BY c."guaranteeId", c."confirmedAt" DESC, c."id" DESC
    ) l
    JOIN "Guarantee" g ON g."id" = l."guaranteeId" AND g."ordererId" = CAST(${organizationId} AS uuid)
    JOIN "Organization" co ON co."id" = g."contractorId"
    JOIN "CertificateVersion" v ON v."id" = l."certificateVersionId"
    LEFT JOIN "User" u ON u."id" = l."userId"
    LEFT JOIN "Department" d ON d."id" = l."departmentId"
    WHERE TRUE ${filter}`;
}

/** A row as the statement returns it: the list's row before its status is worked out. */
type RawRow = Omit<ConfirmedRow, 'displayStatus' | 'marks'> & {
  changed: boolean;
  guaranteeEnd: Date;
  periodEnd: Date;
  recordedSince: boolean;
  latestVersionConfirmed: boolean;
};

/** Where a CSV batch resumes: after the last row of the one before (list order). */
interface After {
  confirmedAt: Date;
  number: string;
}

async function confirmedRows(
  db: Db,
  organizationId: string,
  filter: Prisma.Sql,
  now: Date,
  limit: { take: number; skip: number } | { take: number; after: After | null },
): Promise<ConfirmedRow[]> {
  const page =
    'skip' in limit
      ? Prisma.sql`LIMIT ${limit.take} OFFSET ${limit.skip}`
      : Prisma.sql`LIMIT ${limit.take}`;
  // timestamp(3) holds UTC wall-clock time: the ISO text (its Z ignored by the cast) is the stored value.
  const after =
    'after' in limit && limit.after
      ? Prisma.sql`AND (l."confirmedAt", g."number") < (CAST(${limit.after.confirmedAt.toISOString()} AS timestamp(3)), CAST(${limit.after.number} AS char(10)))`
      : Prisma.empty;
  const raw = await db.$queryRaw<RawRow[]>`
    SELECT g."id" AS "guaranteeId", g."number", g."kind", g."projectName", co."name" AS "contractorName", g."guaranteeAmount",
           l."confirmedAt", u."name" AS "userName", d."name" AS "departmentName", v."version" AS "confirmedVersion",
           g."latestVersion", l."statusAtConfirmation", g."status", g."changed", g."guaranteeEnd", g."periodEnd",
           EXISTS (SELECT 1 FROM "GuaranteeChange" gc
                   WHERE gc."guaranteeId" = g."id" AND gc."certificateVersionId" IS NULL AND gc."createdAt" > l."confirmedAt") AS "recordedSince",
           EXISTS (SELECT 1 FROM "Confirmation" lc JOIN "CertificateVersion" lv ON lv."id" = lc."certificateVersionId"
                   WHERE lc."guaranteeId" = g."id" AND lc."organizationId" = CAST(${organizationId} AS uuid)
                     AND lv."version" = g."latestVersion") AS "latestVersionConfirmed"
    ${fromSql(organizationId, Prisma.sql`${filter} ${after}`)}
    ORDER BY l."confirmedAt" DESC, g."number" DESC
    ${page}`;
  const today = todayInTokyo(now);
  return raw.map(({ changed, guaranteeEnd, periodEnd, recordedSince, latestVersionConfirmed, ...r }) => {
    const ending = isPeriodEnding({ status: r.status, guaranteeEnd, periodEnd }, today);
    const row = {
      ...r,
      status: effectiveStatus(r.status, guaranteeEnd, today),
      number: r.number.trim(),
      guaranteeAmount: BigInt(r.guaranteeAmount),
      confirmedVersion: Number(r.confirmedVersion),
      latestVersion: Number(r.latestVersion),
    };
    return { ...row, displayStatus: displayStatus(row.status, changed || row.latestVersion > 1), marks: marksSinceConfirmation({ ...row, ending, recordedSince, latestVersionConfirmed }) };
  });
}

/**
 * 確認済み一覧: every guarantee any staff of the clerk's orderer confirmed, one row each (its latest
 * confirmation), newest confirmation first, searched and paged by number (see params.ts for why).
 */
export async function listConfirmedCertificates(db: Db, actor: Actor, params: ConfirmedParams, now = new Date()): Promise<ConfirmedPage> {
  assertOrderer(actor);
  const filter = filterSql(params);
  if (filter === null) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const counted = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" ${fromSql(actor.organizationId, filter)}`;
  const total = counted[0]?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / CONFIRMED_PAGE_SIZE));
  // A page beyond the end (an old bookmark, a shorter search) shows the last page.
  const page = Math.min(params.page, pageCount);
  const rows = await confirmedRows(db, actor.organizationId, filter, now, { take: CONFIRMED_PAGE_SIZE, skip: (page - 1) * CONFIRMED_PAGE_SIZE });
  return { rows, total, page, pageCount };
}

/** Rows per statement of the CSV: memory stays flat whatever the orderer's count (50,000 for a prefecture). */
export const CSV_BATCH = 5_000;

/**
 * The 確認済み一覧 as CSV (every matching row, not one page), UTF-8 with a BOM: see csv.ts. Produced in
 * keyset batches of CSV_BATCH rows in list order, each batch's text yielded before the next is read;
 * the pieces joined are the same bytes as one stringify of every row (the BOM and the header only
 * before the first batch, every record ends with CRLF). The caller's role is checked before anything.
 */
export function confirmedCsvChunks(db: Db, actor: Actor, params: ConfirmedParams, now = new Date(), batch = CSV_BATCH): AsyncGenerator<string> {
  assertOrderer(actor);
  const filter = filterSql(params);
  return (async function* () {
    yield confirmedCsvText([], { header: true });
    if (filter === null) return;
    let after: After | null = null;
    for (;;) {
      const rows = await confirmedRows(db, actor.organizationId, filter, now, { take: batch, after });
      if (rows.length) yield confirmedCsvText(rows, { header: false });
      if (rows.length < batch) return;
      const last = rows[rows.length - 1]!;
      after = { confirmedAt: last.confirmedAt, number: last.number };
    }
  })();
}

/** The whole CSV as one string (tests, small exports): confirmedCsvChunks joined. */
export async function confirmedCsv(db: Db, actor: Actor, params: ConfirmedParams, now = new Date(), batch = CSV_BATCH): Promise<string> {
  let text = '';
  for await (const chunk of confirmedCsvChunks(db, actor, params, now, batch)) text += chunk;
  return text;
}
