import { parseWithZod } from '@conform-to/zod/v4';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { contractChanges, changeLine, type ContractValues } from '@/domain/contracts/changes';
import { decodeContractFile, foldColumnName, MAX_FILE_BYTES, MAX_ROWS, readContractFile } from '@/domain/contracts/file';
import { CONTRACT_FIELD_MESSAGES as M, CONTRACT_FILE_MESSAGES as F, CONTRACT_ROW_MESSAGES as R, rowErrorText, shareText } from '@/domain/contracts/labels';
import { contractFormSchema, readAmount, readContractNumber, readDate, readShare, readText } from '@/domain/contracts/schemas';

/** 契約台帳 (issue 17): reading a register file and its fields, pure. */

const HEADER = '契約番号,工事名,受注者,請負金額,契約日,工期（自）,工期（至）,前払金の割合,契約保証の割合';
const ROW = 'R8-001,〇〇道路改良工事,株式会社〇〇建設,"40,000,000",2026/4/1,2026/4/2,2027/3/15,4/10,1/10';
const utf8 = (text: string) => new TextEncoder().encode(text);
const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));
const read = (text: string) => {
  const r = readContractFile(text);
  if (!r.ok) throw new Error(r.message);
  return r.value;
};

describe('fields as people write them', () => {
  it('請負金額: 全角, commas, ¥ and 円; refused with its reason', () => {
    expect(readAmount('４０，０００，０００円')).toEqual({ ok: true, value: 40_000_000n });
    expect(readAmount('￥1,234')).toEqual({ ok: true, value: 1234n });
    expect(readAmount(' 40000000 ')).toEqual({ ok: true, value: 40_000_000n });
    expect(readAmount('四千万円')).toEqual({ ok: false, message: M.amount });
    expect(readAmount('=1+1')).toEqual({ ok: false, message: M.amount });
    expect(readAmount('0')).toEqual({ ok: false, message: M.amountMin });
    expect(readAmount('-5')).toEqual({ ok: false, message: M.amountMin });
    expect(readAmount('1000000000000')).toEqual({ ok: false, message: M.amountMax });
    expect(readAmount('')).toEqual({ ok: false, message: M.required });
  });

  it('割合: 10分の4, 4/10, 40%, 4割, 0.4 and 40 are the same; empty and なし are not required', () => {
    for (const s of ['10分の4', '１０分の４', '4/10', '４／１０', '40%', '40％', '4割', '0.4', '40', ' 40 % ']) expect(readShare(s), s).toEqual({ ok: true, value: 4000 });
    expect(readShare('3/10')).toEqual({ ok: true, value: 3000 });
    expect(readShare('1/10')).toEqual({ ok: true, value: 1000 });
    expect(readShare('12.5%')).toEqual({ ok: true, value: 1250 });
    for (const s of ['', 'なし', '不要', '-', '0']) expect(readShare(s), s).toEqual({ ok: true, value: null });
    expect(readShare('1/3')).toEqual({ ok: false, message: M.shareFine });
    expect(readShare('12.345%')).toEqual({ ok: false, message: M.shareFine });
    expect(readShare('11/10')).toEqual({ ok: false, message: M.shareRange });
    expect(readShare('150%')).toEqual({ ok: false, message: M.shareRange });
    expect(readShare('たくさん')).toEqual({ ok: false, message: M.share });
    expect(readShare('4/0')).toEqual({ ok: false, message: M.share });
  });

  it('dates: 西暦, 令和, 全角; each refusal says what is wrong without the field’s name', () => {
    expect(readDate('2026/4/1')).toEqual({ ok: true, value: '2026-04-01' });
    expect(readDate('令和8年4月1日')).toEqual({ ok: true, value: '2026-04-01' });
    expect(readDate('R8.4.1')).toEqual({ ok: true, value: '2026-04-01' });
    expect(readDate('２０２６－０４－０１')).toEqual({ ok: true, value: '2026-04-01' });
    expect(readDate('2026/2/30')).toEqual({ ok: false, message: M.dateDay(2026, 2, 28) });
    expect(readDate('2026/13/1')).toEqual({ ok: false, message: M.dateMonth(13) });
    expect(readDate('平成40年1月1日')).toEqual({ ok: false, message: M.dateEra('平成40年1月1日') });
    expect(readDate('1999/1/1')).toEqual({ ok: false, message: M.dateRange });
    expect(readDate('来年')).toEqual({ ok: false, message: M.date });
  });

  it('texts: trimmed, one line, bounded; a formula lead refused; 契約番号 folded to 半角', () => {
    expect(readText('  〇〇工事  ', 200)).toEqual({ ok: true, value: '〇〇工事' });
    expect(readText('a\nb', 200)).toEqual({ ok: false, message: M.control });
    expect(readText('x'.repeat(201), 200)).toEqual({ ok: false, message: M.tooLong(200) });
    for (const s of ["=cmd|' /C calc'!A0", '+1', '-2+3', '@SUM(A1)', '＝1']) expect(readText(s, 200), s).toEqual({ ok: false, message: M.formula });
    expect(readContractNumber('Ｒ８－００１')).toEqual({ ok: true, value: 'R8-001' });
    expect(readContractNumber(' R8  001 ')).toEqual({ ok: true, value: 'R8 001' });
  });

  it('the form: 工期（至） after 工期（自）, 契約日 not after 工期（至）, at the field', () => {
    const base = { contractNumber: 'A-1', projectName: '工事', contractorName: '株式会社A', contractAmount: '1000', contractDate: '2026/4/1', periodStart: '2026/4/2', periodEnd: '2026/4/1' };
    const r = contractFormSchema.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['periodEnd', M.periodOrder]]);
    const later = contractFormSchema.safeParse({ ...base, periodEnd: '2026/5/1', contractDate: '2026/6/1' });
    expect(later.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['contractDate', M.contractAfterPeriod]]);
    const fine = contractFormSchema.parse({ ...base, periodEnd: '2026/5/1', advanceShare: '4/10' });
    expect(fine).toMatchObject({ contractAmount: 1000n, advanceShare: 4000, performanceShare: null });
    // The form as the browser sends it: 工事担当課 「（指定しない）」 is '', empty shares are none.
    const data = new FormData();
    for (const [k, v] of Object.entries({ ...base, periodEnd: '2026/5/1', advanceShare: '', performanceShare: '', departmentId: '' })) data.append(k, v);
    const sent = parseWithZod(data, { schema: contractFormSchema });
    expect(sent.status).toBe('success');
    expect(sent.status === 'success' && sent.value).toMatchObject({ departmentId: undefined, advanceShare: null, performanceShare: null });
    // The action hands the use case the form's payload as sent (departmentId ''), which it parses again.
    expect(contractFormSchema.safeParse(sent.payload).success).toBe(true);
    data.set('departmentId', 'x');
    const refused = parseWithZod(data, { schema: contractFormSchema });
    expect(refused.status === 'error' && refused.error).toEqual({ departmentId: [M.departmentChoice] });
    // A field left empty (conform sends none) is asked for.
    expect(contractFormSchema.safeParse({}).error?.issues.find((i) => i.path[0] === 'projectName')?.message).toBe(M.required);
  });
});

