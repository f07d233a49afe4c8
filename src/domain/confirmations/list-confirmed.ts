import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { COUNT_CAP, PAGE_SIZE, type Cursor } from '@/domain/guarantees/keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type SortColumn } from '@/domain/guarantees/keyset-query';
import { organizationsNamed } from '@/domain/guarantees/officer-list';
import { foldForSearch } from '@/domain/guarantees/officer-list-params';
import { holderName } from '@/domain/certificates/content';
import { effectiveStatus, isPeriodEnding } from '@/domain/guarantees/status';
import { assertRole } from '@/domain/system';
import { Prisma } from '@/generated/prisma/client';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import type { ConfirmedPage, ConfirmedRow } from './confirmed-row';
import { confirmedCsvText } from './csv';
import { displayStatus, marksSinceConfirmation } from './marks';
import type { ConfirmedParams } from './params';
import { likeContaining } from '@/lib/like';
import { checkConsistency } from '@/domain/contracts/matching';

/**
 * Confirmations: the rows the orderer's lookup writes when a clerk opens a certificate with its number
 * and key (src/domain/lookup), and 「この版を確認しました」. Read here for the orderer's 確認済み一覧 and
 * its CSV from ConfirmedGuarantee: the latest confirmation per (orderer, guarantee), kept by the
 * database on every Confirmation insert (trigger confirmed_guarantee, decision 061), so that a page is
 * "the next PAGE_SIZE rows after (confirmedAt, number)" read from its index (keyset, decision 017)
 * whatever the orderer's count, and the count stops at COUNT_CAP.
 *
 * Scoped twice: the rows are the organisation's, and the guarantee must name the organisation as
 * orderer (the trigger writes no other row; the read checks it again).
 */

function assertOrderer(actor: Actor): void {
  assertRole(actor, 'ORDERER', "an orderer's confirmations");
}

/**
 * The search: conditions on the list's own row (`list`, alias l); null when the box cannot match
 * anything (letters for a number, a 受注者 name no company has).
 *   保証契約番号  a prefix of the 10-digit number (hyphens and spaces ignored): a range on the copied number,
 *               checked in the list's index as it is walked;
 *   保証契約者    the companies whose name or kana holds the box, resolved first (up to 200 ids, else a
 *               subquery), then the (organizationId, contractorId, confirmedAt, number) index;
 *   工事名       the folded 工事名 the row keeps (the guarantee's projectNameFolded: NFKC, A–Z → a–z, as the
 *               box is folded, copied by the triggers) by LIKE, the orderer's rows read in list order
 *               until a page is found: a scan of its own narrow rows at worst (decision 061).
 */
interface Filter {
  list: Prisma.Sql;
}

async function filterOf(db: Db, params: ConfirmedParams): Promise<Filter | null> {
  if (!params.q) return { list: Prisma.empty };
  switch (params.cond) {
    case 'number': {
      const digits = params.q.replace(/[\s-]/g, '');
      if (!/^\d{1,10}$/.test(digits)) return null;
      return { list: Prisma.sql`AND l."number" BETWEEN ${digits.padEnd(10, '0')} AND ${digits.padEnd(10, '9')}` };
    }
    case 'project':
      return { list: Prisma.sql`AND l."projectNameFolded" LIKE ${likeContaining(foldForSearch(params.q))}` };
    case 'contractor': {
      const named = await organizationsNamed(db, 'CONTRACTOR', params.q);
      return named === null ? null : { list: Prisma.sql`AND l."contractorId" ${named}` };
    }
  }
}

/** What a list row is read with: the confirmation (as kept) and the guarantee (as it is now). */
const PICKED = Prisma.sql`l."guaranteeId", l."number", l."confirmedAt", l."confirmedVersion", l."departmentId", l."userId", l."statusAtConfirmation",
  l."highestVersion", g."kind", g."projectName", g."contractorId", g."guaranteeAmount", g."latestVersion", g."status", g."changed",
  g."guaranteeEnd", g."periodEnd", g."jointVentureId"`;

/**
 * What a picked row (`r`: PICKED columns) is shown with: the company, the clerk and department, whether
 * a record-only 変更契約 came since (decision 026), whether the latest version was ever confirmed.
 */
