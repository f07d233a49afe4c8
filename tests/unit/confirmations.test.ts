import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confirmedCsvFilename, confirmedCsvText, CSV_HEADER, NO_MARK } from '@/domain/confirmations/csv';
import { confirmedEventMail } from '@/domain/confirmations/mail-texts';
import { displayStatus, MARK_LABEL, marksSinceConfirmation } from '@/domain/confirmations/marks';
import { confirmedHref, confirmedPageHref, confirmedSearch, parseConfirmedParams } from '@/domain/confirmations/params';
import { encodeCursor } from '@/domain/guarantees/keyset';
import type { ConfirmedRow } from '@/domain/confirmations/confirmed-row';

const row = (patch: Partial<ConfirmedRow> = {}): ConfirmedRow => ({
  guaranteeId: '00000000-0000-4000-8000-000000000001',
  number: '1000000018',
  kind: 'ADVANCE',
  projectName: '髙﨑①②トンネル工事',
  contractorName: '株式会社〇〇建設',
  guaranteeAmount: 40_000_000n,
  confirmedAt: new Date('2026-04-01T00:30:00Z'),
  userName: '大村 契約',
  departmentName: '財政部契約課',
  confirmedVersion: 1,
  latestVersion: 1,
  statusAtConfirmation: 'ACTIVE',
  status: 'ACTIVE',
  displayStatus: 'ACTIVE',
  marks: [],
  contractMatch: null,
  ...patch,
});

describe('確認済み一覧 URL parameters', () => {
  const cursor = { v: '2026-04-01T00:30:00.123Z', n: '1000000018' };

  it('defaults, the three conditions, always newest first; a cursor and the page shown', () => {
    const base = { cond: 'number', q: '', sort: 'confirmed', dir: 'desc', after: undefined, before: undefined, page: 1 };
    expect(parseConfirmedParams({})).toEqual(base);
    expect(parseConfirmedParams({ cond: 'contractor', q: ' 〇〇建設 ', dir: 'asc', sort: 'number' })).toEqual({ ...base, cond: 'contractor', q: '〇〇建設' });
    expect(parseConfirmedParams({ cond: 'orderer', p: '-1' })).toEqual(base);
    expect(parseConfirmedParams({ q: ['１２３', 'x'], p: '9999999' })).toEqual({ ...base, q: '123' });
    expect(parseConfirmedParams({ after: encodeCursor(cursor), p: '3' })).toEqual({ ...base, after: cursor, page: 3 });
    expect(parseConfirmedParams({ before: encodeCursor(cursor), p: '2' })).toEqual({ ...base, before: cursor, page: 2 });
    // The numbered pages of before: the first page.
    expect(parseConfirmedParams({ page: '3' })).toEqual(base);
  });

  it('the CSV link keeps the search and no paging; the paging links carry the cursor and the page shown; defaults are left out', () => {
    expect(confirmedHref('/orderer/confirmed/csv', parseConfirmedParams({ p: '2', after: encodeCursor(cursor) }))).toBe('/orderer/confirmed/csv');
    const searched = parseConfirmedParams({ cond: 'project', q: '道路 改良', p: '2', after: encodeCursor(cursor) });
    expect(confirmedHref('/orderer/confirmed/csv', searched)).toBe('/orderer/confirmed/csv?cond=project&q=%E9%81%93%E8%B7%AF+%E6%94%B9%E8%89%AF');
    expect(confirmedSearch(parseConfirmedParams({ q: '100' })).toString()).toBe('cond=number&q=100');
    expect(confirmedPageHref('/orderer/confirmed', searched, { after: cursor, before: undefined, page: 3 })).toBe(
      `/orderer/confirmed?cond=project&q=%E9%81%93%E8%B7%AF+%E6%94%B9%E8%89%AF&after=${encodeCursor(cursor)}&p=3`,
    );
    expect(confirmedPageHref('/orderer/confirmed', parseConfirmedParams({}), { before: cursor, after: undefined, page: 1 })).toBe(`/orderer/confirmed?before=${encodeCursor(cursor)}`);
    expect(confirmedPageHref('/orderer/confirmed', searched, { after: undefined, before: undefined, page: 1 })).toBe('/orderer/confirmed?cond=project&q=%E9%81%93%E8%B7%AF+%E6%94%B9%E8%89%AF');
  });

  it('property: any query string parses, and a link made from it reads back the same', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), (raw) => {
        const p = parseConfirmedParams(raw);
        expect(p.page).toBeGreaterThanOrEqual(1);
        expect(p.q.length).toBeLessThanOrEqual(100);
        expect(p.dir).toBe('desc');
        const again = parseConfirmedParams(Object.fromEntries(new URL(confirmedPageHref('/orderer/confirmed', p, p), 'http://x').searchParams));
        expect({ ...again, page: p.page }).toEqual({ ...p, before: p.after ? undefined : p.before });
      }),
    );
  });
});