describe('decoding the file', () => {
  const text = `${HEADER}\r\n${ROW}\r\n`;

  it('UTF-8 with or without a BOM, and Shift_JIS (CP932: 髙, ①), detected or chosen', () => {
    expect(decodeContractFile(utf8(text), 'auto')).toEqual({ ok: true, value: { text, encoding: 'UTF-8' } });
    expect(decodeContractFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]), 'auto')).toEqual({ ok: true, value: { text, encoding: 'UTF-8' } });
    const withExtensions = `${text}R8-002,髙橋①工事,㈱﨑山組,1,2026/4/1,2026/4/1,2026/4/1,,\r\n`;
    const bytes = sjis(withExtensions);
    expect(decodeContractFile(bytes, 'auto')).toEqual({ ok: true, value: { text: withExtensions, encoding: 'Shift_JIS' } });
    expect(decodeContractFile(bytes, 'shift_jis')).toEqual({ ok: true, value: { text: withExtensions, encoding: 'Shift_JIS' } });
    expect(decodeContractFile(bytes, 'utf-8')).toEqual({ ok: false, message: F.notUtf8 });
    // UTF-8 Japanese read as Shift_JIS has byte pairs CP932 lacks.
    expect(decodeContractFile(utf8('契約番号,工事名\n１,〇〇工事\n'), 'shift_jis')).toEqual({ ok: false, message: F.notShiftJis });
  });

  it('refuses what is no text: empty, too large, NUL or other control bytes, UTF-16, bytes neither encoding has', () => {
    expect(decodeContractFile(new Uint8Array(), 'auto')).toEqual({ ok: false, message: F.empty });
    expect(decodeContractFile(utf8(' \r\n\r\n'), 'auto')).toEqual({ ok: false, message: F.empty });
    expect(decodeContractFile(new Uint8Array(MAX_FILE_BYTES + 1).fill(0x41), 'auto')).toEqual({ ok: false, message: F.tooLarge(5) });
    expect(decodeContractFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01]), 'auto')).toEqual({ ok: false, message: F.binary });
    expect(decodeContractFile(utf8('a,b\x07\n'), 'auto')).toEqual({ ok: false, message: F.binary });
    expect(decodeContractFile(new Uint8Array([0xff, 0xfe, 0x51, 0x59]), 'auto')).toEqual({ ok: false, message: F.unknownEncoding });
    // 0x80 and 0xa0 stand alone in neither UTF-8 nor CP932.
    expect(decodeContractFile(new Uint8Array([0x41, 0x80, 0xa0, 0x80, 0xfd]), 'auto')).toEqual({ ok: false, message: F.unknownEncoding });
  });
});

