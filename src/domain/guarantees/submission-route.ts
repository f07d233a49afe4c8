import type { GuaranteeKind, RouteTarget } from '@/generated/prisma/enums';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';

/**
 * Where a certificate's 認証キー notice goes (SPEC flow 5), decided from the orderer's routing rows
 * (pure). 大村市: 前払金保証・中間前払金保証 → the contract's 工事担当課; 契約保証 → 財政部契約課.
 */
export interface RouteRow {
  guaranteeKind: GuaranteeKind;
  target: RouteTarget;
  department: { name: string; email: string | null; active: boolean } | null;
}

export type Destination =
  | { ok: true; departmentName: string; email: string; rule: 'WORKS_DEPARTMENT' | 'FIXED_DEPARTMENT' | 'DEFAULT' }
  | { ok: false; reason: string };

export function destinationFor(
  kind: GuaranteeKind,
  routes: readonly RouteRow[],
  worksDepartment: { name: string; email: string | null; active?: boolean } | null,
): Destination {
  const route = routes.find((r) => r.guaranteeKind === kind);
  // Without a routing row, the contract's 工事担当課 is where the contract is managed.
  const target = route?.target ?? 'WORKS_DEPARTMENT';
  const dept = target === 'FIXED_DEPARTMENT' ? route?.department : worksDepartment;
  if (!dept) return { ok: false, reason: '提出先の部署が登録されていません。発注者にご確認ください。' };
  if (dept.active === false) return { ok: false, reason: `提出先（${dept.name}）は現在受付を停止しています。発注者にご確認ください。` };
  if (!dept.email) return { ok: false, reason: `提出先（${dept.name}）のメールアドレスが登録されていません。発注者にご確認ください。` };
  return { ok: true, departmentName: dept.name, email: dept.email, rule: route ? target : 'DEFAULT' };
}

export interface SubjectValues {
  kind: GuaranteeKind;
  number: string;
  projectName: string;
  contractorName: string;
}

/** The orderer's subject template with {区分} {保証契約番号} {工事名} {受注者} filled in (one line, bounded). */
export function renderSubject(template: string, v: SubjectValues): string {
  const values: Record<string, string> = {
    区分: GUARANTEE_KIND_LABEL[v.kind],
    保証契約番号: v.number,
    工事名: v.projectName,
    受注者: v.contractorName,
  };
  return template
    .replace(/\{(区分|保証契約番号|工事名|受注者)\}/g, (_, name: string) => values[name] ?? '')
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 300);
}
