import 'server-only';
import type { Tx } from '@/db/client';
import type { Prisma } from '@/generated/prisma/client';
import type { Actor } from './actor';
import type { AuditAction, AuditTargetType } from './audit-codes';

/** Writes one audit row inside the caller's transaction (the change and its record commit together). */
export async function writeAudit(
  tx: Tx,
  actor: Actor | null,
  action: AuditAction,
  target: { type: AuditTargetType; id?: string | null },
  details?: Prisma.InputJsonValue,
): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      organizationId: actor?.organizationId ?? null,
      action,
      targetType: target.type,
      targetId: target.id ?? null,
      details: details ?? undefined,
    },
  });
}
