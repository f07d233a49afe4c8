import { stringify } from 'csv-stringify/sync';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { formatDateTime, todayInTokyo } from '@/lib/dates';
import { DISPLAY_STATUS_LABEL, MARK_LABEL } from './marks';
import type { ConfirmedRow } from './confirmed-row';

/**
 * The 契約台帳 cell (decision 072 amended), the page's words: 未照合, 照合済み・食い違いなし, or
 * 要確認 N件 (findings to act on; a change already confirmed is not counted).
 */
export const CONTRACT_MATCH_LABEL = {
  unmatched: '未照合',
  consistent: '照合済み・食い違いなし',
  problems: (n: number) => `要確認 ${n}件`,
} as const;

export const contractMatchText = (m: ConfirmedRow['contractMatch']) =>
  !m ? CONTRACT_MATCH_LABEL.unmatched : m.problems ? CONTRACT_MATCH_LABEL.problems(m.problems) : CONTRACT_MATCH_LABEL.consistent;

/**
 * The 確認済み一覧 as CSV for Excel. Quoting, escaping and the BOM are csv-stringify's (a maintained
 * library), not ours.
 *
 * Encoding: UTF-8 with a byte-order mark. Excel opens a CSV without a BOM in the machine's legacy code
 * page and garbles the Japanese; with the UTF-8 BOM it reads UTF-8. Shift_JIS would open in every
 * Excel too, but cannot hold every name a record carries: Shift_JIS proper (JIS X 0208) has no 髙, 﨑,
 * ① or ② (common in company names and addresses); Windows' CP932 has them only as NEC/IBM vendor
 * extensions that other decoders map differently, and neither has 𠮷, 𩸽 or the rest of JIS X 0213
 * and beyond. A Shift_JIS file would have to replace characters of a public record with 〓 or ?; the
 * portal's mail is UTF-8 for the same reason. Line ends are CRLF (RFC 4180, what Excel writes itself).
 *
 * Formula injection: 工事名, company, department and user names are typed by other people. A cell that
 * starts with = + - @ (or their 全角 forms), a tab or a CR could run as a formula when the clerk opens
 * the file (OWASP "CSV Injection"). csv-stringify's `escape_formulas` prefixes such a cell with an
 * apostrophe (「'=1+1」): Excel shows it as text, the apostrophe stays visible (so nothing is silently
 * altered), and no value we write ourselves (dates, digits, labels) starts with one of those signs.
 */
export const CSV_HEADER = [
  '確認日時',
  '確認者',
  '部署',
  '保証契約番号',
  '区分',
  '工事名',
  '保証契約者',
  '保証金額',
  '確認した版',
  '最新の版',
  '現在の状態',
  '確認後の変更',
  '契約台帳',
  '契約番号',
] as const;

/** The 確認後の変更 cell of a row with no mark. */
export const NO_MARK = 'なし';

/**
 * The CSV text of `rows`: with the BOM and the header line first unless `header: false` (a later
 * batch of the same file: see confirmedCsvChunks). Every record ends with CRLF, so batches join.
 */
export function confirmedCsvText(rows: readonly ConfirmedRow[], { header = true }: { header?: boolean } = {}): string {
  return stringify(
    rows.map((r) => [
      formatDateTime(r.confirmedAt),
      r.userName ?? '',
      r.departmentName ?? '',
      r.number,
      GUARANTEE_KIND_LABEL[r.kind],
      r.projectName,
      r.contractorName,
      // Plain digits: Excel reads them as a number the clerk can sum and format.
      r.guaranteeAmount.toString(),
      String(r.confirmedVersion),
      String(r.latestVersion),
      DISPLAY_STATUS_LABEL[r.displayStatus],
      r.marks.length ? r.marks.map((m) => MARK_LABEL[m]).join('・') : NO_MARK,
      contractMatchText(r.contractMatch),
      r.contractMatch?.contractNumber ?? '',
    ]),
    { header, columns: [...CSV_HEADER], bom: header, escape_formulas: true, record_delimiter: 'windows' },
  );
}

/** 確認済み一覧_20260401.csv (the day in Asia/Tokyo). */
export const confirmedCsvFilename = (now = new Date()) => `確認済み一覧_${todayInTokyo(now).replaceAll('-', '')}.csv`;
