import { formatIsoDate } from '@/lib/dates';
import type { StatusView } from './status';

/** The outbox template of the key notice sent to the orderer (its sending and a reissue's withdrawal). */
export const KEY_NOTICE_TEMPLATE = 'key-notice-submission';

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
