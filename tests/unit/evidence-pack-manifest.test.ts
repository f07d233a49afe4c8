import { describe, expect, it } from 'vitest';
import { fiscalYearChoices, fiscalYearLabel, fiscalYearRange } from '@/domain/evidence-packs/fiscal-year';
import { randomBytes } from 'node:crypto';
import { API_CHECKER } from '@/domain/evidence-packs/labels';
import { MANIFEST_CSV_HEADER, manifestCsvText, manifestJson, type PackEntry } from '@/domain/evidence-packs/manifest';

/** 証拠書類の一括出力 (decision 074): the 年度 in Tokyo time and the manifest's text. */

const entry = (patch: Partial<PackEntry> = {}): PackEntry => ({
  number: '2070004426',
  version: 2,
  changed: true,
  issuedOn: '2026-05-01',
  kindLabel: '前払金保証',
  projectName: '〇〇道路改良工事',
  holderName: '株式会社〇〇建設',
  digest: 'ab'.repeat(32),
  signature: 'c2ln',
  keyId: '0123456789abcdef',
  folder: 'versions/2070004426-v2',
  certificatePath: 'versions/2070004426-v2/certificate.pdf',
  note: null,
  confirmations: [
    { id: '11111111-2222-3333-4444-555555555555', confirmedAt: new Date('2026-05-01T01:30:00Z'), userName: '大村 契約', departmentName: '契約課', statusLabel: '有効', recordPath: 'versions/2070004426-v2/record-11111111.pdf' },
  ],
  ...patch,
});

describe('年度', () => {
  it('runs from 4月1日 0:00 to 3月31日 24:00 in Tokyo, named in 令和', () => {
    const { from, to } = fiscalYearRange(2026);
    expect(from.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(to.toISOString()).toBe('2027-03-31T15:00:00.000Z');
    expect([fiscalYearLabel(2026), fiscalYearLabel(2019), fiscalYearLabel(2018)]).toEqual(['令和8年度', '令和元年度', '平成30年度']);
    expect(fiscalYearChoices('2027-03-31')).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
    expect(fiscalYearChoices('2027-04-01')[0]).toBe(2027);
  });
});

describe('the manifest', () => {
  it('CSV for Excel: BOM and header first only, CRLF, the stored digest and signature, Tokyo time, formula cells neutralised', () => {
    const first = manifestCsvText([entry()], { header: true });
    const next = manifestCsvText([entry({ projectName: '=cmd|\' /C calc\'!A0', holderName: '+SUM(1)', version: 3 })], { header: false });
    expect(first.startsWith('\ufeff')).toBe(true);
    expect(next.startsWith('\ufeff')).toBe(false);
    const lines = (first + next).slice(1).split('\r\n');
    expect(lines[0]).toBe(MANIFEST_CSV_HEADER.join(','));
    expect(lines[1]).toBe(`2070004426,第2版（変更）,2026-05-01,前払金保証,〇〇道路改良工事,株式会社〇〇建設,2026-05-01 10:30,契約課 大村 契約,${'ab'.repeat(32)},736967,0123456789abcdef,versions/2070004426-v2,`);
    expect(lines[2]).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(lines[2]).toContain(`'+SUM(1)`);
    expect(lines[3]).toBe('');
  });

  it('gives the signature in hex, never behind an apostrophe, when its base64 starts with + (the bytes of sig.bin); JSON keeps the stored base64', () => {
    // A signature whose base64 starts with '+': its first 6 bits are 62 (0xf8 … 0xfb as the first byte).
    const bytes = Buffer.concat([Buffer.from([0xf8]), randomBytes(63)]);
    const stored = bytes.toString('base64');
    expect(stored.startsWith('+')).toBe(true);
    const e = entry({ signature: stored, confirmations: [{ ...entry().confirmations[0]!, userName: null, departmentName: null }] });
    const line = manifestCsvText([e], { header: false }).trimEnd();
    const cells = line.split(',');
    expect(cells[MANIFEST_CSV_HEADER.indexOf('署名（Ed25519・16進）')]).toBe(bytes.toString('hex'));
    expect(line).not.toContain("'");
    expect(cells[MANIFEST_CSV_HEADER.indexOf('確認者')]).toBe(API_CHECKER);
    const parsed = JSON.parse(manifestJson.open({}) + manifestJson.entry(e, true) + manifestJson.close()) as { entries: { signature: string }[] };
    expect(parsed.entries[0]!.signature).toBe(stored);
  });

  it('JSON in pieces joins into one document', () => {
    const text = manifestJson.open({ total: 2 }) + manifestJson.entry(entry(), true) + manifestJson.entry(entry({ version: 3 }), false) + manifestJson.close();
    const parsed = JSON.parse(text) as { total: number; entries: { version: number; signature: string; confirmations: { confirmedAtTokyo: string }[] }[] };
    expect(parsed.total).toBe(2);
    expect(parsed.entries.map((e) => e.version)).toEqual([2, 3]);
    expect(parsed.entries[0]!.signature).toBe('c2ln');
    expect(parsed.entries[0]!.confirmations[0]!.confirmedAtTokyo).toBe('2026-05-01 10:30');
  });
});
