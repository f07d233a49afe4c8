import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { fail, ok, type Result } from '@/domain/result';
import { Prisma } from '@/generated/prisma/client';
import { LOOKUP_MATCH_MESSAGES as M } from './lookup-match-labels';
import { assertOrdererStaff } from './register';
import { readContractNumber } from './schemas';

/**
 * 契約台帳 ↔ 保証証書 by the 契約番号 typed at lookup (issue 17, decision 072 amended). Two steps
 * around the lookup, which stays one database call (058/063) and is not changed:
 *   1. before it, `contractForLookup` reads the typed 契約番号 against the orderer's register: an
 *      unknown one is refused at its field and the lookup is not made (no attempt spent, nothing
 *      confirmed without the match the clerk asked for);
 *   2. after a found answer, `matchAtLookup` matches the certificate to that contract in one
 *      transaction (the contract locked, its row and its audit row), unless the contract already holds
 *      another certificate of the same kind or the certificate another contract: then nothing is written and the
 *      outcome says which.
 */

export type LookupMatchOutcome = 'matched' | 'already' | 'contractTaken' | 'guaranteeTaken';

/**
 * The contract of the orderer's register named by the typed 契約番号 (read as the register stores it:
 * NFKC, trimmed, spaces made one); null when the field was left empty; an error at `contractNumber`
 * when it names none of the orderer's contracts (another orderer's is the same answer).
 */
export async function contractForLookup(db: Db, actor: Actor, typed: unknown): Promise<Result<{ id: string; contractNumber: string } | null>> {
  assertOrdererStaff(actor);
  const text = typeof typed === 'string' ? typed.slice(0, 200) : '';
  if (text.trim() === '') return ok(null);
  const read = readContractNumber(text);
  if (!read.ok) return fail({ contractNumber: [M.unknown] });
  const contract = await db.contract.findUnique({
    where: { ordererId_contractNumber: { ordererId: actor.organizationId, contractNumber: read.value } },
    select: { id: true, contractNumber: true },
  });
  return contract ? ok(contract) : fail({ contractNumber: [M.unknown] });
}

/** Who holds what: the certificate matched to the contract, and the contract the certificate is matched to. */
async function standing(db: Db | Tx, ordererId: string, contractId: string, guaranteeId: string) {
  // A contract holds one certificate of each kind (decision 072 amended): the one of this certificate's kind.
  const g = await db.guarantee.findUnique({ where: { id: guaranteeId }, select: { kind: true } });
  const kind = g?.kind ?? 'ADVANCE';
  const [byContract, byGuarantee] = await Promise.all([
    db.contractMatch.findUnique({ where: { contractId_kind: { contractId, kind } }, select: { guaranteeId: true, via: true, guarantee: { select: { number: true } } } }),
    db.contractMatch.findUnique({ where: { ordererId_guaranteeId: { ordererId, guaranteeId } }, select: { contractId: true, contract: { select: { contractNumber: true } } } }),
  ]);
  return { kind, byContract, byGuarantee };
}

function outcomeOf(s: Awaited<ReturnType<typeof standing>>, guaranteeId: string): LookupMatchOutcome | null {
  if (s.byContract?.guaranteeId === guaranteeId) return 'already';
  if (s.byContract) return 'contractTaken';
  if (s.byGuarantee) return 'guaranteeTaken';
  return null;
}

/**
 * Matches the certificate just confirmed (`guaranteeId`, found by the lookup) to the orderer's contract
 * `contractId` (from contractForLookup). The certificate must be in the orderer's 確認済み一覧 (the
 * lookup's confirmation put it there). One transaction: the contract locked, the match (via LOOKUP),
 * a rejection of that pair cleared, the audit row `contract.match` (details name the lookup).
 */
export async function matchAtLookup(db: Db, actor: Actor, contractId: string, guaranteeId: string): Promise<LookupMatchOutcome> {
  assertOrdererStaff(actor);
  const ordererId = actor.organizationId;
  try {
    return await db.$transaction(async (tx) => {
      const [contract] = await tx.$queryRaw<{ contractNumber: string }[]>`
        SELECT c."contractNumber" FROM "Contract" c
        WHERE c."id" = CAST(${contractId} AS uuid) AND c."ordererId" = CAST(${ordererId} AS uuid) FOR UPDATE OF c`;
      const [confirmed] = await tx.$queryRaw<{ number: string }[]>`
        SELECT cg."number" FROM "ConfirmedGuarantee" cg
        WHERE cg."organizationId" = CAST(${ordererId} AS uuid) AND cg."guaranteeId" = CAST(${guaranteeId} AS uuid)`;
      // Neither can fail after a found lookup of the orderer's own contract; refused all the same.
      if (!contract || !confirmed) return 'contractTaken';
      const s = await standing(tx, ordererId, contractId, guaranteeId);
      const taken = outcomeOf(s, guaranteeId);
      if (taken) return taken;
      await tx.contractMatch.create({ data: { ordererId, contractId, kind: s.kind, guaranteeId, matchedById: actor.userId, via: 'LOOKUP' } });
      await tx.contractMatchRejection.deleteMany({ where: { contractId, guaranteeId } });
      await writeAudit(tx, actor, 'contract.match', { type: 'organization', id: ordererId }, {
        contractId,
        contractNumber: contract.contractNumber,
        guaranteeId,
        guaranteeNumber: confirmed.number.trim(),
        kind: s.kind,
        via: 'lookup',
      });
      return 'matched';
    });
  } catch (error) {
    // A clerk matching at the same moment: the unique indexes decide, and the state tells which.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return outcomeOf(await standing(db, ordererId, contractId, guaranteeId), guaranteeId) ?? 'contractTaken';
    }
    throw error;
  }
}

export interface LookupMatchNotice {
  outcome: LookupMatchOutcome | 'none';
  contractId: string;
  contractNumber: string;
  /** contractTaken: the certificate of the same kind the contract holds, and that kind. */
  otherGuaranteeNumber: string | null;
  kind: 'ADVANCE' | 'INTERMEDIATE' | 'CONTRACT';
  /** guaranteeTaken: the contract the certificate is matched to. */
  otherContractId: string | null;
  otherContractNumber: string | null;
}

/**
 * What the certificate's page says after a lookup with a 契約番号: read from the matches as they are
 * now, not from the link (`said` only tells 照合しました from すでに照合済み). Null when the contract
 * is not the orderer's (a link edited by hand).
 */
export async function lookupMatchNotice(db: Db, actor: Actor, contractId: string, guaranteeId: string, said: string | undefined): Promise<LookupMatchNotice | null> {
  assertOrdererStaff(actor);
  const contract = await db.contract.findFirst({ where: { id: contractId, ordererId: actor.organizationId }, select: { id: true, contractNumber: true } });
  if (!contract) return null;
  const s = await standing(db, actor.organizationId, contractId, guaranteeId);
  const now = outcomeOf(s, guaranteeId);
  return {
    outcome: now === 'already' && said === 'matched' ? 'matched' : (now ?? 'none'),
    contractId: contract.id,
    contractNumber: contract.contractNumber,
    otherGuaranteeNumber: now === 'contractTaken' ? (s.byContract?.guarantee.number.trim() ?? null) : null,
    kind: s.kind,
    otherContractId: now === 'guaranteeTaken' ? (s.byGuarantee?.contractId ?? null) : null,
    otherContractNumber: now === 'guaranteeTaken' ? (s.byGuarantee?.contract.contractNumber ?? null) : null,
  };
}
