import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { assertRole } from '@/domain/system';
import { isUuid } from '@/lib/uuid';

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

export async function confirmationsOfGuarantee(db: Db, actor: Actor, guaranteeId: string): Promise<GuaranteeConfirmation[]> {
  assertRole(actor, 'CONTRACTOR', "a contractor's confirmations");
  // Another company's guarantee and one that does not exist answer the same; a JV's 構成員 reads it (issue 16 D5).
  const own = isUuid(guaranteeId) && (await db.guarantee.findFirst({ where: { id: guaranteeId, ...ownOrMember(actor.organizationId) }, select: { id: true } }));
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

/** The company's guarantees (its own, a JV's it represents) and those of a JV it is a 構成員 of. */
const ownOrMember = (organizationId: string) => ({ OR: [{ contractorId: organizationId }, { members: { some: { organizationId } } }] });

/**
 * The 保証工事一覧's 発注者確認 column: the latest confirmation of each of `guaranteeIds` (one query for
 * the page), only among the contractor's own guarantees and the JV guarantees it is a 構成員 of. A
 * guarantee nobody confirmed is absent.
 */
export async function latestConfirmationByGuarantee(db: Db, contractorId: string, guaranteeIds: readonly string[]): Promise<Map<string, Date>> {
  const ids = guaranteeIds.filter(isUuid);
  if (ids.length === 0) return new Map();
  const groups = await db.confirmation.groupBy({
    by: ['guaranteeId'],
    where: { guaranteeId: { in: ids }, guarantee: ownOrMember(contractorId) },
    _max: { confirmedAt: true },
  });
  return new Map(groups.flatMap((g) => (g._max.confirmedAt ? [[g.guaranteeId, g._max.confirmedAt] as const] : [])));
}
