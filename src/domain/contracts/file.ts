import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { z } from 'zod';
import { withoutControlCharacters } from '@/lib/text';
import {
  CONTRACT_FIELD_LABEL,
  CONTRACT_FIELD_MESSAGES as M,
  CONTRACT_FILE_MESSAGES as F,
  CONTRACT_ROW_MESSAGES as R,
  type ContractField,
  type DetectedEncoding,
  type EncodingChoice,
  WHOLE_ROW,
} from './labels';
import { MAX_FILE_BYTES, MAX_FILE_MB, MAX_ROWS } from './limits';
import { contractFieldsShape, crossFieldIssues, MAX_NAME } from './schemas';

/**
 * Reading an uploaded register file (pure; decision 068): bytes → text → records → rows checked.
 *
 *   Bytes   at most MAX_FILE_BYTES; a NUL or another control character (other than tab and line ends)
 *           is not a CSV; a UTF-16 file (Excel's 「Unicode テキスト」) is refused with a hint.
 *   Text    a UTF-8 BOM decides UTF-8; otherwise, as chosen or detected (自動判定): UTF-8 when the bytes
 *           are valid UTF-8 (TextDecoder with fatal), else Shift_JIS as Windows and Excel write it
 *           (CP932, with the NEC and IBM extensions: 髙 﨑 ①), decoded by iconv-lite, which marks a byte
 *           sequence CP932 does not have with U+FFFD: any such mark refuses the file. Detection needs no
 *           guessing library: Japanese text in Shift_JIS is practically never valid UTF-8.
 *   Records csv-parse (RFC 4180: quotes, commas and line breaks inside quotes, CRLF or LF); a tab
 *           instead of commas in the header line reads as tab-separated. An unclosed quote refuses the
 *           file at its line.
 *   Header  column names are matched after NFKC, without spaces and brackets, lower-case, against each
 *           field's usual names (工期（自）, 工期(自), 工期自; 請負金額, 契約金額, 請負代金額 …). The seven
 *           fields every contract has are required; 前払金の割合, 契約保証の割合 and 工事担当課 may be
 *           left out (a re-import then leaves them as they are). Other columns are ignored and named.
 *   Rows    each record through the same parsers as the form (schemas.ts); its errors by line (the
 *           header is line 1; a record counts one line, as a spreadsheet numbers its rows) and by the
 *           column as the file names it. Empty records are skipped; at most MAX_ROWS records.
 */

export { MAX_FILE_BYTES, MAX_FILE_MB, MAX_LISTED_ERRORS, MAX_ROWS } from './limits';

export type FileRead<T> = { ok: true; value: T } | { ok: false; message: string };

