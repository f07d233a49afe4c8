import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { recordChange } from '@/domain/changes/record-change';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';

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

/**
 * A 変更契約 of the guarantee amount, recorded by the officer through the same use case as the
 * officers' form (prefilled with the terms as they stand): it issues the next version, 第n版（変更）
 * (【注1】), and mails the orderers that confirmed the certificate.
 */
export async function changeGuaranteeAmount(db: Db, admin: { actor: Actor }, guaranteeId: string, guaranteeAmount: bigint) {
  const g = await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
  const result = await recordChange(db, admin.actor, guaranteeId, {
    guaranteeAmount: formatYen(guaranteeAmount),
    contractAmount: formatYen(g.contractAmount),
    periodStart: dbDateToIso(g.periodStart),
    periodEnd: dbDateToIso(g.periodEnd),
    guaranteeStart: dbDateToIso(g.guaranteeStart),
    guaranteeEnd: dbDateToIso(g.guaranteeEnd),
    projectName: g.projectName,
    changeDate: todayInTokyo(),
    reason: '変更契約（工事内容の一部変更）による保証金額の変更',
  });
  if (!result.ok || result.value.version === undefined) throw new Error(`changeGuaranteeAmount: ${JSON.stringify(result)}`);
  return result.value;
}