describe('marks since the confirmation', () => {
  it('a newer version, a cancellation, an expiry; nothing when nothing happened', () => {
    const base = { confirmedVersion: 1, latestVersion: 1, statusAtConfirmation: 'ACTIVE', status: 'ACTIVE' } as const;
    expect(marksSinceConfirmation(base)).toEqual([]);
    expect(marksSinceConfirmation({ ...base, latestVersion: 2 })).toEqual(['CHANGED']);
    expect(marksSinceConfirmation({ ...base, recordedSince: true })).toEqual(['RECORDED']);
    expect(marksSinceConfirmation({ ...base, latestVersion: 2, recordedSince: true })).toEqual(['CHANGED', 'RECORDED']);
    expect(marksSinceConfirmation({ ...base, status: 'CANCELLED' })).toEqual(['CANCELLED']);
    expect(marksSinceConfirmation({ ...base, latestVersion: 3, confirmedVersion: 2, status: 'EXPIRED' })).toEqual(['CHANGED', 'EXPIRED']);
    // Confirmed when already cancelled: the clerk saw it then.
    expect(marksSinceConfirmation({ ...base, statusAtConfirmation: 'CANCELLED', status: 'CANCELLED' })).toEqual([]);
    // Re-confirmed after the change.
    expect(marksSinceConfirmation({ ...base, confirmedVersion: 2, latestVersion: 2 })).toEqual([]);
  });

  it('「新しい版を未確認」 follows whether the orderer confirmed the latest version, whatever its latest confirmation was of', () => {
    const base = { confirmedVersion: 1, latestVersion: 2, statusAtConfirmation: 'ACTIVE', status: 'ACTIVE' } as const;
    expect(MARK_LABEL.CHANGED).toBe('新しい版を未確認');
    expect(marksSinceConfirmation({ ...base, latestVersionConfirmed: false })).toEqual(['CHANGED']);
    expect(marksSinceConfirmation({ ...base, latestVersionConfirmed: true })).toEqual([]);
    expect(marksSinceConfirmation({ ...base, confirmedVersion: 2, latestVersionConfirmed: false })).toEqual(['CHANGED']);
    // The other marks stay: a 【注2】 record after the confirmation of the latest version, a 解除 since.
    expect(marksSinceConfirmation({ ...base, latestVersionConfirmed: true, recordedSince: true, status: 'CANCELLED' })).toEqual(['RECORDED', 'CANCELLED']);
  });

  it('the status the orderer reads: 解除 and 期間満了 before 変更済', () => {
    expect(displayStatus('ACTIVE', false)).toBe('ACTIVE');
    expect(displayStatus('ACTIVE', true)).toBe('CHANGED');
    expect(displayStatus('CANCELLED', true)).toBe('CANCELLED');
    expect(displayStatus('EXPIRED', false)).toBe('EXPIRED');
  });
});

