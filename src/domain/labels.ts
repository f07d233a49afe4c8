import type {
  CertificationStatus,
  DepartmentKind,
  DepositMode,
  GatewayRangeMode,
  GuaranteeKind,
  GuaranteeStatus,
  JointVentureKind,
  JointVentureMode,
  JointVentureRole,
  LimitBound,
  LookupOutcome,
  MailStatus,
  OrganizationKind,
  Role,
  RouteTarget,
  WorkType,
} from '@/generated/prisma/enums';
import type { AuditAction, AuditTargetType } from './audit-codes';
import { isMailAttachmentType, type MailAttachmentType, type MailRelatedType, type MailTemplate } from './mail/templates';

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

export const LIMIT_BOUND_LABEL: Record<LimitBound, string> = { MAX: '以下', MIN: '以上' };

export const GATEWAY_MODE_LABEL: Record<GatewayRangeMode, string> = {
  BUDGET: '範囲で上限を共有する',
  EXEMPT: '接続元アドレスの上限を適用しない',
};

/** 共同企業体 (decision 065): its kind and mode as the form offers them, and shortly in lists. */
export const JOINT_VENTURE_KIND_LABEL: Record<JointVentureKind, string> = {
  SPECIFIC: '特定建設工事共同企業体（特定JV）',
  REGULAR: '経常建設共同企業体（経常JV）',
};
export const JOINT_VENTURE_KIND_SHORT: Record<JointVentureKind, string> = { SPECIFIC: '特定JV', REGULAR: '経常JV' };
export const JOINT_VENTURE_MODE_LABEL: Record<JointVentureMode, string> = {
  JOINT: '甲型（共同施工方式）',
  DIVIDED: '乙型（分担施工方式）',
};
export const JOINT_VENTURE_MODE_SHORT: Record<JointVentureMode, string> = { JOINT: '甲型', DIVIDED: '乙型' };
export const JOINT_VENTURE_ROLE_LABEL: Record<JointVentureRole, string> = { REPRESENTATIVE: '代表者', MEMBER: '構成員' };

/** How a 前払金 is deposited (issue 16): one account, or split over the JV's members. */
export const DEPOSIT_MODE_LABEL: Record<DepositMode, string> = {
  SINGLE: '一括（代表者名義の前払金専用口座）',
  SPLIT: '分割預託（構成員ごとの前払金専用口座）',
};

/** A 中間前払金の認定's state (decision 067). */
export const CERTIFICATION_STATUS_LABEL: Record<CertificationStatus, string> = {
  REQUESTED: '認定待ち',
  CERTIFIED: '認定',
  REFUSED: '不認定',
  WITHDRAWN: '取下げ',
};

export const LOOKUP_OUTCOME_LABEL: Record<LookupOutcome, string> = {
  FOUND: '確認できた',
  NOT_FOUND: '一致しない',
  INVALID_NUMBER: '番号の形式誤り',
  INVALID_KEY: 'キーの形式誤り',
  THROTTLED: '試行制限中',
};

// ───────────── the codes the officers' screens show (tests/unit/code-labels.test.ts covers every one) ─────────────

/** 最近の操作's 操作: every audit action (src/domain/audit-codes.ts). */
export const AUDIT_ACTION_LABEL: Record<AuditAction, string> = {
  'api-token.issue': 'APIトークンの発行',
  'api-token.revoke': 'APIトークンの無効化',
  'application.conclude': '保証契約の締結',
  'application.draft': '保証申込の下書き保存',
  'application.resubmit': '保証申込の再申込',
  'application.return': '保証申込の差戻し',
  'application.submit': '保証申込',
  'application.withdraw': '保証申込の取下げ',
  'auth-key.reissue': '認証キーの再発行',
  'auth.sign-in': 'ログイン',
  'auth.sign-in.disabled': 'ログインの拒否（無効のアカウント）',
  'auth.sign-in.failed': 'ログインの失敗',
  'certification.certify': '中間前払金の認定',
  'certification.refuse': '中間前払金の不認定',
  'certification.request': '中間前払金の認定請求',
  'certification.withdraw': '中間前払金の認定請求の取下げ',
  'confirmation.later-version': '変更後の電子証書の確認（発注者）',
  'contract.create': '契約台帳への登録（手入力）',
  'contract.import': '契約台帳へのファイル取込',
  'contract.match': '契約と保証証書の照合',
  'contract.match.reject': '照合候補の却下',
  'contract.unmatch': '契約と保証証書の照合の解除',
  'contract.update': '契約台帳の変更（手入力）',
  'department.create': '部署の登録',
  'department.update': '部署の変更',
  'gateway-range.create': '接続元の範囲の登録',
  'gateway-range.remove': '接続元の範囲の削除',
  'gateway-range.update': '接続元の範囲の変更',
  'guarantee.cancel': '保証契約の解除',
  'guarantee.change': '変更契約の登録',
  'guarantee.period-ending-notice': '保証期間満了間近のお知らせ',
  'guarantee.submit-to-orderer': '認証キー等のお知らせの発注者への送信',
  'joint-venture.close': '共同企業体の解散の記録',
  'joint-venture.create': '共同企業体の登録',
  'joint-venture.update': '共同企業体の変更',
  'lookup.locked': '電子証書の確認の停止',
  'lookup.unlock': '確認の停止の解除',
  'mail.retry': 'メールの再送',
  'organization.create': '受注者・発注者の登録',
  'organization.update': '受注者・発注者の変更',
  'premium-rate-table.create': '保証料率表の登録',
  'premium.payment': '保証料の入金の記録',
  'retention.sweep': '保存期間を過ぎた記録の削除',
  'user.change-password': 'パスワードの変更',
  'user.create': 'アカウントの登録',
  'user.disable': 'アカウントの無効化',
  'user.enable': 'アカウントの有効化',
  'user.reset-password': 'パスワードの再設定',
  'user.update': 'アカウントの変更',
};