export interface DecodedFile {
  text: string;
  encoding: DetectedEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const startsWith = (bytes: Uint8Array, lead: number[]) => lead.every((b, i) => bytes[i] === b);
/** Control characters a CSV never holds (tab, LF and CR are its own). */
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

function shiftJis(bytes: Uint8Array): string | null {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp932');
  return text.includes('\ufffd') ? null : text;
}

/** The file's text in the encoding chosen or detected, or why it cannot be read. */
export function decodeContractFile(bytes: Uint8Array, choice: EncodingChoice): FileRead<DecodedFile> {
  if (bytes.byteLength > MAX_FILE_BYTES) return { ok: false, message: F.tooLarge(MAX_FILE_MB) };
  if (bytes.byteLength === 0) return { ok: false, message: F.empty };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { ok: false, message: F.unknownEncoding };
  if (bytes.includes(0)) return { ok: false, message: F.binary };

  let decoded: DecodedFile | null = null;
  if (startsWith(bytes, UTF8_BOM)) {
    const text = strictUtf8(bytes.subarray(3));
    if (text === null) return { ok: false, message: choice === 'shift_jis' ? F.notShiftJis : F.notUtf8 };
    decoded = { text, encoding: 'UTF-8' };
  } else if (choice === 'utf-8') {
    const text = strictUtf8(bytes);
    if (text === null) return { ok: false, message: F.notUtf8 };
    decoded = { text, encoding: 'UTF-8' };
  } else if (choice === 'shift_jis') {
    const text = shiftJis(bytes);
    if (text === null) return { ok: false, message: F.notShiftJis };
    decoded = { text, encoding: 'Shift_JIS' };
  } else {
    const utf8 = strictUtf8(bytes);
    const sjis = utf8 === null ? shiftJis(bytes) : null;
    if (utf8 !== null) decoded = { text: utf8, encoding: 'UTF-8' };
    else if (sjis !== null) decoded = { text: sjis, encoding: 'Shift_JIS' };
    else return { ok: false, message: F.unknownEncoding };
  }
  if (NOT_TEXT.test(decoded.text)) return { ok: false, message: F.binary };
  if (decoded.text.trim() === '') return { ok: false, message: F.empty };
  return { ok: true, value: decoded };
}

/** The columns a file may have, by field. */
export type FileField = ContractField;

/** A column name as matched: NFKC, no spaces or brackets, lower-case. */
export const foldColumnName = (name: string) =>
  name
    .normalize('NFKC')
    .replace(/[\s()[\]{}「」『』【】〔〕<>＜＞"']/g, '')
    .toLowerCase();

/** Each field's usual column names, as written (matched folded). The first is the field's own name. */
export const COLUMN_NAMES: Record<FileField, readonly string[]> = {
  contractNumber: ['契約番号', '契約No', '契約No.', '契約管理番号', '契約コード'],
  projectName: ['工事名', '工事件名', '件名', '工事名称', '業務名'],
  contractorName: ['受注者', '受注者名', '契約の相手方', '契約相手方', '請負者', '請負者名', '業者名', '受注業者', '受注業者名', '商号又は名称'],
  contractAmount: ['請負金額', '請負金額（円）', '契約金額', '契約金額（円）', '請負代金額', '請負代金額（円）', '請負代金'],
  contractDate: ['契約日', '契約年月日', '契約締結日'],
  periodStart: ['工期（自）', '工期開始日', '工期始期', '着工日'],
  periodEnd: ['工期（至）', '工期終了日', '工期終期', '完成期限', '竣工日'],
  advanceShare: ['前払金の割合', '前払金割合', '前払金', '前払金率', '前金払の割合'],
  performanceShare: ['契約保証の割合', '契約保証割合', '契約保証', '契約保証率', '契約保証金の割合'],
  department: ['工事担当課', '工事担当課名', '担当課', '担当課名', '担当部署'],
};

export const REQUIRED_COLUMNS = ['contractNumber', 'projectName', 'contractorName', 'contractAmount', 'contractDate', 'periodStart', 'periodEnd'] as const satisfies readonly FileField[];
export const OPTIONAL_COLUMNS = ['advanceShare', 'performanceShare', 'department'] as const satisfies readonly FileField[];
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

const FIELD_OF_NAME = new Map<string, FileField>(Object.entries(COLUMN_NAMES).flatMap(([field, names]) => names.map((n) => [foldColumnName(n), field as FileField] as const)));

/** One row of the file as read: the contract's values (a column the file lacks is left out). */
export interface FileRow {
  line: number;
  contractNumber: string;
  projectName: string;
  contractorName: string;
  /** Yen, as digits (JSON has no bigint). */
  contractAmount: string;
  contractDate: string;
  periodStart: string;
  periodEnd: string;
  advanceShareBp?: number | null;
  performanceShareBp?: number | null;
  /** 工事担当課 as written (resolved to the orderer's department by the use case); null when empty. */
  departmentName?: string | null;
}

export interface RowError {
  line: number;
  column: string;
  message: string;
}

export interface ReadFile {
  rows: FileRow[];
  /** Every error, in line order (the use case keeps the first MAX_LISTED_ERRORS). */
  errors: RowError[];
  /** Records read (empty ones not counted). */
  rowCount: number;
  /** Which optional columns the file has. */
  columns: Record<OptionalColumn, boolean>;
  /** Columns read by no field, as written. */
  ignoredColumns: string[];
  /** The file's own name of each column it has (what a row's error names). */
  columnNames: Partial<Record<FileField, string>>;
}

/** csv-parse's error, as far as we read it: its line. */
const csvErrorLine = (error: unknown) => {
  const lines = (error as { lines?: unknown }).lines;
  return typeof lines === 'number' ? lines : 1;
};

const rowSchema = z.object({ ...contractFieldsShape, department: z.string().optional() });

/** The records of a decoded file (header first), or why it is no CSV. */
export function parseRecords(text: string): FileRead<string[][]> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  try {
    const records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: false, max_record_size: 64 * 1024 }) as string[][];
    return { ok: true, value: records };
  } catch (error) {
    return { ok: false, message: F.unreadable(csvErrorLine(error)) };
  }
}

const isEmptyRecord = (record: string[]) => record.every((cell) => cell.trim() === '');

