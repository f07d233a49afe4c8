import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { AppError } from '@/domain/errors';
import { effectiveStatus } from '@/domain/guarantees/status';
import { JOINT_VENTURE_WITH_MEMBERS } from '@/domain/joint-ventures/queries';
import { PAGE_SIZE } from '@/domain/organizations/queries';
import { assertAdmin, assertRole } from '@/domain/system';
import type { ApplicationStatus } from '@/generated/prisma/enums';
import { formatListDate, todayInTokyo } from '@/lib/dates';
import { formatBasisPoints } from '@/lib/percent';
import { defaultDepositRows } from './deposits';
import type { ApplicationInput } from './schemas';

const LIST_SELECT = {
  id: true,
  status: true,
  guaranteeKind: true,
  projectName: true,
  guaranteeAmount: true,
  contractAmount: true,
  deliveryMethod: true,
  submittedAt: true,
  updatedAt: true,
  returnReason: true,
  orderer: { select: { name: true } },
  contractor: { select: { name: true } },
  guarantee: { select: { number: true } },
} as const;

/** The company's applications, newest change first; only the signed-in company's, ever. */
export async function listContractorApplications(db: Db, actor: Actor, params: { page?: number; status?: ApplicationStatus }) {
  assertRole(actor, 'CONTRACTOR', "a contractor's applications");
  const page = Math.max(1, params.page ?? 1);
  const where = { contractorId: actor.organizationId, ...(params.status ? { status: params.status } : {}) };
  const [rows, total] = await Promise.all([
    db.application.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }], skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: LIST_SELECT }),
    db.application.count({ where }),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** The officers' queue: submitted applications, oldest first (first come, first served); other statuses by filter. */
