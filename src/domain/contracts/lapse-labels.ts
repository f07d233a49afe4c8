import { portalUrl } from '@/domain/guarantees/mail-texts';
import { formatYen } from '@/lib/money';
import { formatJapaneseDate } from '@/lib/wareki';
import type { LapseKind } from './lapse-rules';

/**
 * The lapse watcher's words (issue 17, decision 075), pure: the needed change as both sides' screens
 * and the mails say it.
 */

/** What must change, as a short label (the list marks and the notice's heading). */
export const LAPSE_KIND_LABEL: Record<LapseKind, string> = {
  EXTEND_PERIOD: '保証期間の延長',
  RAISE_AMOUNT: '保証金額の増額',
  LOWER_AMOUNT: '保証金額の減額',
};

/** The same, shorter, for a list's mark (要変更契約（期間延長）): the page of the guarantee or contract says it whole. */
export const LAPSE_KIND_SHORT: Record<LapseKind, string> = {
  EXTEND_PERIOD: '期間延長',
  RAISE_AMOUNT: '増額',
  LOWER_AMOUNT: '減額',
};

/** How a need ended (the audit and the tests; not shown on a screen of its own). */
export const LAPSE_RESOLUTION_LABEL: Record<'CHANGE_RECORDED' | 'CONTRACT_REVERTED' | 'SUPERSEDED' | 'UNMATCHED', string> = {
  CHANGE_RECORDED: '変更契約の登録により解消',
  CONTRACT_REVERTED: '契約台帳の再変更により不要',
  SUPERSEDED: '契約台帳の再変更により更新',
  UNMATCHED: '照合の解除により終了',
};

/** One stored need, with what it was raised from. */
export interface LapseFacts {
  kind: LapseKind;
  neededEnd: string | null;
  neededAmount: bigint | null;
  /** The guarantee's 保証期間（至） and 保証金額 when the need was raised. */
  guaranteeEnd: string;
  guaranteeAmount: bigint;
  /** The contract's 請負金額 at the revision that raised it. */
  contractAmount: bigint;
}

const yen = (v: bigint) => `${formatYen(v)}円`;
// In a sentence, without the certificate's aligning spaces (令和 9年 6月 → 令和9年6月).
const date = (iso: string) => formatJapaneseDate(iso).replace(/\s+/gu, '');

/** One sentence: why, and which 変更契約 is needed. */
export function lapseSentence(l: LapseFacts): string {
  switch (l.kind) {
    case 'EXTEND_PERIOD':
      return `工期（至）が${date(l.neededEnd ?? '')}に延びたため、保証期間（至）${date(l.guaranteeEnd)}を${date(l.neededEnd ?? '')}まで延長する変更契約が必要です。`;
    case 'RAISE_AMOUNT':
      return `請負金額が${yen(l.contractAmount)}に変わったため、契約保証の保証金額${yen(l.guaranteeAmount)}を${yen(l.neededAmount ?? 0n)}以上に増額する変更契約が必要です。`;
    case 'LOWER_AMOUNT':
      return `請負金額が${yen(l.contractAmount)}に変わったため、保証金額${yen(l.guaranteeAmount)}を${yen(l.neededAmount ?? 0n)}以下に減額する変更契約が必要です（前払金は請負金額の割合までです）。`;
  }
}

