import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';

/**
 * A Confirmation row written exactly as the orderer's lookup will write it when a clerk opens a
 * certificate with the right number and key: the version is the guarantee's latest, the organisation,
 * department and user are the clerk's, the status is the guarantee's status at that moment.
 *
 * It mirrors lookupCertificate (src/domain/lookup/lookup.ts, written in parallel) so that the
 * confirmations' tests did not wait for it; tests/integration/confirmations.test.ts checks that both
 * write the same row. Replace it by lookupCertificate (number + key) where a test can afford the key
 * and the throttling; `at` (not something the lookup takes) fixes the moment, so that tests can order
 * confirmations.
 */
export async function confirm(db: Db, { guaranteeId, clerk, at }: { guaranteeId: string; clerk: { actor: Actor }; at?: Date }) {
  const g = await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId }, select: { latestVersion: true, status: true } });
  const version = await db.certificateVersion.findUniqueOrThrow({
    where: { guaranteeId_version: { guaranteeId, version: g.latestVersion } },
    select: { id: true },
  });
  return db.confirmation.create({
    data: {
      guaranteeId,
      certificateVersionId: version.id,
      organizationId: clerk.actor.organizationId,
      departmentId: clerk.actor.departmentId,
      userId: clerk.actor.userId,
      statusAtConfirmation: g.status,
      ...(at ? { confirmedAt: at } : {}),
    },
  });
}
