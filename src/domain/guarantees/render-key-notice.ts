import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { verifyUrl } from '@/domain/certificates/verification';
import { AppError } from '@/domain/errors';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { renderKeyNoticePdf } from '@/pdf/key-notice';
import { getKeyPage } from './get-key-page';
import { keyNoticeFilename } from './key-notice-mail';
import { portalUrl } from './mail-texts';
import { keyRefusal } from './messages';

/** The orderer's lookup page with the number filled in: what the key notice's QR code opens. */
export const lookupUrl = (number: string) => `${portalUrl()}/orderer/lookup?number=${number}`;

type KeyPage = Awaited<ReturnType<typeof getKeyPage>>;

/**
 * 「電子証書閲覧用「認証キー」等のお知らせ」 of the current key. Deterministic: the date printed and
 * stamped is the key's issue date, so the same key gives the same file, and a reissued key a new one.
 * Refused (CONFLICT, with the reason in Japanese: keyRefusal) once the guarantee is 解除 or 期間満了:
 * that key is no longer to be submitted.
 */
export async function keyNoticePdf(db: Db, actor: Actor, numberInput: string, secret: string, now = new Date()) {
  const page = await getKeyPage(db, actor, numberInput, secret, now);
  const refused = keyRefusal(page.guarantee.statusView);
  if (refused) throw new AppError('CONFLICT', `guarantee ${page.guarantee.number} is ${page.guarantee.status}`, refused);
  return renderKeyNotice(page);
}

/** The key notice of a key page already read (and checked by the caller). */
export async function renderKeyNotice(page: KeyPage) {
  const c = page.latest.content;
  const bytes = await renderKeyNoticePdf({
    kindLabel: GUARANTEE_KIND_LABEL[c.kind],
    number: c.number,
    key: page.key,
    projectName: c.projectName,
    ordererName: c.obligee.name,
    suretyName: c.issuer.companyName,
    issuer: c.issuer,
    branch: c.branch,
    lookupUrl: lookupUrl(c.number),
    issuedAt: page.keyIssuedAt,
    verification: page.latest.digest ? { digest: page.latest.digest, url: verifyUrl(page.latest.digest) } : null,
  });
  return { page, bytes, filename: keyNoticeFilename(c.number) };
}
