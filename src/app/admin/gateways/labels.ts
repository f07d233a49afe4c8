import type { GatewayMode } from '@/domain/gateways/schemas';
import { GATEWAY_MODE_LABEL } from '@/domain/labels';

/** The officers' 接続元の範囲 screens (decision 041): the pages, their forms and the browser tests read it here. */
const title = (screen: string) => `${screen} | 電子保証ポータル`;

export const GATEWAY_LABELS = {
  listTitle: '接続元の範囲',
  listMeta: title('接続元の範囲'),
  editTitle: '接続元の範囲の編集',
  editMeta: title('接続元の範囲の編集'),
  lead:
    '多くの職員が1つの出口（自治体情報セキュリティクラウドなど）からインターネットに接続する団体のアドレス範囲を登録します。範囲内の接続元は、1つのアドレスごとの上限ではなく、範囲に設定した扱いに従います。アカウント・発注者・保証契約番号ごとの上限は、どの扱いでも適用されます。',
  defaults: (lookupPerHour: number, signInPer15Minutes: number) =>
    `登録した範囲に入らない接続元は、1つのアドレスごと（IPv6 は /64 ごと）に、電子証書の確認の失敗が1時間に${lookupPerHour}回、ログインの失敗が15分に${signInPer15Minutes}回までです。`,
  exemptSignIn: (signInPer15Minutes: number) =>
    `「接続元アドレスの上限を適用しない」範囲でも、ログインの失敗は、範囲内のすべての接続元を合わせて15分に${signInPer15Minutes.toLocaleString('ja-JP')}回までです。`,
  listHeading: '登録済みの範囲',
  empty: '登録された範囲はありません。',
  columns: { name: '名称', cidr: 'アドレス範囲', mode: '扱い' },
  addHeading: '範囲を登録する',
  fields: { name: '名称', cidr: 'アドレス範囲', mode: '扱い', failuresPerHour: '1時間あたりの失敗回数の上限' },
  hints: {
    name: '例: 〇〇県 自治体情報セキュリティクラウド',
    cidr: '203.0.113.0/24 や 2001:db8:1::/48 の形で入力します。1つのアドレスだけの場合は、アドレスだけを入力します。',
    mode: 'どちらの扱いでも、アカウント・発注者・保証契約番号ごとの上限は適用されます。',
    failuresPerHour: '「範囲で上限を共有する」場合に入力します。範囲内のすべての接続元を合わせた回数で、電子証書の確認とログインでそれぞれ数えます。',
  },
  modes: GATEWAY_MODE_LABEL satisfies Record<GatewayMode, string>,
  modeCell: (mode: GatewayMode, failuresPerHour: number | null) =>
    mode === 'BUDGET' ? `範囲で上限を共有（1時間に${(failuresPerHour ?? 0).toLocaleString('ja-JP')}回）` : GATEWAY_MODE_LABEL.EXEMPT,
  create: '登録する',
  creating: '登録中…',
  save: '保存する',
  saving: '保存中…',
  saved: { created: '範囲を登録しました。', updated: '範囲を保存しました。', removed: '範囲を削除しました。' } as Record<string, string>,
  removeHeading: 'この範囲の削除',
  removeLead: '削除すると、この範囲の接続元には、1つのアドレスごとの上限が適用されます。',
  removeConfirm: (name: string) => `「${name}」を削除します`,
  remove: '削除する',
  removing: '削除中…',
} as const;
