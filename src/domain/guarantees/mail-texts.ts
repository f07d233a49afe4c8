import type { DeliveryMethod, GuaranteeKind } from '@/generated/prisma/enums';
import { APPLICANT_LABEL } from '@/domain/applications/labels';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { formatIsoDate } from '@/lib/dates';

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
  /** A JV guarantee: the JV's name (the mail goes to its 代表者's users). */
  jointVentureName?: string | null;
}

/** The 代表者's mails name the JV it holds the guarantee for. */
const jointVentureLine = (c: Concluded) => (c.jointVentureName ? [`共同企業体　：${APPLICANT_LABEL.jointVenture(c.jointVentureName)}`] : []);

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
      ...jointVentureLine(c),
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
      ...jointVentureLine(c),
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

interface MemberConcluded {
  /** The 構成員 company the mail is addressed to. */
  memberName: string;
  jointVentureName: string;
  representativeName: string;
  number: string;
  kind: GuaranteeKind;
  projectName: string;
  ordererName: string;
  guaranteeAmountYen: string;
  deliveryMethod: DeliveryMethod;
  suretyName: string;
}

/**
 * 「共同企業体の保証契約締結のお知らせ」 to each 構成員 of a JV guarantee (decision 012, issue 16 B8):
 * what was concluded and for which JV; the key and the submission are the 代表者's. No key, no token.
 */
