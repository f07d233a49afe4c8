import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { holderOf, type CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { unsealAuthKey } from './auth-key';
import { findContractorGuarantee, type ContractorGuarantee } from './find-contractor-guarantee';
import { destinationFor, renderSubject, type Destination } from './submission-route';

async function destination(db: Db, g: ContractorGuarantee): Promise<Destination> {
  const routes = await db.ordererRoute.findMany({
    where: { organizationId: g.ordererId },
    select: { guaranteeKind: true, target: true, department: { select: { name: true, email: true, active: true } } },
  });
  return destinationFor(g.kind, routes, g.application.worksDepartment);
}

/** The key page: the plain key (opened from its seal), where to submit, and the subject line to use. */
export async function getKeyPage(db: Db, actor: Actor, numberInput: string, secret: string, now = new Date()) {
  const g = await findContractorGuarantee(db, actor, numberInput, now);
  if (g.deliveryMethod !== 'ELECTRONIC') throw new AppError('NOT_FOUND', `guarantee ${g.number} is on paper`);
  const active = await db.authKey.findFirst({ where: { guaranteeId: g.id, revokedAt: null }, orderBy: { issuedAt: 'desc' }, omit: { sealed: false } });
  if (!active?.sealed) throw new AppError('CONFLICT', `guarantee ${g.number} has no active key`);
  const latest = g.versions[0]!;
  const content = latest.content as unknown as CertificateContent;
  return {
    guarantee: g,
    latest: { ...latest, content },
    key: unsealAuthKey(secret, active.sealed, g.id),
    keyId: active.id,
    keyIssuedAt: active.issuedAt,
    destination: await destination(db, g),
    subject: renderSubject(g.orderer.ordererRules?.subjectTemplate ?? '{区分} 保証契約番号{保証契約番号} {工事名}', {
      kind: g.kind,
      number: g.number,
      projectName: g.projectName,
      // {受注者}: a JV's name with its 代表者 (holderOf), the company's name otherwise.
      contractorName: holderOf(content),
    }),
    printoutAccepted: g.orderer.ordererRules?.printoutAccepted ?? false,
  };
}