const NAMED = Prisma.sql`r."guaranteeId", r."number", r."kind", r."projectName", co."name" AS "contractorName", jv."name" AS "jointVentureName", r."guaranteeAmount",
  r."confirmedAt", u."name" AS "userName", d."name" AS "departmentName", r."confirmedVersion",
  r."latestVersion", r."statusAtConfirmation", r."status", r."changed", r."guaranteeEnd", r."periodEnd",
  EXISTS (SELECT 1 FROM "GuaranteeChange" gc
          WHERE gc."guaranteeId" = r."guaranteeId" AND gc."certificateVersionId" IS NULL AND gc."createdAt" > r."confirmedAt") AS "recordedSince",
  r."highestVersion" >= r."latestVersion" AS "latestVersionConfirmed",
  r."highestVersion" AS "highestVersion",
  ct."id" AS "mContractId", ct."contractNumber" AS "mContractNumber", ct."projectName" AS "mProjectName", ct."contractorName" AS "mContractorName",
  ct."contractAmount" AS "mContractAmount", ct."periodStart" AS "mPeriodStart", ct."periodEnd" AS "mPeriodEnd",
  ct."advanceShareBp" AS "mAdvanceShareBp", ct."performanceShareBp" AS "mPerformanceShareBp",
  gm."contractAmount" AS "gContractAmount", gm."guaranteeStart" AS "gGuaranteeStart", gm."cancelledOn" AS "gCancelledOn"`;
/**
 * The names, and the 契約台帳 contract the row's certificate is matched to (decision 072 amended): the
 * match of this orderer, its contract and the guarantee's columns the consistency check needs — joined
 * in the same statement, so the page's marks take no query of their own.
 */
const namesOf = (organizationId: string) => Prisma.sql`LEFT JOIN "Organization" co ON co."id" = r."contractorId"
  LEFT JOIN "JointVenture" jv ON jv."id" = r."jointVentureId"
  LEFT JOIN "User" u ON u."id" = r."userId"
  LEFT JOIN "Department" d ON d."id" = r."departmentId"
  LEFT JOIN "ContractMatch" cm ON cm."ordererId" = CAST(${organizationId} AS uuid) AND cm."guaranteeId" = r."guaranteeId"
  LEFT JOIN "Contract" ct ON ct."id" = cm."contractId" AND ct."ordererId" = CAST(${organizationId} AS uuid)
  LEFT JOIN "Guarantee" gm ON gm."id" = cm."guaranteeId"`;

