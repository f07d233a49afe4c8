import 'server-only';
import type { Db } from '@/db/client';
import { effectiveStatus } from '@/domain/guarantees/status';
import type { Prisma } from '@/generated/prisma/client';
import type { GuaranteeStatus } from '@/generated/prisma/enums';

/**
 * A 前払金保証 as a 認定 stands on it: its state (有効 or not, activeOn) and its contract (orderer,
 * 工事名, 請負金額 after any 変更契約, 保証金額, 工期). The request for a 認定 reads it (below), and so does
 * an application started from the 認定 (applications/from-certification.ts), which takes its contract.
 */
export const ADVANCE_GUARANTEE_SELECT = {
  id: true,
  status: true,
  ordererId: true,
  projectName: true,
  contractAmount: true,
  guaranteeAmount: true,
  guaranteeEnd: true,
  periodStart: true,
  periodEnd: true,
} satisfies Prisma.GuaranteeSelect;

/** Whether the 前払金保証 is 有効 on `today` (not 解除, its 保証期間 not over): a 認定 is asked and used only then. */
export function activeOn(g: { status: GuaranteeStatus; guaranteeEnd: Date }, today: string): boolean {
  return effectiveStatus(g.status, g.guaranteeEnd, today) === 'ACTIVE';
}

/**
 * The company's own 前払金保証 a 認定 is asked on, as the request form shows it and the request checks
 * it: one read for both (request-context.ts, request-certification.ts), so the form never offers what
 * the request refuses.
 */
const OWN_GUARANTEE_SELECT = {
  ...ADVANCE_GUARANTEE_SELECT,
  number: true,
  kind: true,
  orderer: { select: { name: true } },
  application: { select: { projectLocation: true, contractDate: true, workType: true, worksDepartmentId: true } },
} satisfies Prisma.GuaranteeSelect;

/** The guarantee numbered `number` (stored form) of the company `organizationId`; null for another company's or none. */
export function findOwnGuarantee(db: Db, organizationId: string, number: string) {
  return db.guarantee.findFirst({ where: { number, contractorId: organizationId }, select: OWN_GUARANTEE_SELECT });
}

export type OwnGuarantee = NonNullable<Awaited<ReturnType<typeof findOwnGuarantee>>>;

/** Why no 認定 can be asked on it today (the message's key), or null: ADVANCE, 有効 today, 工事 (D11). */
export function guaranteeRefusal(g: OwnGuarantee, today: string): 'notAdvance' | 'notActive' | 'notWorks' | null {
  if (g.kind !== 'ADVANCE') return 'notAdvance';
  if (!activeOn(g, today)) return 'notActive';
  if (g.application.workType !== 'WORKS') return 'notWorks';
  return null;
}

/** Whether a 認定 is waiting or given on it (one live 認定 per 前払金保証: the partial unique index decides a race). */
export async function hasLiveCertification(db: Db, guaranteeId: string): Promise<boolean> {
  return (await db.intermediateCertification.findFirst({ where: { advanceGuaranteeId: guaranteeId, status: { in: ['REQUESTED', 'CERTIFIED'] } }, select: { id: true } })) !== null;
}
