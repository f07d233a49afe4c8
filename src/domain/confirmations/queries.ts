import { assertRole } from '@/domain/system';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { effectiveStatus, isPeriodEnding } from '@/domain/guarantees/status';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { Prisma } from '@/generated/prisma/client';
import type { GuaranteeKind, GuaranteeStatus } from '@/generated/prisma/enums';
import { todayInTokyo } from '@/lib/dates';
import { confirmedCsvText } from './csv';
import { confirmedEventMail, type ConfirmedEvent, type ConfirmedEventDetails } from './mail-texts';
import { displayStatus, marksSinceConfirmation, type ConfirmationMark, type DisplayStatus } from './marks';
import { CONFIRMED_PAGE_SIZE, type ConfirmedParams } from './params';

/**
 * Confirmations: the rows the orderer's lookup writes when a clerk opens a certificate with its number
 * and key (src/domain/lookup). Read here for the orderer's 確認済み一覧 (and its CSV), for the
 * contractor's 「発注者の確認状況」 and 発注者確認 column, and to tell the confirming orderers when a
 * certificate changes, is cancelled or its period ends.
 */

export type { ConfirmedEvent, ConfirmedEventDetails } from './mail-texts';

// ───────────────────────────── the orderer's 確認済み一覧 ─────────────────────────────

/** One guarantee the orderer confirmed, with its latest confirmation by any of the orderer's staff. */
export interface ConfirmedRow {
  guaranteeId: string;
  number: string;
  kind: GuaranteeKind;
  projectName: string;
  contractorName: string;
  guaranteeAmount: bigint;
  confirmedAt: Date;
  /** Who confirmed (null if the confirmation was not made by a signed-in clerk). */
  userName: string | null;
  departmentName: string | null;
  confirmedVersion: number;
  latestVersion: number;
  statusAtConfirmation: GuaranteeStatus;
  /** In effect today (期間満了 computed from the 保証期間 in Asia/Tokyo). */
  status: GuaranteeStatus;
  displayStatus: DisplayStatus;
  /** What happened since that confirmation, and the ending 保証期間 (empty: nothing). */
  marks: ConfirmationMark[];
}

export interface ConfirmedPage {
  rows: ConfirmedRow[];
  total: number;
  page: number;
  pageCount: number;
}

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
type RawRow = Omit<ConfirmedRow, 'displayStatus' | 'marks'> & { changed: boolean; guaranteeEnd: Date; periodEnd: Date; recordedSince: boolean };