/** The rows picked (`picked`: PICKED columns, already limited), named, in list order. */
function namedRowsSql(organizationId: string, picked: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT ${NAMED} FROM (${picked}) r ${namesOf(organizationId)} ORDER BY r."confirmedAt" ${order}, r."number" ${order}`;
}

/** A row as the statement returns it: the list's row before its status is worked out. */
type RawRow = Omit<ConfirmedRow, 'displayStatus' | 'marks' | 'contractMatch'> & {
  changed: boolean;
  guaranteeEnd: Date;
  periodEnd: Date;
  recordedSince: boolean;
  latestVersionConfirmed: boolean;
  /** A JV guarantee's JV: the row names it with its 代表者 (holderName). */
  jointVentureName: string | null;
  highestVersion: number;
} & MatchColumns;

/** The matched contract's columns (all null when the certificate is matched to none). */
interface MatchColumns {
  mContractId: string | null;
  mContractNumber: string | null;
  mProjectName: string | null;
  mContractorName: string | null;
  mContractAmount: bigint | null;
  mPeriodStart: Date | null;
  mPeriodEnd: Date | null;
  mAdvanceShareBp: number | null;
  mPerformanceShareBp: number | null;
  gContractAmount: bigint | null;
  gGuaranteeStart: Date | null;
  gCancelledOn: Date | null;
}

/** The consistency check of the row's match (072's checkConsistency, as the contract's page runs it): the findings to act on. */
function contractMatchOf(r: RawRow, contractorName: string, today: string): ConfirmedRow['contractMatch'] {
  if (!r.mContractId || !r.mContractNumber || r.gContractAmount === null || !r.gGuaranteeStart || !r.mPeriodStart || !r.mPeriodEnd) return null;
  const findings = checkConsistency(
    {
      projectName: r.mProjectName ?? '',
      contractorName: r.mContractorName ?? '',
      contractAmount: BigInt(r.mContractAmount ?? 0),
      periodStart: dbDateToIso(r.mPeriodStart),
      periodEnd: dbDateToIso(r.mPeriodEnd),
      advanceShareBp: r.mAdvanceShareBp === null ? null : Number(r.mAdvanceShareBp),
      performanceShareBp: r.mPerformanceShareBp === null ? null : Number(r.mPerformanceShareBp),
    },
    {
      guaranteeId: r.guaranteeId,
      number: r.number.trim(),
      kind: r.kind,
      projectName: r.projectName,
      contractorName,
      contractAmount: BigInt(r.gContractAmount),
      guaranteeAmount: BigInt(r.guaranteeAmount),
      guaranteeStart: dbDateToIso(r.gGuaranteeStart),
      guaranteeEnd: dbDateToIso(r.guaranteeEnd),
      status: r.status,
      cancelledOn: r.gCancelledOn ? dbDateToIso(r.gCancelledOn) : null,
      latestVersion: Number(r.latestVersion),
      confirmedVersion: Number(r.highestVersion),
    },
    today,
  );
  return { contractId: r.mContractId, contractNumber: r.mContractNumber, problems: findings.filter((f) => f.problem).length };
}

function toRow(today: string): (raw: RawRow) => ConfirmedRow {
  return (raw) => {
    const { changed, guaranteeEnd, periodEnd, recordedSince, latestVersionConfirmed, jointVentureName } = raw;
    const r = {
      guaranteeId: raw.guaranteeId,
      number: raw.number,
      kind: raw.kind,
      projectName: raw.projectName,
      contractorName: raw.contractorName,
      guaranteeAmount: raw.guaranteeAmount,
      confirmedAt: raw.confirmedAt,
      userName: raw.userName,
      departmentName: raw.departmentName,
      confirmedVersion: raw.confirmedVersion,
      latestVersion: raw.latestVersion,
      statusAtConfirmation: raw.statusAtConfirmation,
      status: raw.status,
    };
    // The 受注者 the register is compared with: the JV's name when it names one, else the company's (as the contract's page).
    const contractMatch = contractMatchOf(raw, jointVentureName ?? r.contractorName, today);
    const ending = isPeriodEnding({ status: r.status, guaranteeEnd, periodEnd }, today);
    const row = {
      ...r,
      contractorName: holderName(r.contractorName, jointVentureName),
      status: effectiveStatus(r.status, guaranteeEnd, today),
      number: r.number.trim(),
      guaranteeAmount: BigInt(r.guaranteeAmount),
      confirmedVersion: Number(r.confirmedVersion),
      latestVersion: Number(r.latestVersion),
    };
    return {
      ...row,
      displayStatus: displayStatus(row.status, changed || row.latestVersion > 1),
      marks: marksSinceConfirmation({ ...row, ending, recordedSince, latestVersionConfirmed }),
      contractMatch,
    };
  };
}

/** The list's order: the confirmation's moment, then the 保証契約番号 (unique), both read from ConfirmedGuarantee. */
const CONFIRMED_AT: SortColumn = { expr: Prisma.sql`l."confirmedAt"`, value: 'moment' };
const NUMBER: SortColumn = { expr: Prisma.sql`l."number"`, value: 'number' };

const cursorOf = (row: ConfirmedRow): Cursor => ({ v: row.confirmedAt.toISOString(), n: row.number });

/** The keyset position in force, its direction and the ORDER BY, as keyset-query.ts reads them from the links. */
type Read = ReturnType<typeof keysetRead>;

const listOrder = (order: Prisma.Sql) => Prisma.sql`ORDER BY l."confirmedAt" ${order}, l."number" ${order}`;

/**
 * The page's rows (PICKED, up to PAGE_SIZE + 1): picked from the list's indexes alone (a 工事名 search
 * reads the orderer's rows in list order until the page is full), then joined to their guarantees
 * (joined first, a 受注者 name common to 3,000 companies read 5,000 guarantees to sort them). The
 * guarantee must still name the orderer.
 */
function plainPageSql(organizationId: string, filter: Filter, read: Read): Prisma.Sql {
  return Prisma.sql`SELECT ${PICKED}
    FROM (SELECT * FROM "ConfirmedGuarantee" l WHERE l."organizationId" = CAST(${organizationId} AS uuid) ${filter.list} ${read.keyset}
          ${listOrder(read.order)} LIMIT ${PAGE_SIZE + 1}) l
    JOIN "Guarantee" g ON g."id" = l."guaranteeId" AND g."ordererId" = CAST(${organizationId} AS uuid)`;
}


/**
 * 確認済み一覧: every guarantee any staff of the clerk's orderer confirmed, one row each (its latest
 * confirmation), newest confirmation first, searched, keyset-paged (params.ts): the rows picked from
 * the ConfirmedGuarantee index after the position (ORDER BY + LIMIT inside), then named.
 */
export async function listConfirmedCertificates(db: Db, actor: Actor, params: ConfirmedParams, now = new Date()): Promise<ConfirmedPage> {
  assertOrderer(actor);
  const organizationId = actor.organizationId;
  const filter = await filterOf(db, params);
  if (!filter) return { rows: [], hasPrevious: false, hasNext: false, total: 0, page: 1 };
  const read = keysetRead(params, CONFIRMED_AT, NUMBER);
  const raw = await db.$queryRaw<RawRow[]>(namedRowsSql(organizationId, plainPageSql(organizationId, filter, read), read.order));
  if (backAtStart(read, raw.length)) return listConfirmedCertificates(db, actor, firstPageOf(params), now);
  // A first page with room to spare holds every match: no count. The list's own rows are counted
  // from its index alone (the trigger writes no row of a guarantee that does not name the orderer).
  const total =
    !read.cursor && raw.length <= PAGE_SIZE
      ? raw.length
      : ((
          await db.$queryRaw<[{ n: number }]>`
            SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "ConfirmedGuarantee" l WHERE l."organizationId" = CAST(${organizationId} AS uuid) ${filter.list} LIMIT ${COUNT_CAP + 1}) t`
        )[0]?.n ?? 0);
  return keysetPage(raw, read, params, total, toRow(todayInTokyo(now)), cursorOf);
}

/** Rows per statement of the CSV: memory stays flat whatever the orderer's count (50,000 for a prefecture). */
export const CSV_BATCH = 5_000;

/** Where a CSV batch resumes: after the last row of the one before (list order). */
interface After {
  confirmedAt: Date;
  number: string;
}

/** A CSV statement's row: a list row, and whether it is of the batch's window (kept) and shown. */
type CsvRawRow = RawRow & { kept: boolean; shown: boolean };

/**
 * One batch of the CSV as of `cutoff` (the last Confirmation.seq when the file began): the rows the
 * list would have shown from exactly the confirmations numbered up to the cutoff.
 *   - The window: the next `take` rows of the list not touched since (lastSeq ≤ cutoff), picked from its
 *     index alone and read as kept (kept = true); each joined to its guarantee, and shown when that names
 *     the orderer (a row not shown still moves the window on, so a file is never cut short by one).
 *   - The rows touched since (a confirmation written during the download: few) are rebuilt from the
 *     append-only Confirmation rows numbered up to the cutoff — their latest confirmation then, the
 *     highest version confirmed then — or left out when they had none (first confirmed since); those
 *     whose place then falls in this window (or after it, at the end of the list) come with it.
 * So a confirmation written between two batches neither moves a row (which could drop it, or list it
 * twice) nor changes what a row says of its confirmation. The guarantee (status, versions, marks) is
 * read as it is at each batch.
 */
function csvBatchSql(organizationId: string, filter: Filter, cutoff: string, after: After | null, take: number): Prisma.Sql {
  // timestamp(3) holds UTC wall-clock time: the ISO text (its Z ignored by the cast) is the stored value.
  const afterOf = (row: string) =>
    after
      ? Prisma.sql`AND (${Prisma.raw(`${row}."confirmedAt"`)}, ${Prisma.raw(`${row}."number"`)}) < (CAST(${after.confirmedAt.toISOString()} AS timestamp(3)), CAST(${after.number} AS char(10)))`
      : Prisma.empty;
  const upTo = Prisma.sql`CAST(${cutoff} AS bigint)`;
  const org = Prisma.sql`CAST(${organizationId} AS uuid)`;
  return Prisma.sql`
    WITH w AS MATERIALIZED (
      SELECT * FROM "ConfirmedGuarantee" l WHERE l."organizationId" = ${org} AND l."lastSeq" <= ${upTo} ${filter.list} ${afterOf('l')}
      ${listOrder(Prisma.sql`DESC`)} LIMIT ${take}),
    edge AS (SELECT count(*) = ${take} AS "full", min(l."confirmedAt") AS "confirmedAt" FROM w l),
    edgeNumber AS (SELECT min(l."number") AS "number" FROM w l, edge e WHERE l."confirmedAt" = e."confirmedAt"),
    r AS (
      SELECT true AS "kept", g."id" IS NOT NULL AS "shown", ${PICKED}
      FROM w l LEFT JOIN "Guarantee" g ON g."id" = l."guaranteeId" AND g."ordererId" = ${org}
      UNION ALL
      SELECT false, true, l."guaranteeId", l."number", c."confirmedAt", c."confirmedVersion", c."departmentId", c."userId", c."statusAtConfirmation",
             c."highestVersion", g."kind", g."projectName", g."contractorId", g."guaranteeAmount", g."latestVersion", g."status", g."changed",
             g."guaranteeEnd", g."periodEnd", g."jointVentureId"
      FROM "ConfirmedGuarantee" l
      JOIN "Guarantee" g ON g."id" = l."guaranteeId" AND g."ordererId" = ${org}
      CROSS JOIN LATERAL (
        SELECT c."confirmedAt", v."version" AS "confirmedVersion", c."departmentId", c."userId", c."statusAtConfirmation",
               max(v."version") OVER () AS "highestVersion"
        FROM "Confirmation" c JOIN "CertificateVersion" v ON v."id" = c."certificateVersionId"
        WHERE c."guaranteeId" = l."guaranteeId" AND c."organizationId" = l."organizationId" AND c."seq" <= ${upTo}
        ORDER BY c."confirmedAt" DESC, c."id" DESC
        LIMIT 1) c
      CROSS JOIN edge e CROSS JOIN edgeNumber en
      WHERE l."organizationId" = ${org} AND l."lastSeq" > ${upTo} ${filter.list}
        ${after ? Prisma.sql`AND (c."confirmedAt", l."number") < (CAST(${after.confirmedAt.toISOString()} AS timestamp(3)), CAST(${after.number} AS char(10)))` : Prisma.empty}
        AND (NOT e."full" OR (c."confirmedAt", l."number") >= (e."confirmedAt", en."number")))
    SELECT r."kept", r."shown", ${NAMED} FROM r ${namesOf(organizationId)}
    ORDER BY r."confirmedAt" DESC, r."number" DESC`;
}

/**
 * The file's cutoff: the last Confirmation number handed out, once every confirmation holding a number
 * up to it has committed. A lookup takes its number when it inserts its confirmation, then commits a
 * moment later; read without waiting, a number of a lookup still in flight would count as before the
 * file while its row could change between two batches. SHARE mode waits for the writers in flight
 * (their ROW EXCLUSIVE) and holds new ones back only until this transaction ends: a few milliseconds.
 * A writer stuck past lock_timeout fails the file before its first row, rather than making it wrong.
 */
async function csvCutoff(db: Db): Promise<string> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL lock_timeout = '5s'`;
    await tx.$executeRaw`LOCK TABLE "Confirmation" IN SHARE MODE`;
    const [{ cutoff }] = await tx.$queryRaw<[{ cutoff: string }]>`
      SELECT CAST(coalesce(pg_sequence_last_value(CAST('"Confirmation_seq_seq"' AS regclass)), 0) AS text) AS "cutoff"`;
    return cutoff;
  });
}

