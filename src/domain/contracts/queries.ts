import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { COUNT_CAP, PAGE_SIZE, type Cursor, type KeysetPage } from '@/domain/guarantees/keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type SortColumn } from '@/domain/guarantees/keyset-query';
import { foldForSearch } from '@/domain/guarantees/officer-list-params';
import { Prisma } from '@/generated/prisma/client';
import { dbDateToIso } from '@/lib/dates';
import { likeContaining, escapeLike } from '@/lib/like';
import { readChanges, type FieldChange } from './changes';
import { contractsCsvText, type ContractCsvRow } from './csv';
import type { FileRow, RowError } from './file';
import { storedErrors } from './import-contracts';
import type { ContractListParams } from './list-params';
import { assertOrdererStaff, planImport, valuesOf, type ContractRow } from './register';

/** The register's reads for its pages; every one scoped to the caller's orderer (another's: NOT_FOUND). */

export interface ContractListRow {
  id: string;
  contractNumber: string;
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  contractDate: string;
  periodStart: string;
  periodEnd: string;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
}

type RawListRow = Omit<ContractListRow, 'contractDate' | 'periodStart' | 'periodEnd'> & { contractDate: Date; periodStart: Date; periodEnd: Date };

const CONTRACT_DATE: SortColumn = { expr: Prisma.sql`c."contractDate"`, value: 'date' };
const ID: SortColumn = { expr: Prisma.sql`c."id"`, value: 'uuid' };

function filterOf(params: ContractListParams): Prisma.Sql {
  if (!params.q) return Prisma.empty;
  switch (params.cond) {
    case 'number':
      return Prisma.sql`AND c."contractNumber" LIKE ${`${escapeLike(params.q)}%`}`;
    case 'project':
      return Prisma.sql`AND c."projectNameFolded" LIKE ${likeContaining(foldForSearch(params.q))}`;
    case 'contractor':
      return Prisma.sql`AND c."contractorNameFolded" LIKE ${likeContaining(foldForSearch(params.q))}`;
  }
}

/**
 * 契約台帳: the orderer's contracts, newest 契約日 first (then by id), searched, keyset-paged from the
 * (ordererId, contractDate DESC, id DESC) index; the total counted up to COUNT_CAP.
 */
