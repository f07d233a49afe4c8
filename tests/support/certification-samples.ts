// The 中間前払金認定調書 as sample data for the PDF tests (tests/unit/pdf.test.ts): fixed dates, so the
// same input gives the same bytes and the baseline in tests/fixtures/pdf/ is this document. The
// contract is the flyer's 〇〇道路改良工事 for 大村市; the JV sample is issue 16's demo JV.
import type { CertificationDocumentData } from '@/pdf/certification-document';

export const certificationDocument: CertificationDocumentData = {
  format: 1,
  number: '令和8年度第12号',
  certifiedOn: '2026-10-23',
  certifiedAt: '2026-10-23T01:15:00.000Z', // 10:15 in Tokyo
  requestedOn: '2026-10-16',
  holder: { linesAbove: ['▲▲市▲▲区▲▲1丁目1番1号'], name: '株式会社〇〇建設', linesBelow: [] },
  certifier: { name: '大村市長', department: '都市整備部土木課' },
  contract: {
    projectName: '〇〇道路改良工事',
    projectLocation: '大村市〇〇町地内',
    contractDate: '2026-04-10',
    periodStart: '2026-04-11',
    periodEnd: '2027-03-31',
    periodDays: 355,
    contractAmount: '100000000',
  },
  advanceGuarantee: { number: '2070004426', amount: '40000000' },
  halfPeriodDate: '2026-10-06',
  reportedOn: '2026-10-15',
  plannedProgress: '48',
  actualProgress: '51.5',
  workDoneAmount: '56000000',
  workDoneShare: '56',
  requestedAmount: '20000000',
  limits: { intermediate: '2/10', combined: '6/10' },
  note: null,
  clerk: '大村 土木',
  portalName: '電子保証ポータル',
};

/** The same 認定 for the demo JV's contract: the JV's name with 様, its 代表者 under it. */
export const jvCertificationDocument: CertificationDocumentData = {
  ...certificationDocument,
  number: '令和8年度第13号',
  holder: {
    linesAbove: [],
    name: '〇〇・△△特定建設工事共同企業体',
    linesBelow: ['代表者　▲▲市▲▲区▲▲1丁目1番1号　株式会社〇〇建設'],
  },
  contract: {
    ...certificationDocument.contract,
    projectName: '大村市〇〇地区排水機場更新工事',
    contractAmount: '300000000',
  },
  advanceGuarantee: { number: '2070004434', amount: '120000000' },
  workDoneAmount: '165000000',
  workDoneShare: '55',
  requestedAmount: '60000000',
  note: '工事履行報告書（令和8年10月15日現在）及び現場に搬入された検査済みの材料により確認した。',
};
