import { JOINT_VENTURE_LIST_LABELS } from '@/app/_components/joint-venture-labels';

/** The contractor's 共同企業体 (decision 065, read-only): the page and the browser tests read it here. */
export const CONTRACTOR_JOINT_VENTURE_LABELS = {
  ...JOINT_VENTURE_LIST_LABELS,
  title: '共同企業体',
  meta: '共同企業体（受注者） | 電子保証ポータル',
  lead: '自社が代表者または構成員である共同企業体',
  note: '共同企業体の登録・変更は保証会社にご連絡ください。',
  empty: '自社が代表者または構成員である共同企業体はありません。',
  applyColumn: '保証の申込',
  apply: 'この共同企業体で保証を申し込む',
  applyNone: '—',
} as const;