/** What an audit row is about, before its name (最近の操作's 対象). */
export const AUDIT_TARGET_LABEL: Record<AuditTargetType, string> = {
  apiToken: 'APIトークン',
  application: '保証申込',
  certification: '中間前払金の認定',
  department: '部署',
  gatewayRange: '接続元の範囲',
  guarantee: '保証',
  jointVenture: '共同企業体',
  organization: '組織',
  outboxMail: '送信メール',
  premiumRateTable: '保証料率表',
  rateLimit: '確認の停止',
  retention: '保存期間',
  user: 'アカウント',
};

/** 送信メール's 種類: every kind of mail (src/domain/mail/templates.ts), with whom it goes to. */
export const MAIL_TEMPLATE_LABEL: Record<MailTemplate, string> = {
  'certificate-registered': '電子証書・認証キー登録のお知らせ（受注者）',
  'guarantee-concluded-paper': '保証契約締結のお知らせ（書面交付・受注者）',
  'guarantee-concluded-member': '共同企業体の保証契約締結のお知らせ（構成員）',
  'guarantee-changed': '変更契約登録のお知らせ（受注者）',
  'guarantee-cancelled': '保証契約解除のお知らせ（受注者）',
  'guarantee-period-ending': '保証期間満了間近のお知らせ（受注者）',
  'premium-receipt-issued': '保証料領収証発行のお知らせ（受注者）',
  'lookup-locked': '電子証書の確認の一時停止のお知らせ（受注者）',
  'key-notice-submission': '認証キー等のお知らせの発注者への送信',
  'confirmed-changed': '確認済みの電子証書の変更のお知らせ（発注者）',
  'confirmed-cancelled': '確認済みの電子証書の解除のお知らせ（発注者）',
  'confirmed-period-ending': '確認済みの電子証書の保証期間満了のお知らせ（発注者）',
  'lookup-locked-officers': '電子証書の確認の一時停止のお知らせ（保証会社）',
  'application-submitted-officers': '保証申込の受付のお知らせ（保証会社）',
  'certification-requested': '中間前払金の認定請求のお知らせ（発注者の担当課）',
  'certification-withdrawn': '中間前払金の認定請求取下げのお知らせ（発注者の担当課）',
  'certification-decided': '中間前払金の認定・不認定のお知らせ（受注者）',
  'joint-venture-registered': '共同企業体登録のお知らせ（代表者・構成員）',
  'contract-lapse-orderer': '保証の変更契約が必要になったお知らせ（発注者）',
  'contract-lapse-contractor': '保証の変更契約のお願い（受注者）',
};

/** 送信メール's 関連する記録: what kind of record, before its number or name. */
export const MAIL_RELATED_LABEL: Record<MailRelatedType, string> = {
  guarantee: '保証',
  application: '保証申込',
  certification: '中間前払金の認定',
  jointVenture: '共同企業体',
};

/** 送信メール's 状態. */
export const MAIL_STATUS_LABEL: Record<MailStatus, string> = { PENDING: '送信待ち', SENT: '送信済', FAILED: '送信失敗' };

/** 送信メール's 添付ファイル 種類, by the file's media type (what the portal attaches). */
export const MAIL_ATTACHMENT_TYPE_LABEL: Record<MailAttachmentType, string> = { 'application/pdf': 'PDF' };

/** An attachment's 種類: its name, or for a type the portal never attaches, the file name's extension. */
export function attachmentTypeLabel(contentType: string, filename: string): string {
  if (isMailAttachmentType(contentType)) return MAIL_ATTACHMENT_TYPE_LABEL[contentType];
  const extension = /\.([^.]{1,10})$/.exec(filename)?.[1];
  return extension ? `${extension.toUpperCase()}ファイル` : 'ファイル';
}
