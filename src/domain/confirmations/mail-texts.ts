import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { portalUrl } from '@/domain/guarantees/mail-texts';
import type { GuaranteeKind } from '@/generated/prisma/enums';
import { formatIsoDate } from '@/lib/dates';

/** What happened to a certificate an orderer confirmed (SPEC "Beyond the peers"). */
export type ConfirmedEvent = 'CHANGED' | 'CANCELLED' | 'PERIOD_ENDING';

export interface ConfirmedEventDetails {
  /**
   * The day it concerns ('YYYY-MM-DD'): CHANGED the 変更契約日, CANCELLED the 解除日, PERIOD_ENDING the
   * last day of the 保証期間.
   */
  date: string;
  /** CHANGED: the version the change issued; absent when it issued none (【注2】【注3】). */
  version?: number;
  /** One line on what changed or why (e.g. 「保証金額の変更」), as the officer recorded it. */
  note?: string;
  /** PERIOD_ENDING: the 工期（至） ('YYYY-MM-DD'), later than the end of the 保証期間. */
  periodEnd?: string;
}

interface Subject {
  organizationName: string;
  suretyName: string;
  number: string;
  kind: GuaranteeKind;
  projectName: string;
  contractorName: string;
}

const SUBJECT: Record<ConfirmedEvent, (number: string) => string> = {
  CHANGED: (n) => `【電子保証】確認済みの電子証書が変更されました（保証契約番号 ${n}）`,
  CANCELLED: (n) => `【電子保証】確認済みの電子証書の保証契約が解除されました（保証契約番号 ${n}）`,
  PERIOD_ENDING: (n) => `【電子保証】確認済みの電子証書の保証期間満了のお知らせ（保証契約番号 ${n}）`,
};

function whatHappened(event: ConfirmedEvent, d: ConfirmedEventDetails): string[] {
  const date = formatIsoDate(d.date);
  switch (event) {
    case 'CHANGED':
      return d.version
        ? [
            `変更契約（${date}）により、電子証書の第${d.version}版（変更）が発行されました。`,
            `第${d.version}版（変更）の内容をご確認のうえ、電子証書の画面で「この版を確認しました」を押してください（認証キーの再入力は不要です）。`,
          ]
        : [`変更契約（${date}）が登録されました。この変更では電子証書は発行されません（確認済みの電子証書がそのまま有効です）。`];
    case 'CANCELLED':
      return [`この保証契約は ${date} 付けで解除されました。`];
    case 'PERIOD_ENDING':
      return [
        `この保証契約の保証期間は ${date} までです（満了日）。`,
        ...(d.periodEnd
          ? [`工期（至）は ${formatIsoDate(d.periodEnd)} のため、保証期間の満了後も工期が続きます。保証期間の変更（変更契約）について、受注者にご確認ください。`]
          : []),
      ];
  }
}

/**
 * The mail to an orderer's staff. It names the number and what happened, and says where to sign in:
 * no 認証キー and no link carrying a token (a forwarded or intercepted mail opens nothing).
 */
export function confirmedEventMail(s: Subject, event: ConfirmedEvent, details: ConfirmedEventDetails): { subject: string; bodyText: string } {
  const note = details.note?.replace(/[\r\n]+/g, ' ').trim();
  return {
    subject: SUBJECT[event](s.number),
    bodyText: [
      `${s.organizationName} ご担当者様`,
      '',
      `${s.suretyName}の電子保証ポータルです。`,
      '貴団体で確認済みの電子証書について、お知らせします。',
      '',
      ...whatHappened(event, details),
      ...(note ? [`内容　　　　：${note}`] : []),
      '',
      `区分　　　　：${GUARANTEE_KIND_LABEL[s.kind]}`,
      `保証契約番号：${s.number}`,
      `工事名　　　：${s.projectName}`,
      `保証契約者　：${s.contractorName}`,
      '',
      '電子保証ポータル（発注者用）にログインし、「確認済み一覧」から現在の内容と状態をご確認ください。',
      `ログイン画面：${portalUrl()}/login`,
      '',
      '※このメールには認証キーやログイン用のリンクを記載していません。',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}
