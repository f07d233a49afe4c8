import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { certificationNumberLabel } from '@/domain/certifications/rules';
import { activeOn, ADVANCE_GUARANTEE_SELECT } from '@/domain/certifications/own-guarantee';
import { assertRole } from '@/domain/system';
import type { Prisma } from '@/generated/prisma/client';
import type { WorkType } from '@/generated/prisma/enums';
import { dbDateToIso, formatListDate, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { formatBasisPoints } from '@/lib/percent';
import { formatJapaneseDateShort } from '@/lib/wareki';
import type { ApplicationFormValues } from './queries';

/**
 * A 中間前払金 application started from a 認定 (issue 16, D16, B5): the 認定 must be CERTIFIED, the
 * company's own (for a JV, the 代表者's: the 前払金保証 and so the 認定 are the 代表者's), its 前払金保証
 * still 有効, and unused — no guarantee concluded with it, no other submitted application naming it.
 * The contract is the 前払金保証's as it stands (請負金額 after any 変更契約): the use case writes it
 * over whatever the form sent, so the user cannot change it by editing the request.
 */

export const CERTIFICATION_APPLICATION_MESSAGES = {
  unknown: 'この認定では申し込めません。「中間前払金の認定」の一覧から選び直してください。',
  notCertified: 'この認定は認定されていないため申し込めません（認定待ち・不認定・取下げの認定は使えません）。',
  used: 'この認定に基づく中間前払金保証は、すでに申し込まれているか締結されています。',
  advanceEnded: 'この認定の前払金保証は有効でないため、この認定では申し込めません。',
} as const;

const M = CERTIFICATION_APPLICATION_MESSAGES;

const SELECT = {
  id: true,
  status: true,
  contractorId: true,
  certifiedOn: true,
  fiscalYear: true,
  serial: true,
  orderer: { select: { name: true, certificateName: true } },
  guarantee: { select: { id: true } },
  advanceGuarantee: {
    select: {
      ...ADVANCE_GUARANTEE_SELECT,
      application: {
        select: {
          worksDepartmentId: true,
          worksDepartment: { select: { name: true } },
          jointVenture: { select: { name: true } },
          projectLocation: true,
          workType: true,
          contractDate: true,
          jointVentureId: true,
          depositMode: true,
          depositBank: true,
          depositBranch: true,
          deposits: { orderBy: { sortOrder: 'asc' }, select: { organizationId: true, bank: true, branch: true, shareBasisPoints: true } },
        },
      },
    },
  },
} satisfies Prisma.IntermediateCertificationSelect;

type Row = Prisma.IntermediateCertificationGetPayload<{ select: typeof SELECT }>;

/** The contract an application from a 認定 carries, as the application's fields (ISO dates, yen). */
export interface CertifiedContract {
  certificationId: string;
  advanceGuaranteeId: string;
  advanceGuaranteeAmount: bigint;
  ordererId: string;
  worksDepartmentId: string | null;
  projectName: string;
  projectLocation: string | null;
  workType: WorkType | null;
  contractDate: string | null;
  periodStart: string;
  periodEnd: string;
  contractAmount: bigint;
  jointVentureId: string | null;
}

function contractOf(c: Row): CertifiedContract {
  const g = c.advanceGuarantee;
  return {
    certificationId: c.id,
    advanceGuaranteeId: g.id,
    advanceGuaranteeAmount: g.guaranteeAmount,
    ordererId: g.ordererId,
    worksDepartmentId: g.application.worksDepartmentId,
    projectName: g.projectName,
    projectLocation: g.application.projectLocation,
    workType: g.application.workType,
    contractDate: g.application.contractDate ? dbDateToIso(g.application.contractDate) : null,
    periodStart: dbDateToIso(g.periodStart),
    periodEnd: dbDateToIso(g.periodEnd),
    contractAmount: g.contractAmount,
    jointVentureId: g.application.jointVentureId,
  };
}

/** Applications other than `applicationId` that hold the 認定 as submitted (or concluded). */
async function usedElsewhere(db: Db | Tx, certificationId: string, applicationId: string | undefined): Promise<boolean> {
  const other = await db.application.findFirst({
    where: { certificationId, status: { in: ['SUBMITTED', 'CONCLUDED'] }, ...(applicationId ? { id: { not: applicationId } } : {}) },
    select: { id: true },
  });
  return other !== null;
}

/**
 * The 認定 for an application of the actor's company, or the message at 「中間前払金の認定」. `lock` (a
 * submission) takes the 認定's row first (FOR UPDATE): two submissions naming one 認定 at once are
 * decided one after the other, and the second sees the first.
 */
export async function certifiedContract(
  tx: Tx,
  actor: Actor,
  certificationId: string,
  options: { applicationId?: string; today: string; lock: boolean },
): Promise<{ contract: CertifiedContract } | { error: string }> {
  if (options.lock) await tx.$queryRaw`SELECT id FROM "IntermediateCertification" WHERE id = ${certificationId}::uuid FOR UPDATE`;
  const c = await tx.intermediateCertification.findUnique({ where: { id: certificationId }, select: SELECT });
  if (!c || c.contractorId !== actor.organizationId) return { error: M.unknown };
  if (c.status !== 'CERTIFIED') return { error: M.notCertified };
  if (c.guarantee || (await usedElsewhere(tx, c.id, options.applicationId))) return { error: M.used };
  const g = c.advanceGuarantee;
  if (!activeOn(g, options.today)) return { error: M.advanceEnded };
  return { contract: contractOf(c) };
}

/** A 認定 the form offers: 「令和8年度第12号 〇〇道路改良工事（大村市長 令和8年10月23日認定）」, and the contract it fixes. */
export interface CertificationOption {
  id: string;
  label: string;
  jointVentureId: string | null;
  /** The contract as the form shows it read-only (dates ISO, 請負金額 in yen as digits). */
  contract: {
    ordererName: string;
    departmentName: string | null;
    projectName: string;
    projectLocation: string | null;
    workType: WorkType | null;
    contractDate: string | null;
    periodStart: string;
    periodEnd: string;
    contractAmount: string;
    jointVentureName: string | null;
  };
}

function optionOf(c: Row): CertificationOption {
  const contract = contractOf(c);
  const a = c.advanceGuarantee.application;
  return {
    id: c.id,
    label: optionLabel(c),
    jointVentureId: contract.jointVentureId,
    contract: {
      ordererName: c.orderer.name,
      departmentName: a.worksDepartment?.name ?? null,
      projectName: contract.projectName,
      projectLocation: contract.projectLocation,
      workType: contract.workType,
      contractDate: contract.contractDate,
      periodStart: contract.periodStart,
      periodEnd: contract.periodEnd,
      contractAmount: contract.contractAmount.toString(),
      jointVentureName: a.jointVenture?.name ?? null,
    },
  };
}

const optionLabel = (c: Row) =>
  `${c.fiscalYear !== null && c.serial !== null ? certificationNumberLabel(c.fiscalYear, c.serial) : ''} ${c.advanceGuarantee.projectName}（${c.orderer.certificateName ?? c.orderer.name} ${c.certifiedOn ? formatJapaneseDateShort(dbDateToIso(c.certifiedOn)) : ''}認定）`.trim();

/**
 * The company's 認定 an application can start from: CERTIFIED, unused, its 前払金保証 有効 (not
 * cancelled, its 保証期間 not ended: effectiveStatus ACTIVE); newest first, all filtered in the query
 * before the limit. `keep` (the application being edited) counts its own 認定 as unused.
 */
export async function usableCertifications(db: Db, actor: Actor, options: { keep?: string; now?: Date } = {}): Promise<CertificationOption[]> {
  const usable = await usableOnly(db, actor, options);
  if (!options.keep) return usable;
  // The 認定 the application being edited names stays in the list even when it can no longer be used
  // (submitted by another application, its 前払金保証 ended): the form keeps it and saving refuses it at
  // the field with the reason, instead of silently dropping it.
  const stored = await db.application.findFirst({ where: { id: options.keep, contractorId: actor.organizationId }, select: { certificationId: true } });
  if (!stored?.certificationId || usable.some((o) => o.id === stored.certificationId)) return usable;
  const kept = await db.intermediateCertification.findFirst({ where: { id: stored.certificationId, contractorId: actor.organizationId }, select: SELECT });
  return kept ? [optionOf(kept), ...usable] : usable;
}

async function usableOnly(db: Db, actor: Actor, options: { keep?: string; now?: Date }): Promise<CertificationOption[]> {
  assertRole(actor, 'CONTRACTOR', 'usable certifications');
  const today = todayInTokyo(options.now);
  const rows = await db.intermediateCertification.findMany({
    where: {
      contractorId: actor.organizationId,
      status: 'CERTIFIED',
      guarantee: null,
      // Unused: no submitted (or concluded) application names it, but the one being edited.
      applications: { none: { status: { in: ['SUBMITTED', 'CONCLUDED'] }, ...(options.keep ? { id: { not: options.keep } } : {}) } },
      advanceGuarantee: { status: { not: 'CANCELLED' }, guaranteeEnd: { gte: isoDateToDb(today) } },
    },
    orderBy: [{ certifiedOn: 'desc' }, { id: 'desc' }],
    take: 100,
    select: SELECT,
  });
  // The query's filter is effectiveStatus's rule; the check keeps them from drifting apart.
  return rows.filter((c) => activeOn(c.advanceGuarantee, today)).map(optionOf);
}

/** Whether the 認定 can start an application now (the 認定 list's 「中間前払金保証を申し込む」). */
export async function isCertificationUsable(db: Db, actor: Actor, certificationId: string, now?: Date): Promise<boolean> {
  return (await usableCertifications(db, actor, { now })).some((o) => o.id === certificationId);
}

/**
 * The form's first values for an application from the 認定 (`/contractor/applications/new?certification=`):
 * 中間前払金, the contract, 保証期間 from the 認定日 to the 前払金保証's end, and the 前払金保証's deposits
 * (the same 前払金専用口座, editable). null when the 認定 cannot be used.
 */
export async function certificationPrefill(db: Db, actor: Actor, certificationId: string, now = new Date()): Promise<ApplicationFormValues | null> {
  assertRole(actor, 'CONTRACTOR', 'certification prefill');
  const found = await db.$transaction((tx) => certifiedContract(tx, actor, certificationId, { today: todayInTokyo(now), lock: false }));
  if ('error' in found) return null;
  const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId }, select: SELECT });
  const a = c.advanceGuarantee.application;
  const values = contractValues(found.contract);
  return {
    ...values,
    guaranteeKind: 'INTERMEDIATE',
    certificationId,
    guaranteeStart: c.certifiedOn ? formatListDate(c.certifiedOn) : undefined,
    guaranteeEnd: formatListDate(c.advanceGuarantee.guaranteeEnd),
    depositMode: a.depositMode ?? undefined,
    depositBank: a.depositBank ?? undefined,
    depositBranch: a.depositBranch ?? undefined,
    deposits: a.deposits.length
      ? a.deposits.map((d) => ({ organizationId: d.organizationId, bank: d.bank, branch: d.branch, share: formatBasisPoints(d.shareBasisPoints) }))
      : undefined,
  };
}

/** The contract as the form's (read-only) values. */
export function contractValues(c: CertifiedContract): ApplicationFormValues {
  const d = (iso: string | null) => (iso ? iso.replaceAll('-', '/') : undefined);
  return {
    ordererId: c.ordererId,
    worksDepartmentId: c.worksDepartmentId ?? undefined,
    projectName: c.projectName,
    projectLocation: c.projectLocation ?? undefined,
    workType: c.workType ?? undefined,
    contractDate: d(c.contractDate),
    periodStart: d(c.periodStart),
    periodEnd: d(c.periodEnd),
    contractAmount: c.contractAmount.toLocaleString('ja-JP'),
    jointVentureId: c.jointVentureId ?? undefined,
  };
}
