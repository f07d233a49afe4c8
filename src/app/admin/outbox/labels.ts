import { KEYSET_PAGING_LABELS } from '@/components/common-labels';
import { MAIL_STATUS_LABEL } from '@/domain/labels';
import { RETRY_WITHDRAWN } from '@/domain/mail/messages';

/** The officers' 送信メール screens (the mail outbox): the pages and the tests read their text here. */

const title = (screen: string) => `${screen} | 電子保証ポータル`;

// The names of the codes a mail carries (状態, 種類, 関連する記録, an attachment's 種類) are kept with every
// other code's in src/domain/labels.ts.
export { MAIL_RELATED_LABEL, MAIL_STATUS_LABEL, MAIL_TEMPLATE_LABEL } from '@/domain/labels';

export const OUTBOX_LABELS = {
  listTitle: '送信メール',
  listMeta: title('送信メール'),
  detailTitle: '送信メールの詳細',
  detailMeta: title('送信メールの詳細'),
  lead: 'ポータルが送るお知らせメールです。作成日時の新しい順に表示します。送信に失敗したメールは、原因を確認してから再送できます。',
  smtpOn: 'メールは送信サーバーから自動で送信されます。送信できなかったメールは、時間をおいて自動で再試行します。',
  // The setting is SMTP_URL (README): the operator's word, not the officers'.
  smtpOff: 'メールの送信サーバーが設定されていないため、メールは送信されずこの一覧に保存されます（設定はシステムの管理者が行います）。',
  searchLabel: '宛先・件名で検索',
  statusFilter: '状態',
  allStatuses: 'すべて',
  status: MAIL_STATUS_LABEL,
  empty: '該当するメールはありません。',
  caption: '送信メールの一覧',
  paging: '送信メールのページ',
  ...KEYSET_PAGING_LABELS,
  columns: {
    createdAt: '作成日時',
    to: '宛先',
    subject: '件名',
    status: '状態',
    attempts: '試行回数',
  },
  details: {
    heading: '送信の状況',
    status: '状態',
    createdAt: '作成日時',
    sentAt: '送信日時',
    attempts: '試行回数',
    nextAttemptAt: '次回の送信予定',
    lastError: '最後のエラー',
    template: '種類',
    related: '関連する記録',
  },
  message: {
    heading: 'メールの内容',
    to: '宛先',
    cc: 'CC',
    subject: '件名',
    body: '本文',
  },
  attachments: {
    heading: '添付ファイル',
    caption: '添付ファイルの一覧',
    name: 'ファイル名',
    type: '種類',
    size: 'サイズ',
    none: '添付ファイルはありません。',
    download: (name: string) => `${name} をダウンロード`,
    sealed: '認証キーを含むため暗号化して保管しています（ダウンロードできません。送信後に削除）。',
  },
  retry: {
    heading: '再送',
    lead: '送信に失敗したメールを送信待ちに戻し、もう一度送信します。試行回数は 0 に戻ります。',
    submit: '再送する',
    pending: '再送中…',
    done: 'メールを送信待ちに戻しました。',
    withdrawn: RETRY_WITHDRAWN,
  },
  size: (bytes: number) =>
    bytes < 1024 ? `${bytes.toLocaleString('ja-JP')} バイト` : `${(bytes / 1024).toLocaleString('ja-JP', { maximumFractionDigits: 1 })} KB`,
  more: (n: number) => `ほか ${n} 件`,
  /** 種類 of a mail of a kind the portal no longer sends (every kind it sends has its name). */
  otherTemplate: 'その他のお知らせ',
  none: '—',
} as const;
