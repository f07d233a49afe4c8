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

export interface GuaranteeHistory {
  id: string;
  number: string;
  status: 'ACTIVE' | 'CANCELLED' | 'EXPIRED';
  latestVersion: number;
  versions: { id: string; version: number; changed: boolean; issuedOn: string; digest: string | null; content: CertificateContent }[];
  changes: HistoryEntry[];
}

function visibleTo(actor: Actor): Prisma.GuaranteeWhereInput {
  switch (actor.role) {
    case 'ADMIN':
      return {};
    case 'CONTRACTOR':
      return { contractorId: actor.organizationId };
    case 'ORDERER':
      return { ordererId: actor.organizationId, confirmations: { some: { organizationId: actor.organizationId } } };
  }
}

export async function guaranteeHistory(db: Db, actor: Actor, numberInput: string, now = new Date()): Promise<GuaranteeHistory> {
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  const g = await db.guarantee.findFirst({
    where: { number: check.number, ...visibleTo(actor) },
    select: {
      id: true,
      number: true,
      status: true,
      guaranteeEnd: true,
      latestVersion: true,
      versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, changeKind: true, issuedOn: true, digest: true, content: true } },
      changes: {
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
      },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${check.number} not visible to ${actor.role} ${actor.organizationId}`);
  const isOrderer = actor.role === 'ORDERER';
  return {
    id: g.id,
    number: g.number,
    status: effectiveStatus(g.status, g.guaranteeEnd, todayInTokyo(now)),
    latestVersion: g.latestVersion,
    versions: g.versions.map((v) => ({
      id: v.id,
      version: v.version,
      changed: v.changeKind === 'CHANGE',
      issuedOn: dbDateToIso(v.issuedOn),
      digest: v.digest,
      content: v.content as unknown as CertificateContent,
    })),
    changes: g.changes.map((c) => ({
      id: c.id,
      changeDate: dbDateToIso(c.changeContractDate),
      recordedAt: c.createdAt,
      reason: c.reason,
      fields: c.fields as unknown as FieldChange[],
      reasonNote: c.reasonNote as ReasonNote,
      version: c.certificateVersion?.version ?? null,
      premiumDifference: isOrderer ? null : c.premiumDifference,
      // The officer's name is the surety's internal business; the other sides see the company.
      recordedBy: actor.role === 'ADMIN' ? c.recordedBy.name : null,
    })),
  };
}
