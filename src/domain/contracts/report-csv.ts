import { stringify } from 'csv-stringify/sync';
import { formatSlashDate } from '@/lib/date-input';
import { todayInTokyo } from '@/lib/dates';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { contractRowStart } from './csv';
import { shareText } from './labels';
import type { FindingLine, RequiredGuarantee, UnconfirmedRow } from './match-report';

/**
 * The reports of 契約台帳 ↔ 保証証書 as CSV (pure; decision 072 amended): UTF-8 with a BOM and CRLF for
 * Excel, as the 確認済み一覧's and the register's (061, 068). `escape_formulas` prefixes a cell that
 * starts with = + - @, a tab or a CR with an apostrophe: 工事名 and 受注者 come from the register and the
 * certificates, typed by other people.
 */

export const FINDING_KIND_LABEL = { problem: '要確認', note: '参考' } as const;
export const REQUIRED_GUARANTEE_LABEL: Record<RequiredGuarantee, string> = { advance: '前払金保証', performance: '契約保証' };

export const REPORT_CSV_HEADER = ['区分', '契約番号', '工事名', '契約日', '保証契約番号', '保証の種類', '内容'] as const;

export function reportCsvText(lines: readonly FindingLine[]): string {
  return stringify(
    lines.map((l) => [
      l.problem ? FINDING_KIND_LABEL.problem : FINDING_KIND_LABEL.note,
      l.contractNumber,
      l.projectName,
      formatSlashDate(l.contractDate),
      l.guaranteeNumber,
      GUARANTEE_KIND_LABEL[l.kind],
      l.text,
    ]),
    { header: true, columns: [...REPORT_CSV_HEADER], bom: true, escape_formulas: true, record_delimiter: 'windows' },
  );
}

export const UNCONFIRMED_CSV_HEADER = ['契約番号', '工事名', '受注者', '請負金額', '契約日', '経過日数', '必要な保証', '未確認の保証', '照合済みの保証証書'] as const;

const requiredText = (r: UnconfirmedRow) =>
  [r.advanceShareBp === null ? null : `前払金 ${shareText(r.advanceShareBp)}`, r.performanceShareBp === null ? null : `契約保証 ${shareText(r.performanceShareBp)}`]
    .filter(Boolean)
    .join('・');

export function unconfirmedCsvText(rows: readonly UnconfirmedRow[]): string {
  return stringify(
    rows.map((r) => [
      ...contractRowStart(r),
      String(r.daysSince),
      requiredText(r),
      r.missing.map((m) => REQUIRED_GUARANTEE_LABEL[m]).join('・'),
      r.matchedNumber ?? '',
    ]),
    { header: true, columns: [...UNCONFIRMED_CSV_HEADER], bom: true, escape_formulas: true, record_delimiter: 'windows' },
  );
}

export { requiredText as unconfirmedRequiredText };

/** 照合結果の一覧_20260401.csv / 保証未確認_20260401.csv (the day in Asia/Tokyo). */
export const reportCsvFilename = (now = new Date()) => `照合結果の一覧_${todayInTokyo(now).replaceAll('-', '')}.csv`;
export const unconfirmedCsvFilename = (now = new Date()) => `保証未確認_${todayInTokyo(now).replaceAll('-', '')}.csv`;
