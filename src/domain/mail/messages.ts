/** What the officers read about the outbox beyond its labels (plain: the pages and the tests import it). */

/** 再送 of a mail whose key notice a reissue withdrew (outbox.ts `retryMail`). */
export const RETRY_WITHDRAWN =
  'このメールの添付ファイル（認証キーのお知らせ）は認証キーの再発行により取り消されたため、再送できません。受注者が新しい認証キーで送信し直します。';