export async function listContracts(db: Db, actor: Actor, params: ContractListParams): Promise<KeysetPage<ContractListRow>> {
  assertOrdererStaff(actor);
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const filter = filterOf(params);
  const read = keysetRead(params, CONTRACT_DATE, ID);
  const raw = await db.$queryRaw<RawListRow[]>`
    SELECT c."id", c."contractNumber", c."projectName", c."contractorName", c."contractAmount", c."contractDate", c."periodStart", c."periodEnd",
           c."advanceShareBp", c."performanceShareBp"
    FROM "Contract" c WHERE c."ordererId" = ${org} ${filter} ${read.keyset}
    ORDER BY c."contractDate" ${read.order}, c."id" ${read.order} LIMIT ${PAGE_SIZE + 1}`;
  if (backAtStart(read, raw.length)) return listContracts(db, actor, firstPageOf(params));
  const total =
    !read.cursor && raw.length <= PAGE_SIZE
      ? raw.length
      : ((await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "Contract" c WHERE c."ordererId" = ${org} ${filter} LIMIT ${COUNT_CAP + 1}) t`)[0]?.n ?? 0);
  const toRow = (r: RawListRow): ContractListRow => ({
    ...r,
    contractAmount: BigInt(r.contractAmount),
    contractDate: dbDateToIso(r.contractDate),
    periodStart: dbDateToIso(r.periodStart),
    periodEnd: dbDateToIso(r.periodEnd),
  });
  const cursorOf = (row: ContractListRow): Cursor => ({ v: row.contractDate, n: row.id });
  return keysetPage(raw, read, params, total, toRow, cursorOf);
}

export interface ContractRevisionView {
  revision: number;
  source: 'HAND' | 'IMPORT';
  at: Date;
  userName: string;
  departmentName: string | null;
  importFilename: string | null;
  changes: FieldChange[];
}

/** One contract with its history (newest revision first). */
export async function getContract(db: Db, actor: Actor, contractId: string) {
  assertOrdererStaff(actor);
  const [row] = await db.$queryRaw<ContractRow[]>`
    SELECT c."id", c."contractNumber", c."projectName", c."contractorName", c."contractAmount", c."contractDate", c."periodStart", c."periodEnd",
           c."advanceShareBp", c."performanceShareBp", c."departmentId", d."name" AS "departmentName", c."revision"
    FROM "Contract" c LEFT JOIN "Department" d ON d."id" = c."departmentId"
    WHERE c."id" = CAST(${contractId} AS uuid) AND c."ordererId" = CAST(${actor.organizationId} AS uuid)`;
  if (!row) throw new AppError('NOT_FOUND', `contract ${contractId} is not of orderer ${actor.organizationId}`);
  const revisions = await db.contractRevision.findMany({
    where: { contractId },
    orderBy: { revision: 'desc' },
    select: { revision: true, source: true, createdAt: true, changes: true, user: { select: { name: true, department: { select: { name: true } } } }, import: { select: { filename: true } } },
  });
  return {
    id: row.id,
    revision: row.revision,
    values: valuesOf(row),
    history: revisions.map(
      (r): ContractRevisionView => ({
        revision: r.revision,
        source: r.source,
        at: r.createdAt,
        userName: r.user.name,
        departmentName: r.user.department?.name ?? null,
        importFilename: r.import?.filename ?? null,
        changes: readChanges(r.changes),
      }),
    ),
  };
}

/** The orderer's departments (the form's 工事担当課 choices), active first by their order. */
export async function contractDepartments(db: Db, actor: Actor) {
  assertOrdererStaff(actor);
  return db.department.findMany({ where: { organizationId: actor.organizationId, active: true }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], select: { id: true, name: true } });
}

/** Rows of the preview listed with their changes (the counts are always whole). */
export const PREVIEW_LISTED = 100;

export interface PreviewRow {
  line: number;
  contractNumber: string;
  projectName: string;
  changes: FieldChange[];
}

/**
 * An import's preview: the file, its counts and errors as stored, and — while it waits — the first
 * PREVIEW_LISTED new and changed rows with what would change, planned against the register now.
 */
export async function getContractImport(db: Db, actor: Actor, importId: string) {
  assertOrdererStaff(actor);
  const imp = await db.contractImport.findFirst({
    where: { id: importId, ordererId: actor.organizationId },
    select: {
      id: true,
      filename: true,
      encoding: true,
      status: true,
      rowCount: true,
      errorCount: true,
      createdCount: true,
      updatedCount: true,
      unchangedCount: true,
      errors: true,
      rows: true,
      createdAt: true,
      decidedAt: true,
      user: { select: { name: true } },
    },
  });
  if (!imp) throw new AppError('NOT_FOUND', `contract import ${importId} is not of orderer ${actor.organizationId}`);
  const stored = storedErrors(imp.errors);
  let created: PreviewRow[] = [];
  let updated: PreviewRow[] = [];
  if (imp.status === 'PREVIEW' && imp.errorCount === 0) {
    const plan = await planImport(db, actor.organizationId, (Array.isArray(imp.rows) ? imp.rows : []) as unknown as FileRow[], stored.departmentColumn);
    const view = (p: (typeof plan.created)[number]): PreviewRow => ({ line: p.line, contractNumber: p.values.contractNumber, projectName: p.values.projectName, changes: p.changes });
    created = plan.created.slice(0, PREVIEW_LISTED).map(view);
    updated = plan.updated.slice(0, PREVIEW_LISTED).map(view);
  }
  return {
    id: imp.id,
    filename: imp.filename,
    encoding: imp.encoding,
    status: imp.status,
    uploadedBy: imp.user.name,
    createdAt: imp.createdAt,
    decidedAt: imp.decidedAt,
    rowCount: imp.rowCount,
    errorCount: imp.errorCount,
    counts: { created: imp.createdCount, updated: imp.updatedCount, unchanged: imp.unchangedCount },
    errors: stored.listed as RowError[],
    ignoredColumns: stored.ignoredColumns,
    created,
    updated,
  };
}

/** The orderer's latest uploads (the import page lists them, so a preview left open can be found again). */
export async function recentContractImports(db: Db, actor: Actor, take = 10) {
  assertOrdererStaff(actor);
  const rows = await db.contractImport.findMany({
    where: { ordererId: actor.organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, filename: true, status: true, rowCount: true, errorCount: true, createdAt: true, user: { select: { name: true } } },
  });
  return rows.map(({ user, ...r }) => ({ ...r, uploadedBy: user.name }));
}

/** Rows per statement of the CSV: memory stays flat whatever the register's size. */
export const CSV_BATCH = 5_000;

/**
 * 契約台帳 as CSV with the list's search: every matching contract in list order (newest 契約日
 * first), read in keyset batches of CSV_BATCH, each batch's text yielded before the next is read.
 * The caller's role is checked before anything.
 */
export function contractsCsvChunks(db: Db, actor: Actor, params: ContractListParams, batch = CSV_BATCH): AsyncGenerator<string> {
  assertOrdererStaff(actor);
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const filter = filterOf(params);
  return (async function* () {
    yield contractsCsvText([], { header: true });
    let after: { contractDate: Date; id: string } | null = null;
    for (;;) {
      const position: Prisma.Sql = after ? Prisma.sql`AND (c."contractDate", c."id") < (CAST(${dbDateToIso(after.contractDate)} AS date), CAST(${after.id} AS uuid))` : Prisma.empty;
      const raw: (Omit<ContractCsvRow, 'contractDate' | 'periodStart' | 'periodEnd'> & { id: string; contractDate: Date; periodStart: Date; periodEnd: Date })[] = await db.$queryRaw`
        SELECT c."id", c."contractNumber", c."projectName", c."contractorName", c."contractAmount", c."contractDate", c."periodStart", c."periodEnd",
               c."advanceShareBp", c."performanceShareBp", d."name" AS "departmentName"
        FROM "Contract" c LEFT JOIN "Department" d ON d."id" = c."departmentId"
        WHERE c."ordererId" = ${org} ${filter} ${position}
        ORDER BY c."contractDate" DESC, c."id" DESC LIMIT ${batch}`;
      if (raw.length) {
        yield contractsCsvText(
          raw.map((r) => ({ ...r, contractAmount: BigInt(r.contractAmount), contractDate: dbDateToIso(r.contractDate), periodStart: dbDateToIso(r.periodStart), periodEnd: dbDateToIso(r.periodEnd) })),
          { header: false },
        );
      }
      if (raw.length < batch) return;
      const last = raw[raw.length - 1]!;
      after = { contractDate: last.contractDate, id: last.id };
    }
  })();
}

/** The whole CSV as one string (tests). */
export async function contractsCsv(db: Db, actor: Actor, params: ContractListParams, batch = CSV_BATCH): Promise<string> {
  let text = '';
  for await (const chunk of contractsCsvChunks(db, actor, params, batch)) text += chunk;
  return text;
}

export type ContractImportView = Awaited<ReturnType<typeof getContractImport>>;
export type ContractView = Awaited<ReturnType<typeof getContract>>;
