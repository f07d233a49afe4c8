import { portalUrl } from '@/domain/guarantees/mail-texts';
import { JOINT_VENTURE_KIND_LABEL, JOINT_VENTURE_MODE_LABEL, JOINT_VENTURE_ROLE_LABEL } from '@/domain/labels';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { formatShare, type JointVentureKind, type JointVentureMode, type JointVentureRole } from './rules';

/**
 * 「共同企業体登録のお知らせ」 (docs/research/issue-16.md B8; decision 065): when an officer registers a
 * JV, each member company's users learn of it in their own words. The 代表者 is told it may now apply
 * for guarantees as the JV's 代表者, and where; a 構成員 that the JV's guarantees will show in its
 * 保証工事一覧 once concluded, and that the 代表者 handles the application, the key and the premiums.
 * Both name the JV, its 種類 and 施工方式 and every member with its share. No key, no link with a token:
 * the mail says where to sign in.
 */

export interface RegisteredJointVenture {
  name: string;
  kind: JointVentureKind;
  mode: JointVentureMode;
  /** 結成日 (ISO), if recorded. */
  formedOn: string | null;
  /** The members, 代表者 first, as stored. */
  members: readonly { name: string; role: JointVentureRole; shareBasisPoints: number }[];
  suretyName: string;
}

/** The company a mail is addressed to, and its role in the JV. */
export interface RegisteredRecipient {
  companyName: string;
  role: JointVentureRole;
}

/** Where a contractor's users read their JVs (the contractor's 共同企業体, read-only). */
export const jointVenturesUrl = () => `${portalUrl()}/contractor/joint-ventures`;

export function jointVentureRegisteredMail(jv: RegisteredJointVenture, to: RegisteredRecipient): { subject: string; bodyText: string } {
  const representative = jv.members.find((m) => m.role === 'REPRESENTATIVE')?.name ?? '';
  const lead =
    to.role === 'REPRESENTATIVE'
      ? '貴社を代表者とする共同企業体を電子保証ポータルに登録しました。'
      : '貴社が構成員である共同企業体を電子保証ポータルに登録しました。';
  const whatNow =
    to.role === 'REPRESENTATIVE'
      ? [
          '貴社は、この共同企業体の代表者として保証を申し込めます。',
          '電子保証ポータルにログインし、「共同企業体」の一覧から「この共同企業体で保証を申し込む」を選んでください。',
        ]
      : [
          'この共同企業体の保証が締結されると、貴社の「保証工事一覧」に表示され、電子証書の内容をご確認いただけます。',
          `保証の申込み、認証キーの表示・発注者への提出、保証料のお手続きは代表者（${representative}）が行います。`,
        ];
  return {
    subject: `共同企業体登録のお知らせ（${jv.name}）`,
    bodyText: [
      `${to.companyName} 様`,
      '',
      `${jv.suretyName}です。`,
      lead,
      '',
      `共同企業体：${jv.name}`,
      `種類　　　：${JOINT_VENTURE_KIND_LABEL[jv.kind]}`,
      `施工方式　：${JOINT_VENTURE_MODE_LABEL[jv.mode]}`,
      ...(jv.formedOn ? [`結成日　　：${formatJapaneseDateShort(jv.formedOn)}`] : []),
      '構成員と出資比率：',
      ...jv.members.map((m) => `　${JOINT_VENTURE_ROLE_LABEL[m.role]}　${m.name}　${formatShare(m.shareBasisPoints)}％`),
      '',
      ...whatNow,
      `共同企業体の一覧：${jointVenturesUrl()}`,
      `ログイン画面　　：${portalUrl()}/login`,
      '（お客様ID・パスワードは保証申込と共通です。）',
      '',
      '登録内容に誤りがある場合は、保証会社にご連絡ください。',
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}
