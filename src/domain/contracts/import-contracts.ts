import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { Prisma } from '@/generated/prisma/client';
import type { FieldChange } from './changes';
import { decodeContractFile, MAX_LISTED_ERRORS, readContractFile, uploadedFileName, type FileRow, type OptionalColumn, type RowError } from './file';
import { CONTRACT_FIELD_LABEL, CONTRACT_IMPORT_MESSAGES as I, type EncodingChoice } from './labels';
import { touchesOf } from './lapse-rules';
import { watchContractLapses } from './lapses';
import { assertOrdererStaff, planImport, searchFolds, type ImportPlan } from './register';

/**
 * 契約台帳のファイル取込 (decision 068), in two steps:
 *
 *   previewContractImport  the file is decoded, parsed and every row checked (file.ts), then planned
 *                          against the register (register.ts: new, changed, unchanged; an unknown
 *                          工事担当課 is a row error). A file refused as a whole (size, encoding,
 *                          columns, no rows, binary) writes nothing and answers at the file field; a
 *                          readable one is kept as a ContractImport (PREVIEW) with its valid rows, its
 *                          errors (the first MAX_LISTED_ERRORS) and the counts, for the preview page.
 *   confirmContractImport  the clerk's 取り込む: refused while the file has an error; otherwise, in ONE
 *                          transaction under the orderer's register lock, the plan is made again with
 *                          the contracts locked (what changed since the preview shows, and the clerk
 *                          confirms again), then every new contract and every change is written in a
 *                          few set statements (jsonb_to_recordset), each with its ContractRevision
 *                          (IMPORT, naming the import), the import marked IMPORTED and one audit row.
 *                          Any failure rolls back the whole file.
 */

export interface PreviewInput {
  filename: string;
  bytes: Uint8Array;
  encoding: EncodingChoice;
}

interface StoredErrors {
  listed: RowError[];
  ignoredColumns: string[];
  /** The file's name of the 工事担当課 column (what a row's department error names). */
  departmentColumn: string;
}

const byLine = (a: RowError, b: RowError) => a.line - b.line;