describe('確認済み一覧 CSV', () => {
  it('UTF-8 with a BOM and CRLF, the columns in order, Japanese intact, numbers as plain digits', () => {
    const text = confirmedCsvText([row({ marks: ['CHANGED', 'CANCELLED'], latestVersion: 2, displayStatus: 'CANCELLED', status: 'CANCELLED' })]);
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text).toContain('\r\n');
    const [header, line] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual([...CSV_HEADER]);
    expect(line).toEqual([
      '2026/04/01 09:30',
      '大村 契約',
      '財政部契約課',
      '1000000018',
      '前払金保証',
      '髙﨑①②トンネル工事',
      '株式会社〇〇建設',
      '40000000',
      '1',
      '2',
      '解除',
      '新しい版を未確認・解除',
      '未照合',
      '',
    ]);
  });

  it('no rows: the header alone; no mark: なし; no user or department: empty cells', () => {
    expect(parse(confirmedCsvText([]), { bom: true })).toEqual([[...CSV_HEADER]]);
    const [, line] = parse(confirmedCsvText([row({ userName: null, departmentName: null })]), { bom: true }) as string[][];
    expect(line![1]).toBe('');
    expect(line![2]).toBe('');
    expect(line![11]).toBe(NO_MARK);
  });

  it('契約台帳 (decision 072 amended): 未照合, 照合済み・食い違いなし or 要確認 N件, and the contract number; a formula-leading number neutralised', () => {
    const cells = (r: ConfirmedRow) => (parse(confirmedCsvText([r]), { bom: true }) as string[][])[1]!.slice(12);
    expect(CSV_HEADER.slice(12)).toEqual(['契約台帳', '契約番号']);
    expect(cells(row())).toEqual(['未照合', '']);
    expect(cells(row({ contractMatch: { contractId: 'c', contractNumber: 'R8-土木-012', problems: 0 } }))).toEqual(['照合済み・食い違いなし', 'R8-土木-012']);
    expect(cells(row({ contractMatch: { contractId: 'c', contractNumber: '=1+1', problems: 2 } }))).toEqual(['要確認 2件', "'=1+1"]);
  });

  it('cells that Excel would run as formulas get a leading apostrophe; quotes, commas and line breaks survive', () => {
    const nasty = ['=HYPERLINK("http://example.com","x")', '+81 1', '-2+3', '@SUM(A1)', '\t=1', '＝1+1', '＋1', '－1', '＠x'];
    const text = confirmedCsvText(nasty.map((s) => row({ projectName: s, contractorName: s, userName: s, departmentName: s })));
    const lines = (parse(text, { bom: true }) as string[][]).slice(1);
    lines.forEach((line, i) => {
      for (const cell of [line[1], line[2], line[5], line[6]]) expect(cell).toBe(`'${nasty[i]}`);
    });
    const plain = parse(confirmedCsvText([row({ projectName: '道路,"改良"\r\n工事' })]), { bom: true }) as string[][];
    expect(plain[1]![5]).toBe('道路,"改良"\r\n工事');
  });

  it('property: any text in any cell reads back as written, or with one apostrophe before a formula sign', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const [, line] = parse(confirmedCsvText([row({ projectName: s })]), { bom: true, relax_column_count: false }) as string[][];
        const expected = /^[=+\-@\t\r＝＋－＠]/.test(s) ? `'${s}` : s;
        expect(line![5]).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('file name: 確認済み一覧_YYYYMMDD.csv in Asia/Tokyo', () => {
    expect(confirmedCsvFilename(new Date('2026-03-31T15:30:00Z'))).toBe('確認済み一覧_20260401.csv');
  });
});

describe('the mail to the orderer', () => {
  const subject = {
    organizationName: '大村市',
    suretyName: '西日本建設業保証株式会社',
    number: '1000000018',
    kind: 'CONTRACT' as const,
    projectName: '〇〇道路改良工事',
    contractorName: '株式会社〇〇建設',
  };

  it('names the number and what happened, says where to sign in, carries no key and no link with a token', () => {
    const changed = confirmedEventMail(subject, 'CHANGED', { date: '2026-05-10', version: 2, note: '保証金額の変更\r\nBcc: x@example.jp' });
    expect(changed.subject).toBe('【電子保証】確認済みの電子証書が変更されました（保証契約番号 1000000018）');
    expect(changed.bodyText).toContain('変更契約（2026/05/10）により、電子証書の第2版（変更）が発行されました。');
    expect(changed.bodyText).toContain('電子証書の画面で「この版を確認しました」を押してください（認証キーの再入力は不要です）。');
    expect(changed.bodyText).toContain('内容　　　　：保証金額の変更 Bcc: x@example.jp');
    expect(changed.bodyText).toContain('契約保証');
    expect(changed.bodyText).toContain('ログイン画面：http://localhost:3000/login\n');
    const cancelled = confirmedEventMail(subject, 'CANCELLED', { date: '2026-06-01' });
    expect(cancelled.subject).toContain('解除');
    expect(cancelled.bodyText).toContain('2026/06/01 付けで解除されました');
    const ending = confirmedEventMail(subject, 'PERIOD_ENDING', { date: '2027-03-31' });
    expect(ending.subject).toContain('保証期間満了');
    expect(ending.bodyText).toContain('2027/03/31 までです');
    for (const m of [changed, cancelled, ending]) {
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.bodyText).not.toMatch(/https?:\/\/\S*[?#]/);
      expect(m.bodyText).not.toContain('認証キー：');
    }
  });
});
