import 'server-only';
import type { Db } from '@/db/client';
import { holderOf, type CertificateContent } from '@/domain/certificates/content';
import { GUARANTEE_KIND_LABEL, GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { Prisma } from '@/generated/prisma/client';
import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { dbDateToIso } from '@/lib/dates';
import { fiscalYearRange } from './fiscal-year';
import type { PackEntry } from './manifest';

/**
 * What a pack holds (decision 074): the certificate versions the orderer's staff confirmed — within the
 * 年度 by 確認日 (Asia/Tokyo), or every confirmed version of the chosen 保証契約番号 — one entry per version
 * with its confirmations in that scope, in 保証契約番号 then 版 order. Read in keyset batches, so that a
 * pack of any size is read at flat memory. Scoped twice, as the 確認済み一覧: the confirmations are the
 * orderer's, and the guarantee must name the orderer.
 */

export interface PackScope {
  ordererId: string;
  fiscalYear: number | null;
  numbers: readonly string[];
}

export interface PackVersion {
  entry: PackEntry;
  content: CertificateContent;
  statusAt: { confirmationId: string; status: GuaranteeStatus }[];
  /** Who confirmed, as the 確認記録 prints it: the organisation's name. */
  organizationName: string;
  changeKind: 'ORIGINAL' | 'CHANGE';
  /** The guarantee's latest version when the pack is built: an older version's certificate.pdf says it exists (decision 073). */
  latest: { version: number; changed: boolean; issuedOn: string };
}

/** The confirmations that put a version in the pack (alias c). */
function confirmationScope(scope: PackScope): Prisma.Sql {
  const org = Prisma.sql`c."organizationId" = CAST(${scope.ordererId} AS uuid)`;
  if (scope.fiscalYear !== null) {
    const { from, to } = fiscalYearRange(scope.fiscalYear);
    const numbers = scope.numbers.length ? Prisma.sql`AND g."number" IN (${Prisma.join(scope.numbers)})` : Prisma.empty;
    return Prisma.sql`${org} AND c."confirmedAt" >= CAST(${from.toISOString()} AS timestamp(3)) AND c."confirmedAt" < CAST(${to.toISOString()} AS timestamp(3)) ${numbers}`;
  }
  return Prisma.sql`${org} AND g."number" IN (${Prisma.join(scope.numbers.length ? scope.numbers : [''])})`;
}

const versionsFrom = (scope: PackScope) => Prisma.sql`
  FROM "CertificateVersion" v
  JOIN "Guarantee" g ON g."id" = v."guaranteeId" AND g."ordererId" = CAST(${scope.ordererId} AS uuid)
  WHERE EXISTS (SELECT 1 FROM "Confirmation" c WHERE c."certificateVersionId" = v."id" AND ${confirmationScope(scope)})`;

/** How many versions the pack holds (its progress's total). */
export async function countPackVersions(db: Db, scope: PackScope): Promise<number> {
  const [row] = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS "n" ${versionsFrom(scope)}`;
  return row?.n ?? 0;
}

/** Which of `numbers` have a version the orderer confirmed (the form's check of a selection). */
export async function confirmedNumbers(db: Db, ordererId: string, numbers: readonly string[]): Promise<Set<string>> {
  if (numbers.length === 0) return new Set();
  const rows = await db.$queryRaw<{ number: string }[]>`
    SELECT DISTINCT g."number" FROM "Guarantee" g JOIN "Confirmation" c ON c."guaranteeId" = g."id"
    WHERE g."ordererId" = CAST(${ordererId} AS uuid) AND c."organizationId" = CAST(${ordererId} AS uuid) AND g."number" IN (${Prisma.join(numbers)})`;
  return new Set(rows.map((r) => r.number.trim()));
}

interface VersionRow {
  id: string;
  number: string;
  version: number;
  changeKind: 'ORIGINAL' | 'CHANGE';
  issuedOn: Date;
  content: CertificateContent;
  digest: string | null;
  signature: string | null;
  signingKeyId: string | null;
  latest: { version: number; changeKind: string; issuedOn: string };
}

interface ConfirmationRow {
  id: string;
  certificateVersionId: string;
  confirmedAt: Date;
  userName: string | null;
  departmentName: string | null;
  organizationName: string;
  statusAtConfirmation: GuaranteeStatus;
}

/** The folder of a version in the pack: ASCII only (Windows' own unzip reads names in the local code page). */
export const versionFolder = (number: string, version: number) => `versions/${number}-v${version}`;

/** Versions per statement: a few hundred kB of content each batch. */
export const PACK_BATCH = 100;

/**
 * What the manifests read of a version's content (its 区分, 工事名 and holder), not the whole snapshot:
 * `content` then holds only these fields.
 */
const MANIFEST_CONTENT = Prisma.sql`jsonb_build_object('kind', v."content"->'kind', 'projectName', v."content"->'projectName',
  'contractor', jsonb_build_object('name', v."content"->'contractor'->'name'), 'jointVenture', v."content"->'jointVenture')`;

/**
 * The pack's versions, batch by batch, in 保証契約番号 then 版 order. `withContent: false` (the
 * manifests): `content` holds only what the manifest names (MANIFEST_CONTENT), never the whole snapshot.
 */
export async function* packVersions(db: Db, scope: PackScope, batch = PACK_BATCH, { withContent = true }: { withContent?: boolean } = {}): AsyncGenerator<PackVersion[]> {
  let after: { number: string; version: number } | null = null;
  for (;;) {
    const afterSql: Prisma.Sql = after ? Prisma.sql`AND (g."number", v."version") > (CAST(${after.number} AS char(10)), ${after.version})` : Prisma.empty;
    const versions: VersionRow[] = await db.$queryRaw<VersionRow[]>`
      SELECT v."id", g."number", v."version", v."changeKind"::text AS "changeKind", v."issuedOn", ${withContent ? Prisma.sql`v."content"` : MANIFEST_CONTENT} AS "content", v."digest", v."signature", v."signingKeyId",
             (SELECT jsonb_build_object('version', l."version", 'changeKind', l."changeKind"::text, 'issuedOn', to_char(l."issuedOn", 'YYYY-MM-DD'))
              FROM "CertificateVersion" l WHERE l."guaranteeId" = v."guaranteeId" ORDER BY l."version" DESC LIMIT 1) AS "latest"
      ${versionsFrom(scope)} ${afterSql}
      ORDER BY g."number", v."version" LIMIT ${batch}`;
    if (versions.length === 0) return;
    const ids = versions.map((v) => v.id);
    const confirmations = await db.$queryRaw<ConfirmationRow[]>`
      SELECT c."id", c."certificateVersionId", c."confirmedAt", u."name" AS "userName", d."name" AS "departmentName", o."name" AS "organizationName",
             c."statusAtConfirmation"
      FROM "Confirmation" c
      JOIN "Guarantee" g ON g."id" = c."guaranteeId"
      JOIN "Organization" o ON o."id" = c."organizationId"
      LEFT JOIN "User" u ON u."id" = c."userId"
      LEFT JOIN "Department" d ON d."id" = c."departmentId"
      WHERE c."certificateVersionId" IN (${Prisma.join(ids.map((id) => Prisma.sql`CAST(${id} AS uuid)`))}) AND ${confirmationScope(scope)}
      ORDER BY c."confirmedAt", c."id"`;
    const byVersion = new Map<string, ConfirmationRow[]>();
    for (const c of confirmations) byVersion.set(c.certificateVersionId, [...(byVersion.get(c.certificateVersionId) ?? []), c]);
    yield versions.map((v) => {
      const number = v.number.trim();
      const folder = versionFolder(number, v.version);
      const mine = byVersion.get(v.id) ?? [];
      return {
        content: v.content,
        changeKind: v.changeKind,
        latest: { version: v.latest.version, changed: v.latest.changeKind === 'CHANGE', issuedOn: v.latest.issuedOn },
        organizationName: mine[0]?.organizationName ?? '',
        statusAt: mine.map((c) => ({ confirmationId: c.id, status: c.statusAtConfirmation })),
        entry: {
          number,
          version: v.version,
          changed: v.changeKind === 'CHANGE',
          issuedOn: dbDateToIso(v.issuedOn),
          kindLabel: GUARANTEE_KIND_LABEL[v.content.kind],
          projectName: v.content.projectName,
          holderName: holderOf(v.content),
          digest: v.digest,
          signature: v.signature,
          keyId: v.signingKeyId,
          folder,
          certificatePath: `${folder}/certificate.pdf`,
          note: null,
          confirmations: mine.map((c) => ({
            id: c.id,
            confirmedAt: c.confirmedAt,
            userName: c.userName,
            departmentName: c.departmentName,
            statusLabel: GUARANTEE_STATUS_LABEL[c.statusAtConfirmation],
            recordPath: `${folder}/record-${c.id.slice(0, 8)}.pdf`,
          })),
        },
      };
    });
    if (versions.length < batch) return;
    const last = versions[versions.length - 1]!;
    after = { number: last.number.trim(), version: last.version };
  }
}
