import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { COUNT_CAP, PAGE_SIZE, type KeysetPage } from '@/domain/guarantees/keyset';
import { backAtStart, firstPageOf, keysetPage, keysetRead, type SortColumn } from '@/domain/guarantees/keyset-query';
import { Prisma } from '@/generated/prisma/client';
import type { CertificationStatus } from '@/generated/prisma/enums';
import { dbDateToIso } from '@/lib/dates';
import { isUuid } from '@/lib/uuid';
import { renderCertificationDocumentPdf } from '@/pdf/certification-document';
import { attachmentDir, loadAttachment } from './attachments';
import { certificationDocumentSchema } from './document';
import type { CertificationListParams } from './list-params';
import { progressWarning } from './rules';

/**
 * The 中間前払金 認定's reads (docs/research/issue-16.md B7, decision 067). Who sees a 認定:
 * - the requesting company's users (R; for a JV, the 代表者's);
 * - a JV's 構成員 (M): the summary on the JV guarantee's page and the 認定調書 only (memberCertifications,
 *   renderCertificationDocument), never the request's page, its attachments or its actions;
 * - the certifying department's staff (D), and no other department (D′) or orderer (O);
 * - the officers (A), read-only.
 * Everyone else gets NOT_FOUND, the answer for an id that does not exist (decision 007): a page never
 * tells another company or department that a 認定 exists.
 */

export type CertificationViewer = 'contractor' | 'orderer' | 'officer';

/** Which side the actor reads a 認定 as, or NOT_FOUND. */
function viewerOf(actor: Actor, c: { contractorId: string; ordererId: string; departmentId: string }): CertificationViewer {
  if (actor.role === 'CONTRACTOR' && c.contractorId === actor.organizationId) return 'contractor';
  if (actor.role === 'ORDERER' && c.ordererId === actor.organizationId && actor.departmentId !== null && c.departmentId === actor.departmentId) return 'orderer';
  if (actor.role === 'ADMIN') return 'officer';
  throw new AppError('NOT_FOUND', `certification for ${actor.role} ${actor.userId}`);
}

async function findVisible(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', `certification ${id}`);
  const c = await db.intermediateCertification.findUnique({
    where: { id },
    include: {
      contractor: { select: { name: true } },
      orderer: { select: { name: true } },
      department: { select: { name: true } },
      advanceGuarantee: { select: { number: true } },
      guarantee: { select: { id: true } },
      requestedBy: { select: { name: true } },
      decidedBy: { select: { name: true } },
      attachments: { orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true, filename: true, size: true, createdAt: true } },
    },
  });
  if (!c) throw new AppError('NOT_FOUND', `certification ${id}`);
  return { c, viewer: viewerOf(actor, c) };
}

/** One 認定 with what the actor's side may do with it. */
export async function getCertification(db: Db, actor: Actor, id: string) {
  const { c, viewer } = await findVisible(db, actor, id);
  const number = c.status === 'CERTIFIED' ? certificationDocumentSchema.parse(c.documentContent).number : null;
  return {
    viewer,
    id: c.id,
    status: c.status,
    revision: c.revision,
    number,
    contractorName: c.contractor.name,
    ordererName: c.orderer.name,
    departmentName: c.department.name,
    advanceNumber: c.advanceGuarantee.number.trim(),
    projectName: c.projectName,
    projectLocation: c.projectLocation,
    contractDate: dbDateToIso(c.contractDate),
    periodStart: dbDateToIso(c.periodStart),
    periodEnd: dbDateToIso(c.periodEnd),
    contractAmount: c.contractAmount,
    advanceAmount: c.advanceAmount,
    reportedOn: dbDateToIso(c.reportedOn),
    plannedProgressBp: c.plannedProgressBp,
    actualProgressBp: c.actualProgressBp,
    workDoneAmount: c.workDoneAmount,
    requestedAmount: c.requestedAmount,
    noPartialPayment: c.noPartialPayment,
    note: c.note,
    requestedAt: c.requestedAt,
    requestedBy: c.requestedBy.name,
    decidedAt: c.decidedAt,
    decidedBy: c.decidedBy?.name ?? null,
    certifiedOn: c.certifiedOn ? dbDateToIso(c.certifiedOn) : null,
    decisionNote: c.decisionNote,
    withdrawnAt: c.withdrawnAt,
    withdrawnReason: c.withdrawnReason,
    attachments: c.attachments,
    /** Condition 2, for the clerk (and the officers): shown, never a refusal. */
    progressWarning: viewer === 'contractor' ? null : progressWarning(c.plannedProgressBp, c.actualProgressBp),
    canWithdraw: viewer === 'contractor' && c.status === 'REQUESTED',
    canDecide: viewer === 'orderer' && c.status === 'REQUESTED',
    /** A 中間前払金保証 was concluded from this 認定 (its number is the contractor's, not shown to the clerk). */
    guaranteeConcluded: c.guarantee !== null,
  };
}

