import type { Side } from '@/auth/guards';

export const SIDE_TITLE: Record<Side, string> = {
  contractor: '受注者',
  orderer: '発注者',
  admin: '保証会社',
};

/** Each side's navigation (the first entry is the side's home). */
export const NAV: Record<Side, { href: string; label: string }[]> = {
  contractor: [
    { href: '/contractor', label: 'ホーム' },
    { href: '/contractor/guarantees', label: '保証工事一覧' },
    { href: '/contractor/applications', label: '保証申込' },
    { href: '/contractor/premiums', label: '保証料一覧' },
    { href: '/contractor/certifications', label: '中間前払金の認定' },
    { href: '/contractor/joint-ventures', label: '共同企業体' },
    { href: '/contractor/password', label: 'パスワード変更' },
  ],
  orderer: [
    { href: '/orderer', label: 'ホーム' },
    { href: '/orderer/lookup', label: '電子証書の確認' },
    { href: '/orderer/confirmed', label: '確認済み一覧' },
    { href: '/orderer/contracts', label: '契約台帳' },
    { href: '/orderer/certifications', label: '中間前払金の認定' },
    { href: '/orderer/evidence-packs', label: '証拠書類の一括出力' },
    { href: '/orderer/password', label: 'パスワード変更' },
  ],
  admin: [
    { href: '/admin', label: 'ホーム' },
    { href: '/admin/applications', label: '申込審査' },
    { href: '/admin/guarantees', label: '保証一覧' },
    { href: '/admin/certifications', label: '中間前払金の認定' },
    { href: '/admin/premium-rates', label: '保証料率' },
    { href: '/admin/outbox', label: '送信メール' },
    { href: '/admin/lookups', label: '照会記録' },
    { href: '/admin/gateways', label: '接続元の範囲' },
    { href: '/admin/contractors', label: '受注者' },
    { href: '/admin/orderers', label: '発注者' },
    { href: '/admin/joint-ventures', label: '共同企業体' },
    { href: '/admin/users', label: 'アカウント' },
    { href: '/admin/password', label: 'パスワード変更' },
  ],
};
