import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import type { CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { findContractorGuarantee } from './find-contractor-guarantee';
import { submissionState } from './submission-state';

/**
 * The guarantee with its versions (newest first), key history (dates only) and 発注者への送信履歴
 * (newest first), each with where its mail stands (submissionState; never the mail's delivery errors).
 * For the JV's 構成員 (access MEMBER): the guarantee and its versions only.
 */
export async function getContractorCertificate(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  // A 構成員 of the JV reads the certificate too (issue 16 D5), without the key history and the
  // 発注者への送信履歴: those are the 代表者's.
  const g = await findContractorGuarantee(db, actor, numberInput, now, { members: true });
  if (g.access === 'MEMBER') {
    const latest = g.versions[0];
    if (!latest) throw new AppError('CONFLICT', `guarantee ${g.number} has no certificate version`);
    return { guarantee: g, latest: { ...latest, content: latest.content as unknown as CertificateContent }, keys: [], submissions: [] };
  }
  const [keys, sent] = await Promise.all([
    db.authKey.findMany({ where: { guaranteeId: g.id }, orderBy: { issuedAt: 'desc' }, select: { id: true, issuedAt: true, revokedAt: true } }),
    db.submission.findMany({
      where: { guaranteeId: g.id },
      orderBy: { createdAt: 'desc' },
      select: {
        id: true,
        toAddress: true,
        subject: true,
        createdAt: true,
        sentBy: { select: { name: true } },
        outboxMail: { select: { status: true, attempts: true, sentAt: true, nextAttemptAt: true, lastError: true } },
      },
    }),
  ]);
  const submissions = sent.map(({ outboxMail, ...s }) => ({ ...s, state: submissionState(outboxMail) }));
  const latest = g.versions[0];
  if (!latest) throw new AppError('CONFLICT', `guarantee ${g.number} has no certificate version`);
  return { guarantee: g, latest: { ...latest, content: latest.content as unknown as CertificateContent }, keys, submissions };
}
