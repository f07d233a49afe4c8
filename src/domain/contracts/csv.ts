import { stringify } from 'csv-stringify/sync';
import { formatSlashDate } from '@/lib/date-input';
import { todayInTokyo } from '@/lib/dates';
import { CHANGE_FIELDS } from './changes';
import { CONTRACT_FIELD_LABEL, shareText } from './labels';

/**
 * 契約台帳 as CSV (pure): UTF-8 with a BOM and CRLF, for Excel, as the 確認済み一覧's (decision 061).
 * Its columns are the import's own names in the import's order, and its values are written as the
 * import reads them (dates 2026/04/01, shares 10分の4, amounts in plain digits, empty for none), so a
 * file exported, edited in Excel and read back updates exactly what was edited (decision 068).
 * Formula injection: csv-stringify's `escape_formulas` prefixes a cell that starts with = + - @, a tab
 * or a CR with an apostrophe. The register refuses such text on entry, so no cell should need it; the
 * export does not rely on that.
 */
export const CONTRACT_CSV_HEADER = CHANGE_FIELDS.map((f) => CONTRACT_FIELD_LABEL[f]);

export interface ContractCsvRow {
  contractNumber: string;
  projectName: string;
  contractorName: string;
  contractAmount: bigint;
  contractDate: string;
  periodStart: string;
  periodEnd: string;
  advanceShareBp: number | null;
  performanceShareBp: number | null;
  departmentName: string | null;
}

/**
 * A contract's first five cells as the register writes them (契約番号, 工事名, 受注者, 請負金額 in plain
 * digits, 契約日 as 2026/04/01); the 保証未確認 list (report-csv.ts) starts its rows with the same.
 */
export const contractRowStart = (r: Pick<ContractCsvRow, 'contractNumber' | 'projectName' | 'contractorName' | 'contractAmount' | 'contractDate'>) => [
  r.contractNumber,
  r.projectName,
  r.contractorName,
  r.contractAmount.toString(),
  formatSlashDate(r.contractDate),
];

/** The rows as CSV text; the BOM and the header only when `header` (the file's first batch). */
export function contractsCsvText(rows: readonly ContractCsvRow[], { header = true }: { header?: boolean } = {}): string {
  return stringify(
    rows.map((r) => [
      ...contractRowStart(r),
      formatSlashDate(r.periodStart),
      formatSlashDate(r.periodEnd),
      r.advanceShareBp === null ? '' : shareText(r.advanceShareBp),
      r.performanceShareBp === null ? '' : shareText(r.performanceShareBp),
      r.departmentName ?? '',
    ]),
    { header, columns: [...CONTRACT_CSV_HEADER], bom: header, escape_formulas: true, record_delimiter: 'windows' },
  );
}

/** 契約台帳_20260401.csv (the day in Asia/Tokyo). */
export const contractsCsvFilename = (now = new Date()) => `契約台帳_${todayInTokyo(now).replaceAll('-', '')}.csv`;
