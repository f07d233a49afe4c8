import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { assertAdmin, assertRole } from '@/domain/system';
import { Prisma } from '@/generated/prisma/client';
import { dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { lapseContractorMail, lapseOrdererMail, type LapseContractorNotice, type LapseFacts, type LapseMailFacts } from './lapse-labels';
import { satisfies, watchRevision, type LapseGuarantee, type LapseKind, type RevisionTouches } from './lapse-rules';
import { foldForMatch } from './matching';
import { assertOrdererStaff } from './register';

/**
 * The lapse watcher (issue 17, decision 075), server side:
 *
 *   watchContractLapses     in the transaction of a contract's revision (hand edit or import), for each
 *                           revised contract matched to a certificate: the needs the revision raised are
 *                           stored (ContractLapse) and mailed once, through the outbox, to the orderer's
 *                           staff of the contract's 工事担当課 and to the guarantee's contractor (a JV's
 *                           代表者); needs the contract no longer has are withdrawn, moved ones superseded.
 *   resolveLapsesByChange   in the transaction of a 変更契約: the guarantee's open needs its new values satisfy.
 *   the reads               for the orderer's contract page and register rows, and the contractor's guarantee
 *                           page and 保証工事一覧: open needs of a match that still exists, of a guarantee 有効
 *                           (not 解除, not 期間満了); the contractor's only while 072 finds no 受注者 difference.
 *                           The officers' 保証の管理 and 保証一覧 read the same needs (all of them: the page says
 *                           which one the contractor is not shown).
 *   closeLapsesOfUnmatch    in the transaction of an unmatch: the pair's open needs are closed.
 */

/** Ids as one jsonb parameter (an import may revise thousands of contracts). */
const idsParam = (ids: readonly string[]) => Prisma.sql`(SELECT CAST(value #>> '{}' AS uuid) FROM jsonb_array_elements(CAST(${JSON.stringify(ids)} AS jsonb)))`;

interface WatchedRow {
  contractId: string;
  revision: number;
  contractNumber: string;
  projectName: string;
  contractAmount: bigint;
  periodEnd: Date;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
  departmentId: string | null;
  ordererId: string;
  ordererName: string;
  guaranteeId: string;
  number: string;
  kind: LapseGuarantee['kind'];
  guaranteeAmount: bigint;
  guaranteeEnd: Date;
  status: 'ACTIVE' | 'CANCELLED' | 'EXPIRED';
  contractorId: string;
  contractorName: string;
  /** The register's 受注者, and the guarantee's own 工事名 and contractor (a JV's name): 072's 受注者 check. */
  registerContractorName: string;
  guaranteeProjectName: string;
  guaranteeContractorName: string;
}

interface OpenRow {
  id: string;
  contractId: string;
  guaranteeId: string;
  kind: LapseKind;
  neededEnd: Date | null;
  neededAmount: bigint | null;
}

/**
 * Called by saveContract and confirmContractImport after they wrote the revisions: `touched` maps each
 * revised contract to what its revision changed. The contracts are locked by the caller; the matched
 * guarantees are read FOR SHARE, so a 変更契約 recorded at the same moment is decided before or after
 * this, never beside it. Returns the number of mails queued.
 */
export async function watchContractLapses(tx: Tx, touched: ReadonlyMap<string, RevisionTouches>, now = new Date()): Promise<number> {
  const ids = [...touched.keys()];
  if (!ids.length) return 0;
  const rows = await tx.$queryRaw<WatchedRow[]>`
    SELECT c."id" AS "contractId", c."revision", c."contractNumber", c."projectName", c."contractAmount", c."periodEnd", c."advanceShareBp",
           c."performanceShareBp", c."departmentId", c."ordererId", oo."name" AS "ordererName",
           g."id" AS "guaranteeId", g."number", g."kind", g."guaranteeAmount", g."guaranteeEnd", g."status", g."contractorId", o."name" AS "contractorName",
           c."contractorName" AS "registerContractorName", g."projectName" AS "guaranteeProjectName", COALESCE(jv."name", o."name") AS "guaranteeContractorName"
    FROM "ContractMatch" m
    JOIN "Contract" c ON c."id" = m."contractId"
    JOIN "Organization" oo ON oo."id" = c."ordererId"
    JOIN "Guarantee" g ON g."id" = m."guaranteeId"
    JOIN "Organization" o ON o."id" = g."contractorId"
    LEFT JOIN "JointVenture" jv ON jv."id" = g."jointVentureId"
    WHERE m."contractId" IN ${idsParam(ids)}
    ORDER BY c."id", g."kind"
    FOR SHARE OF g`;
  if (!rows.length) return 0;
  const open = await tx.$queryRaw<OpenRow[]>`
    SELECT "id", "contractId", "guaranteeId", "kind", "neededEnd", "neededAmount" FROM "ContractLapse"
    WHERE "contractId" IN ${idsParam(rows.map((r) => r.contractId))} AND "resolvedAt" IS NULL`;
  const today = todayInTokyo(now);
  let mails = 0;
  for (const r of rows) {
    const guarantee: LapseGuarantee = { kind: r.kind, guaranteeAmount: BigInt(r.guaranteeAmount), guaranteeEnd: dbDateToIso(r.guaranteeEnd) };
    const decision = watchRevision({
      contract: { contractAmount: BigInt(r.contractAmount), periodEnd: dbDateToIso(r.periodEnd), advanceShareBp: r.advanceShareBp, performanceShareBp: r.performanceShareBp },
      guarantee,
      live: r.status === 'ACTIVE' && guarantee.guaranteeEnd >= today,
      touches: touched.get(r.contractId)!,
      open: open
        // A contract holds a certificate per kind (decision 072 amended): each guarantee's own needs only.
        .filter((o) => o.contractId === r.contractId && o.guaranteeId === r.guaranteeId)
        .map((o) => ({ id: o.id, kind: o.kind, neededEnd: o.neededEnd ? dbDateToIso(o.neededEnd) : null, neededAmount: o.neededAmount === null ? null : BigInt(o.neededAmount) })),
    });
    const closed = [
      ...decision.withdraw.map((id) => ({ id, resolution: 'CONTRACT_REVERTED' as const })),
      ...decision.supersede.map((id) => ({ id, resolution: 'SUPERSEDED' as const })),
    ];
    for (const c of closed) {
      await tx.contractLapse.update({ where: { id: c.id }, data: { resolvedAt: now, resolution: c.resolution, resolvedRevision: r.revision } });
    }
    if (!decision.raise.length) continue;
    const facts: LapseFacts[] = decision.raise.map((n) => ({ ...n, guaranteeEnd: guarantee.guaranteeEnd, guaranteeAmount: guarantee.guaranteeAmount, contractAmount: BigInt(r.contractAmount) }));
    const sent = await mailLapses(tx, r, facts);
    mails += sent;
    await tx.contractLapse.createMany({
      data: facts.map((f) => ({
        contractId: r.contractId,
        guaranteeId: r.guaranteeId,
        kind: f.kind,
        raisedRevision: r.revision,
        raisedAt: now,
        neededEnd: f.neededEnd ? isoDateToDb(f.neededEnd) : null,
        neededAmount: f.neededAmount,
        contractAmount: f.contractAmount,
        guaranteeEnd: isoDateToDb(f.guaranteeEnd),
        guaranteeAmount: f.guaranteeAmount,
        mails: sent,
      })),
    });
  }
  return mails;
}

/**
 * 072's 受注者 check: the register's 受注者 is not the guarantee's contractor (after folding). While it
 * finds so, the pair may be a wrong match, and the contract's details (工事名, 請負金額, 工期) are another
 * company's: the need is neither mailed nor shown to the guarantee's contractor, only to the orderer.
 */
export const contractorDiffers = (registerContractorName: string, guaranteeContractorName: string) =>
  foldForMatch(registerContractorName) !== foldForMatch(guaranteeContractorName);

/**
 * One mail to the orderer's staff of the contract's 工事担当課 (every staff when it names none, or when none
 * of that 課 can be mailed), one to the contractor's users (named by the guarantee's own 工事名), unless the
 * register's 受注者 differs from the guarantee's; the orderer's mail says whether the contractor was told.
 */
async function mailLapses(tx: Tx, r: WatchedRow, lapses: LapseFacts[]): Promise<number> {
  const latest = await tx.certificateVersion.findFirst({ where: { guaranteeId: r.guaranteeId }, orderBy: { version: 'desc' }, select: { content: true } });
  const suretyName = ((latest?.content as { issuer?: { companyName?: string } } | null)?.issuer?.companyName ?? '').trim();
  const facts: LapseMailFacts = {
    ordererName: r.ordererName,
    contractNumber: r.contractNumber,
    projectName: r.projectName,
    guaranteeNumber: r.number.trim(),
    contractorName: r.contractorName,
    suretyName: suretyName || '電子保証ポータル',
    contractId: r.contractId,
    lapses,
  };
  const staffOf = (departmentId: string | null) =>
    tx.user.findMany({
      where: { organizationId: r.ordererId, role: 'ORDERER', disabled: false, email: { not: null }, ...(departmentId ? { departmentId } : {}) },
      select: { email: true },
      orderBy: { createdAt: 'asc' },
    });
  let staff = await staffOf(r.departmentId);
  if (!staff.length && r.departmentId) staff = await staffOf(null);
  // The orderer's mail says whether the contractor was told (it was not when 受注者 differs or it has no address).
  const differs = contractorDiffers(r.registerContractorName, r.guaranteeContractorName);
  const contractorAddresses = differs ? [] : await organizationAddresses(tx, r.contractorId, 'CONTRACTOR');
  const notice: LapseContractorNotice = differs ? 'DIFFERS' : contractorAddresses.length ? 'TOLD' : 'NO_ADDRESS';
  const ordererIds = await enqueueMailToAll(
    tx,
    staff.map((u) => u.email!),
    { template: 'contract-lapse-orderer', ...lapseOrdererMail(facts, notice), relatedType: 'guarantee', relatedId: r.guaranteeId },
  );
  if (notice !== 'TOLD') return ordererIds.length;
  const contractorIds = await enqueueMailToAll(tx, contractorAddresses, {
    template: 'contract-lapse-contractor',
    ...lapseContractorMail({ ...facts, projectName: r.guaranteeProjectName }),
    relatedType: 'guarantee',
    relatedId: r.guaranteeId,
  });
  return ordererIds.length + contractorIds.length;
}

/**
 * In the transaction of a 変更契約 (recordChange, the guarantee row locked): the guarantee's open needs
 * that its new values satisfy are resolved by that change; the others stay. Returns how many.
 */
export async function resolveLapsesByChange(tx: Tx, guaranteeId: string, changeId: string, after: LapseGuarantee, now = new Date()): Promise<number> {
  const open = await tx.contractLapse.findMany({ where: { guaranteeId, resolvedAt: null }, select: { id: true, kind: true, neededEnd: true, neededAmount: true } });
  const done = open.filter((l) => satisfies({ kind: l.kind, neededEnd: l.neededEnd ? dbDateToIso(l.neededEnd) : null, neededAmount: l.neededAmount }, after));
  if (!done.length) return 0;
  await tx.contractLapse.updateMany({ where: { id: { in: done.map((l) => l.id) } }, data: { resolvedAt: now, resolution: 'CHANGE_RECORDED', resolvedByChangeId: changeId } });
  return done.length;
}

/**
 * In the transaction of an unmatch (the contract locked): the pair's open needs are closed (UNMATCHED), so
 * none comes back if the two are matched again (a new match raises none: 072's check names what differs)
 * and none is taken for another guarantee's. Returns how many.
 */
export async function closeLapsesOfUnmatch(tx: Tx, contractId: string, guaranteeId: string, now = new Date()): Promise<number> {
  const { count } = await tx.contractLapse.updateMany({ where: { contractId, guaranteeId, resolvedAt: null }, data: { resolvedAt: now, resolution: 'UNMATCHED' } });
  return count;
}

export interface OpenLapseView extends LapseFacts {
  id: string;
  /** The certificate it is of: a contract holds one per kind (decision 072 amended), so its page names which. */
  guaranteeId: string;
  guaranteeNumber: string;
  raisedRevision: number;
  raisedAt: Date;
  /** The guarantee's contractor sees it too (072's 受注者 check finds no difference); the orderer's page says when not. */
  contractorSees: boolean;
}

interface OpenViewRow extends OpenRow {
  guaranteeEnd: Date;
  guaranteeAmount: bigint;
  contractAmount: bigint;
  raisedRevision: number;
  raisedAt: Date;
  ordererName: string;
  guaranteeNumber: string;
  registerContractorName: string;
  guaranteeContractorName: string;
}

/** The contractor sees a need only while 072's check finds no 受注者 difference (see contractorDiffers). */
const contractorSees = (r: OpenViewRow) => !contractorDiffers(r.registerContractorName, r.guaranteeContractorName);

const toView = (r: OpenViewRow): OpenLapseView => ({
  id: r.id,
  guaranteeId: r.guaranteeId,
  guaranteeNumber: r.guaranteeNumber.trim(),
  kind: r.kind,
  neededEnd: r.neededEnd ? dbDateToIso(r.neededEnd) : null,
  neededAmount: r.neededAmount === null ? null : BigInt(r.neededAmount),
  guaranteeEnd: dbDateToIso(r.guaranteeEnd),
  guaranteeAmount: BigInt(r.guaranteeAmount),
  contractAmount: BigInt(r.contractAmount),
  raisedRevision: Number(r.raisedRevision),
  raisedAt: r.raisedAt,
  contractorSees: contractorSees(r),
});

const KIND_ORDER: Record<LapseKind, number> = { EXTEND_PERIOD: 0, RAISE_AMOUNT: 1, LOWER_AMOUNT: 2 };

/**
 * Open needs as both sides see them: the match still joins the contract to the guarantee, the guarantee
 * is 有効 (not 解除, its 保証期間 not over: a change to it would be refused). `where` narrows by the
 * orderer's contracts or the contractor's guarantees.
 */
async function openLapses(db: Db, where: Prisma.Sql, now = new Date()): Promise<OpenViewRow[]> {
  return db.$queryRaw<OpenViewRow[]>`
    SELECT l."id", l."contractId", l."guaranteeId", l."kind", l."neededEnd", l."neededAmount", l."guaranteeEnd", l."guaranteeAmount", l."contractAmount",
           l."raisedRevision", l."raisedAt", oo."name" AS "ordererName", g."number" AS "guaranteeNumber",
           c."contractorName" AS "registerContractorName", COALESCE(jv."name", o."name") AS "guaranteeContractorName"
    FROM "ContractLapse" l
    JOIN "ContractMatch" m ON m."contractId" = l."contractId" AND m."guaranteeId" = l."guaranteeId"
    JOIN "Contract" c ON c."id" = l."contractId"
    JOIN "Organization" oo ON oo."id" = c."ordererId"
    JOIN "Guarantee" g ON g."id" = l."guaranteeId"
    JOIN "Organization" o ON o."id" = g."contractorId"
    LEFT JOIN "JointVenture" jv ON jv."id" = g."jointVentureId"
    WHERE ${shownSql(todayInTokyo(now))} AND ${where}
    ORDER BY l."raisedAt", l."id"`;
}

/**
 * When a need is shown, on every side: open, of a guarantee 有効 — not 解除, its 保証期間 not over on
 * `today` (Tokyo), as effectiveStatus decides; the aliases are l (ContractLapse) and g (Guarantee).
 */
const shownSql = (today: string) => Prisma.sql`l."resolvedAt" IS NULL AND g."status" <> 'CANCELLED' AND g."guaranteeEnd" >= CAST(${today} AS date)`;

/**
 * The officers' 保証一覧 (decision 075 amended): whether the guarantee `g` of the enclosing statement has a
 * need shown (as openLapses: the match still joins the pair, the guarantee 有効), as one EXISTS per listed
 * row read from an index leading with ContractLapse.guaranteeId (the partial ContractLapse_open_guaranteeId_idx
 * of the open needs, (guaranteeId, contractId), made by the migration contract_lapse_close_rematched; or
 * (guaranteeId, resolvedAt), as the planner prefers; not ContractLapse_open_key, which leads with contractId);
 * the guarantee's status and 保証期間 are checked first.
 */
export const shownLapseExistsSql = (today: string) => Prisma.sql`EXISTS (
        SELECT 1 FROM "ContractLapse" l
        JOIN "ContractMatch" m ON m."contractId" = l."contractId" AND m."guaranteeId" = l."guaranteeId"
        WHERE l."guaranteeId" = g."id" AND ${shownSql(today)})`;

const sortKinds = (kinds: LapseKind[]) => [...new Set(kinds)].sort((a, b) => KIND_ORDER[a] - KIND_ORDER[b]);

/** The orderer's contract page: the open needs of one of its contracts (NOT_FOUND for anyone else's). */
export async function contractLapses(db: Db, actor: Actor, contractId: string): Promise<OpenLapseView[]> {
  assertOrdererStaff(actor);
  const owned = await db.contract.count({ where: { id: contractId, ordererId: actor.organizationId } });
  if (!owned) throw new AppError('NOT_FOUND', `contract ${contractId} is not of orderer ${actor.organizationId}`);
  const rows = await openLapses(db, Prisma.sql`c."ordererId" = CAST(${actor.organizationId} AS uuid) AND l."contractId" = CAST(${contractId} AS uuid)`);
  return rows.map(toView);
}

/** The register's page: contractId → the kinds of change needed (contracts with none absent). */
export async function lapseKindsOfContracts(db: Db, actor: Actor, contractIds: readonly string[]): Promise<Map<string, LapseKind[]>> {
  assertOrdererStaff(actor);
  if (!contractIds.length) return new Map();
  const rows = await openLapses(db, Prisma.sql`c."ordererId" = CAST(${actor.organizationId} AS uuid) AND l."contractId" IN ${idsParam(contractIds)}`);
  return groupKinds(rows, (r) => r.contractId);
}

function groupKinds(rows: OpenViewRow[], key: (r: OpenViewRow) => string): Map<string, LapseKind[]> {
  const map = new Map<string, LapseKind[]>();
  for (const r of rows) map.set(key(r), [...(map.get(key(r)) ?? []), r.kind]);
  for (const [k, v] of map) map.set(k, sortKinds(v));
  return map;
}

export interface GuaranteeLapseGroup {
  ordererName: string;
  lapses: OpenLapseView[];
}

/** The contractor's guarantee page: the open needs of its guarantee (its own company's, the 代表者 of a JV), per orderer. */
export async function guaranteeLapses(db: Db, actor: Actor, guaranteeId: string): Promise<GuaranteeLapseGroup[]> {
  assertRole(actor, 'CONTRACTOR', 'guarantee lapses');
  const rows = (await openLapses(db, Prisma.sql`g."contractorId" = CAST(${actor.organizationId} AS uuid) AND l."guaranteeId" = CAST(${guaranteeId} AS uuid)`)).filter(contractorSees);
  return byOrderer(rows);
}

/**
 * The officers' 保証の管理 (decision 075 amended): the open needs of a guarantee, per orderer, each saying
 * whether its contractor is shown it (072's 受注者 check). Officers only; the portal is one surety
 * company's (create-surety refuses a second), so every guarantee is theirs, as on their other pages.
 */
export async function officerGuaranteeLapses(db: Db, actor: Actor, guaranteeId: string, now = new Date()): Promise<GuaranteeLapseGroup[]> {
  assertAdmin(actor);
  const rows = await openLapses(db, Prisma.sql`l."guaranteeId" = CAST(${guaranteeId} AS uuid)`, now);
  return byOrderer(rows);
}

function byOrderer(rows: OpenViewRow[]): GuaranteeLapseGroup[] {
  const groups = new Map<string, OpenLapseView[]>();
  for (const r of rows) groups.set(r.ordererName, [...(groups.get(r.ordererName) ?? []), toView(r)]);
  return [...groups].map(([ordererName, lapses]) => ({ ordererName, lapses }));
}

/** The contractor's 保証工事一覧: guaranteeId → the kinds of change needed (its own guarantees only). */
export async function lapseKindsOfGuarantees(db: Db, actor: Actor, guaranteeIds: readonly string[]): Promise<Map<string, LapseKind[]>> {
  assertRole(actor, 'CONTRACTOR', 'guarantee lapses');
  if (!guaranteeIds.length) return new Map();
  const rows = (await openLapses(db, Prisma.sql`g."contractorId" = CAST(${actor.organizationId} AS uuid) AND l."guaranteeId" IN ${idsParam(guaranteeIds)}`)).filter(contractorSees);
  return groupKinds(rows, (r) => r.guaranteeId);
}
