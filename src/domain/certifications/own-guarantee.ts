import 'server-only';
import type { Db } from '@/db/client';
import { effectiveStatus } from '@/domain/guarantees/status';
import type { Prisma } from '@/generated/prisma/client';

/**
 * The company's own 前払金保証 a 認定 is asked on, as the request form shows it and the request checks
 * it: one read for both (request-context.ts, request-certification.ts), so the form never offers what
 * the request refuses.
 */
const OWN_GUARANTEE_SELECT = {
  id: true,
  number: true,
  kind: true,
  status: true,
  ordererId: true,
  projectName: true,
  contractAmount: true,
  guaranteeAmount: true,
  guaranteeEnd: true,
  periodStart: true,
  periodEnd: true,
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
  if (effectiveStatus(g.status, g.guaranteeEnd, today) !== 'ACTIVE') return 'notActive';
  if (g.application.workType !== 'WORKS') return 'notWorks';
  return null;
}

/** Whether a 認定 is waiting or given on it (one live 認定 per 前払金保証: the partial unique index decides a race). */
export async function hasLiveCertification(db: Db, guaranteeId: string): Promise<boolean> {
  return (await db.intermediateCertification.findFirst({ where: { advanceGuaranteeId: guaranteeId, status: { in: ['REQUESTED', 'CERTIFIED'] } }, select: { id: true } })) !== null;
}
