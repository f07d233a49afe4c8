import type { ApplicationStatus, DeliveryMethod } from '@/generated/prisma/enums';

/** The application's field names as the form, the review page and the messages write them. */
export const APPLICATION_FIELD_LABEL = {
  guaranteeKind: '区分',
  ordererId: '発注者',
  worksDepartmentId: '工事担当課',
  projectName: '工事名',
  projectLocation: '工事場所',
  workType: '工事種別',
  contractDate: '契約日',
  periodStart: '工期（自）',
  periodEnd: '工期（至）',
  contractAmount: '請負金額',
  guaranteeAmount: '保証金額',
  guaranteeStart: '保証期間（自）',
  guaranteeEnd: '保証期間（至）',
  depositBank: '預託金融機関（銀行名）',
  depositBranch: '預託金融機関（支店名）',
  notes: '連絡事項',
  deliveryMethod: '保証証書の受取方法',
  // Issue 16: who applies (自社 or a JV it represents), how the 前払金 is deposited, the 認定.
  jointVentureId: '申込者',
  depositMode: '前払金の預託',
  certificationId: '中間前払金の認定',
} as const;
export type ApplicationField = keyof typeof APPLICATION_FIELD_LABEL;

/** 申込者 as the form and the summaries write it (issue 16). */
export const APPLICANT_LABEL = {
  self: '自社（単独）',
  /**
   * The JV as its 代表者's own screens and mails name it (the form, the summary, the conclusion mail):
   * the one place of 「（代表者として）」. Documents others read name it with the 代表者 (holderName).
   */
  jointVenture: (name: string) => `${name}（代表者として）`,
  deposits: (bank: string, branch: string, member: string, share: string) => `${bank} ${branch}（${member} ${share}％）`,
  depositHeading: (mode: string) => `預託金融機関（${mode}）`,
  depositHeadingSingle: '預託金融機関',
  /** 中間前払金の認定 of an application (number, 認定日, the orderer that certified it). */
  certification: (number: string, certifiedOn: string, certifier: string) => `${number}（認定日 ${certifiedOn}・${certifier}）`,
  noCertification: '認定なし',
} as const;

/** The refusals of a 共同企業体's application (issue 16, D3, D10), at the field 申込者. */
export const JOINT_VENTURE_APPLICATION_MESSAGES = {
  notRepresentative: '共同企業体の代表者でないため、この共同企業体では申し込めません。',
  closed: (closedOn: string) => `この共同企業体は${closedOn}に解散しているため申し込めません。`,
} as const;

export const APPLICATION_STATUS_LABEL: Record<ApplicationStatus, string> = {
  DRAFT: '下書き',
  SUBMITTED: '申込済（審査中）',
  RETURNED: '差戻し',
  WITHDRAWN: '取下げ',
  CONCLUDED: '締結済',
};

export const DELIVERY_METHOD_LABEL: Record<DeliveryMethod, string> = {
  ELECTRONIC: '電子交付を希望する',
  PAPER: '書面',
};
