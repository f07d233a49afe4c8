import type { GuaranteeKind } from '@/generated/prisma/enums';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';

/** The portal's address in mails (where to sign in): PORTAL_URL, or the embedded default. */
export const portalUrl = () => (process.env.PORTAL_URL ?? 'http://localhost:3000').replace(/\/+$/, '');

interface Concluded {
  contractorName: string;
  number: string;
  kind: GuaranteeKind;
  projectName: string;
  ordererName: string;
  issuedOnJapanese: string;
  suretyName: string;
}

/**
 * 「電子証書・認証キー登録のお知らせ」 (STEP 2 of the flyer). It carries no 認証キー and no link with a
 * token: it says where to sign in, and the key is read there.
 */
export function certificateRegisteredMail(c: Concluded): { subject: string; bodyText: string } {
  return {
    subject: `電子証書・認証キー登録のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: [
      `${c.contractorName} 様`,
      '',
      `${c.suretyName}です。`,
      '保証契約を締結し、電子証書と認証キーを登録しました。',
      '',
      `区分　　　　：${GUARANTEE_KIND_LABEL[c.kind]}`,
      `保証契約番号：${c.number}`,
      `工事名　　　：${c.projectName}`,
      `発注者　　　：${c.ordererName}`,
      `証書発行日　：${c.issuedOnJapanese}`,
      '',
      '電子保証ポータルにログインし、「保証工事一覧」から電子証書の内容をご確認のうえ、',
      '認証キーの「表示」から「電子証書閲覧用「認証キー」等のお知らせ」（PDF）を取得して、発注者へご提出ください。',
      `ログイン画面：${portalUrl()}/login`,
      '（お客様ID・パスワードは保証申込と共通です。）',
      '',
      '※このメールには認証キーを記載していません。',
      '※請求書は書面でのご提出が必要です。',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}

/** For 書面: the paper certificate follows by post. */
export function paperConcludedMail(c: Concluded): { subject: string; bodyText: string } {
  return {
    subject: `保証契約締結のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: [
      `${c.contractorName} 様`,
      '',
      `${c.suretyName}です。`,
      '保証契約を締結しました。保証証書（書面）は取次場所よりお届けします。',
      '',
      `区分　　　　：${GUARANTEE_KIND_LABEL[c.kind]}`,
      `保証契約番号：${c.number}`,
      `工事名　　　：${c.projectName}`,
      `発注者　　　：${c.ordererName}`,
      '',
      `電子保証ポータル：${portalUrl()}/login`,
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}