export const LAPSE_LABELS = {
  /** The orderer's contract page. */
  ordererTitle: '必要な保証の変更',
  ordererLead: '契約台帳の変更により、照合した保証証書について次の変更契約が必要です。受注者が保証会社と変更契約を結ぶと、この表示は消えます。',
  raisedAt: (revision: number, at: string) => `契約台帳の第${revision}版（${at}）の変更による。`,
  /** Under a need the contractor is not shown (072's 受注者 check finds a difference): the lead's 「受注者が…」 does not hold. */
  contractorNotShown: '契約台帳の受注者と保証証書の受注者が異なるため、受注者にはこの変更契約を表示していません。照合が正しいかご確認ください。',
  /**
   * The register's row and the contractor's list: 「要変更契約」 above the kinds in short (markLines), so
   * that the mark keeps its column narrow and a long 工事名 on two lines; `mark` is the same words as one
   * phrase, as a reader hears them.
   */
  markLines: (kinds: readonly LapseKind[]) => ['要変更契約', `（${kinds.map((k) => LAPSE_KIND_SHORT[k]).join('・')}）`] as const,
  mark: (kinds: readonly LapseKind[]) => LAPSE_LABELS.markLines(kinds).join(''),
  /** The contractor's guarantee page. */
  contractorTitle: '発注者の契約の変更に伴う変更契約のお願い',
  contractorLead: (ordererName: string) => `${ordererName}の契約台帳で、この保証の工事の契約が変更されました。次の変更契約を保証会社にお申し込みください。変更契約が登録されると、この表示は消えます。`,
} as const;

/**
 * Whether the guarantee's contractor was told too: TOLD (its mail queued), DIFFERS (072's 受注者 check
 * finds a difference: neither mailed nor shown to it), NO_ADDRESS (no user of it can be mailed; it sees
 * the need on its screens).
 */
export type LapseContractorNotice = 'TOLD' | 'DIFFERS' | 'NO_ADDRESS';

const ORDERER_MAIL_CONTRACTOR_LINE: Record<LapseContractorNotice, string> = {
  TOLD: '受注者にも同じ内容をお知らせしました。',
  DIFFERS: '契約台帳の受注者と保証証書の受注者が異なるため、受注者にはお知らせしていません。照合が正しいかご確認ください。',
  NO_ADDRESS: '受注者にはメールの宛先が登録されていないため、メールではお知らせしていません（受注者が電子保証ポータルにログインすると表示されます）。',
};

export interface LapseMailFacts {
  ordererName: string;
  contractNumber: string;
  projectName: string;
  guaranteeNumber: string;
  contractorName: string;
  suretyName: string;
  contractId: string;
  lapses: readonly LapseFacts[];
}

/** 「保証の変更契約が必要です（工事名）」 to the orderer's staff of the contract's department. */
export function lapseOrdererMail(f: LapseMailFacts, contractor: LapseContractorNotice): { subject: string; bodyText: string } {
  return {
    subject: `【電子保証】保証の変更契約が必要です（${f.projectName}）`,
    bodyText: [
      `${f.ordererName} ご担当者様`,
      '',
      '契約台帳の変更により、照合している保証証書について変更契約が必要になりました。',
      '',
      `契約番号　　：${f.contractNumber}`,
      `工事名　　　：${f.projectName}`,
      `保証契約番号：${f.guaranteeNumber}`,
      `受注者　　　：${f.contractorName}`,
      '',
      ...f.lapses.map((l) => `・${lapseSentence(l)}`),
      '',
      `${ORDERER_MAIL_CONTRACTOR_LINE[contractor]}変更契約が登録されると、契約台帳の表示は消えます。`,
      `契約台帳：${portalUrl()}/orderer/contracts/${f.contractId}`,
      '',
      '電子保証ポータル',
    ].join('\n'),
  };
}

/** 「保証の変更契約のお願い（工事名）」 to the guarantee's contractor (a JV's 代表者). */
export function lapseContractorMail(f: LapseMailFacts): { subject: string; bodyText: string } {
  return {
    subject: `【電子保証】保証の変更契約のお願い（${f.projectName}）`,
    bodyText: [
      `${f.contractorName} 様`,
      '',
      `${f.suretyName}です。`,
      `${f.ordererName}の契約台帳で、次の保証の工事の契約が変更されました。`,
      '',
      `保証契約番号：${f.guaranteeNumber}`,
      `工事名　　　：${f.projectName}`,
      `発注者　　　：${f.ordererName}`,
      '',
      ...f.lapses.map((l) => `・${lapseSentence(l)}`),
      '',
      '変更契約を保証会社にお申し込みください。変更契約が登録されると、保証工事一覧の表示は消えます。',
      `ログイン画面：${portalUrl()}/login`,
      '',
      '電子保証ポータル',
    ].join('\n'),
  };
}
