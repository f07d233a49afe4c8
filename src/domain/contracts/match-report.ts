import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { Prisma } from '@/generated/prisma/client';
import { addDaysIso, dbDateToIso } from '@/lib/dates';
import { checkConsistency, missingGuarantees, type FindingCode, type MatchedGuarantee, type MatchKind } from './matching';
import { toGuarantee, toMatchContract, type RawGuarantee, type RawContractColumns } from './match-queries';
import { assertOrdererStaff } from './register';

/**
 * 契約台帳 ↔ 保証証書, the reports (issue 17, decision 072 amended), only the orderer's own staff:
 *   - 照合結果の一覧: every finding of every matched contract, one line each, those to act on first;
 *   - 保証未確認: the contracts whose required guarantee (前払金 / 契約保証, as the register records)
 *     has no certificate of that kind matched `days` days after 契約日.
 */

export interface FindingLine {
  contractId: string;
  contractNumber: string;
  projectName: string;
  contractDate: string;
  guaranteeNumber: string;
  kind: MatchedGuarantee['kind'];
  code: FindingCode;
  /** To act on (true) or 参考. */
  problem: boolean;
  text: string;
}

export interface MatchReport {
  /** Matched contracts (each once, however many certificates), those without a finding to act on in any of its certificates, those with one. */
  counts: { matched: number; consistent: number; problems: number };
  /** Every finding, to act on first, then newest 契約日, then 契約番号. */
  lines: FindingLine[];
}

interface RawMatch extends RawGuarantee, RawContractColumns {
  contractId: string;
  contractNumber: string;
  contractDate: Date;
}

/**
 * 照合結果の一覧: every match of the orderer, checked as the contract's page checks it
 * (checkConsistency), in one statement; the lines sorted in memory (the check is TypeScript, so the
 * order cannot be the database's). A municipality matches hundreds to a few thousand contracts a year;
 * the statement reads only matched rows.
 */
export async function matchReport(db: Db, actor: Actor, today: string): Promise<MatchReport> {
  assertOrdererStaff(actor);
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const rows = await db.$queryRaw<RawMatch[]>`
    SELECT m."contractId", c."contractNumber", c."projectName" AS "cProjectName", c."contractorName" AS "cContractorName",
           c."contractAmount" AS "cContractAmount", c."contractDate", c."periodStart" AS "cPeriodStart", c."periodEnd" AS "cPeriodEnd",
           c."advanceShareBp", c."performanceShareBp",
           g."id" AS "guaranteeId", g."number", g."kind", g."projectName", COALESCE(jv."name", o."name") AS "contractorName",
           g."contractAmount", g."guaranteeAmount", g."guaranteeStart", g."guaranteeEnd", g."status", g."cancelledOn", g."latestVersion",
           cg."highestVersion" AS "confirmedVersion"
    FROM "ContractMatch" m
    JOIN "Contract" c ON c."id" = m."contractId" AND c."ordererId" = ${org}
    JOIN "ConfirmedGuarantee" cg ON cg."organizationId" = m."ordererId" AND cg."guaranteeId" = m."guaranteeId"
    JOIN "Guarantee" g ON g."id" = m."guaranteeId"
    JOIN "Organization" o ON o."id" = g."contractorId"
    LEFT JOIN "JointVenture" jv ON jv."id" = g."jointVentureId"
    WHERE m."ordererId" = ${org}`;
  // Counted per contract, not per certificate (a contract holds one per kind, decision 072 amended):
  // 要確認 when any of its certificates has a finding to act on, else 食い違いなし.
  const contractHasProblem = new Map<string, boolean>();
  const lines: FindingLine[] = [];
  for (const r of rows) {
    const findings = checkConsistency(toMatchContract(r), toGuarantee(r), today);
    contractHasProblem.set(r.contractId, (contractHasProblem.get(r.contractId) ?? false) || findings.some((f) => f.problem));
    for (const f of findings) {
      lines.push({
        contractId: r.contractId,
        contractNumber: r.contractNumber,
        projectName: r.cProjectName,
        contractDate: dbDateToIso(r.contractDate),
        guaranteeNumber: r.number.trim(),
        kind: r.kind,
        code: f.code,
        problem: f.problem,
        text: f.text,
      });
    }
  }
  const problems = [...contractHasProblem.values()].filter(Boolean).length;
  const counts = { matched: contractHasProblem.size, consistent: contractHasProblem.size - problems, problems };
  lines.sort(
    (a, b) =>
      Number(b.problem) - Number(a.problem) ||
      (a.contractDate < b.contractDate ? 1 : a.contractDate > b.contractDate ? -1 : 0) ||
      (a.contractNumber < b.contractNumber ? -1 : a.contractNumber > b.contractNumber ? 1 : 0),
  );
  return { counts, lines };
}

