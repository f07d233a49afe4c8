import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import type { CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { effectiveStatus } from '@/domain/guarantees/status';
import type { Prisma } from '@/generated/prisma/client';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import type { FieldChange, ReasonNote } from './rules';

/**
 * The guarantee's 変更契約 history and its certificate versions, for the three sides. Who may see it:
 * officers (any guarantee), the guarantee's contractor, and an orderer that confirmed it (the
 * 確認済み rule of the orderer's certificate page). Anyone else gets the same NOT_FOUND as a number
 * that does not exist. The premium difference is the contractor's and the surety's business, not the
 * orderer's: it is left out for orderers.
 */
export interface HistoryEntry {
  id: string;
  changeDate: string;
  recordedAt: Date;
  reason: string;
  fields: FieldChange[];
  reasonNote: ReasonNote;
  /** The version the change issued (【注1】); null: recorded only (【注2】【注3】). */
  version: number | null;
  premiumDifference: bigint | null;
  recordedBy: string | null;
}

export interface VersionView {
  id: string;
  version: number;
  changed: boolean;
  issuedOn: string;
  digest: string | null;
  content: CertificateContent;
}

export interface GuaranteeHistory {
  id: string;
  number: string;
  status: 'ACTIVE' | 'CANCELLED' | 'EXPIRED';
  latestVersion: number;
  versions: VersionView[];
  changes: HistoryEntry[];
}

function visibleTo(actor: Actor): Prisma.GuaranteeWhereInput {
  switch (actor.role) {
    case 'ADMIN':
      return {};
    case 'CONTRACTOR':
      // Its own (a JV's it represents included) and a JV's it is a 構成員 of (issue 16 D5).
      return { OR: [{ contractorId: actor.organizationId }, { members: { some: { organizationId: actor.organizationId } } }] };
    case 'ORDERER':
      return { ordererId: actor.organizationId, confirmations: { some: { organizationId: actor.organizationId } } };
  }
}

const CHANGE_SELECT = {
  orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  select: {
    id: true,
    changeContractDate: true,
    createdAt: true,
    reason: true,
    fields: true,
    reasonNote: true,
    premiumDifference: true,
    certificateVersion: { select: { version: true } },
    recordedBy: { select: { name: true } },
  },
} satisfies Prisma.Guarantee$changesArgs;

type StoredChange = Prisma.GuaranteeChangeGetPayload<{ select: typeof CHANGE_SELECT.select }>;

/** The premium is the 保証契約者's business (D5): the officers' and the holder's, never an orderer's or a 構成員's. */
const seesPremium = (actor: Actor, contractorId: string) => actor.role === 'ADMIN' || (actor.role === 'CONTRACTOR' && actor.organizationId === contractorId);

function historyEntries(actor: Actor, changes: StoredChange[], premium: boolean): HistoryEntry[] {
  return changes.map((c) => ({
    id: c.id,
    changeDate: dbDateToIso(c.changeContractDate),
    recordedAt: c.createdAt,
    reason: c.reason,
    fields: c.fields as unknown as FieldChange[],
    reasonNote: c.reasonNote as ReasonNote,
    version: c.certificateVersion?.version ?? null,
    premiumDifference: premium ? c.premiumDifference : null,
    // The officer's name is the surety's internal business; the other sides see the company.
    recordedBy: actor.role === 'ADMIN' ? c.recordedBy.name : null,
  }));
}

/** Stored versions (newest first, as the certificate queries load them) as the screens show them. */
export function versionViews(
  versions: readonly { id: string; version: number; changeKind: string; issuedOn: Date | string; digest: string | null; content: unknown }[],
): VersionView[] {
  return versions.map((v) => ({
    id: v.id,
    version: v.version,
    changed: v.changeKind === 'CHANGE',
    issuedOn: typeof v.issuedOn === 'string' ? v.issuedOn : dbDateToIso(v.issuedOn),
    digest: v.digest,
    content: v.content as CertificateContent,
  }));
}

function visibleNumber(numberInput: string): string {
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  return check.number;
}

/**
 * The 変更契約 history alone, for a page that already loaded the guarantee's versions with its own
 * access check (the contractor's and the orderer's certificate pages): checked again here.
 */
export async function changeHistory(db: Db, actor: Actor, numberInput: string): Promise<HistoryEntry[]> {
  const number = visibleNumber(numberInput);
  const g = await db.guarantee.findFirst({ where: { number, ...visibleTo(actor) }, select: { contractorId: true, changes: CHANGE_SELECT } });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${number} not visible to ${actor.role} ${actor.organizationId}`);
  return historyEntries(actor, g.changes, seesPremium(actor, g.contractorId));
}

/** The versions and the history together, in one statement (the officer's 保証の管理). */
export async function guaranteeHistory(db: Db, actor: Actor, numberInput: string, now = new Date()): Promise<GuaranteeHistory> {
  const number = visibleNumber(numberInput);
  const g = await db.guarantee.findFirst({
    where: { number, ...visibleTo(actor) },
    select: {
      id: true,
      number: true,
      status: true,
      guaranteeEnd: true,
      latestVersion: true,
      contractorId: true,
      versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, changeKind: true, issuedOn: true, digest: true, content: true } },
      changes: CHANGE_SELECT,
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${number} not visible to ${actor.role} ${actor.organizationId}`);
  return {
    id: g.id,
    number: g.number,
    status: effectiveStatus(g.status, g.guaranteeEnd, todayInTokyo(now)),
    latestVersion: g.latestVersion,
    versions: versionViews(g.versions),
    changes: historyEntries(actor, g.changes, seesPremium(actor, g.contractorId)),
  };
}
