import { portalUrl } from '@/domain/guarantees/mail-texts';
import { formatYen } from '@/lib/money';
import { formatBasisPoints } from '@/lib/percent';
import { formatJapaneseDateShort as japaneseDate } from '@/lib/wareki';

/**
 * The 中間前払金 認定's mails (docs/research/issue-16.md B8): to the certifying department when a
 * request comes or is withdrawn, to the requesting company when the clerk decides. Subjects follow the
 * portal's habits (mails to orderer staff start 【電子保証】; contractor mails 「…のお知らせ（…）」). They
 * say where to sign in, never carry an attachment: the 認定調書 and the reports are read in the portal.
 */

export interface CertificationMailFacts {
  contractorName: string;
  ordererName: string;
  departmentName: string;
  projectName: string;
  advanceNumber: string;
}

const signIn = () => `ログイン画面：${portalUrl()}/login`;

export function certificationRequestedMail(
  c: CertificationMailFacts,
  d: { reportedOn: string; plannedProgressBp: number; actualProgressBp: number; workDoneAmount: bigint; requestedAmount: bigint; files: number },
): { subject: string; bodyText: string } {
  return {
    subject: `【電子保証】中間前払金の認定請求がありました（${c.projectName}）`,
    bodyText: [
      `${c.ordererName} ${c.departmentName} 御中`,
      '',
      '電子保証ポータルで、中間前払金の認定の請求がありました。',
      '',
      `請求者　　　　　：${c.contractorName}`,
      `工事名　　　　　：${c.projectName}`,
      `前払金保証　　　：保証契約番号 ${c.advanceNumber}`,
      `報告日　　　　　：${japaneseDate(d.reportedOn)}`,
      `予定工程・実施工程：${formatBasisPoints(d.plannedProgressBp)}％・${formatBasisPoints(d.actualProgressBp)}％`,
      `出来高　　　　　：${formatYen(d.workDoneAmount)}円`,
      `請求予定額　　　：${formatYen(d.requestedAmount)}円`,
      `添付ファイル　　：${d.files}件（ポータルでご覧ください）`,
      '',
      '電子保証ポータルにログインし、「中間前払金の認定」から内容をご確認のうえ、認定または不認定としてください。',
      signIn(),
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}

export function certificationWithdrawnMail(c: CertificationMailFacts, d: { byCancel: boolean }): { subject: string; bodyText: string } {
  return {
    subject: `【電子保証】中間前払金の認定請求が取り下げられました（${c.projectName}）`,
    bodyText: [
      `${c.ordererName} ${c.departmentName} 御中`,
      '',
      d.byCancel
        ? '次の中間前払金の認定請求は、前払金保証の契約が解除されたため取り下げられました。認定の必要はありません。'
        : '次の中間前払金の認定請求は、請求者により取り下げられました。認定の必要はありません。',
      '',
      `請求者　　：${c.contractorName}`,
      `工事名　　：${c.projectName}`,
      `前払金保証：保証契約番号 ${c.advanceNumber}`,
      '',
      signIn(),
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}

export function certificationDecidedMail(
  c: CertificationMailFacts,
  d: { decision: 'CERTIFIED'; number: string; certifiedOn: string } | { decision: 'REFUSED'; reason: string },
): { subject: string; bodyText: string } {
  const head = [`${c.contractorName} 様`, ''];
  const facts = [`工事名　　：${c.projectName}`, `前払金保証：保証契約番号 ${c.advanceNumber}`, `認定権者　：${c.ordererName}（${c.departmentName}）`];
  if (d.decision === 'CERTIFIED') {
    return {
      subject: `中間前払金の認定のお知らせ（${d.number}）`,
      bodyText: [
        ...head,
        '請求された中間前払金の認定について、発注者が認定しました。',
        '',
        `認定番号　：${d.number}`,
        `認定日　　：${japaneseDate(d.certifiedOn)}`,
        ...facts,
        '',
        '電子保証ポータルにログインし、「中間前払金の認定」から中間前払金認定調書（PDF）をご確認ください。',
        signIn(),
        '',
        '※このメールは送信専用です。',
      ].join('\n'),
    };
  }
  return {
    subject: `中間前払金の不認定のお知らせ（${c.projectName}）`,
    bodyText: [
      ...head,
      '請求された中間前払金の認定について、発注者が不認定としました。',
      '',
      ...facts,
      '不認定の理由：',
      d.reason,
      '',
      '内容をご確認のうえ、要件を満たしてから、あらためて請求してください。',
      signIn(),
      '',
      '※このメールは送信専用です。',
    ].join('\n'),
  };
}
