import { portalUrl, type MemberOf } from '@/domain/guarantees/mail-texts';
import { formatIsoDate } from '@/lib/dates';
import { formatPremiumDifference, formatTermValue } from './format';
import { REASON_NOTE_TEXT, type FieldChange, type ReasonNote } from './rules';

interface ChangeMail {
  contractorName: string;
  suretyName: string;
  number: string;
  projectName: string;
  changeDate: string;
  fields: FieldChange[];
  reasonNote: ReasonNote;
  version?: number;
  /** 電子交付 (the key carries over) or 書面 (the changed certificate follows by post). */
  electronic: boolean;
  premiumDifference: bigint | null;
  /** A JV 構成員's mail (issue 16 B8): addressed to the member, naming the JV; no key, no premium. */
  member?: MemberOf;
}

/** 「変更契約登録のお知らせ」 to the contractor: what changed, whether a (変更) version was issued. No key, no token link. */
export function changeRecordedMail(c: ChangeMail): { subject: string; bodyText: string } {
  if (c.member) return memberChangeMail(c, c.member);
  return {
    subject: c.version
      ? `保証証書（変更）発行のお知らせ（保証契約番号 ${c.number}）`
      : `変更契約登録のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: [
      `${c.contractorName} 様`,
      '',
      `${c.suretyName}です。`,
      `変更契約（${formatIsoDate(c.changeDate)}）を登録しました。`,
      c.version
        ? c.electronic
          ? `電子証書の第${c.version}版（変更）を発行しました。保証契約番号と認証キーは変わりません。`
          : `保証証書の第${c.version}版（変更）を発行しました。書面の保証証書は別途郵送いたします。保証契約番号は変わりません。`
        : `保証証書は発行しません（${REASON_NOTE_TEXT[c.reasonNote]}）。`,
      '',
      `保証契約番号：${c.number}`,
      `工事名　　　：${c.projectName}`,
      '変更内容　　：',
      ...c.fields.map((f) => `　${f.label}　${formatTermValue(f.field, f.before)} → ${formatTermValue(f.field, f.after)}`),
      ...(c.premiumDifference !== null ? [`保証料の差額：${formatPremiumDifference(c.premiumDifference)}`] : []),
      '',
      '電子保証ポータルにログインし、「保証工事一覧」から内容をご確認ください。',
      `ログイン画面：${portalUrl()}/login`,
      '',
      '※このメールには認証キーを記載していません。',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}

/**
 * 「変更契約登録のお知らせ」 to a JV's 構成員 (issue 16 B8, D6: each member is jointly liable, so each
 * hears of the change): what changed and whether a (変更) version was issued, naming the JV and its
 * 代表者 — without the key's sentence and the premium, which are the 代表者's.
 */
function memberChangeMail(c: ChangeMail, jv: MemberOf): { subject: string; bodyText: string } {
  return {
    subject: c.version ? `保証証書（変更）発行のお知らせ（保証契約番号 ${c.number}）` : `変更契約登録のお知らせ（保証契約番号 ${c.number}）`,
    bodyText: [
      `${c.contractorName} 様`,
      '',
      `${c.suretyName}です。`,
      `貴社が構成員である共同企業体の保証契約について、変更契約（${formatIsoDate(c.changeDate)}）を登録しました。`,
      c.version ? `保証証書の第${c.version}版（変更）を発行しました。保証契約番号は変わりません。` : `保証証書は発行しません（${REASON_NOTE_TEXT[c.reasonNote]}）。`,
      '',
      `共同企業体　：${jv.jointVentureName}`,
      `代表者　　　：${jv.representativeName}`,
      `保証契約番号：${c.number}`,
      `工事名　　　：${c.projectName}`,
      '変更内容　　：',
      ...c.fields.map((f) => `　${f.label}　${formatTermValue(f.field, f.before)} → ${formatTermValue(f.field, f.after)}`),
      '',
      `発注者への提出などのお手続きは代表者（${jv.representativeName}）が行います。`,
      '電子保証ポータルにログインし、「保証工事一覧」から内容をご確認ください。',
      `ログイン画面：${portalUrl()}/login`,
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}
