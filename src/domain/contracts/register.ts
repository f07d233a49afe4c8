import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { assertRole } from '@/domain/system';
import { foldForSearch } from '@/domain/guarantees/officer-list-params';
import { Prisma } from '@/generated/prisma/client';
import { dbDateToIso } from '@/lib/dates';
import { contractChanges, type ContractValues, type FieldChange } from './changes';
import type { FileRow, RowError } from './file';
import { CONTRACT_FIELD_MESSAGES as M } from './labels';

/**
 * What the register's use cases share (server): the caller check, a contract row as values, the
 * orderer's departments by name, and the plan of an import — which rows are new, which change what,
 * which are as they are — read against the register as it is now.
 */

export function assertOrdererStaff(actor: Actor): void {
  assertRole(actor, 'ORDERER', 'the contract register');
}

/** A contract row as the raw statements read it. */
export interface ContractRow {
  id: string;
  contractNumber: string;
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  contractDate: Date;
  periodStart: Date;
  periodEnd: Date;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
  departmentId: string | null;
  departmentName: string | null;
  revision: number;
}

export const valuesOf = (row: ContractRow): ContractValues => ({
  contractNumber: row.contractNumber,
  projectName: row.projectName,
  contractorName: row.contractorName,
  contractAmount: BigInt(row.contractAmount),
  contractDate: dbDateToIso(row.contractDate),
  periodStart: dbDateToIso(row.periodStart),
  periodEnd: dbDateToIso(row.periodEnd),
  advanceShareBp: row.advanceShareBp === null ? null : Number(row.advanceShareBp),
  performanceShareBp: row.performanceShareBp === null ? null : Number(row.performanceShareBp),
  departmentId: row.departmentId,
  departmentName: row.departmentName,
});

/** The orderer's departments by folded name (a 工事担当課 column names them). */
export async function departmentsByName(db: Db | Tx, ordererId: string): Promise<Map<string, { id: string; name: string }>> {
  const departments = await db.department.findMany({ where: { organizationId: ordererId }, select: { id: true, name: true } });
  return new Map(departments.map((d) => [foldDepartment(d.name), d]));
}

const foldDepartment = (name: string) => foldForSearch(name).replace(/\s+/g, '');

/** The contracts of the orderer with these numbers, optionally locked for the transaction's write. */
export async function contractsByNumber(db: Db | Tx, ordererId: string, numbers: string[], { lock = false } = {}): Promise<Map<string, ContractRow>> {
  if (!numbers.length) return new Map();
  const rows = await db.$queryRaw<ContractRow[]>`
    SELECT c."id", c."contractNumber", c."projectName", c."contractorName", c."contractAmount", c."contractDate", c."periodStart", c."periodEnd",
           c."advanceShareBp", c."performanceShareBp", c."departmentId", d."name" AS "departmentName", c."revision"
    FROM "Contract" c LEFT JOIN "Department" d ON d."id" = c."departmentId"
    WHERE c."ordererId" = CAST(${ordererId} AS uuid) AND c."contractNumber" = ANY(CAST(${numbers} AS text[]))
    ${lock ? Prisma.sql`FOR UPDATE OF c` : Prisma.empty}`;
  return new Map(rows.map((r) => [r.contractNumber, r]));
}

export interface PlannedRow {
  line: number;
  values: ContractValues;
  /** The contract it updates (null: a new one). */
  existing: ContractRow | null;
  changes: FieldChange[];
}

export interface ImportPlan {
  created: PlannedRow[];
  updated: PlannedRow[];
  unchanged: number;
  /** Rows whose 工事担当課 names no department of the orderer. */
  errors: RowError[];
}

/**
 * The rows of a file against the register now: a row whose 契約番号 is not there is new; one that is
 * updates it where it differs (a column the file lacks leaves its field as it is), else is unchanged.
 */
export async function planImport(db: Db | Tx, ordererId: string, rows: FileRow[], departmentColumn: string, { lock = false } = {}): Promise<ImportPlan> {
  const departments = rows.some((r) => r.departmentName) ? await departmentsByName(db, ordererId) : new Map<string, { id: string; name: string }>();
  const existing = await contractsByNumber(
    db,
    ordererId,
    rows.map((r) => r.contractNumber),
    { lock },
  );
  const plan: ImportPlan = { created: [], updated: [], unchanged: 0, errors: [] };
  for (const row of rows) {
    const before = existing.get(row.contractNumber) ?? null;
    const old = before ? valuesOf(before) : null;
    let department: { id: string; name: string } | null = null;
    if (row.departmentName === undefined) {
      department = old?.departmentId ? { id: old.departmentId, name: old.departmentName ?? '' } : null;
    } else if (row.departmentName !== null) {
      department = departments.get(foldDepartment(row.departmentName)) ?? null;
      if (!department) {
        plan.errors.push({ line: row.line, column: departmentColumn, message: M.department });
        continue;
      }
    }
    const values: ContractValues = {
      contractNumber: row.contractNumber,
      projectName: row.projectName,
      contractorName: row.contractorName,
      contractAmount: BigInt(row.contractAmount),
      contractDate: row.contractDate,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
      advanceShareBp: row.advanceShareBp === undefined ? (old?.advanceShareBp ?? null) : row.advanceShareBp,
      performanceShareBp: row.performanceShareBp === undefined ? (old?.performanceShareBp ?? null) : row.performanceShareBp,
      departmentId: department?.id ?? null,
      departmentName: department?.name ?? null,
    };
    const changes = contractChanges(old, values);
    if (!before) plan.created.push({ line: row.line, values, existing: null, changes });
    else if (changes.length) plan.updated.push({ line: row.line, values, existing: before, changes });
    else plan.unchanged += 1;
  }
  return plan;
}

/** The folded texts the list's box searches. */
export const searchFolds = (v: Pick<ContractValues, 'projectName' | 'contractorName'>) => ({
  projectNameFolded: foldForSearch(v.projectName),
  contractorNameFolded: foldForSearch(v.contractorName),
});
