import { portalUrl } from '@/domain/guarantees/mail-texts';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import type { DeliveryMethod, GuaranteeKind } from '@/generated/prisma/enums';
import { formatYen } from '@/lib/money';
import { DELIVERY_METHOD_LABEL } from './labels';

/** The outbox template of the officers' notice that an application arrived (the 送信メール's 種類 names it). */
export const APPLICATION_SUBMITTED_TEMPLATE = 'application-submitted-officers';

export interface Arrived {
  /** A first submission, or one after the officers returned it (差戻し). */
  resubmitted: boolean;
  contractorName: string;
  kind: GuaranteeKind;
  ordererName: string;
  projectName: string;
  contractAmount: bigint;
  guaranteeAmount: bigint;
  deliveryMethod: DeliveryMethod;
  /** When it was submitted, as the mail says it (formatDateTime). */
  at: string;
}

/**
 * To the surety's officers: an application is waiting in 申込審査. A mail of their own (the
 * contractor's addresses never in it); it names what was applied for and where to review it, never a
 * link that signs anyone in.
 */
export function applicationSubmittedMail(a: Arrived): { subject: string; bodyText: string } {
  const what = a.resubmitted ? '保証の再申込み' : '保証の申込み';
  return {
    subject: `【電子保証ポータル】${what}がありました（${a.contractorName}・${a.projectName}）`,
    bodyText: [
      '保証会社 ご担当者様',
      '',
      a.resubmitted ? '差戻した保証の申込みが、受注者により修正のうえ再度申し込まれました。' : '電子保証ポータルに保証の申込みがありました。',
      '「申込審査」で内容をご確認のうえ、締結または差戻しをお願いします。',
      '',
      `受注者：${a.contractorName}`,
      `区分：${GUARANTEE_KIND_LABEL[a.kind]}`,
      `発注者：${a.ordererName}`,
      `工事名：${a.projectName}`,
      `請負金額：${formatYen(a.contractAmount)}円`,
      `保証金額：${formatYen(a.guaranteeAmount)}円`,
      `保証証書の受取方法：${DELIVERY_METHOD_LABEL[a.deliveryMethod]}`,
      `申込日時：${a.at}`,
      '',
      `電子保証ポータル：${portalUrl()}/login`,
    ].join('\n'),
  };
}
