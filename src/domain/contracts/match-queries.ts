import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { Prisma } from '@/generated/prisma/client';
import { dbDateToIso } from '@/lib/dates';
import { checkConsistency, foldForMatch, missingGuarantees, suggestMatches, type ContractMark, type Finding, type MatchContract, type MatchedGuarantee, type MatchKind, type Suggestion } from './matching';
import { assertOrdererStaff } from './register';

/**
 * 契約台帳 ↔ 保証証書 (decision 072), the reads: a contract's matches (one per guarantee kind, 072
 * amended) each with its consistency check, and the suggestions among the orderer's confirmed
 * certificates of the kinds not matched yet; and the marks of a page of the register over every matched
 * certificate. Only the orderer's own staff.
 */

/** A matched (or candidate) certificate's columns as the reads select them. */
export interface RawGuarantee {
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

export const toGuarantee = (r: RawGuarantee): MatchedGuarantee => ({
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

/** A contract's columns as the reads select them beside a certificate's (prefixed `c` where both have one). */
export interface RawContractColumns {
  cProjectName: string;
  cContractorName: string;
  cContractAmount: bigint;
  cPeriodStart: Date;
  cPeriodEnd: Date;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
}

export const toMatchContract = (r: RawContractColumns): MatchContract => ({
  projectName: r.cProjectName,
  contractorName: r.cContractorName,
  contractAmount: BigInt(r.cContractAmount),
  periodStart: dbDateToIso(r.cPeriodStart),
  periodEnd: dbDateToIso(r.cPeriodEnd),
  advanceShareBp: r.advanceShareBp === null ? null : Number(r.advanceShareBp),
  performanceShareBp: r.performanceShareBp === null ? null : Number(r.performanceShareBp),
});

export interface ContractMatchView {
  guarantee: MatchedGuarantee;
  matchedAt: Date;
  matchedBy: string;
  via: 'CLERK' | 'LOOKUP';
  findings: Finding[];
}

export interface ContractMatching {
  /** One per kind the contract holds (前払金保証, 中間前払金保証, 契約保証 in that order; decision 072 amended). */
  matches: ContractMatchView[];
  /** The required guarantees no matched certificate covers. */
  missing: ('advance' | 'performance')[];
  /** Candidates of the kinds not matched yet. */
  suggestions: Suggestion<MatchedGuarantee>[];
}

const KIND_ORDER: Record<MatchKind, number> = { ADVANCE: 0, INTERMEDIATE: 1, CONTRACT: 2 };

/** How many of the orderer's confirmed certificates a contract's suggestions are chosen from (those agreeing on 請負金額 or 工事名). */
const CANDIDATES_READ = 200;

export async function getContractMatching(db: Db, actor: Actor, contractId: string, contract: MatchContract, today: string): Promise<ContractMatching> {
  assertOrdererStaff(actor);
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const owned = await db.contract.count({ where: { id: contractId, ordererId: actor.organizationId } });
  if (!owned) throw new AppError('NOT_FOUND', `contract ${contractId} is not of orderer ${actor.organizationId}`);
  const rows = await db.contractMatch.findMany({ where: { contractId }, select: { guaranteeId: true, kind: true, matchedAt: true, via: true, matchedBy: { select: { name: true } } } });
  rows.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const matches: ContractMatchView[] = [];
  if (rows.length) {
    const raws = await db.$queryRaw<RawGuarantee[]>`
      SELECT ${GUARANTEE_COLUMNS} FROM "ConfirmedGuarantee" cg ${GUARANTEE_JOINS}
      WHERE cg."organizationId" = ${org} AND cg."guaranteeId" IN (${Prisma.join(rows.map((r) => Prisma.sql`CAST(${r.guaranteeId} AS uuid)`))})`;
    for (const row of rows) {
      const raw = raws.find((r) => r.guaranteeId === row.guaranteeId);
      if (!raw) continue;
      const guarantee = toGuarantee(raw);
      matches.push({ guarantee, matchedAt: row.matchedAt, matchedBy: row.matchedBy.name, via: row.via, findings: checkConsistency(contract, guarantee, today) });
    }
  }
  const missing = missingGuarantees(contract, rows.map((r) => r.kind));
  // Every kind held: nothing more to suggest.
  const open = (['ADVANCE', 'INTERMEDIATE', 'CONTRACT'] as const).filter((k) => !rows.some((r) => r.kind === k));
  if (!open.length) return { matches, missing, suggestions: [] };
  const kinds = Prisma.join(open.map((k) => Prisma.sql`CAST(${k} AS "GuaranteeKind")`));
  // A suggestion agrees on two of 工事名, 受注者 and 請負金額, so on 請負金額 or 工事名: read only those.
  const project = foldForMatch(contract.projectName);
  const raws = await db.$queryRaw<RawGuarantee[]>`
    SELECT ${GUARANTEE_COLUMNS} FROM "ConfirmedGuarantee" cg ${GUARANTEE_JOINS}
    WHERE cg."organizationId" = ${org}
      AND (g."contractAmount" = ${contract.contractAmount} OR regexp_replace(cg."projectNameFolded", '\\s', '', 'g') = ${project})
      AND g."kind" IN (${kinds})
      AND NOT EXISTS (SELECT 1 FROM "ContractMatch" m WHERE m."ordererId" = ${org} AND m."guaranteeId" = g."id")
    ORDER BY g."number" LIMIT ${CANDIDATES_READ}`;
  const rejected = await db.contractMatchRejection.findMany({ where: { contractId }, select: { guaranteeId: true } });
  return { matches, missing, suggestions: suggestMatches(contract, raws.map(toGuarantee), new Set(rejected.map((r) => r.guaranteeId))) };
}

/**
 * The register's marks for `contractIds` (a page of it): contractId → the kinds matched, the problems
 * found over every matched certificate (each checked by its own kind's rule), and whether a required
 * kind is still missing (一部照合). Unmatched contracts absent. One statement.
 */
export async function marksOfContracts(db: Db, actor: Actor, contractIds: readonly string[], today: string): Promise<Map<string, ContractMark>> {
  assertOrdererStaff(actor);
  if (!contractIds.length) return new Map();
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const ids = Prisma.join(contractIds.map((id) => Prisma.sql`CAST(${id} AS uuid)`));
  const rows = await db.$queryRaw<(RawGuarantee & RawContractColumns & { contractId: string })[]>`
    SELECT m."contractId", c."projectName" AS "cProjectName", c."contractorName" AS "cContractorName", c."contractAmount" AS "cContractAmount",
           c."periodStart" AS "cPeriodStart", c."periodEnd" AS "cPeriodEnd", c."advanceShareBp", c."performanceShareBp", ${GUARANTEE_COLUMNS}
    FROM "ContractMatch" m
    JOIN "Contract" c ON c."id" = m."contractId"
    JOIN "ConfirmedGuarantee" cg ON cg."organizationId" = m."ordererId" AND cg."guaranteeId" = m."guaranteeId"
    ${GUARANTEE_JOINS}
    WHERE m."ordererId" = ${org} AND m."contractId" IN (${ids})`;
  const out = new Map<string, ContractMark & { contract: Pick<MatchContract, 'advanceShareBp' | 'performanceShareBp'> }>();
  for (const r of rows) {
    const contract = toMatchContract(r);
    const problems = checkConsistency(contract, toGuarantee(r), today).filter((f) => f.problem).length;
    const mark = out.get(r.contractId) ?? { kinds: [], problems: 0, partial: false, contract };
    mark.kinds.push(r.kind);
    mark.problems += problems;
    out.set(r.contractId, mark);
  }
  return new Map(
    [...out].map(([id, m]) => [id, { kinds: m.kinds.sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]), problems: m.problems, partial: missingGuarantees(m.contract, m.kinds).length > 0 }]),
  );
}