/**
 * The 確認済み一覧 as CSV (every matching row, not one page), UTF-8 with a BOM: see csv.ts. Produced in
 * keyset batches of CSV_BATCH rows of the list in list order, each batch's text yielded before the
 * next is read; the pieces joined are the same bytes as one stringify of every row (the BOM and the
 * header only before the first batch, every record ends with CRLF). The rows are the list as of the
 * file's start (csvBatchSql). The caller's role is checked before anything.
 */
export function confirmedCsvChunks(db: Db, actor: Actor, params: ConfirmedParams, now = new Date(), batch = CSV_BATCH): AsyncGenerator<string> {
  assertOrderer(actor);
  const today = todayInTokyo(now);
  return (async function* () {
    yield confirmedCsvText([], { header: true });
    const filter = await filterOf(db, params);
    if (!filter) return;
    const cutoff = await csvCutoff(db);
    let after: After | null = null;
    for (;;) {
      const raw: CsvRawRow[] = await db.$queryRaw<CsvRawRow[]>(csvBatchSql(actor.organizationId, filter, cutoff, after, batch));
      const rows: ConfirmedRow[] = raw.filter((r) => r.shown).map(({ kept: _kept, shown: _shown, ...r }) => toRow(today)(r));
      if (rows.length) yield confirmedCsvText(rows, { header: false });
      const window = raw.filter((r) => r.kept);
      if (window.length < batch) return;
      const last = window[window.length - 1]!;
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
