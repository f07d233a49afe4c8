import { formatJapaneseDateShort } from '@/lib/wareki';

/**
 * The words of a list of 共同企業体 (decision 065), shared by the officers' 共同企業体 and the contractors'
 * read-only list: each side's labels module spreads them, so pages and tests read one set.
 */
export const JOINT_VENTURE_LIST_LABELS = {
  columns: { name: '名称', kind: '種類', mode: '施工方式', representative: '代表者', members: '構成員', status: '状態' },
  active: '結成中',
  /** '2027-03-31' → 解散（令和9年3月31日）. */
  closed: (iso: string) => `解散（${formatJapaneseDateShort(iso)}）`,
  /** A member with its share: 株式会社〇〇建設（60％）. */
  member: (name: string, share: string) => `${name}（${share}％）`,
} as const;
