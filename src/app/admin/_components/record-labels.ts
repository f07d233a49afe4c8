import { AUDIT_TARGET_LABEL, GUARANTEE_KIND_LABEL, MAIL_RELATED_LABEL } from '@/domain/labels';
import type { OrganizationKind } from '@/generated/prisma/enums';

/**
 * How the officers' screens name a record an audit row or a mail points at (最近の操作's 対象, 送信メール's
 * 関連する記録): the kind of record, then the name people know it by. Read by record-link.tsx and its tests.
 */
export const RECORD_LABELS = {
  type: { ...AUDIT_TARGET_LABEL, ...MAIL_RELATED_LABEL },
  organization: { CONTRACTOR: '受注者', ORDERER: '発注者', SURETY: '保証会社' } satisfies Record<OrganizationKind, string>,
  /** An application saved before its 工事名 was typed. */
  untitledApplication: '（工事名の入力前）',
  number: (number: string) => `保証契約番号 ${number}`,
  rateTable: (kind: keyof typeof GUARANTEE_KIND_LABEL, from: string) => `${GUARANTEE_KIND_LABEL[kind]}（${from}から適用）`,
  /** Where the lookup locks are listed and lifted. */
  lookups: '照会記録',
  /** What the retention sweep removes (decision 054). */
  retention: '保存期間を過ぎた照会記録・送信メール・操作記録',
  gone: '（削除済み）',
  none: '—',
} as const;

/** The admin home's 最近の操作: the last audit rows, each action by its name and its record by name and link. */
export const RECENT_LABELS = {
  title: '最近の操作',
  columns: { at: '日時', actor: '操作者', action: '操作', target: '対象' },
  /** Rows written by the portal itself (a sweep, a lookup lock). */
  system: 'システム',
  actor: (name: string, loginId: string) => `${name}（${loginId}）`,
  /** An audit row written by an earlier version (every action written now has its name). */
  otherAction: 'その他の操作',
} as const;
