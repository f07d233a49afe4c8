import type {
  DepartmentKind,
  GuaranteeKind,
  GuaranteeStatus,
  OrganizationKind,
  Role,
  RouteTarget,
  WorkType,
} from '@/generated/prisma/enums';

/** Japanese names of the enums, shared by every screen, PDF and mail. */
export const ROLE_LABEL: Record<Role, string> = { CONTRACTOR: '受注者', ORDERER: '発注者', ADMIN: '保証会社' };

export const ORGANIZATION_KIND_LABEL: Record<OrganizationKind, string> = {
  CONTRACTOR: '受注者（建設会社）',
  ORDERER: '発注者',
  SURETY: '保証会社',
};

export const DEPARTMENT_KIND_LABEL: Record<DepartmentKind, string> = {
  CONTRACT_SECTION: '契約担当課',
  WORKS_SECTION: '工事担当課',
  OTHER: 'その他',
};

export const WORK_TYPE_LABEL: Record<WorkType, string> = {
  WORKS: '工事',
  CONSULTING: '建設コンサルタント業務',
  SURVEY: '測量業務',
  GEOTECHNICAL: '地質調査業務',
  COMPENSATION: '補償コンサルタント業務',
};

export const GUARANTEE_KIND_LABEL: Record<GuaranteeKind, string> = {
  ADVANCE: '前払金保証',
  INTERMEDIATE: '中間前払金保証',
  CONTRACT: '契約保証',
};

/** The short labels of the 保証工事一覧's 区分 column (the flyer: 前払 / 契約). */
export const GUARANTEE_KIND_SHORT: Record<GuaranteeKind, string> = {
  ADVANCE: '前払',
  INTERMEDIATE: '中間前払',
  CONTRACT: '契約',
};

export const ROUTE_TARGET_LABEL: Record<RouteTarget, string> = {
  WORKS_DEPARTMENT: '契約の工事担当課',
  FIXED_DEPARTMENT: '指定の部署',
};

/** A guarantee's status as every side shows it (SPEC flow 6). */
export const GUARANTEE_STATUS_LABEL: Record<GuaranteeStatus, string> = { ACTIVE: '有効', CANCELLED: '解除', EXPIRED: '期間満了' };
