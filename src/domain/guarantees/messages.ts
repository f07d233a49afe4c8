import { formatDateTime, formatIsoDate } from '@/lib/dates';
import type { StatusView } from './status';

/** The outbox template of the key notice sent to the orderer (its sending and a reissue's withdrawal). */
export const KEY_NOTICE_TEMPLATE = 'key-notice-submission';

/**
 * Why a key notice was not sent, or is not sent again: its key was reissued (the outbox keeps it as
 * FAILED with this reason; the contractor's 送信履歴 says 取り消し for it). Stored as the marker of a
 * withdrawn notice (withdrawn-key-notice.ts): a new wording needs the stored rows migrated with it.
 */
export const KEY_NOTICE_WITHDRAWN = '認証キーの再発行により、古い認証キーのお知らせの送信を取り消しました。';

/** The key page's forms (「発注者へ送信」, 認証キーの再発行): their refusals, said at the form. */
export const SEND_MESSAGES = {
  /** A second sending without the confirmation box: when the last one went. */
  resendQuestion: (at: Date) =>
    `${formatDateTime(at)} に送信済みです。もう一度送信する場合は「送信済みであることを確認しました」にチェックを入れてください。`,
  /** The same, checked in the browser before anything is sent (the date is on the page above). */
  confirmResendRequired: 'もう一度送信する場合は「送信済みであることを確認しました」にチェックを入れてください。',
  /** 認証キーの再発行 without its confirmation box (checked in the browser and by the action). */
  confirmReissueRequired: '再発行する場合は、確認のチェックを入れてください。',
  /** The mail is no longer the one the preview showed (a reissued key, a new address, …): shown again. */
  previewOutdated: '送信内容の確認の後に、送信する内容が変わりました（認証キーの再発行など）。新しい内容をご確認のうえ、もう一度「この内容で送信する」を押してください。',
} as const;

/** What is withheld once a guarantee is no longer in force, named in every refusal. */
const WITHHELD = '「認証キー等のお知らせ」（PDF）のダウンロード・発注者への送信・認証キーの再発行はできません。';

/**
 * Why the 認証キー is no longer to be submitted (pure): null for a guarantee in force; for 解除 or
 * 期間満了, the reason with its date. The key page says it, and the key notice's download, 発注者へ送信
 * and 認証キーの再発行 refuse with it.
 */
export function keyRefusal(view: Pick<StatusView, 'status' | 'guaranteeEnd' | 'cancelledOn'>): string | null {
  switch (view.status) {
    case 'ACTIVE':
      return null;
    case 'CANCELLED':
      return `この保証契約は${view.cancelledOn ? ` ${formatIsoDate(view.cancelledOn)} 付けで` : ''}解除されたため、認証キーを発注者へ提出することはできません。${WITHHELD}`;
    case 'EXPIRED':
      return `この保証は保証期間（至）${formatIsoDate(view.guaranteeEnd)} を過ぎて期間満了となったため、認証キーを発注者へ提出することはできません。${WITHHELD}`;
  }
}