export function memberConcludedMail(c: MemberConcluded): { subject: string; bodyText: string } {
  return {
    subject: `共同企業体の保証契約締結のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: [
      `${c.memberName} 様`,
      '',
      `${c.suretyName}です。`,
      '貴社が構成員である共同企業体の保証契約を締結しました。',
      '',
      `共同企業体　：${c.jointVentureName}`,
      `代表者　　　：${c.representativeName}`,
      `区分　　　　：${GUARANTEE_KIND_LABEL[c.kind]}`,
      `保証契約番号：${c.number}`,
      `工事名　　　：${c.projectName}`,
      `発注者　　　：${c.ordererName}`,
      `保証金額　　：${c.guaranteeAmountYen}円`,
      '',
      c.deliveryMethod === 'ELECTRONIC'
        ? `認証キーの表示・発注者への提出は代表者（${c.representativeName}）が行います。`
        : `保証証書（書面）は代表者（${c.representativeName}）へお届けします。`,
      '電子保証ポータルにログインし、「保証工事一覧」から電子証書の内容をご確認いただけます。',
      `ログイン画面：${portalUrl()}/login`,
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}

interface ContractorNotice {
  contractorName: string;
  suretyName: string;
  number: string;
  kind: GuaranteeKind;
  projectName: string;
  ordererName: string;
  /** 電子交付 (a certificate and a 認証キー in the portal) or 書面 (a paper certificate, no key). */
  deliveryMethod: DeliveryMethod;
}

/**
 * What the 解除 mail says the contractor must no longer submit: for 電子交付, the 認証キー (and what the
 * portal no longer offers) and what an orderer confirming it will see; for 書面, the paper 保証証書,
 * which no longer guarantees anything (there is no key to mention).
 */
function cancelledSubmission(deliveryMethod: DeliveryMethod): string[] {
  if (deliveryMethod === 'PAPER') {
    return ['この保証契約の保証証書（書面）は、解除により効力を失いました。今後、発注者へ提出しないでください。'];
  }
  return [
    'この保証契約の認証キーは、今後発注者へ提出しないでください（「認証キー等のお知らせ」のダウンロード・発注者への送信・認証キーの再発行はできなくなりました）。',
    '発注者が電子証書を確認すると、「解除」と表示されます。',
  ];
}

/** The JV a 構成員's mail is about (issue 16 B8): its name and its 代表者, who acts on the guarantee. */
export interface MemberOf {
  jointVentureName: string;
  representativeName: string;
}

/**
 * The 構成員's 解除 mail (issue 16 B8, D6): the same event in its own words — addressed to the member
 * company, naming the JV and its 代表者, saying the 代表者's submission is no longer needed; no key
 * sentence (the key was never the member's).
 */
export function memberCancelledMail(c: ContractorNotice, d: { cancelledOn: string; reason: string }, jv: MemberOf): { subject: string; bodyText: string } {
  return {
    subject: `保証契約解除のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: [
      `${c.contractorName} 様`,
      '',
      `${c.suretyName}です。`,
      `貴社が構成員である共同企業体の下記の保証契約を ${formatIsoDate(d.cancelledOn)} 付けで解除しました。`,
      `解除の理由　：${d.reason.replace(/[\r\n]+/g, ' ').trim()}`,
      '',
      `共同企業体　：${jv.jointVentureName}`,
      `代表者　　　：${jv.representativeName}`,
      `区分　　　　：${GUARANTEE_KIND_LABEL[c.kind]}`,
      `保証契約番号：${c.number}`,
      `工事名　　　：${c.projectName}`,
      `発注者　　　：${c.ordererName}`,
      '',
      `代表者（${jv.representativeName}）による発注者への提出は不要になりました。`,
      '',
      '電子保証ポータルにログインし、「保証工事一覧」から内容をご確認ください。',
      `ログイン画面：${portalUrl()}/login`,
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}

/** The frame of a notice to the contractor: greeting, `lead`, the guarantee, `body`, where to look, the footer. */
function contractorNotice(c: ContractorNotice, lead: string[], body: string[]): string {
  return [
    `${c.contractorName} 様`,
    '',
    `${c.suretyName}です。`,
    ...lead,
    '',
    `区分　　　　：${GUARANTEE_KIND_LABEL[c.kind]}`,
    `保証契約番号：${c.number}`,
    `工事名　　　：${c.projectName}`,
    `発注者　　　：${c.ordererName}`,
    '',
    ...(body.length ? [...body, ''] : []),
    '電子保証ポータルにログインし、「保証工事一覧」から内容をご確認ください。',
    `ログイン画面：${portalUrl()}/login`,
    '',
    ...(c.deliveryMethod === 'ELECTRONIC' ? ['※このメールには認証キーを記載していません。'] : []),
    '※このメールは送信専用です。',
  ].join('\n');
}

/**
 * The contractor's mail when an officer cancels the guarantee (解除): the date (ISO in, 2026/12/05 out),
 * the reason, and what is no longer to be submitted (cancelledSubmission: the key, or the paper
 * certificate). No key, no token link.
 */
export function guaranteeCancelledMail(c: ContractorNotice, d: { cancelledOn: string; reason: string }): { subject: string; bodyText: string } {
  return {
    subject: `保証契約解除のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: contractorNotice(
      c,
      [`下記の保証契約を ${formatIsoDate(d.cancelledOn)} 付けで解除しました。`, `解除の理由　：${d.reason.replace(/[\r\n]+/g, ' ').trim()}`],
      cancelledSubmission(c.deliveryMethod),
    ),
  };
}

/**
 * The contractor's 保証期間満了間近 mail (an occasion of its own, decision 024): the 保証期間 ends
 * within 30 days while the 工期 goes on, and it is the contractor who asks for the 変更契約.
 */
export function periodEndingContractorMail(c: ContractorNotice, d: { guaranteeEnd: string; periodEnd: string }): { subject: string; bodyText: string } {
  return {
    subject: `保証期間満了間近のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: contractorNotice(
      c,
      [
        `下記の保証契約の保証期間は ${formatIsoDate(d.guaranteeEnd)} までです（満了日）。`,
        `工期（至）は ${formatIsoDate(d.periodEnd)} のため、保証期間の満了後も工期が続きます。`,
        '工期の延長に合わせて保証期間を変更する場合は、変更契約の手続きについて保証会社の取次場所へご連絡ください。',
      ],
      [],
    ),
  };
}
