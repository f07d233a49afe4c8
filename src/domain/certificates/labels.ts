/**
 * The fixed wording of the 保証証書 screen and its print view (the flyer's words). The certificate's
 * own sentences (title, undertaking, notes, terms) are in the content snapshot, not here.
 */
export const CERTIFICATE_LABELS = {
  /** Appended to the title of a version issued after a change contract (【注1】). */
  changed: '（変更）',
  /**
   * The line a sheet of an older version carries next to its status (the print view's printout, the
   * PDF, the evidence pack's certificate.pdf; decision 073): that a later version exists. Version names
   * as versionName writes them, the date as the sheet's (令和 8年 6月 1日). The VersionNotice on screen
   * says the same and more (CHANGE_VIEW_LABELS.notice.superseded is this).
   */
  superseded: (shown: string, latest: string, latestIssuedOn: string) => `この証書は${shown}です。${latest}が発行されています（${latestIssuedOn}発行）。`,
  tableCaption: '保証証書の記載事項',
  number: '保証契約番号',
  contractor: '保証契約者',
  obligee: '被保証者',
  honorific: '様',
  guaranteeAmount: '保証金額',
  guaranteePeriod: '保証期間',
  periodFrom: 'から',
  periodTo: 'まで',
  projectEndDate: '工事末日',
  projectName: '工事名',
  contractAmount: '請負金額',
  depositBank: '預託金融機関',
  /** A 共同企業体 as 保証契約者 (decision 018's jointVenture): the lines under the JV's name. */
  representative: '代表者',
  member: '構成員',
  /** After 預託金融機関 when the 前払金 is deposited with each member (分割預託). */
  splitDeposit: '（分割預託）',
  /** The 中間前払金保証's 認定: 「令和8年度第12号（令和 8年10月23日 大村市長）」. */
  intermediateCertification: '中間前払金認定',
  percent: '％',
  yen: '円',
  issuer: '保証会社',
  branch: '取次場所',
  tel: 'TEL',
  fax: 'FAX',
  notes: '注記',
  opensInNewTab: '（新しいタブで開きます）',
  verification: {
    /** The block under the notes: the version's digest and the QR code to the public verification page. */
    title: '真正性の確認',
    digest: '証書ダイジェスト',
    body: '二次元コードまたは下記のページで、当ポータルが発行した証書であること（改ざんのないこと）と現在の状態を確認できます。',
    qr: '真正性確認ページの二次元コード',
  },
  print: {
    /** The link from the certificate screen to its print view. */
    toPrintView: '印刷画面へ',
    printable: 'この画面は、印刷・保存が可能です。',
    printButton: '印刷する',
    /** The print view's link to the same version as a PDF (src/pdf/certificate.ts, decision 073). */
    savePdf: 'PDFで保存',
    back: '戻る',
    notice: 'ご注意',
  },
} as const;
