import { portalUrl } from '@/domain/guarantees/mail-texts';
import { formatYen } from '@/lib/money';

export const RECEIPT_MAIL_TEMPLATE = 'premium-receipt-issued';

interface ReceiptIssued {
  contractorName: string;
  suretyName: string;
  number: string;
  projectName: string;
  receiptNumber: string;
  amount: bigint;
  paidOnJapanese: string;
}

/** 「保証料領収証発行のお知らせ」: says where to read the receipt; the PDF is not attached. */
export function receiptIssuedMail(r: ReceiptIssued): { subject: string; bodyText: string } {
  return {
    subject: `保証料領収証発行のお知らせ（保証契約番号 ${r.number}）`,
    bodyText: [
      `${r.contractorName} 様`,
      '',
      `${r.suretyName}です。`,
      '保証料のご入金を確認し、保証料領収証を発行しました。',
      '',
      `保証契約番号：${r.number}`,
      `工事名　　　：${r.projectName}`,
      `領収証番号　：${r.receiptNumber}`,
      `入金日　　　：${r.paidOnJapanese}`,
      `入金額　　　：${formatYen(r.amount)}円`,
      '',
      '電子保証ポータルにログインし、「保証料一覧」から保証料領収証（PDF）をご確認ください。',
      `ログイン画面：${portalUrl()}/login`,
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}
