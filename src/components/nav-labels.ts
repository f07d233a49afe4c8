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
    { href: '/contractor/password', label: 'パスワード変更' },
  ],
  orderer: [
    { href: '/orderer', label: 'ホーム' },
    { href: '/orderer/password', label: 'パスワード変更' },
  ],
  admin: [
    { href: '/admin', label: 'ホーム' },
    { href: '/admin/contractors', label: '受注者' },
    { href: '/admin/orderers', label: '発注者' },
    { href: '/admin/users', label: 'アカウント' },
    { href: '/admin/password', label: 'パスワード変更' },
  ],
};
