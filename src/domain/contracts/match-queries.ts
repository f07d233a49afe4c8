import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { Prisma } from '@/generated/prisma/client';
import { dbDateToIso } from '@/lib/dates';
import { checkConsistency, foldForMatch, suggestMatches, type Finding, type MatchContract, type MatchedGuarantee, type Suggestion } from './matching';
import { assertOrdererStaff } from './register';

/**
 * 契約台帳 ↔ 保証証書 (decision 072), the reads: a contract's match with its consistency check, or the
 * suggestions among the orderer's confirmed certificates not matched yet; and the findings of every
 * matched contract of a page of the register (its marks). Only the orderer's own staff.
 */

interface RawGuarantee {
  guaranteeId: string;
  number: string;
  kind: MatchedGuarantee['kind'];
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  guaranteeStart: Date;
  guaranteeEnd: Date;
  status: MatchedGuarantee['status'];
  cancelledOn: Date | null;
  latestVersion: number;
  confirmedVersion: number;
}

/** The columns of a confirmed certificate, cg the orderer's ConfirmedGuarantee row and g its Guarantee. */
const GUARANTEE_COLUMNS = Prisma.sql`
  g."id" AS "guaranteeId", g."number", g."kind", g."projectName", COALESCE(jv."name", o."name") AS "contractorName",
  g."contractAmount", g."guaranteeAmount", g."guaranteeStart", g."guaranteeEnd", g."status", g."cancelledOn", g."latestVersion",
  cg."highestVersion" AS "confirmedVersion"`;
const GUARANTEE_JOINS = Prisma.sql`
  JOIN "Guarantee" g ON g."id" = cg."guaranteeId"
  JOIN "Organization" o ON o."id" = g."contractorId"
  LEFT JOIN "JointVenture" jv ON jv."id" = g."jointVentureId"`;

const toGuarantee = (r: RawGuarantee): MatchedGuarantee => ({
  guaranteeId: r.guaranteeId,
  number: r.number,
  kind: r.kind,
  projectName: r.projectName,
  contractorName: r.contractorName,
  contractAmount: BigInt(r.contractAmount),
  guaranteeAmount: BigInt(r.guaranteeAmount),
  guaranteeStart: dbDateToIso(r.guaranteeStart),
  guaranteeEnd: dbDateToIso(r.guaranteeEnd),
  status: r.status,
  cancelledOn: r.cancelledOn ? dbDateToIso(r.cancelledOn) : null,
  latestVersion: Number(r.latestVersion),
  confirmedVersion: Number(r.confirmedVersion),
});

export interface ContractMatching {
  match: { guarantee: MatchedGuarantee; matchedAt: Date; matchedBy: string; via: 'CLERK' | 'LOOKUP'; findings: Finding[] } | null;
  suggestions: Suggestion<MatchedGuarantee>[];
}

/** How many of the orderer's confirmed certificates a contract's suggestions are chosen from (those agreeing on 請負金額 or 工事名). */
const CANDIDATES_READ = 200;

export async function getContractMatching(db: Db, actor: Actor, contractId: string, contract: MatchContract, today: string): Promise<ContractMatching> {
  assertOrdererStaff(actor);
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const owned = await db.contract.count({ where: { id: contractId, ordererId: actor.organizationId } });
  if (!owned) throw new AppError('NOT_FOUND', `contract ${contractId} is not of orderer ${actor.organizationId}`);
  const match = await db.contractMatch.findUnique({ where: { contractId }, select: { guaranteeId: true, matchedAt: true, via: true, matchedBy: { select: { name: true } } } });
  if (match) {
    const [raw] = await db.$queryRaw<RawGuarantee[]>`
      SELECT ${GUARANTEE_COLUMNS} FROM "ConfirmedGuarantee" cg ${GUARANTEE_JOINS}
      WHERE cg."organizationId" = ${org} AND cg."guaranteeId" = CAST(${match.guaranteeId} AS uuid)`;
    if (raw) {
      const guarantee = toGuarantee(raw);
      return { match: { guarantee, matchedAt: match.matchedAt, matchedBy: match.matchedBy.name, via: match.via, findings: checkConsistency(contract, guarantee, today) }, suggestions: [] };
    }
  }
  // A suggestion agrees on two of 工事名, 受注者 and 請負金額, so on 請負金額 or 工事名: read only those.
  const project = foldForMatch(contract.projectName);
  const raws = await db.$queryRaw<RawGuarantee[]>`
    SELECT ${GUARANTEE_COLUMNS} FROM "ConfirmedGuarantee" cg ${GUARANTEE_JOINS}
    WHERE cg."organizationId" = ${org}
      AND (g."contractAmount" = ${contract.contractAmount} OR regexp_replace(cg."projectNameFolded", '\\s', '', 'g') = ${project})
      AND NOT EXISTS (SELECT 1 FROM "ContractMatch" m WHERE m."ordererId" = ${org} AND m."guaranteeId" = g."id")
    ORDER BY g."number" LIMIT ${CANDIDATES_READ}`;
  const rejected = await db.contractMatchRejection.findMany({ where: { contractId }, select: { guaranteeId: true } });
  return { match: null, suggestions: suggestMatches(contract, raws.map(toGuarantee), new Set(rejected.map((r) => r.guaranteeId))) };
}

/** The findings of each matched contract among `contractIds` (the register's page): contractId → findings; unmatched ones absent. */
export async function findingsOfContracts(db: Db, actor: Actor, contractIds: readonly string[], today: string): Promise<Map<string, Finding[]>> {
  assertOrdererStaff(actor);
  if (!contractIds.length) return new Map();
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const ids = Prisma.join(contractIds.map((id) => Prisma.sql`CAST(${id} AS uuid)`));
  const rows = await db.$queryRaw<(RawGuarantee & { contractId: string; cProjectName: string; cContractorName: string; cContractAmount: bigint; cPeriodStart: Date; cPeriodEnd: Date; advanceShareBp: number | null; performanceShareBp: number | null })[]>`
    SELECT m."contractId", c."projectName" AS "cProjectName", c."contractorName" AS "cContractorName", c."contractAmount" AS "cContractAmount",
           c."periodStart" AS "cPeriodStart", c."periodEnd" AS "cPeriodEnd", c."advanceShareBp", c."performanceShareBp", ${GUARANTEE_COLUMNS}
    FROM "ContractMatch" m
    JOIN "Contract" c ON c."id" = m."contractId"
    JOIN "ConfirmedGuarantee" cg ON cg."organizationId" = m."ordererId" AND cg."guaranteeId" = m."guaranteeId"
    ${GUARANTEE_JOINS}
    WHERE m."ordererId" = ${org} AND m."contractId" IN (${ids})`;
  return new Map(
    rows.map((r) => [
      r.contractId,
      checkConsistency(
        {
          projectName: r.cProjectName,
          contractorName: r.cContractorName,
          contractAmount: BigInt(r.cContractAmount),
          periodStart: dbDateToIso(r.cPeriodStart),
          periodEnd: dbDateToIso(r.cPeriodEnd),
          advanceShareBp: r.advanceShareBp === null ? null : Number(r.advanceShareBp),
          performanceShareBp: r.performanceShareBp === null ? null : Number(r.performanceShareBp),
        },
        toGuarantee(r),
        today,
      ),
    ]),
  );
}