/** One attachment's bytes, for whoever may read its 認定 (R, D, A). */
export async function readCertificationAttachment(db: Db, actor: Actor, id: string, attachmentId: string, options: { attachmentDir?: string | null } = {}) {
  await findVisible(db, actor, id);
  if (!isUuid(attachmentId)) throw new AppError('NOT_FOUND', `attachment ${attachmentId}`);
  const a = await db.certificationAttachment.findFirst({
    where: { id: attachmentId, certificationId: id },
    select: { id: true, filename: true, contentType: true, sha256: true, content: true, storedPath: true },
  });
  if (!a) throw new AppError('NOT_FOUND', `attachment ${attachmentId} of certification ${id}`);
  const bytes = await loadAttachment(a, options.attachmentDir === undefined ? attachmentDir() : options.attachmentDir);
  return { filename: a.filename, contentType: a.contentType, bytes };
}

/** A 認定 on a JV 前払金保証 whose 構成員 the actor's company is (GuaranteeMember), or null. */
async function memberCertification(db: Db, actor: Actor, id: string) {
  if (actor.role !== 'CONTRACTOR' || !isUuid(id)) return null;
  return db.intermediateCertification.findFirst({
    where: { id, advanceGuarantee: { members: { some: { organizationId: actor.organizationId } } } },
    select: { status: true, documentContent: true },
  });
}

/**
 * The 中間前払金認定調書 (PDF) of a 認定, drawn from its stored content only (R, D, A, and a 構成員 of
 * the JV whose 前払金保証 it is: the document is addressed to the JV; a 不認定 has none).
 */
export async function renderCertificationDocument(db: Db, actor: Actor, id: string): Promise<{ number: string; pdf: Uint8Array }> {
  const c = (await memberCertification(db, actor, id)) ?? (await findVisible(db, actor, id)).c;
  if (c.status !== 'CERTIFIED') throw new AppError('NOT_FOUND', `certification ${id} is ${c.status}`);
  const content = certificationDocumentSchema.parse(c.documentContent);
  return { number: content.number, pdf: await renderCertificationDocumentPdf(content) };
}

/** The 中間前払金の認定 on a JV guarantee, as its 構成員 sees it on the guarantee's page (B6): newest first. */
export interface MemberCertificationSummary {
  id: string;
  status: CertificationStatus;
  /** 令和8年度第12号, for a 認定. */
  number: string | null;
  certifiedOn: string | null;
  requestedAt: Date;
}

/**
 * The 認定 requested on a 前払金保証 the actor's company is a 構成員 of (none for any other guarantee:
 * the holder reads its own through /contractor/certifications).
 */
export async function memberCertifications(db: Db, actor: Actor, guaranteeId: string): Promise<MemberCertificationSummary[]> {
  if (actor.role !== 'CONTRACTOR') throw new AppError('FORBIDDEN', `${actor.role} tried memberCertifications`);
  if (!isUuid(guaranteeId)) return [];
  const rows = await db.intermediateCertification.findMany({
    where: { advanceGuaranteeId: guaranteeId, advanceGuarantee: { members: { some: { organizationId: actor.organizationId } } } },
    orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
    select: { id: true, status: true, documentContent: true, certifiedOn: true, requestedAt: true },
  });
  return rows.map((c) => ({
    id: c.id,
    status: c.status,
    number: c.status === 'CERTIFIED' ? certificationDocumentSchema.parse(c.documentContent).number : null,
    certifiedOn: c.certifiedOn ? dbDateToIso(c.certifiedOn) : null,
    requestedAt: c.requestedAt,
  }));
}

export interface CertificationRow {
  id: string;
  status: CertificationStatus;
  requestedAt: Date;
  projectName: string;
  contractorName: string;
  departmentName: string;
  advanceNumber: string;
  requestedAmount: bigint;
  /** 令和8年度第12号, for a 認定. */
  number: string | null;
  ordererName: string;
  contractAmount: bigint;
  /** ISO dates: the 工期 (for its half, on the clerk's list) and the 認定日. */
  periodStart: string;
  periodEnd: string;
  certifiedOn: string | null;
}

const REQUESTED: SortColumn = { expr: Prisma.sql`c."requestedAt"`, value: 'moment' };
const ID: SortColumn = { expr: Prisma.sql`c."id"`, value: 'uuid' };

