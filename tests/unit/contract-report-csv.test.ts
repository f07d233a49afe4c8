import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { FindingLine, UnconfirmedRow } from '@/domain/contracts/match-report';
import { REPORT_CSV_HEADER, reportCsvText, UNCONFIRMED_CSV_HEADER, unconfirmedCsvText } from '@/domain/contracts/report-csv';

/** 照合結果の一覧 and 保証未確認 as CSV (decision 072 amended): BOM, CRLF, the columns, formula cells neutralised. */

const line = (patch: Partial<FindingLine> = {}): FindingLine => ({
  contractId: 'c',
  contractNumber: 'R8-土木-012',
  projectName: '髙﨑①道路改良工事',
  contractDate: '2026-04-01',
  guaranteeNumber: '1000000018',
  kind: 'ADVANCE',
  code: 'amount',
  problem: true,
  text: '請負金額が異なります（契約台帳 90,000,000円、保証証書 100,000,000円）。',
  ...patch,
});

const row = (patch: Partial<UnconfirmedRow> = {}): UnconfirmedRow => ({
  contractId: 'c',
  contractNumber: 'R8-土木-013',
  projectName: '〇〇橋補修工事',
  contractorName: '株式会社〇〇建設',
  contractAmount: 10_000_000n,
  contractDate: '2026-03-02',
  daysSince: 30,
  advanceShareBp: 4000,
  performanceShareBp: 1000,
  missing: ['advance', 'performance'],
  matchedNumber: null,
  ...patch,
});

describe('照合結果の一覧 CSV', () => {
  it('BOM and CRLF; 区分, 契約番号, 工事名, 契約日, 保証契約番号, 保証の種類, 内容', () => {
    const text = reportCsvText([line(), line({ problem: false, code: 'changed', text: '保証に変更契約があります（第2版まで確認済み）。' })]);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(text).toContain('\r\n');
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows[0]).toEqual([...REPORT_CSV_HEADER]);
    expect(rows[1]).toEqual(['要確認', 'R8-土木-012', '髙﨑①道路改良工事', '2026/04/01', '1000000018', '前払金保証', '請負金額が異なります（契約台帳 90,000,000円、保証証書 100,000,000円）。']);
    expect(rows[2]![0]).toBe('参考');
  });

  it('a cell Excel would run as a formula gets an apostrophe', () => {
    const rows = parse(reportCsvText([line({ projectName: '=cmd|\' /C calc\'!A0', contractNumber: '@SUM(A1)' })]), { bom: true }) as string[][];
    expect(rows[1]![1]).toBe("'@SUM(A1)");
    expect(rows[1]![2]).toBe("'=cmd|' /C calc'!A0");
  });
});

describe('保証未確認 CSV', () => {
  it('the columns; the shares as the register writes them; what is missing; a formula cell neutralised', () => {
    const rows = parse(unconfirmedCsvText([row(), row({ contractorName: '＋81', missing: ['performance'], advanceShareBp: 4000, matchedNumber: '1000000018' })]), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...UNCONFIRMED_CSV_HEADER]);
    expect(rows[1]).toEqual(['R8-土木-013', '〇〇橋補修工事', '株式会社〇〇建設', '10000000', '2026/03/02', '30', '前払金 10分の4・契約保証 10分の1', '前払金保証・契約保証', '']);
    expect(rows[2]!.slice(2, 3)).toEqual(["'＋81"]);
    expect(rows[2]!.slice(7)).toEqual(['契約保証', '1000000018']);
  });
});
