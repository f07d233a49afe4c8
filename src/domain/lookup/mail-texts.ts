import { portalUrl } from '@/domain/guarantees/mail-texts';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import type { GuaranteeKind } from '@/generated/prisma/enums';

/** The outbox templates of the lookup lock's notices, one per audience (the officers' 送信メール names them). */
export const LOOKUP_LOCKED_TEMPLATE = {
  CONTRACTOR: 'lookup-locked',
  OFFICERS: 'lookup-locked-officers',
} as const;

interface Locked {
  number: string;
  kind: GuaranteeKind;
  projectName: string;
  contractorName: string;
  /** When the lock began, as the mail says it (formatDateTime). */
  at: string;
}

const subject = (number: string) => `【電子保証ポータル】電子証書の確認を一時停止しました（保証契約番号 ${number}）`;

/**
 * To the contractor's users: their certificate's number is locked after wrong keys; what to tell the
 * orderer, and whom to call when they know of no lookup. No key, no token link.
 */
export function lookupLockedContractorMail(l: Locked): { subject: string; bodyText: string } {
  return {
    subject: subject(l.number),
    bodyText: [
      `保証契約番号 ${l.number}（${GUARANTEE_KIND_LABEL[l.kind]}・${l.projectName}）の電子証書について、`,
      '認証キーの誤った入力が続いたため、この保証契約番号による確認を一時的に停止しました。',
      `（${l.at} 時点）`,
      '',
      '発注者様が入力を誤っている場合は、提出した「認証キー等のお知らせ」（PDF）の内容をご確認いただくようお伝えください。',
      '心当たりがない場合は、保証会社の取次場所へご連絡ください。保証会社は停止を解除できます。',
      '',
      `電子保証ポータル：${portalUrl()}/login`,
      '※このメールには認証キーを記載していません。',
    ].join('\n'),
  };
}

/**
 * To the surety's officers (a mail of their own: they never see the contractor's addresses, nor the
 * contractor theirs): which number is locked, whose guarantee it is, and where to lift the lock.
 */
export function lookupLockedOfficersMail(l: Locked): { subject: string; bodyText: string } {
  return {
    subject: subject(l.number),
    bodyText: [
      `保証契約番号 ${l.number}（${GUARANTEE_KIND_LABEL[l.kind]}・${l.projectName}、受注者 ${l.contractorName}）の電子証書について、`,
      '発注者による認証キーの誤った入力が続いたため、この保証契約番号による確認を一時的に停止しました。',
      `（${l.at} 時点）`,
      '',
      '停止を解除する場合は、電子保証ポータルの「照会記録」から解除してください。',
      '',
      `電子保証ポータル：${portalUrl()}/login`,
      '※このメールには認証キーを記載していません。',
    ].join('\n'),
  };
}