describe('reading the rows', () => {
  it('maps the columns by name in any order, ignores and names the others, reads each row as the form does', () => {
    const file = read(`備考,工期(至),工期(自),契約日,請負金額（円）,受注者名,工事件名,契約No,契約保証\n参考,R9.3.15,2026/4/2,令和8年4月1日,"¥44,000,000",株式会社Ａ,Ａ工事,Ｒ８－１,1割\n`);
    expect(file.ignoredColumns).toEqual(['備考']);
    expect(file.columns).toEqual({ advanceShare: false, performanceShare: true, department: false });
    expect(file.errors).toEqual([]);
    expect(file.rows).toEqual([
      {
        line: 2,
        contractNumber: 'R8-1',
        projectName: 'Ａ工事',
        contractorName: '株式会社Ａ',
        contractAmount: '44000000',
        contractDate: '2026-04-01',
        periodStart: '2026-04-02',
        periodEnd: '2027-03-15',
        performanceShareBp: 1000,
      },
    ]);
    expect(foldColumnName(' 工期（ 自 ）')).toBe('工期自');
  });

  it('lists every error at its line and the column as the file names it; a duplicate 契約番号 at its second line', () => {
    const file = read(
      [
        '契約番号,工事名,受注者,契約金額,契約日,工期（自）,工期（至）',
        'A-1,工事1,会社1,1000,2026/4/1,2026/4/1,2026/9/30',
        'A-2,工事2,会社2,千円,2026/4/1,2026/4/1,2026/9/30',
        '',
        'A-3,"=cmd|\' /C calc\'!A0",会社3,1000,2026/2/30,2026/4/1,2026/3/1',
        'A-1,工事4,会社4,1000,2026/4/1,2026/4/1,2026/9/30',
        'A-5,工事5,会社5,1000,2026/4/1,2026/4/1,2026/9/30,余分',
      ].join('\r\n'),
    );
    expect(file.rowCount).toBe(5);
    expect(file.rows.map((r) => r.contractNumber)).toEqual(['A-1']);
    expect(file.errors.map((e) => rowErrorText(e.line, e.column, e.message))).toEqual([
      rowErrorText(3, '契約金額', M.amount),
      rowErrorText(5, '工事名', M.formula),
      rowErrorText(5, '契約日', M.dateDay(2026, 2, 28)),
      rowErrorText(6, '契約番号', R.duplicateInFile(2)),
      rowErrorText(7, '行全体', R.columns(8, 7)),
    ]);
    expect(rowErrorText(3, '請負金額', M.amount)).toBe('3行目 請負金額：数字で入力してください（例: 40,000,000 または 40000000円）。');
  });

  it('a quoted cell may hold commas and a line break (the latter refused in a name); tab-separated files read too', () => {
    const quoted = read(`${HEADER}\n"A-1","工事, 第1期","株式会社""A""",1,2026/4/1,2026/4/1,2026/4/1,,\n"A-2","工事\n2",B,1,2026/4/1,2026/4/1,2026/4/1,,\n`);
    expect(quoted.rows.map((r) => [r.projectName, r.contractorName])).toEqual([['工事, 第1期', '株式会社"A"']]);
    expect(quoted.errors).toEqual([{ line: 3, column: '工事名', message: M.control }]);
    const tabs = read(`${HEADER.replaceAll(',', '\t')}\n${['A-1', '工事', '会社', '1', '2026/4/1', '2026/4/1', '2026/4/1', '', ''].join('\t')}\n`);
    expect(tabs.rows).toHaveLength(1);
  });

  it('refuses the file as a whole: missing columns, a column twice, no rows, too many rows, an unclosed quote', () => {
    expect(readContractFile('契約番号,工事名\nA,B\n')).toEqual({ ok: false, message: F.missingColumns(['受注者', '請負金額', '契約日', '工期（自）', '工期（至）']) });
    expect(readContractFile(`${HEADER},契約金額\n`)).toEqual({ ok: false, message: F.duplicateColumn('契約金額') });
    expect(readContractFile(`${HEADER}\n,,,\n`)).toEqual({ ok: false, message: F.noRows });
    expect(readContractFile(`${HEADER}\n${`${ROW}\n`.repeat(MAX_ROWS + 1)}`)).toEqual({ ok: false, message: F.tooManyRows(MAX_ROWS) });
    expect(readContractFile(`${HEADER}\n${ROW}\n"A-2,"unclosed\n`)).toEqual({ ok: false, message: F.unreadable(3) });
    // Noise that happens to decode is no register: its first line names none of the columns.
    const noise = readContractFile('qwe,rty\n1,2\n');
    expect(noise.ok).toBe(false);
  });
});

