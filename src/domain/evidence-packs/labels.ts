/**
 * 証拠書類の一括出力 (issue 17): the Japanese texts the domain produces (form messages, failures). Pure:
 * the form in the browser, the use cases and the tests read the same texts. The page's own texts are in
 * src/app/orderer/evidence-packs/labels.ts.
 */

export const EVIDENCE_PACK_FIELD_LABEL = {
  scope: '出力する範囲',
  fiscalYear: '年度',
  numbers: '保証契約番号',
} as const;

export const EVIDENCE_PACK_MESSAGES = {
  scopeRequired: '出力する範囲を選んでください。',
  fiscalYearRequired: '年度を選んでください。',
  fiscalYearOutOfRange: '選べる年度の中から選んでください。',
  numbersRequired: '保証契約番号を1件以上入力してください（1行に1件、または読点・空白で区切って）。',
  numbersTooMany: (max: number) => `保証契約番号は一度に${max}件までです。`,
  numberInvalid: (typed: string) => `「${typed}」は保証契約番号として正しくありません（10桁の数字、末尾は検査数字）。`,
  numbersNotConfirmed: (numbers: string) => `次の保証契約番号は、貴団体で確認した電子証書がありません: ${numbers}`,
  nothingConfirmed: (what: string) => `${what}に貴団体で確認した電子証書はありません。確認済み一覧をご確認ください。`,
  busy: (max: number) => `作成中の出力が${max}件あります。出来上がってからもう一度お試しください。`,
  failed: '証拠書類を作成できませんでした。時間をおいてもう一度作成してください。続く場合は保証会社へお問い合わせください。',
  drawFailed: (number: string, version: number) =>
    `保証契約番号 ${number} の第${version}版をPDFにできなかったため、証拠書類を作成できませんでした。この番号を除いてもう一度作成するか、保証会社へお問い合わせください。`,
} as const;

/**
 * Who confirmed, when a confirmation was made through the API (no user): named as the lookup page names
 * the API caller (src/app/orderer/lookup/labels.ts, apiCaller), in the 確認記録 PDFs and the manifests.
 */
export const API_CHECKER = '外部システム（API）';

/** A pack's state as the page names it. */
export const EVIDENCE_PACK_STATUS_LABEL = { QUEUED: '作成待ち', RUNNING: '作成中', DONE: '作成済み', FAILED: '作成できませんでした' } as const;
