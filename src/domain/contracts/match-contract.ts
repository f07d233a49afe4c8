import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { Prisma, type GuaranteeKind } from '@/generated/prisma/client';
import { MATCH_KIND_LABEL, MATCH_MESSAGES as M } from './match-labels';
import { closeLapsesOfUnmatch } from './lapses';
import { assertOrdererStaff } from './register';

/**
 * 契約台帳 ↔ 保証証書 (issue 17, decision 072): the clerk matches one of the orderer's confirmed
 * certificates (a ConfirmedGuarantee row of the orderer: one its staff looked up with the key) to one
 * of its contracts, unmatches it, or turns a suggestion down. A contract holds at most one certificate
 * of each kind (前払金 / 中間前払金 / 契約保証), a certificate at most one contract per orderer (072
 * amended; unique indexes decide between two clerks at once). Each writes its row and its audit row in
 * one transaction, the contract locked (FOR UPDATE).
 */

/** 保証契約番号 as typed: 全角 digits, spaces and hyphens allowed; 10 digits. */
export function readGuaranteeNumber(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const digits = input.normalize('NFKC').replace(/[\s-]/gu, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

async function lockContract(tx: Tx, ordererId: string, contractId: string) {
  const [row] = await tx.$queryRaw<{ id: string; contractNumber: string }[]>`
    SELECT c."id", c."contractNumber" FROM "Contract" c
    WHERE c."id" = CAST(${contractId} AS uuid) AND c."ordererId" = CAST(${ordererId} AS uuid) FOR UPDATE OF c`;
  if (!row) throw new AppError('NOT_FOUND', `contract ${contractId} is not of orderer ${ordererId}`);
  return row;
}

/** The orderer's confirmed certificate of this number, or null (another orderer's or never confirmed: the same answer). */
async function confirmedGuarantee(db: Db | Tx, ordererId: string, number: string) {
  const [row] = await db.$queryRaw<{ guaranteeId: string; number: string; kind: GuaranteeKind }[]>`
    SELECT cg."guaranteeId", cg."number", g."kind" FROM "ConfirmedGuarantee" cg JOIN "Guarantee" g ON g."id" = cg."guaranteeId"
    WHERE cg."organizationId" = CAST(${ordererId} AS uuid) AND cg."number" = ${number}`;
  return row ?? null;
}

export async function matchContract(db: Db, actor: Actor, contractId: string, input: { guaranteeNumber: unknown }): Promise<Result<{ guaranteeNumber: string }>> {
  assertOrdererStaff(actor);
  const ordererId = actor.organizationId;
  const number = readGuaranteeNumber(input.guaranteeNumber);
  if (!number) {
    await db.$transaction((tx) => lockContract(tx, ordererId, contractId));
    return fail({ guaranteeNumber: [M.numberFormat] });
  }
  try {
    return await db.$transaction(async (tx) => {
      const contract = await lockContract(tx, ordererId, contractId);
      const guarantee = await confirmedGuarantee(tx, ordererId, number);
      if (!guarantee) return fail({ guaranteeNumber: [M.notConfirmed] });
      const kind = guarantee.kind;
      const current = await tx.contractMatch.findUnique({ where: { contractId_kind: { contractId, kind } }, select: { guaranteeId: true, guarantee: { select: { number: true } } } });
      if (current) return fail({ guaranteeNumber: [current.guaranteeId === guarantee.guaranteeId ? M.stale : M.kindTaken(MATCH_KIND_LABEL[kind], current.guarantee.number.trim())] });
      const taken = await tx.contractMatch.findUnique({ where: { ordererId_guaranteeId: { ordererId, guaranteeId: guarantee.guaranteeId } }, select: { contract: { select: { contractNumber: true } } } });
      if (taken) return fail({ guaranteeNumber: [M.guaranteeTaken.replace('{number}', taken.contract.contractNumber)] });
      await tx.contractMatch.create({ data: { ordererId, contractId, kind, guaranteeId: guarantee.guaranteeId, matchedById: actor.userId } });
      await tx.contractMatchRejection.deleteMany({ where: { contractId, guaranteeId: guarantee.guaranteeId } });
      await writeAudit(tx, actor, 'contract.match', { type: 'organization', id: ordererId }, { contractId, contractNumber: contract.contractNumber, guaranteeId: guarantee.guaranteeId, guaranteeNumber: number, kind });
      return ok({ guaranteeNumber: number });
    });
  } catch (error) {
    // Two clerks at once: the unique indexes decide; the second is told to look again.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return fail({ guaranteeNumber: [M.stale] });
    throw error;
  }
}

/** Unmatches the contract from the certificate the page showed (`guaranteeId`); a changed match is refused. */
export async function unmatchContract(db: Db, actor: Actor, contractId: string, input: { guaranteeId: unknown }): Promise<Result<null>> {
  assertOrdererStaff(actor);
  const ordererId = actor.organizationId;
  return db.$transaction(async (tx) => {
    const contract = await lockContract(tx, ordererId, contractId);
    // The page names the certificate: only that match is undone (a newer match of another, or of another kind, stays).
    const guaranteeId = typeof input.guaranteeId === 'string' && /^[0-9a-f-]{36}$/iu.test(input.guaranteeId) ? input.guaranteeId : null;
    const matches = await tx.contractMatch.findMany({ where: { contractId }, select: { guaranteeId: true, kind: true, guarantee: { select: { number: true } } } });
    if (!matches.length) return fail({ '': [M.notMatched] });
    const current = matches.find((m) => m.guaranteeId === guaranteeId);
    if (!current) return fail({ '': [M.stale] });
    await tx.contractMatch.delete({ where: { contractId_kind: { contractId, kind: current.kind } } });
    await closeLapsesOfUnmatch(tx, contractId, current.guaranteeId);
    await writeAudit(tx, actor, 'contract.unmatch', { type: 'organization', id: ordererId }, { contractId, contractNumber: contract.contractNumber, guaranteeId: current.guaranteeId, guaranteeNumber: current.guarantee.number, kind: current.kind });
    return ok(null);
  });
}

/** Turns a suggestion down: the certificate is not suggested for this contract again (it can still be chosen by number). */
export async function rejectMatchSuggestion(db: Db, actor: Actor, contractId: string, input: { guaranteeNumber: unknown }): Promise<Result<null>> {
  assertOrdererStaff(actor);
  const ordererId = actor.organizationId;
  const number = readGuaranteeNumber(input.guaranteeNumber);
  return db.$transaction(async (tx) => {
    const contract = await lockContract(tx, ordererId, contractId);
    const guarantee = number ? await confirmedGuarantee(tx, ordererId, number) : null;
    if (!number || !guarantee) return fail({ '': [M.stale] });
    const rows = await tx.$executeRaw`
      INSERT INTO "ContractMatchRejection" ("contractId", "guaranteeId", "rejectedById")
      VALUES (CAST(${contractId} AS uuid), CAST(${guarantee.guaranteeId} AS uuid), CAST(${actor.userId} AS uuid)) ON CONFLICT DO NOTHING`;
    if (rows) await writeAudit(tx, actor, 'contract.match.reject', { type: 'organization', id: ordererId }, { contractId, contractNumber: contract.contractNumber, guaranteeId: guarantee.guaranteeId, guaranteeNumber: number });
    return ok(null);
  });
}