/** The register's lock per orderer: two imports (or an import and its retry) never interleave. */
const lockRegister = (tx: Tx, ordererId: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`contract-register:${ordererId}`}))`;

export async function previewContractImport(db: Db, actor: Actor, input: PreviewInput): Promise<Result<{ id: string }>> {
  assertOrdererStaff(actor);
  const decoded = decodeContractFile(input.bytes, input.encoding);
  if (!decoded.ok) return fail({ file: [decoded.message] });
  const read = readContractFile(decoded.value.text);
  if (!read.ok) return fail({ file: [read.message] });
  const file = read.value;
  const departmentColumn = file.columnNames.department ?? CONTRACT_FIELD_LABEL.department;
  const plan = await planImport(db, actor.organizationId, file.rows, departmentColumn);
  const errors = [...file.errors, ...plan.errors].sort(byLine);
  const badLines = new Set(plan.errors.map((e) => e.line));
  const stored: StoredErrors = { listed: errors.slice(0, MAX_LISTED_ERRORS), ignoredColumns: file.ignoredColumns, departmentColumn };
  const created = await db.contractImport.create({
    data: {
      ordererId: actor.organizationId,
      userId: actor.userId,
      filename: uploadedFileName(input.filename),
      encoding: decoded.value.encoding,
      rowCount: file.rowCount,
      errorCount: errors.length,
      createdCount: plan.created.length,
      updatedCount: plan.updated.length,
      unchangedCount: plan.unchanged,
      errors: stored as unknown as Prisma.InputJsonValue,
      // Only the rows that can be imported; none at all when some row cannot (it will not be imported).
      rows: (errors.length ? [] : file.rows.filter((r) => !badLines.has(r.line))) as unknown as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  return ok(created);
}

/** The stored errors of an import, read back tolerantly. */
export function storedErrors(json: unknown): StoredErrors {
  const o = (json ?? {}) as Partial<StoredErrors>;
  return {
    listed: Array.isArray(o.listed) ? o.listed : [],
    ignoredColumns: Array.isArray(o.ignoredColumns) ? o.ignoredColumns : [],
    departmentColumn: typeof o.departmentColumn === 'string' ? o.departmentColumn : CONTRACT_FIELD_LABEL.department,
  };
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const countsOf = (plan: ImportPlan): ImportCounts => ({ created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged });

/** The import row of the caller's orderer, locked; NOT_FOUND for anyone else's. */
async function lockedImport(tx: Tx, actor: Actor, importId: string) {
  const [row] = await tx.$queryRaw<{ id: string; status: string; errorCount: number; createdCount: number; updatedCount: number; unchangedCount: number; rows: unknown; errors: unknown }[]>`
    SELECT "id", "status", "errorCount", "createdCount", "updatedCount", "unchangedCount", "rows", "errors"
    FROM "ContractImport" WHERE "id" = CAST(${importId} AS uuid) AND "ordererId" = CAST(${actor.organizationId} AS uuid) FOR UPDATE`;
  if (!row) throw new AppError('NOT_FOUND', `contract import ${importId} is not of orderer ${actor.organizationId}`);
  return row;
}

/** Rows as JSON for one set statement: every value a text (cast back in SQL), nulls kept. */
const json = (rows: object[]) => JSON.stringify(rows);

export async function confirmContractImport(db: Db, actor: Actor, importId: string, now = new Date()): Promise<Result<ImportCounts>> {
  assertOrdererStaff(actor);
  const ordererId = actor.organizationId;
  return db.$transaction(
    async (tx) => {
      await lockRegister(tx, ordererId);
      const imp = await lockedImport(tx, actor, importId);
      if (imp.status !== 'PREVIEW') return fail({ '': [I.notPreview] });
      if (imp.errorCount > 0) return fail({ '': [I.hasErrors] });
      const rows = (Array.isArray(imp.rows) ? imp.rows : []) as FileRow[];
      const plan = await planImport(tx, ordererId, rows, storedErrors(imp.errors).departmentColumn, { lock: true });
      const counts = countsOf(plan);
      if (plan.errors.length || counts.created !== imp.createdCount || counts.updated !== imp.updatedCount || counts.unchanged !== imp.unchangedCount) {
        // The register changed since the preview (a hand edit, another import, a department renamed):
        // the preview is brought up to date and the clerk confirms again. (Returned, so this commits.)
        const errors = plan.errors.sort(byLine);
        await tx.contractImport.update({
          where: { id: importId },
          data: {
            createdCount: counts.created,
            updatedCount: counts.updated,
            unchangedCount: counts.unchanged,
            errorCount: errors.length,
            ...(errors.length ? { errors: { ...storedErrors(imp.errors), listed: errors.slice(0, MAX_LISTED_ERRORS) } as unknown as Prisma.InputJsonValue, rows: [] } : {}),
          },
        });
        return fail({ '': [errors.length ? I.hasErrors : I.changedSince] });
      }
      await writePlan(tx, actor, importId, plan);
      // The lapse watcher (decision 075): the changed contracts' needed guarantee changes, stored and mailed in this transaction.
      const lapseMails = await watchContractLapses(tx, new Map(plan.updated.map((p) => [p.existing!.id, touchesOf(p.changes)])), now);
      await tx.contractImport.update({ where: { id: importId }, data: { status: 'IMPORTED', decidedAt: now, rows: [] } });
      await writeAudit(tx, actor, 'contract.import', { type: 'organization', id: ordererId }, { importId, ...counts, ...(lapseMails ? { lapseMails } : {}) });
      return ok(counts);
    },
    // A file of 20,000 rows is written in a few statements; the wait for another import's lock is bounded by its own.
    { timeout: 120_000, maxWait: 15_000 },
  );
}

/** Every new contract and change of the plan, in set statements, each with its revision row. */
async function writePlan(tx: Tx, actor: Actor, importId: string, plan: ImportPlan): Promise<void> {
  const ordererId = actor.organizationId;
  const contractRow = (id: string, p: ImportPlan['created'][number], revision: number) => ({
    id,
    contractNumber: p.values.contractNumber,
    projectName: p.values.projectName,
    contractorName: p.values.contractorName,
    ...searchFolds(p.values),
    contractAmount: p.values.contractAmount.toString(),
    contractDate: p.values.contractDate,
    periodStart: p.values.periodStart,
    periodEnd: p.values.periodEnd,
    advanceShareBp: p.values.advanceShareBp,
    performanceShareBp: p.values.performanceShareBp,
    departmentId: p.values.departmentId,
    revision,
  });
  const revisions: { contractId: string; revision: number; changes: FieldChange[] }[] = [];

  if (plan.created.length) {
    const rows = plan.created.map((p) => contractRow(randomUUID(), p, 1));
    await tx.$executeRaw`
      INSERT INTO "Contract" ("id", "ordererId", "contractNumber", "projectName", "contractorName", "projectNameFolded", "contractorNameFolded",
        "contractAmount", "contractDate", "periodStart", "periodEnd", "advanceShareBp", "performanceShareBp", "departmentId", "revision", "updatedAt")
      SELECT r."id", CAST(${ordererId} AS uuid), r."contractNumber", r."projectName", r."contractorName", r."projectNameFolded", r."contractorNameFolded",
        r."contractAmount", r."contractDate", r."periodStart", r."periodEnd", r."advanceShareBp", r."performanceShareBp", r."departmentId", 1, now()
      FROM jsonb_to_recordset(CAST(${json(rows)} AS jsonb)) AS r("id" uuid, "contractNumber" text, "projectName" text, "contractorName" text,
        "projectNameFolded" text, "contractorNameFolded" text, "contractAmount" bigint, "contractDate" date, "periodStart" date, "periodEnd" date,
        "advanceShareBp" int, "performanceShareBp" int, "departmentId" uuid, "revision" int)`;
    plan.created.forEach((p, i) => revisions.push({ contractId: rows[i]!.id, revision: 1, changes: p.changes }));
  }

  if (plan.updated.length) {
    const rows = plan.updated.map((p) => contractRow(p.existing!.id, p, p.existing!.revision + 1));
    await tx.$executeRaw`
      UPDATE "Contract" c SET "projectName" = r."projectName", "contractorName" = r."contractorName", "projectNameFolded" = r."projectNameFolded",
        "contractorNameFolded" = r."contractorNameFolded", "contractAmount" = r."contractAmount", "contractDate" = r."contractDate",
        "periodStart" = r."periodStart", "periodEnd" = r."periodEnd", "advanceShareBp" = r."advanceShareBp", "performanceShareBp" = r."performanceShareBp",
        "departmentId" = r."departmentId", "revision" = r."revision", "updatedAt" = now()
      FROM jsonb_to_recordset(CAST(${json(rows)} AS jsonb)) AS r("id" uuid, "projectName" text, "contractorName" text,
        "projectNameFolded" text, "contractorNameFolded" text, "contractAmount" bigint, "contractDate" date, "periodStart" date, "periodEnd" date,
        "advanceShareBp" int, "performanceShareBp" int, "departmentId" uuid, "revision" int)
      WHERE c."id" = r."id" AND c."ordererId" = CAST(${ordererId} AS uuid)`;
    plan.updated.forEach((p, i) => revisions.push({ contractId: rows[i]!.id, revision: rows[i]!.revision, changes: p.changes }));
  }

  if (revisions.length) {
    const rows = revisions.map((r) => ({ id: randomUUID(), contractId: r.contractId, revision: r.revision, changes: r.changes }));
    await tx.$executeRaw`
      INSERT INTO "ContractRevision" ("id", "contractId", "revision", "source", "importId", "userId", "changes")
      SELECT r."id", r."contractId", r."revision", 'IMPORT', CAST(${importId} AS uuid), CAST(${actor.userId} AS uuid), r."changes"
      FROM jsonb_to_recordset(CAST(${json(rows)} AS jsonb)) AS r("id" uuid, "contractId" uuid, "revision" int, "changes" jsonb)`;
  }
}

/** 取りやめる: a previewed import is set aside (nothing of the register changes). */
export async function cancelContractImport(db: Db, actor: Actor, importId: string, now = new Date()): Promise<Result<null>> {
  assertOrdererStaff(actor);
  return db.$transaction(async (tx) => {
    const imp = await lockedImport(tx, actor, importId);
    if (imp.status !== 'PREVIEW') return fail({ '': [I.notPreview] });
    await tx.contractImport.update({ where: { id: importId }, data: { status: 'CANCELLED', decidedAt: now, rows: [] } });
    return ok(null);
  });
}

/** Which optional columns a stored import's rows carry (for the preview's note). */
export function optionalColumnsOf(rows: FileRow[]): Record<OptionalColumn, boolean> {
  const first = rows[0];
  return { advanceShare: first ? 'advanceShareBp' in first : false, performanceShare: first ? 'performanceShareBp' in first : false, department: first ? 'departmentName' in first : false };
}