type RawRow = Omit<CertificationRow, 'number' | 'periodStart' | 'periodEnd' | 'certifiedOn'> & {
  fiscalYear: number | null;
  number: string | null;
  periodStart: Date;
  periodEnd: Date;
  certifiedOn: Date | null;
};

async function listWhere(db: Db, scope: Prisma.Sql, params: CertificationListParams): Promise<KeysetPage<CertificationRow>> {
  const read = keysetRead(params, REQUESTED, ID);
  const status = params.status === 'all' ? Prisma.empty : Prisma.sql`AND c."status" = CAST(${params.status} AS "CertificationStatus")`;
  const from = Prisma.sql`FROM "IntermediateCertification" c WHERE ${scope} ${status}`;
  const raw = await db.$queryRaw<RawRow[]>`
    SELECT c."id", c."status", c."requestedAt", c."projectName", c."requestedAmount", c."fiscalYear",
           c."contractAmount", c."periodStart", c."periodEnd", c."certifiedOn",
           (SELECT o."name" FROM "Organization" o WHERE o."id" = c."ordererId") AS "ordererName",
           c."documentContent"->>'number' AS "number",
           (SELECT o."name" FROM "Organization" o WHERE o."id" = c."contractorId") AS "contractorName",
           (SELECT d."name" FROM "Department" d WHERE d."id" = c."departmentId") AS "departmentName",
           (SELECT trim(g."number") FROM "Guarantee" g WHERE g."id" = c."advanceGuaranteeId") AS "advanceNumber"
    ${from} ${read.keyset}
    ORDER BY c."requestedAt" ${read.order}, c."id" ${read.order} LIMIT ${PAGE_SIZE + 1}`;
  if (backAtStart(read, raw.length)) return listWhere(db, scope, firstPageOf(params));
  const total =
    !read.cursor && raw.length <= PAGE_SIZE
      ? raw.length
      : ((await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS "n" FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP + 1}) t`)[0]?.n ?? 0);
  return keysetPage(
    raw,
    read,
    params,
    total,
    ({ fiscalYear: _, ...row }) => ({
      ...row,
      requestedAmount: BigInt(row.requestedAmount),
      contractAmount: BigInt(row.contractAmount),
      periodStart: dbDateToIso(row.periodStart),
      periodEnd: dbDateToIso(row.periodEnd),
      certifiedOn: row.certifiedOn ? dbDateToIso(row.certifiedOn) : null,
    }),
    (row) => ({ v: row.requestedAt.toISOString(), n: row.id }),
  );
}

/**
 * 認定の一覧 of the orderer's clerk: the requests to the actor's own department only (an orderer user
 * without a department sees none), 認定待ち unless another status is asked.
 */
export async function listCertificationsForOrderer(db: Db, actor: Actor, params: CertificationListParams): Promise<KeysetPage<CertificationRow>> {
  if (actor.role !== 'ORDERER') throw new AppError('FORBIDDEN', `${actor.role} tried listCertificationsForOrderer`);
  if (!actor.departmentId) return keysetPage([], { backward: false }, firstPageOf(params), 0, (r: CertificationRow) => r, (r) => ({ v: r.requestedAt.toISOString(), n: r.id }));
  return listWhere(db, Prisma.sql`c."ordererId" = CAST(${actor.organizationId} AS uuid) AND c."departmentId" = CAST(${actor.departmentId} AS uuid)`, params);
}

/** The contractor's own requests, every status unless one is asked. */
export async function listCertificationsForContractor(db: Db, actor: Actor, params: CertificationListParams): Promise<KeysetPage<CertificationRow>> {
  if (actor.role !== 'CONTRACTOR') throw new AppError('FORBIDDEN', `${actor.role} tried listCertificationsForContractor`);
  return listWhere(db, Prisma.sql`c."contractorId" = CAST(${actor.organizationId} AS uuid)`, params);
}

/** How many requests wait for the clerk's department (the list's tab and the home panel); 0 without a department. */
export async function countWaitingCertifications(db: Db, actor: Actor): Promise<number> {
  if (actor.role !== 'ORDERER') throw new AppError('FORBIDDEN', `${actor.role} tried countWaitingCertifications`);
  if (!actor.departmentId) return 0;
  return db.intermediateCertification.count({ where: { ordererId: actor.organizationId, departmentId: actor.departmentId, status: 'REQUESTED' } });
}

/** The officers' list (read-only, B7): every 認定, every status unless one is asked. */
export async function listCertificationsForOfficer(db: Db, actor: Actor, params: CertificationListParams): Promise<KeysetPage<CertificationRow>> {
  if (actor.role !== 'ADMIN') throw new AppError('FORBIDDEN', `${actor.role} tried listCertificationsForOfficer`);
  return listWhere(db, Prisma.sql`TRUE`, params);
}
