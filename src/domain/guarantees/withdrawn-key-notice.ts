import type { Prisma } from '@/generated/prisma/client';
import type { MailStatus } from '@/generated/prisma/enums';
import { KEY_NOTICE_TEMPLATE, KEY_NOTICE_WITHDRAWN } from './messages';

/**
 * A key notice withdrawn by a reissued 認証キー (019, 046), decided here and nowhere else (plain: the
 * contractor's 送信履歴 and its unit test import it). The one stored marker is the outbox row itself:
 * status FAILED with lastError KEY_NOTICE_WITHDRAWN, written by reissueAuthKey to every key notice of
 * the guarantee not sent yet or failed, whose sealed PDF it empties in the same transaction. An empty
 * sealed attachment alone says nothing: the mail worker empties it after a successful send too.
 */
export const WITHDRAWN_KEY_NOTICE = { status: 'FAILED', lastError: KEY_NOTICE_WITHDRAWN } as const satisfies Prisma.OutboxMailWhereInput &
  Prisma.OutboxMailUpdateManyMutationInput;

/** Whether a mail is a withdrawn key notice (the same test as WITHDRAWN_KEY_NOTICE in a `where`). */
export const isWithdrawnKeyNotice = (mail: { status: MailStatus; lastError: string | null }) =>
  mail.status === WITHDRAWN_KEY_NOTICE.status && mail.lastError === WITHDRAWN_KEY_NOTICE.lastError;

/**
 * The mails an officer may 再送 (and the admin home counts as waiting): failed, and not withdrawn.
 * A null lastError is spelt out: SQL's `<>` would drop it.
 */
export const RETRYABLE_MAIL: Prisma.OutboxMailWhereInput = {
  status: 'FAILED',
  OR: [{ lastError: null }, { lastError: { not: KEY_NOTICE_WITHDRAWN } }],
};

/** Whether an officer may 再送 this mail (the same test as RETRYABLE_MAIL in a `where`). */
export const isRetryableMail = (mail: { status: MailStatus; lastError: string | null }) => mail.status === 'FAILED' && !isWithdrawnKeyNotice(mail);

/**
 * The key notices of one guarantee that a reissue withdraws: those not sent yet, and those that failed
 * (their key is dead too); not again the ones withdrawn before.
 */
export const keyNoticesToWithdraw = (guaranteeId: string): Prisma.OutboxMailWhereInput => ({
  relatedType: 'guarantee',
  relatedId: guaranteeId,
  template: KEY_NOTICE_TEMPLATE,
  OR: [{ status: 'PENDING' }, RETRYABLE_MAIL],
});