/** The file's rows checked (decodeContractFile's text), or the refusal of the file as a whole. */
export function readContractFile(text: string): FileRead<ReadFile> {
  const parsed = parseRecords(text);
  if (!parsed.ok) return parsed;
  const records = parsed.value;
  const headerIndex = records.findIndex((r) => !isEmptyRecord(r));
  if (headerIndex < 0) return { ok: false, message: F.empty };
  const header = records[headerIndex]!.map((h) => withoutControlCharacters(h).trim());

  const columnOf = new Map<FileField, number>();
  const columnNames: Partial<Record<FileField, string>> = {};
  const ignoredColumns: string[] = [];
  for (const [index, name] of header.entries()) {
    const field = FIELD_OF_NAME.get(foldColumnName(name));
    if (!field) {
      if (name) ignoredColumns.push(name.slice(0, MAX_NAME));
      continue;
    }
    if (columnOf.has(field)) return { ok: false, message: F.duplicateColumn(name) };
    columnOf.set(field, index);
    columnNames[field] = name;
  }
  const missing = REQUIRED_COLUMNS.filter((f) => !columnOf.has(f));
  if (missing.length) return { ok: false, message: F.missingColumns(missing.map((f) => CONTRACT_FIELD_LABEL[f])) };

  const dataRecords = records.slice(headerIndex + 1).map((record, i) => ({ record, line: headerIndex + 2 + i })).filter(({ record }) => !isEmptyRecord(record));
  if (dataRecords.length === 0) return { ok: false, message: F.noRows };
  if (dataRecords.length > MAX_ROWS) return { ok: false, message: F.tooManyRows(MAX_ROWS) };

  const has = (f: OptionalColumn) => columnOf.has(f);
  const nameOf = (f: FileField) => columnNames[f] ?? CONTRACT_FIELD_LABEL[f];
  const rows: FileRow[] = [];
  const errors: RowError[] = [];
  const firstLineOfNumber = new Map<string, number>();

  for (const { record, line } of dataRecords) {
    const extra = record.slice(header.length);
    if (extra.some((c) => c.trim() !== '')) {
      errors.push({ line, column: WHOLE_ROW, message: R.columns(record.length, header.length) });
      continue;
    }
    const cell = (f: FileField) => {
      const i = columnOf.get(f);
      return i === undefined ? undefined : (record[i] ?? '');
    };
    const input: Record<string, string | undefined> = {};
    for (const f of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) input[f] = cell(f);
    const result = rowSchema.safeParse(input);
    const rowErrors: RowError[] = [];
    if (!result.success) {
      for (const issue of result.error.issues) rowErrors.push({ line, column: nameOf(issue.path[0] as FileField), message: issue.message });
    } else {
      for (const issue of crossFieldIssues(result.data)) rowErrors.push({ line, column: nameOf(issue.path), message: issue.message });
      const department = result.data.department === undefined ? undefined : withoutControlCharacters(result.data.department).trim();
      if (department && department.length > MAX_NAME) rowErrors.push({ line, column: nameOf('department'), message: M.tooLong(MAX_NAME) });
      if (!rowErrors.length) {
        const v = result.data;
        const first = firstLineOfNumber.get(v.contractNumber);
        if (first !== undefined) {
          rowErrors.push({ line, column: nameOf('contractNumber'), message: R.duplicateInFile(first) });
        } else {
          firstLineOfNumber.set(v.contractNumber, line);
          rows.push({
            line,
            contractNumber: v.contractNumber,
            projectName: v.projectName,
            contractorName: v.contractorName,
            contractAmount: v.contractAmount.toString(),
            contractDate: v.contractDate,
            periodStart: v.periodStart,
            periodEnd: v.periodEnd,
            ...(has('advanceShare') ? { advanceShareBp: v.advanceShare } : {}),
            ...(has('performanceShare') ? { performanceShareBp: v.performanceShare } : {}),
            ...(has('department') ? { departmentName: department || null } : {}),
          });
        }
      }
    }
    errors.push(...rowErrors);
  }
  return {
    ok: true,
    value: {
      rows,
      errors,
      rowCount: dataRecords.length,
      columns: { advanceShare: has('advanceShare'), performanceShare: has('performanceShare'), department: has('department') },
      ignoredColumns,
      columnNames,
    },
  };
}

/** An uploaded file's name as kept and shown: no path, no control or bidirectional characters, ≤ 200 characters. */
export function uploadedFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return withoutControlCharacters(base, { bidi: true }).trim().slice(0, 200) || 'ファイル';
}
