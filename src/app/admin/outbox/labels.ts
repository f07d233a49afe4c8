import type { MailStatus } from '@/generated/prisma/enums';

/** The officers' 送信メール screens (the mail outbox): the pages and the tests read their text here. */

const title = (screen: string) => `${screen} | 電子保証ポータル`;

export const MAIL_STATUS_LABEL: Record<MailStatus, string> = {
  PENDING: '送信待ち',
  SENT: '送信済',
  FAILED: '送信失敗',
};

/** What each kind of mail is, in words (unknown templates show their id). */
export const MAIL_TEMPLATE_LABEL: Record<string, string> = {
  'certificate-registered': '電子証書・認証キー登録のお知らせ',
  'guarantee-concluded-paper': '保証契約締結のお知らせ（書面交付）',
  'key-notice-submission': '認証キー等のお知らせの発注者への送信',
  'lookup-locked': '電子証書の確認の一時停止のお知らせ（受注者）',
  'lookup-locked-officers': '電子証書の確認の一時停止のお知らせ（保証会社）',
  'guarantee-cancelled': '保証契約解除のお知らせ（受注者）',
  'guarantee-period-ending': '保証期間満了間近のお知らせ（受注者）',
  'application-submitted-officers': '保証申込の受付のお知らせ（保証会社）',
};

export const RELATED_TYPE_LABEL: Record<string, string> = { guarantee: '保証', application: '保証申込' };

export const OUTBOX_LABELS = {
  listTitle: '送信メール',
  listMeta: title('送信メール'),
  detailTitle: '送信メールの詳細',
  detailMeta: title('送信メールの詳細'),
  lead: 'ポータルが送るお知らせメールです。作成日時の新しい順に表示します。送信に失敗したメールは、原因を確認してから再送できます。',
  smtpOn: 'メールは SMTP サーバーから自動で送信されます。送信できなかったメールは、時間をおいて自動で再試行します。',
  smtpOff: 'SMTP_URL が未設定のため、メールは送信されずこの一覧に保存されます。',
  searchLabel: '宛先・件名で検索',
  statusFilter: '状態',
  allStatuses: 'すべて',
  status: MAIL_STATUS_LABEL,
  empty: '該当するメールはありません。',
  caption: '送信メールの一覧',
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
  },
  size: (bytes: number) =>
    bytes < 1024 ? `${bytes.toLocaleString('ja-JP')} バイト` : `${(bytes / 1024).toLocaleString('ja-JP', { maximumFractionDigits: 1 })} KB`,
  more: (n: number) => `ほか ${n} 件`,
  none: '—',
} as const;