async function confirmedRows(db: Db, organizationId: string, filter: Prisma.Sql, now: Date, limit?: { take: number; skip: number }): Promise<ConfirmedRow[]> {
  const page = limit ? Prisma.sql`LIMIT ${limit.take} OFFSET ${limit.skip}` : Prisma.empty;
  const raw = await db.$queryRaw<RawRow[]>`
    SELECT g."id" AS "guaranteeId", g."number", g."kind", g."projectName", co."name" AS "contractorName", g."guaranteeAmount",
           l."confirmedAt", u."name" AS "userName", d."name" AS "departmentName", v."version" AS "confirmedVersion",
           g."latestVersion", l."statusAtConfirmation", g."status", g."changed", g."guaranteeEnd", g."periodEnd",
           EXISTS (SELECT 1 FROM "GuaranteeChange" gc
                   WHERE gc."guaranteeId" = g."id" AND gc."certificateVersionId" IS NULL AND gc."createdAt" > l."confirmedAt") AS "recordedSince"
    ${fromSql(organizationId, filter)}
    ORDER BY l."confirmedAt" DESC, g."number" DESC
    ${page}`;
  const today = todayInTokyo(now);
  return raw.map(({ changed, guaranteeEnd, periodEnd, recordedSince, ...r }) => {
    const ending = isPeriodEnding({ status: r.status, guaranteeEnd, periodEnd }, today);
    const row = {
      ...r,
      status: effectiveStatus(r.status, guaranteeEnd, today),
      number: r.number.trim(),
      guaranteeAmount: BigInt(r.guaranteeAmount),
      confirmedVersion: Number(r.confirmedVersion),
      latestVersion: Number(r.latestVersion),
    };
    return { ...row, displayStatus: displayStatus(row.status, changed || row.latestVersion > 1), marks: marksSinceConfirmation({ ...row, ending, recordedSince }) };
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

/** The 確認済み一覧 as CSV (every matching row, not one page), UTF-8 with a BOM: see csv.ts. */
export async function confirmedCsv(db: Db, actor: Actor, params: ConfirmedParams, now = new Date()): Promise<string> {
  assertOrderer(actor);
  const filter = filterSql(params);
  return confirmedCsvText(filter === null ? [] : await confirmedRows(db, actor.organizationId, filter, now));
}

// ───────────────────────────── the contractor's view ─────────────────────────────

/**
 * Who confirmed one certificate, as the contractor sees it: per orderer department, the first and the
 * latest confirmation and the newest version it confirmed. The clerk's personal name is left out on
 * purpose: the contractor needs to know that the orderer (the accountable department) received and
 * checked the certificate — what the phone call used to confirm — not which official did; a public
 * body's staff names are theirs to give, and naming them invites calls to a person instead of the
 * department.
 */
export interface GuaranteeConfirmation {
  organizationName: string;
  departmentName: string | null;
  firstConfirmedAt: Date;
  lastConfirmedAt: Date;
  /** The newest version this department confirmed. */
  version: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function confirmationsOfGuarantee(db: Db, actor: Actor, guaranteeId: string): Promise<GuaranteeConfirmation[]> {
  assertRole(actor, 'CONTRACTOR', "a contractor's confirmations");
  // Another company's guarantee and one that does not exist answer the same.
  const own = UUID.test(guaranteeId) && (await db.guarantee.findFirst({ where: { id: guaranteeId, contractorId: actor.organizationId }, select: { id: true } }));
  if (!own) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId} of ${actor.organizationId}`);
  const rows = await db.$queryRaw<{ organizationName: string; departmentName: string | null; firstConfirmedAt: Date; lastConfirmedAt: Date; version: number }[]>`
    SELECT o."name" AS "organizationName", d."name" AS "departmentName",
           min(c."confirmedAt") AS "firstConfirmedAt", max(c."confirmedAt") AS "lastConfirmedAt", max(v."version") AS "version"
    FROM "Confirmation" c
    JOIN "Organization" o ON o."id" = c."organizationId"
    JOIN "CertificateVersion" v ON v."id" = c."certificateVersionId"
    LEFT JOIN "Department" d ON d."id" = c."departmentId"
    WHERE c."guaranteeId" = CAST(${guaranteeId} AS uuid)
    GROUP BY o."id", o."name", d."id", d."name"
    ORDER BY max(c."confirmedAt") DESC, o."name", d."name"`;
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

/**
 * The 保証工事一覧's 発注者確認 column: the latest confirmation of each of `guaranteeIds` (one query for
 * the page), only among the contractor's own guarantees. A guarantee nobody confirmed is absent.
 */
export async function latestConfirmationByGuarantee(db: Db, contractorId: string, guaranteeIds: readonly string[]): Promise<Map<string, Date>> {
  const ids = guaranteeIds.filter((id) => UUID.test(id));
  if (ids.length === 0) return new Map();
  const groups = await db.confirmation.groupBy({
    by: ['guaranteeId'],
    where: { guaranteeId: { in: ids }, guarantee: { contractorId } },
    _max: { confirmedAt: true },
  });
  return new Map(groups.flatMap((g) => (g._max.confirmedAt ? [[g.guaranteeId, g._max.confirmedAt] as const] : [])));
}

// ───────────────────────────── telling the orderers ─────────────────────────────

/**
 * Queues the mail that tells the orderer that confirmed `guaranteeId` what happened to it, in the
 * caller's transaction (the mail exists exactly when the change commits; a rollback leaves none). One
 * mail to the orderer's staff — ORDERER users of the organisation, not disabled, with an address
 * (colleagues see each other's addresses, as on any internal list) — if any of them ever confirmed
 * the certificate. Only the orderer named on the certificate can confirm it (the lookup's rule), so
 * confirmations by any other organisation are ignored here as in the 確認済み一覧: no mail ever names
 * a guarantee to an organisation whose list would not show it. More than MAIL_RECIPIENTS_MAX staff
 * are split over several mails. No 認証キー, no link with a token: the mail says where to sign in.
 * Returns the queued mails' ids (none when nobody confirmed or nobody has an address).
 */
export async function notifyConfirmedOrderers(tx: Tx, guaranteeId: string, event: ConfirmedEvent, details: ConfirmedEventDetails): Promise<string[]> {
  const g = await tx.guarantee.findUnique({
    where: { id: guaranteeId },
    select: {
      number: true,
      kind: true,
      projectName: true,
      ordererId: true,
      orderer: { select: { name: true } },
      contractor: { select: { name: true } },
      branch: { select: { organization: { select: { name: true, issuer: { select: { companyName: true } } } } } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
  const confirmed = await tx.confirmation.findFirst({ where: { guaranteeId, organizationId: g.ordererId }, select: { id: true } });
  if (!confirmed) return [];
  const to = (await organizationAddresses(tx, g.ordererId, 'ORDERER')).sort();
  if (to.length === 0) return [];
  const mail = confirmedEventMail(
    {
      organizationName: g.orderer.name,
      suretyName: g.branch?.organization.issuer?.companyName ?? g.branch?.organization.name ?? '保証会社',
      number: g.number.trim(),
      kind: g.kind,
      projectName: g.projectName,
      contractorName: g.contractor.name,
    },
    event,
    details,
  );
  return enqueueMailToAll(tx, to, {
    template: `confirmed-${event.toLowerCase().replace('_', '-')}`,
    subject: mail.subject,
    bodyText: mail.bodyText,
    relatedType: 'guarantee',
    relatedId: guaranteeId,
  });
}