export { readUnconfirmedDays, UNCONFIRMED_DEFAULT_DAYS, UNCONFIRMED_MAX_DAYS } from './unconfirmed-days';

export type RequiredGuarantee = 'advance' | 'performance';

export interface UnconfirmedRow {
  contractId: string;
  contractNumber: string;
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  contractDate: string;
  /** Days since 契約日 (today − 契約日). */
  daysSince: number;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
  /** The required guarantees with no certificate of their kind matched. */
  missing: RequiredGuarantee[];
  /** The certificates matched to the contract (of other kinds), their 保証契約番号 joined by 「、」, if any. */
  matchedNumber: string | null;
}

interface RawUnconfirmed {
  contractId: string;
  contractNumber: string;
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  contractDate: Date;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
  matchedKinds: MatchKind[];
  matchedNumber: string | null;
}

/**
 * 保証未確認: the orderer's contracts with 契約日 at least `days` days before `today` whose register
 * requires 前払金 (a share recorded) without a 前払金保証 or 中間前払金保証 matched, or 契約保証 without
 * a 契約保証 matched — oldest 契約日 first (the longest wait). A match is always of a certificate the
 * orderer's staff confirmed (072), so "matched" is "arrived and confirmed". One statement, from the
 * (ordererId, contractDate) index; every row (a finance office's list to work through, and its CSV).
 */
export async function unconfirmedGuarantees(db: Db, actor: Actor, days: number, today: string): Promise<UnconfirmedRow[]> {
  assertOrdererStaff(actor);
  const org = Prisma.sql`CAST(${actor.organizationId} AS uuid)`;
  const cutoff = addDaysIso(today, -days);
  // Every certificate of the contract counts (one per kind, decision 072 amended): the kinds matched
  // and their numbers aggregated per contract, the rule (missingGuarantees) applied to them.
  const rows = await db.$queryRaw<RawUnconfirmed[]>`
    SELECT c."id" AS "contractId", c."contractNumber", c."projectName", c."contractorName", c."contractAmount", c."contractDate",
           c."advanceShareBp", c."performanceShareBp",
           COALESCE(array_agg(m."kind"::text ORDER BY m."kind") FILTER (WHERE m."kind" IS NOT NULL), '{}') AS "matchedKinds",
           string_agg(btrim(g."number"), '、' ORDER BY m."kind") AS "matchedNumber"
    FROM "Contract" c
    LEFT JOIN "ContractMatch" m ON m."contractId" = c."id" AND m."ordererId" = ${org}
    LEFT JOIN "Guarantee" g ON g."id" = m."guaranteeId"
    WHERE c."ordererId" = ${org} AND c."contractDate" <= CAST(${cutoff} AS date)
      AND (c."advanceShareBp" IS NOT NULL OR c."performanceShareBp" IS NOT NULL)
    GROUP BY c."id"
    HAVING (c."advanceShareBp" IS NOT NULL AND NOT bool_or(COALESCE(m."kind" IN ('ADVANCE', 'INTERMEDIATE'), false)))
        OR (c."performanceShareBp" IS NOT NULL AND NOT bool_or(COALESCE(m."kind" = 'CONTRACT', false)))
    ORDER BY c."contractDate" ASC, c."contractNumber" ASC`;
  const dayMs = 86_400_000;
  return rows.map((r) => {
    const contractDate = dbDateToIso(r.contractDate);
    const missing = missingGuarantees({ advanceShareBp: r.advanceShareBp, performanceShareBp: r.performanceShareBp }, r.matchedKinds);
    return {
      contractId: r.contractId,
      contractNumber: r.contractNumber,
      projectName: r.projectName,
      contractorName: r.contractorName,
      contractAmount: BigInt(r.contractAmount),
      contractDate,
      daysSince: Math.round((Date.parse(today) - Date.parse(contractDate)) / dayMs),
      advanceShareBp: r.advanceShareBp === null ? null : Number(r.advanceShareBp),
      performanceShareBp: r.performanceShareBp === null ? null : Number(r.performanceShareBp),
      missing,
      matchedNumber: r.matchedNumber ?? null,
    };
  });
}
