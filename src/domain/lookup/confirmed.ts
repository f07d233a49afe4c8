import 'server-only';
import { assertRole } from '@/domain/system';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import type { CertificateContent } from '@/domain/certificates/content';
import type { VersionConfirmation } from '@/domain/confirmations/version-standing';
import { AppError } from '@/domain/errors';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { statusView } from '@/domain/guarantees/status';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';

/** Who confirmed, when, and the status then: what both the certificate page and the 確認記録 show. */
const WHO_CONFIRMED = {
  id: true,
  confirmedAt: true,
  statusAtConfirmation: true,
  user: { select: { name: true } },
  department: { select: { name: true } },
} as const;

/**
 * A certificate the actor's orderer has confirmed (by anyone of its staff): readable again without the
 * key, every version, and the confirmations made. Anything else — another orderer's certificate, one
 * never confirmed, a number that does not exist — answers NOT_FOUND alike. `status` is the one in
 * effect at `now` (期間満了 computed from the date), with the banner's facts in `statusView`;
 * `versionConfirmations` the orderer's latest confirmation of each version it confirmed (which version
 * it saw and when, the 確認記録 of the version on the screen: confirmations/version-standing.ts).
 */
export async function getConfirmedCertificate(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  assertRole(actor, 'ORDERER', "an orderer's certificate");
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  const g = await db.guarantee.findFirst({
    where: { number: check.number, ordererId: actor.organizationId, confirmations: { some: { organizationId: actor.organizationId } } },
    select: {
      id: true,
      number: true,
      status: true,
      guaranteeEnd: true,
      periodEnd: true,
      cancelledOn: true,
      cancelReason: true,
      kind: true,
      versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, changeKind: true, issuedOn: true, digest: true, content: true } },
      confirmations: {
        where: { organizationId: actor.organizationId },
        orderBy: { confirmedAt: 'desc' },
        take: 50,
        select: { ...WHO_CONFIRMED, certificateVersion: { select: { version: true, changeKind: true } } },
      },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${check.number} not confirmed by ${actor.organizationId}`);
  // The latest confirmation of each version (the list above keeps only the 50 latest of all).
  const perVersion = await db.confirmation.findMany({
    where: { guaranteeId: g.id, organizationId: actor.organizationId },
    distinct: ['certificateVersionId'],
    orderBy: [{ certificateVersionId: 'asc' }, { confirmedAt: 'desc' }, { id: 'desc' }],
    select: { ...WHO_CONFIRMED, certificateVersion: { select: { version: true } } },
  });
  const view = statusView(g, todayInTokyo(now));
  return {
    ...g,
    status: view.status,
    statusView: view,
    versions: g.versions.map((v) => ({ ...v, issuedOn: dbDateToIso(v.issuedOn), content: v.content as unknown as CertificateContent })),
    versionConfirmations: perVersion.map(
      (c): VersionConfirmation => ({
        id: c.id,
        version: c.certificateVersion.version,
        confirmedAt: c.confirmedAt,
        userName: c.user?.name ?? null,
        departmentName: c.department?.name ?? null,
      }),
    ),
  };
}

/** One confirmation of the actor's orderer, with what the 確認記録 prints. */
export async function getConfirmationRecord(db: Db, actor: Actor, numberInput: string, confirmationId: string) {
  assertRole(actor, 'ORDERER', 'a confirmation record');
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  const c = await db.confirmation.findFirst({
    where: { id: confirmationId, organizationId: actor.organizationId, guarantee: { number: check.number } },
    select: {
      ...WHO_CONFIRMED,
      organization: { select: { name: true } },
      certificateVersion: { select: { version: true, changeKind: true, issuedOn: true, digest: true, content: true } },
      guarantee: { select: { number: true, contractor: { select: { name: true } } } },
    },
  });
  if (!c) throw new AppError('NOT_FOUND', `confirmation ${confirmationId}`);
  return { ...c, content: c.certificateVersion.content as unknown as CertificateContent };
}
