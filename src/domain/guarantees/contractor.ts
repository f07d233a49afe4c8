import { assertRole } from '@/domain/system';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import type { CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { fail, ok, type Result } from '@/domain/result';
import { todayInTokyo } from '@/lib/dates';
import { checkContractNumber } from './contract-number';
import { generateAuthKey, hashAuthKey, sealAuthKey, unsealAuthKey } from './auth-key';
import { statusView } from './status';
import { destinationFor, renderSubject, type Destination } from './submission-route';

/**
 * The contractor's side of a concluded guarantee: the certificate, the 認証キー (shown, reissued),
 * and the submission to the orderer. Every read is scoped to the signed-in company: a number of
 * another company and a number that does not exist answer the same NOT_FOUND. `status` is the
 * effective one (期間満了 from the day after the 保証期間 in Asia/Tokyo, at `now`), with the
 * banner's facts in `statusView`.
 */
/** The outbox template of the key notice sent to the orderer. */
export const KEY_NOTICE_TEMPLATE = 'key-notice-submission';
export const NOT_ACTIVE = 'この保証は解除または期間満了のため、認証キーの再発行や発注者への送信はできません。';

async function ownGuarantee(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  assertRole(actor, 'CONTRACTOR', "a contractor certificate use case");
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', `malformed number`);
  const g = await db.guarantee.findFirst({
    where: { number: check.number, contractorId: actor.organizationId },
    include: {
      orderer: { select: { id: true, name: true, certificateName: true, ordererRules: { select: { subjectTemplate: true, printoutAccepted: true } } } },
      contractor: { select: { name: true } },
      application: { select: { worksDepartment: { select: { name: true, email: true, active: true } } } },
      versions: { orderBy: { version: 'desc' }, select: { id: true, version: true, changeKind: true, issuedOn: true, content: true, digest: true } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${check.number} of ${actor.organizationId}`);
  const view = statusView(g, todayInTokyo(now));
  return { ...g, status: view.status, statusView: view };
}

/** The guarantee with its versions (newest first), submissions and key history (dates only). */
export async function getContractorCertificate(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  const g = await ownGuarantee(db, actor, numberInput, now);
  const [keys, submissions] = await Promise.all([
    db.authKey.findMany({ where: { guaranteeId: g.id }, orderBy: { issuedAt: 'desc' }, select: { id: true, issuedAt: true, revokedAt: true } }),
    db.submission.findMany({
      where: { guaranteeId: g.id },
      orderBy: { createdAt: 'desc' },
      select: { id: true, toAddress: true, subject: true, createdAt: true, sentBy: { select: { name: true } }, outboxMail: { select: { status: true } } },
    }),
  ]);
  const latest = g.versions[0];
  if (!latest) throw new AppError('CONFLICT', `guarantee ${g.number} has no certificate version`);
  return { guarantee: g, latest: { ...latest, content: latest.content as unknown as CertificateContent }, keys, submissions };
}

async function destination(db: Db, g: Awaited<ReturnType<typeof ownGuarantee>>): Promise<Destination> {
  const routes = await db.ordererRoute.findMany({
    where: { organizationId: g.ordererId },
    select: { guaranteeKind: true, target: true, department: { select: { name: true, email: true, active: true } } },
  });
  return destinationFor(g.kind, routes, g.application.worksDepartment);
}

/** The key page: the plain key (opened from its seal), where to submit, and the subject line to use. */
export async function getKeyPage(db: Db, actor: Actor, numberInput: string, secret: string, now = new Date()) {
  const g = await ownGuarantee(db, actor, numberInput, now);
  if (g.deliveryMethod !== 'ELECTRONIC') throw new AppError('NOT_FOUND', `guarantee ${g.number} is on paper`);
  const active = await db.authKey.findFirst({ where: { guaranteeId: g.id, revokedAt: null }, orderBy: { issuedAt: 'desc' }, omit: { sealed: false } });
  if (!active?.sealed) throw new AppError('CONFLICT', `guarantee ${g.number} has no active key`);
  const latest = g.versions[0]!;
  return {
    guarantee: g,
    latest: { ...latest, content: latest.content as unknown as CertificateContent },
    key: unsealAuthKey(secret, active.sealed, g.id),
    keyId: active.id,
    keyIssuedAt: active.issuedAt,
    destination: await destination(db, g),
    subject: renderSubject(g.orderer.ordererRules?.subjectTemplate ?? '{区分} 保証契約番号{保証契約番号} {工事名}', {
      kind: g.kind,
      number: g.number,
      projectName: g.projectName,
      contractorName: g.contractor.name,
    }),
    printoutAccepted: g.orderer.ordererRules?.printoutAccepted ?? false,
  };
}

/**
 * 再発行: a new key for the guarantee; the old one stops working at once (same transaction). The
 * guarantee row is locked first, so two reissues at once leave exactly one active key. Refused once
 * the guarantee is 解除 or 期間満了 (a key to a certificate no longer in force helps nobody).
 */
export async function reissueAuthKey(db: Db, actor: Actor, numberInput: string, secret: string, now = new Date()): Promise<Result<{ issuedAt: Date }>> {
  const g = await ownGuarantee(db, actor, numberInput, now);
  if (g.deliveryMethod !== 'ELECTRONIC') throw new AppError('NOT_FOUND', `guarantee ${g.number} is on paper`);
  if (g.status !== 'ACTIVE') return fail({ '': [NOT_ACTIVE] });
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1 FROM "Guarantee" WHERE "id" = CAST(${g.id} AS uuid) FOR UPDATE`;
    const revoked = await tx.authKey.updateMany({ where: { guaranteeId: g.id, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count === 0) return fail({ '': ['有効な認証キーがありません。保証会社にお問い合わせください。'] });
    const key = generateAuthKey();
    await tx.authKey.create({
      data: { guaranteeId: g.id, keyHash: hashAuthKey(secret, key), sealed: sealAuthKey(secret, key, g.id), issuedAt: now, issuedById: actor.userId },
    });
    // Notices with the old key that were not sent yet are withdrawn: the orderer never gets a dead key.
    const withdrawn = await tx.outboxMail.updateMany({
      where: { relatedType: 'guarantee', relatedId: g.id, template: KEY_NOTICE_TEMPLATE, status: 'PENDING' },
      data: { status: 'FAILED', lastError: '認証キーの再発行により、古い認証キーのお知らせの送信を取り消しました。' },
    });
    if (withdrawn.count > 0) {
      await tx.mailAttachment.updateMany({ where: { sealed: true, mail: { relatedId: g.id, template: KEY_NOTICE_TEMPLATE, status: 'FAILED' } }, data: { content: new Uint8Array() } });
    }
    await writeAudit(tx, actor, 'auth-key.reissue', { type: 'guarantee', id: g.id }, { number: g.number, revoked: revoked.count, withdrawnMails: withdrawn.count });
    return ok({ issuedAt: now });
  });
}

export { ownGuarantee as findContractorGuarantee };