export async function listApplicationsForReview(db: Db, actor: Actor, params: { page?: number; status?: ApplicationStatus; q?: string }) {
  assertAdmin(actor);
  const page = Math.max(1, params.page ?? 1);
  const status = params.status ?? 'SUBMITTED';
  const q = params.q?.trim().slice(0, 100);
  const where = {
    status,
    ...(q
      ? {
          OR: [
            { projectName: { contains: q, mode: 'insensitive' as const } },
            { contractor: { name: { contains: q, mode: 'insensitive' as const } } },
            { orderer: { name: { contains: q, mode: 'insensitive' as const } } },
            // Digits: the leading digits of a 保証契約番号 (a change contract or a payment arrives by number).
            ...(/^\d{1,10}$/.test(q) ? [{ guarantee: { number: { startsWith: q } } }] : []),
          ],
        }
      : {}),
  };
  const orderBy =
    status === 'SUBMITTED' ? [{ submittedAt: 'asc' as const }, { id: 'asc' as const }] : [{ updatedAt: 'desc' as const }, { id: 'asc' as const }];
  const [rows, total] = await Promise.all([
    db.application.findMany({ where, orderBy, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE, select: LIST_SELECT }),
    db.application.count({ where }),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

const DETAIL_INCLUDE = {
  orderer: { select: { id: true, name: true, certificateName: true, ordererRules: { select: { intermediateRequiresCertification: true } } } },
  worksDepartment: { select: { id: true, name: true } },
  contractor: { select: { id: true, name: true, address: true } },
  createdBy: { select: { name: true } },
  guarantee: { select: { id: true, number: true, premiumYen: true, status: true, guaranteeEnd: true, cancelledOn: true, cancelReason: true } },
  // Issue 16: the JV applied for (its members as they are now: locked from the first submission), and
  // the 分割預託 rows in the JV's order.
  jointVenture: { select: JOINT_VENTURE_WITH_MEMBERS },
  // A 中間前払金 from a 認定: the 認定 (number, 認定日, who certified, the figures) and its 前払金保証.
  certification: {
    select: {
      id: true,
      status: true,
      certifiedOn: true,
      fiscalYear: true,
      serial: true,
      reportedOn: true,
      plannedProgressBp: true,
      actualProgressBp: true,
      workDoneAmount: true,
      requestedAmount: true,
      contractAmount: true,
      orderer: { select: { name: true, certificateName: true } },
      department: { select: { name: true } },
      decidedBy: { select: { name: true } },
    },
  },
  advanceGuarantee: { select: { number: true, guaranteeAmount: true } },
  deposits: {
    orderBy: { sortOrder: 'asc' },
    select: { organizationId: true, bank: true, branch: true, shareBasisPoints: true, organization: { select: { name: true } } },
  },
} as const;

/** The application; its guarantee's `status` is the one in effect at `now` (期間満了 from the date). */
async function findApplication(db: Db, id: string, contractorId?: string, now = new Date()) {
  const app = await db.application.findFirst({ where: { id, ...(contractorId ? { contractorId } : {}) }, include: DETAIL_INCLUDE });
  if (!app) throw new AppError('NOT_FOUND', `application ${id}`);
  const g = app.guarantee;
  return { ...app, guarantee: g ? { ...g, status: effectiveStatus(g.status, g.guaranteeEnd, todayInTokyo(now)) } : null };
}
export type ApplicationDetail = Awaited<ReturnType<typeof findApplication>>;

/** One of the company's own applications (another company's answers NOT_FOUND, as a missing one). */
export function getContractorApplication(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'CONTRACTOR', "a contractor's applications");
  return findApplication(db, id, actor.organizationId);
}

export function getApplicationForReview(db: Db, actor: Actor, id: string, now = new Date()) {
  assertAdmin(actor);
  return findApplication(db, id, undefined, now);
}

/** A 分割預託 row as the form holds it. */
export interface DepositRowValues {
  organizationId: string;
  bank: string;
  branch: string;
  share: string;
}

export type ApplicationFormValues = { [K in Exclude<keyof ApplicationInput, 'deposits'>]?: string } & { deposits?: DepositRowValues[] };

/**
 * The 分割預託 rows as the form shows them: the stored rows when they are the JV's members, one each;
 * otherwise (分割預託 chosen, or the JV changed, in a form without JavaScript and saved as a draft) one
 * row per member of the JV now chosen, with its share of the JV and the bank and branch stored for that
 * company, if any — as the form's script does when the JV or the mode changes.
 */
function depositRowValues(app: ApplicationDetail): DepositRowValues[] | undefined {
  const stored = app.deposits.map((d) => ({ organizationId: d.organizationId, bank: d.bank, branch: d.branch, share: formatBasisPoints(d.shareBasisPoints) }));
  const members = app.depositMode === 'SPLIT' ? (app.jointVenture?.members ?? []) : [];
  const matches = stored.length === members.length && members.every((m, i) => stored[i]!.organizationId === m.organizationId);
  if (members.length === 0 || matches) return stored.length > 0 ? stored : undefined;
  return defaultDepositRows(members).map((row) => {
    const kept = stored.find((d) => d.organizationId === row.organizationId);
    return kept ? { ...row, bank: kept.bank, branch: kept.branch } : row;
  });
}

/** The stored application as the form's values (strings, as typed fields hold them). */
export function applicationFormValues(app: ApplicationDetail): ApplicationFormValues {
  // Dates as the screens write them (2026/04/01); the date fields take 和暦 and other forms too.
  const d = (v: Date | null) => (v ? formatListDate(v) : undefined);
  const y = (v: bigint | null) => (v === null ? undefined : v.toLocaleString('ja-JP'));
  return {
    guaranteeKind: app.guaranteeKind ?? undefined,
    ordererId: app.ordererId ?? undefined,
    worksDepartmentId: app.worksDepartmentId ?? undefined,
    projectName: app.projectName ?? undefined,
    projectLocation: app.projectLocation ?? undefined,
    workType: app.workType ?? undefined,
    contractDate: d(app.contractDate),
    periodStart: d(app.periodStart),
    periodEnd: d(app.periodEnd),
    contractAmount: y(app.contractAmount),
    guaranteeAmount: y(app.guaranteeAmount),
    guaranteeStart: d(app.guaranteeStart),
    guaranteeEnd: d(app.guaranteeEnd),
    depositBank: app.depositBank ?? undefined,
    depositBranch: app.depositBranch ?? undefined,
    notes: app.notes ?? undefined,
    deliveryMethod: app.deliveryMethod ?? undefined,
    jointVentureId: app.jointVentureId ?? undefined,
    depositMode: app.depositMode ?? undefined,
    deposits: depositRowValues(app),
    certificationId: app.certificationId ?? undefined,
  };
}

/** The orderers a contractor can apply to, each with its active departments (the 工事担当課 choice). */
export async function applicationFormOptions(db: Db) {
  const orderers = await db.organization.findMany({
    where: { kind: 'ORDERER', active: true },
    orderBy: [{ name: 'asc' }],
    select: {
      id: true,
      name: true,
      departments: { where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], select: { id: true, name: true } },
      ordererRules: { select: { electronicFrom: true, electronicWorkTypes: true, intermediateRequiresCertification: true } },
    },
  });
  return orderers;
}