describe('what changed', () => {
  const v: ContractValues = {
    contractNumber: 'A-1',
    projectName: '工事',
    contractorName: '会社',
    contractAmount: 40_000_000n,
    contractDate: '2026-04-01',
    periodStart: '2026-04-02',
    periodEnd: '2027-03-15',
    advanceShareBp: 4000,
    performanceShareBp: null,
    departmentId: null,
    departmentName: null,
  };

  it('lists the fields that differ, as the history shows them', () => {
    expect(contractChanges(v, v)).toEqual([]);
    const c = contractChanges(v, { ...v, contractAmount: 44_000_000n, periodEnd: '2027-06-30', performanceShareBp: 1000 });
    expect(c.map((x) => changeLine(x))).toEqual(['請負金額：40,000,000円 → 44,000,000円', '工期（至）：2027/03/15（令和9年3月15日） → 2027/06/30（令和9年6月30日）', '契約保証の割合：不要 → 10分の1']);
    expect(contractChanges(null, v).map((x) => x.field)).toEqual(['contractNumber', 'projectName', 'contractorName', 'contractAmount', 'contractDate', 'periodStart', 'periodEnd', 'advanceShare']);
    expect(changeLine(contractChanges(null, v)[3]!, true)).toBe('請負金額：40,000,000円');
    expect([shareText(4000), shareText(1250), shareText(null)]).toEqual(['10分の4', '12.5%', '不要']);
  });
});
