// The PDFs as a reader sees them: poppler (pdffonts, pdftotext, pdftoppm), Ghostscript and zbar read
// the files (tests/support/pdf.ts; a missing tool fails the test — \`npm test\` checks for them first).
// Page images are compared with baselines in tests/fixtures/pdf/ (UPDATE_PDF_BASELINES=1 rewrites them).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { assertRenderable, PdfTextError } from '@/pdf/font';
import { createCanvas, fitUrl, textWidth } from '@/pdf/layout';
import { CERTIFICATION_DOCUMENT_TITLE, renderCertificationDocumentPdf } from '@/pdf/certification-document';
import { renderKeyNoticePdf } from '@/pdf/key-notice';
import { renderPremiumReceiptPdf } from '@/pdf/premium-receipt';
import { CHANGE_STATEMENT_TITLE, renderPremiumCalculationPdf, type PremiumStatementData } from '@/pdf/premium-statement';
import { renderVerificationRecordPdf, VERIFICATION_RECORD_TITLE } from '@/pdf/verification-record';
import { compareWithBaseline, fontsOf, gsText, pageCount, pdfInfo, pdfText, pdfWords, qrCodesIn, renderGray, renderPng, ROOT, screenshot, squeeze, tool } from '../support/pdf';
import {
  LONG_PROJECT_NAME,
  LOOKUP_URL,
  notice,
  NOTICE_DIGEST,
  NOTICE_VERIFY_URL,
  receipt,
  record,
  RECORD_DIGEST as DIGEST,
  statement,
} from '../support/pdf-samples';
import { certificationDocument, jvCertificationDocument } from '../support/certification-samples';

// Rendering and reading PDFs with external tools is real work: on a loaded 2-core machine one test
// (three renders at 300 dpi and zbar) can take many times its second on an idle one.
vi.setConfig({ testTimeout: 120_000 });

const UPDATE = process.env.UPDATE_PDF_BASELINES === '1';
const work = mkdtempSync(path.join(os.tmpdir(), 'pdf-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function save(name: string, bytes: Uint8Array): string {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

/** Compares page 1 at 100 dpi with tests/fixtures/pdf/<name>.png (or rewrites it with UPDATE_PDF_BASELINES=1). */
function expectMatchesBaseline(pdf: string, name: string) {
  const result = compareWithBaseline(pdf, name, { update: UPDATE });
  if (result.ok) return;
  if (result.problem === 'size') expect(result.actual, 'page size in pixels').toBe(result.baseline);
  expect.fail(result.message);
}

// ───────────────────────────── the patch ─────────────────────────────

describe('pdf-lib ToUnicode CMap patch (patches/pdf-lib+1.17.1.patch)', () => {
  it('writes bfchar blocks of at most 100 entries, in the cjs build that Node loads and in the es build', async () => {
    const require = createRequire(import.meta.url);
    const loaded = require.resolve('pdf-lib');
    expect(path.relative(ROOT, loaded)).toBe(path.join('node_modules', 'pdf-lib', 'cjs', 'index.js'));
    const { createCmap } = require('pdf-lib/cjs/core/embedders/CMap') as {
      createCmap: (glyphs: { id: number; codePoints: number[] }[], id: (g: { id: number }) => number) => string;
    };
    const glyphs = Array.from({ length: 250 }, (_, i) => ({ id: i + 1, codePoints: [0x4e00 + i] }));
    const cmap = createCmap(glyphs, (g) => g.id);
    expect(cmap.match(/^\d+ beginbfchar$/gm)).toEqual(['100 beginbfchar', '100 beginbfchar', '50 beginbfchar']);
    expect(cmap.match(/^endbfchar$/gm)).toHaveLength(3);
    const esBuild = readFileSync(path.join(ROOT, 'node_modules/pdf-lib/es/core/embedders/CMap.js'), 'utf8');
    expect(esBuild).toContain('BF_CHARS_PER_BLOCK = 100');
    // The renderer really runs that file: after a render it is in Node's module cache.
    await renderKeyNoticePdf(notice);
    const cmapFile = path.join(ROOT, 'node_modules/pdf-lib/cjs/core/embedders/CMap.js');
    expect(Object.keys(require.cache)).toContain(cmapFile);
    expect(Object.keys(require.cache).filter((file) => file.includes(`${path.sep}pdf-lib${path.sep}es${path.sep}`))).toEqual([]);
  });
});

// ───────────────────────────── the documents ─────────────────────────────

const documents = [
  {
    name: 'key-notice',
    render: () => renderKeyNoticePdf(notice),
    texts: [
      '電子証書閲覧用「認証キー」等のお知らせ',
      '「電子保証ポータル（発注者用）」で電子証書を閲覧するための「認証キー」等は、以下のとおりとなります。',
      '区分前払金保証',
      '保証契約番号2070004426',
      '認証キー7KQ4-XM9P-WA',
      '工事名〇〇道路改良工事',
      '発注者〇〇県知事',
      '保証機関西日本建設業保証株式会社',
      '【お客様へのお願い】',
      '本方法で当該PDFファイルを発注者様にご提出ください。',
      '①電子契約システムへの登録（アップロード）又は',
      '②電子メールに添付して送信',
      '【発注者様へのお願い】',
      '【真正性の確認】',
      '証書ダイジェスト（SHA-256先頭16桁）',
      NOTICE_DIGEST.slice(0, 16).replace(/(.{4})(?!$)/g, '$1 '),
      '左の二次元コード（真正性確認ページ）から',
      '取締役社長藤田一',
      '令和8年4月1日',
    ],
  },
  {
    name: 'premium-statement',
    render: () => renderPremiumCalculationPdf(statement),
    texts: [
      '保証料計算書',
      '株式会社〇〇建設様',
      '保証契約番号2070004426',
      '工事名〇〇道路改良工事',
      '保証金額40,000,000円',
      '令和8年4月1日から令和9年3月31日まで（365日間）',
      '項目内容金額（円）',
      '40,000,000円×0.2300%（181日〜365日）',
      '保証料92,000',
      'デモ用料率',
      '取次場所大阪支店',
      'TEL：06-6543-2711FAX：0120-304160',
    ],
  },
  {
    name: 'premium-receipt',
    render: () => renderPremiumReceiptPdf(receipt),
    texts: [
      '保証料領収証',
      '領収証番号2070004426-01',
      '令和8年4月10日',
      '株式会社〇〇建設様',
      '金額99,000円',
      '但し保証料として',
      '上記の金額を正に領収いたしました。',
      '保証契約番号2070004426',
      '工事名〇〇道路改良工事',
      '入金日令和8年4月8日',
      '入金方法銀行振込',
      '変更保証料計算書（返戻）',
      '△3,000',
      '領収金額99,000',
      '収入印紙',
      '西日本建設業保証株式会社',
      '取次場所大阪支店',
    ],
  },
  {
    name: 'verification-record',
    render: () => renderVerificationRecordPdf(record),
    texts: [
      VERIFICATION_RECORD_TITLE,
      '令和8年11月25日',
      '下記のとおり、電子保証ポータル（発注者用）で電子証書を確認したことを記録します。',
      '確認番号',
      '3F2A9C1B',
      '3f2a9c1b-0d4e-4c1a-9b7e-2f1c3d4e5f60',
      '確認日時令和8年11月25日14時05分',
      '確認者大村市建設部土木課山田太郎',
      '保証契約番号2070004426',
      '工事名〇〇道路改良工事',
      '保証契約者株式会社〇〇建設',
      '被保証者大村市長',
      '保証金額40,000,000円',
      '令和8年4月1日から令和9年3月31日まで',
      '確認した証書の版第2版（変更）令和8年10月1日発行',
      '確認時の状態有効',
      '証書ダイジェスト',
      DIGEST.slice(0, 16),
      DIGEST.slice(32, 48),
      'この記録は確認時点の内容です。最新の状態は電子保証ポータルでご確認ください。',
      '【真正性の確認】',
      DIGEST.slice(0, 16).replace(/(.{4})(?!$)/g, '$1 '),
      '左の二次元コード（真正性確認ページ）から',
      '西日本建設業保証株式会社',
      '取締役社長藤田一',
    ],
  },
  {
    name: 'certification-document',
    render: () => renderCertificationDocumentPdf(certificationDocument),
    texts: [
      CERTIFICATION_DOCUMENT_TITLE,
      '令和8年度第12号',
      '令和8年10月23日',
      '▲▲市▲▲区▲▲1丁目1番1号',
      '株式会社〇〇建設　様',
      '大村市長',
      '（都市整備部土木課）',
      '令和8年10月16日付けで請求のあった下記の工事の中間前払金について、支払の要件を満たしていることを認定します。',
      '工事名〇〇道路改良工事',
      '工事場所大村市〇〇町地内',
      '工期令和8年4月11日から令和9年3月31日まで（355日間）',
      '契約日令和8年4月10日請負金額100,000,000円',
      '前払金保証保証契約番号2070004426保証金額40,000,000円',
      '認定の内容',
      '要件確認した内容',
      '工期の2分の1を経過していること',
      '令和8年10月6日に経過',
      '報告日令和8年10月15日',
      '予定工程48％実施工程51.5％',
      '56,000,000円',
      '請負金額の56％',
      '部分払を請求していないこと',
      '中間前払金の請求予定額',
      '20,000,000円',
      '請負金額の2/10以内（前払金との合計は6/10以内）',
      'この認定調書は電子保証ポータルで交付したものです。',
      '担当都市整備部土木課大村土木',
    ],
  },
  {
    name: 'certification-document-jv',
    render: () => renderCertificationDocumentPdf(jvCertificationDocument),
    texts: [
      CERTIFICATION_DOCUMENT_TITLE,
      '令和8年度第13号',
      '〇〇・△△特定建設工事共同企業体　様',
      '代表者　▲▲市▲▲区▲▲1丁目1番1号　株式会社〇〇建設',
      '工事名大村市〇〇地区排水機場更新工事',
      '請負金額300,000,000円',
      '保証契約番号2070004434保証金額120,000,000円',
      '165,000,000円',
      '請負金額の55％',
      '60,000,000円',
      // The label sits level with the middle of the note's two lines: readers put it between them.
      '付記',
      '工事履行報告書（令和8年10月15日現在）及び現場に搬入された検査済みの材料',
      'により確認した。',
    ],
  },
] as const;

describe.each(documents)('$name', ({ name, render, texts }) => {
  let file = '';
  const pdf = async () => {
    if (!file) file = save(name, await render());
    return file;
  };

  it('is byte-identical for identical input (fixed dates, no random names)', async () => {
    const first = await render();
    const second = await render();
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(first.length).toBeLessThan(100 * 1024);
    // Concurrent renders share the parsed font: still the same bytes.
    const concurrent = await Promise.all([render(), render(), render(), render()]);
    for (const bytes of concurrent) expect(Buffer.from(bytes).equals(Buffer.from(first))).toBe(true);
  });

  it('embeds BIZ UDPGothic as subsets (pdffonts)', async () => {
    const fonts = fontsOf(await pdf());
    expect(fonts).toMatch(/^[A-Z]{6}\+BIZUDPGothic-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/m);
    expect(fonts).toMatch(/^[A-Z]{6}\+BIZUDPGothic-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s/m);
    expect(fonts.trim().split('\n')).toHaveLength(4); // header, rule, two fonts: nothing else
  });

  it('has one page with title and dates in its metadata', async () => {
    const file = await pdf();
    expect(pageCount(file)).toBe(1);
    const info = pdfInfo(file);
    expect(info).toMatch(/^Title:\s+(電子証書閲覧用「認証キー」等のお知らせ|保証料計算書|保証料領収証|電子証書 確認記録|中間前払金認定調書)$/m);
    expect(info).toMatch(/^Creator:\s+電子保証ポータル$/m);
    expect(info).toMatch(/^CreationDate:.*2026/m);
  });

  it('gives its Japanese text to pdftotext', async () => {
    const text = squeeze(pdfText(await pdf(), { layout: true }));
    for (const expected of texts) expect(text).toContain(squeeze(expected));
  });

  it('gives its Japanese text to Ghostscript (needs the ToUnicode CMap in blocks of ≤ 100)', async () => {
    const text = squeeze(gsText(await pdf()));
    for (const expected of texts) expect(text).toContain(squeeze(expected));
  });

  it('looks like its baseline (pdftoppm, 100 dpi, gray)', async () => {
    const file = await pdf();
    screenshot(file, name);
    expectMatchesBaseline(file, name);
  });
});

/** Every QR code on page 1 at `dpi`, sorted. */
function qrPayloads(file: string, name: string, dpi: number): string[] {
  return qrCodesIn(renderPng(file, path.join(work, name), dpi));
}

describe('key notice QR codes', () => {
  it.each([72, 150, 300])('decode at %i dpi to exactly the lookup address and the verification page, without the key', async (dpi) => {
    const payloads = qrPayloads(save(`qr-${dpi}`, await renderKeyNoticePdf(notice)), `qr-${dpi}`, dpi);
    expect(payloads).toEqual([LOOKUP_URL, NOTICE_VERIFY_URL].sort());
    for (const payload of payloads) {
      expect(payload).not.toContain(notice.key);
      expect(payload).not.toContain('7KQ4-XM9P-WA');
    }
  });

  it('has only the lookup QR code without a digest', async () => {
    expect(qrPayloads(save('qr-no-digest', await renderKeyNoticePdf({ ...notice, verification: null })), 'qr-no-digest', 150)).toEqual([LOOKUP_URL]);
  });
});

describe('key notice layout', () => {
  /** The addresses a PORTAL_URL gives the notice: the lookup page (QR code) and the verification page, full and short. */
  const addresses = (base: string) => ({
    lookupUrl: `${base}/orderer/lookup?number=${notice.number}`,
    verifyUrl: `${base}/verify/${NOTICE_DIGEST}`,
    shortUrl: `${base}/verify/${NOTICE_DIGEST.slice(0, 16)}`,
  });

  /**
   * `url` as pdftotext reads it in drawing order (-raw): the line that starts it and the lines that
   * continue it. Fails when the lines do not give the whole address.
   */
  function printedLines(text: string, url: string): string[] {
    const lines = text.split('\n').map((line) => line.trim());
    for (let start = 0; start < lines.length; start++) {
      if (!lines[start]!.startsWith('http')) continue;
      const found: string[] = [];
      while (start + found.length < lines.length && url.startsWith(found.join('') + lines[start + found.length]!) && found.join('') !== url) found.push(lines[start + found.length]!);
      if (found.join('') === url) return found;
    }
    return expect.fail(`${url} is not printed whole in drawing order:\n${text}`);
  }

  /** Every part of the address between `/`, `?` and `&` whole on one line, and every break at such a boundary. */
  function expectUnbroken(lines: string[], url: string) {
    for (const token of url.split(/[/?&]/).filter(Boolean)) expect(lines.some((line) => line.includes(token)), `「${token}」 whole on a line of ${JSON.stringify(lines)}`).toBe(true);
    for (let i = 1; i < lines.length; i++) expect(lines[i - 1]!.endsWith('/') || /^[?&]/.test(lines[i]!), `break before ${lines[i]}`).toBe(true);
  }

  it.each([
    ['the sample', 'https://portal.example.jp', 1],
    ['a long host and path', 'https://denshi-hosho.keiyaku.city.omura.nagasaki.jp/portal/electronic-guarantee', 3],
    ['a deep path', 'https://hosho-portal.example.lg.jp/kensetsu/denshi-hosho/keiyaku-kanri/hacchusha-muke/portal/v2/orderer-side', 4],
    ['a port, no path', 'http://localhost:3000', 1],
  ])('%s: the lookup address and the verification page are never broken inside a part (pdftotext), and the QR code still reads', async (name, base, lookupLines) => {
    const urls = addresses(base);
    const file = save(`urls-${lookupLines}-${base.length}`, await renderKeyNoticePdf({ ...notice, lookupUrl: urls.lookupUrl, verification: { digest: NOTICE_DIGEST, url: urls.verifyUrl } }));
    expect(pageCount(file)).toBe(1);
    const text = tool('pdftotext', ['-raw', file, '-']);
    const lookup = printedLines(text, urls.lookupUrl);
    expect(lookup, JSON.stringify(lookup)).toHaveLength(lookupLines);
    expectUnbroken(lookup, urls.lookupUrl);
    expectUnbroken(printedLines(text, urls.shortUrl), urls.shortUrl);
    expect(qrPayloads(file, `urls-${base.length}`, 150)).toEqual([urls.lookupUrl, urls.verifyUrl].sort());
    screenshot(file, `key-notice-url-${base.length}`);
  });

  it('fitUrl: one line at the largest size that fits; else broken between parts; a part wider than the line after a 「.」', async () => {
    const canvas = await createCanvas({ title: 't', subject: 's', texts: ['https://a.example.jp/'], createdAt: new Date(0) });
    const font = canvas.regular;
    const url = 'https://portal.example.jp/orderer/lookup?number=2070004426';
    const wide = textWidth(font, url, 10);
    expect(fitUrl(font, url, [10, 8], wide + 1)).toEqual({ size: 10, lines: [url], cut: false });
    expect(fitUrl(font, url, [10, 8], wide * 0.85)).toEqual({ size: 8, lines: [url], cut: false });
    expect(fitUrl(font, url, [10, 8], textWidth(font, 'https://portal.example.jp/orderer/lookup', 10) + 1)).toEqual({
      size: 10,
      lines: ['https://portal.example.jp/orderer/lookup', '?number=2070004426'],
      cut: false,
    });
    const query = `${url}&kind=ADVANCE&from=notice`;
    const broken = fitUrl(font, query, [10], textWidth(font, 'https://portal.example.jp/orderer/', 10) + 1).lines;
    expect(broken.length).toBeGreaterThan(2);
    expect(broken.join('')).toBe(query);
    expectUnbroken(broken, query);
    const host = 'https://denshi-hosho-portal.keiyaku.city.omura.nagasaki.lg.jp/verify/3f2a';
    const narrow = fitUrl(font, host, [8], textWidth(font, 'https://denshi-hosho-portal.keiyaku.', 8) + 1);
    expect(narrow.cut).toBe(true);
    expect(narrow.lines.join('')).toBe(host);
    for (const line of narrow.lines.slice(0, -1)) expect(line).toMatch(/[./-]$/);
  });

  it.each([
    ['the sample', notice],
    ['a long 工事名', { ...notice, projectName: LONG_PROJECT_NAME }],
    ['no verification block, no 取次場所', { ...notice, verification: null, branch: null }],
  ])('%s: the page reads as one document, no empty band between its parts', async (name, data) => {
    const file = save(`band-${name.length}`, await renderKeyNoticePdf(data));
    const page = renderGray(file, 100);
    const blank = (row: number) => page.pixels.subarray(row * page.width, (row + 1) * page.width).every((p) => p > 230);
    const inked = [...Array(page.height).keys()].filter((row) => !blank(row));
    let widest = 0;
    for (let i = 1; i < inked.length; i++) widest = Math.max(widest, inked[i]! - inked[i - 1]! - 1);
    // 100 dpi: 70 px is about 50 pt, a little more than the widest gap a full stretch opens (the
    // band above the issuer, pinned to the foot of the page, was 180 px).
    expect(widest, 'the widest empty band between two inked rows, in pixels').toBeLessThanOrEqual(70);
  });
});

describe('verification record QR code', () => {
  // 2 pt modules: read from 100 dpi up (zbar misses this symbol at 72 dpi; prints and scans are ≥ 300).
  it.each([100, 150, 300])('decodes at %i dpi to the verification page of the digest', async (dpi) => {
    expect(qrPayloads(save(`record-qr-${dpi}`, await renderVerificationRecordPdf(record)), `record-qr-${dpi}`, dpi)).toEqual([record.verifyUrl]);
  });
});

describe('verification record', () => {
  const words = (file: string) => pdfWords(file).map((w) => ({ x: w.xMin, y: w.yMin, text: w.text }));

  it('prints the whole digest as 2 lines of 4 groups of 8, each line read in order', async () => {
    const file = save('record-digest', await renderVerificationRecordPdf(record));
    const all = words(file);
    const groups = DIGEST.match(/.{8}/g)!.map((group) => {
      const found = all.filter((w) => w.text === group);
      expect(found, group).toHaveLength(1);
      return found[0]!;
    });
    for (let i = 0; i < 4; i++) {
      expect(groups[i]!.y).toBeCloseTo(groups[0]!.y, 1);
      expect(groups[i + 4]!.y).toBeCloseTo(groups[4]!.y, 1);
      if (i > 0) expect(groups[i]!.x).toBeGreaterThan(groups[i - 1]!.x);
    }
    expect(groups[4]!.y).toBeGreaterThan(groups[0]!.y + 10); // the second half on the line below
    // In reading order, not column by column: raw pdftotext (no -layout) and Ghostscript give it whole.
    expect(squeeze(pdfText(file))).toContain(DIGEST);
    expect(squeeze(gsText(file))).toContain(DIGEST);
  });

  it('prints 「—」 without a digest, leaves out a missing 部署, and shows the minutes of an hour after midnight', async () => {
    const file = save(
      'record-variants',
      await renderVerificationRecordPdf({
        ...record,
        digest: null,
        checker: { ...record.checker, department: null },
        checkedAt: new Date('2026-11-24T15:07:00Z'), // 00:07 on the 25th in Tokyo
        version: 1,
        versionChanged: false,
        statusLabel: '解除',
      }),
    );
    expect(pageCount(file)).toBe(1);
    const text = squeeze(pdfText(file, { layout: true }));
    expect(text).toMatch(/証書ダイジェスト(（SHA-256）—|—（SHA-256）)/);
    expect(text).not.toContain(DIGEST.slice(0, 8));
    expect(text).toContain('確認者大村市山田太郎');
    expect(text).toContain('確認日時令和8年11月25日0時07分');
    expect(text).toContain('第1版令和8年10月1日発行');
    expect(text).not.toContain('（変更）');
    expect(text).toContain('確認時の状態解除');
    const info = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    expect(info.getCreationDate()?.toISOString()).toBe('2026-11-24T15:07:00.000Z');
    expect(info.getModificationDate()?.toISOString()).toBe('2026-11-24T15:07:00.000Z');
  });

  it('refuses a 確認者 the font cannot print (𠮷) before anything is drawn', async () => {
    const create = vi.spyOn(PDFDocument, 'create');
    try {
      const attempt = renderVerificationRecordPdf({ ...record, checker: { ...record.checker, name: '𠮷田 太郎' } });
      await expect(attempt).rejects.toBeInstanceOf(PdfTextError);
      await expect(attempt).rejects.toMatchObject({ missing: ['𠮷'] });
      expect(create).not.toHaveBeenCalled();
    } finally {
      create.mockRestore();
    }
  });
});

describe('変更保証料計算書 (a change\'s statement)', () => {
  const change: PremiumStatementData = {
    ...statement,
    issuedOn: '2026-10-01',
    guaranteeAmount: 38_000_000n,
    lines: [
      { label: '1円〜100,000,000円の部分', detail: '38,000,000円 × 0.2300%（181日〜365日）', amount: '87,400' },
      { label: '小計', amount: '87,400' },
      { label: '端数処理', detail: '100円未満切り捨て', amount: '87,400' },
      { label: '変更後保証料', amount: '87,400' },
      { label: '変更前保証料', amount: '92,000' },
      { label: '差額（返戻）', detail: '87,400円 − 92,000円', amount: '4,600' },
    ],
    premiumYen: -4_600n,
    change: { changeDate: '2026-09-30' },
  };

  it('is titled 変更保証料計算書, shows the terms after the change and prints the 差額 (返戻) as its total, never a negative premium', async () => {
    const file = save('change-statement', await renderPremiumCalculationPdf(change));
    expect(pageCount(file)).toBe(1);
    expect(pdfInfo(file)).toMatch(new RegExp(`^Title:\\s+${CHANGE_STATEMENT_TITLE}$`, 'm'));
    const text = squeeze(pdfText(file, { layout: true }));
    for (const expected of ['変更保証料計算書', '変更契約に伴う保証料の差額', '変更契約日令和8年9月30日', '保証金額（変更後）38,000,000円', '変更前保証料92,000']) {
      expect(text).toContain(squeeze(expected));
    }
    expect(text).not.toContain('-4,600');
    expect(text.match(/差額（返戻）/g)).toHaveLength(1);
    expect(text).toContain(squeeze('差額（返戻） 87,400円 − 92,000円 4,600'));
    screenshot(file, 'change-statement');
    const longName = LONG_PROJECT_NAME;
    const long = save('change-statement-long-name', await renderPremiumCalculationPdf({ ...change, projectName: longName }));
    expect(pageCount(long)).toBe(1);
    screenshot(long, 'change-statement-long-name');
  });
});

describe('保証料領収証', () => {
  it('keeps a long 工事名 in its cell on one page, and refuses characters the font lacks before drawing', async () => {
    const longName = LONG_PROJECT_NAME;
    const file = save('receipt-long-name', await renderPremiumReceiptPdf({ ...receipt, projectName: longName }));
    expect(pageCount(file)).toBe(1);
    expect(squeeze(pdfText(file))).toContain(squeeze(longName));
    screenshot(file, 'premium-receipt-long-name');
    await expect(renderPremiumReceiptPdf({ ...receipt, contractor: { ...receipt.contractor, name: '𠮷田建設' } })).rejects.toBeInstanceOf(PdfTextError);
  });
});

describe('中間前払金認定調書', () => {
  const longNote = '工事履行報告書（令和8年10月15日現在）及び現場に搬入された検査済みの材料により確認した。'.repeat(5).slice(0, 200);
  const longest = {
    ...jvCertificationDocument,
    contract: { ...jvCertificationDocument.contract, projectName: LONG_PROJECT_NAME, projectLocation: '大村市〇〇町〇〇番地先から△△町△△番地先まで及び□□町□□番地先' },
    note: longNote,
  };

  it('holds a 200-character 工事名 and a 200-character 付記 on one page, each wrapped inside its cell', async () => {
    const file = save('certification-longest', await renderCertificationDocumentPdf(longest));
    expect(pageCount(file)).toBe(1);
    const text = squeeze(pdfText(file));
    expect(text).toContain(squeeze(LONG_PROJECT_NAME));
    expect(text).toContain(squeeze(longNote));
    expect(text).toContain('担当都市整備部土木課大村土木');
    // The value column starts at 56 + 110 pt and ends at the right margin (539.3 pt), 9 pt padding.
    const inCell = pdfWords(file).filter((w) => (LONG_PROJECT_NAME.includes(w.text) || longNote.includes(w.text)) && w.text.length >= 8);
    expect(inCell.length).toBeGreaterThanOrEqual(8);
    for (const w of inCell) {
      expect(w.xMin).toBeGreaterThanOrEqual(166 + 9 - 0.5);
      expect(w.xMax).toBeLessThanOrEqual(539.3 - 9 + 0.5);
    }
    screenshot(file, 'certification-document-longest');
  });

  it('leaves out what the data leaves out: 付記, 担当, the bounds, the department', async () => {
    const file = save(
      'certification-bare',
      await renderCertificationDocumentPdf({
        ...certificationDocument,
        note: null,
        clerk: null,
        limits: { intermediate: null, combined: null },
        certifier: { name: '〇〇県知事', department: null },
      }),
    );
    const text = squeeze(pdfText(file, { layout: true }));
    expect(text).toContain('〇〇県知事');
    expect(text).not.toContain('付記');
    expect(text).not.toContain('担当');
    expect(text).not.toContain('以内');
    expect(text).not.toContain('（都市整備部土木課）');
    expect(text).toContain('中間前払金の請求予定額20,000,000円');
  });

  it('takes its dates from the data: CreationDate is the moment of the 認定', async () => {
    const bytes = await renderCertificationDocumentPdf(certificationDocument);
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getCreationDate()?.toISOString()).toBe(certificationDocument.certifiedAt);
    expect(doc.getModificationDate()?.toISOString()).toBe(certificationDocument.certifiedAt);
    await expect(renderCertificationDocumentPdf({ ...certificationDocument, certifiedAt: 'yesterday' })).rejects.toThrow(RangeError);
  });

  it('refuses a name the font cannot print before anything is drawn, and a content beyond one page', async () => {
    const create = vi.spyOn(PDFDocument, 'create');
    try {
      const attempt = renderCertificationDocumentPdf({ ...jvCertificationDocument, holder: { ...jvCertificationDocument.holder, name: '𠮷田・△△特定建設工事共同企業体' } });
      await expect(attempt).rejects.toBeInstanceOf(PdfTextError);
      await expect(attempt).rejects.toMatchObject({ missing: ['𠮷'] });
      expect(create).not.toHaveBeenCalled();
    } finally {
      create.mockRestore();
    }
    await expect(renderCertificationDocumentPdf({ ...longest, note: longNote.repeat(4) })).rejects.toThrow(/does not fit on one page/);
  });
});

describe('characters the font lacks', () => {
  it.each(['〇〇道路𠮷改良工事', '〇〇道路改良工事😀'])('refuses %s before anything is rendered', async (projectName) => {
    const create = vi.spyOn(PDFDocument, 'create');
    try {
      const attempt = renderKeyNoticePdf({ ...notice, projectName });
      await expect(attempt).rejects.toBeInstanceOf(PdfTextError);
      const error = await attempt.then(
        () => expect.fail('rendered'),
        (e: unknown) => e as PdfTextError,
      );
      expect(error.missing).toEqual([[...projectName].find((ch) => ch.codePointAt(0)! > 0xffff)]);
      expect(error.userMessage).toBe(`PDFに使用できない文字が含まれています: ${error.missing[0]}`);
      await expect(renderPremiumCalculationPdf({ ...statement, projectName })).rejects.toBeInstanceOf(PdfTextError);
      await expect(renderVerificationRecordPdf({ ...record, projectName })).rejects.toBeInstanceOf(PdfTextError);
      expect(create).not.toHaveBeenCalled();
    } finally {
      create.mockRestore();
    }
  });

  it('accepts what the flyer and the demo data use, whitespace included, and lists each missing character once', () => {
    expect(() => assertRenderable(['髙﨑①②〇△▲ー〜～－（）「」【】', '藤田 一\n\t大村市長', 'ABC-123 ％ × ÷'])).not.toThrow();
    let error: unknown;
    try {
      assertRenderable(['𠮷野家', '𠮷と😀', '\u0007']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PdfTextError);
    expect((error as PdfTextError).missing).toEqual(['𠮷', '😀', '\u0007']);
    expect((error as PdfTextError).userMessage).toBe('PDFに使用できない文字が含まれています: 𠮷、😀、\u0007');
  });
});

describe('a long 工事名', () => {
  // 200 characters: the longest the application form accepts.
  const longName = LONG_PROJECT_NAME;

  it('wraps inside its cell and the document stays on one page', async () => {
    const file = save('long-name', await renderKeyNoticePdf({ ...notice, projectName: longName }));
    expect(pageCount(file)).toBe(1);
    const text = squeeze(pdfText(file));
    expect(text).toContain(squeeze(longName));
    expect(text).toContain('西日本建設業保証株式会社');
    // Every line of the name ends inside the value cell (x 192–523 pt, 10 pt padding).
    const nameLines = pdfWords(file).filter((w) => longName.includes(w.text) && w.text.length >= 5);
    expect(nameLines.length).toBeGreaterThanOrEqual(5);
    for (const w of nameLines) {
      expect(w.xMin).toBeGreaterThanOrEqual(190);
      expect(w.xMax).toBeLessThanOrEqual(523.3 - 10 + 0.5);
    }
    const file2 = save('long-name-statement', await renderPremiumCalculationPdf({ ...statement, projectName: longName }));
    expect(pageCount(file2)).toBe(1);
    expect(squeeze(pdfText(file2))).toContain(squeeze(longName));
    screenshot(file, 'key-notice-long-name');
    screenshot(file2, 'premium-statement-long-name');
  });

  it('wraps inside its cell in the verification record, which stays on one page', async () => {
    const file = save('long-name-record', await renderVerificationRecordPdf({ ...record, projectName: longName }));
    expect(pageCount(file)).toBe(1);
    const text = squeeze(pdfText(file));
    expect(text).toContain(squeeze(longName));
    expect(text).toContain(DIGEST.slice(0, 16));
    expect(text).toContain('西日本建設業保証株式会社');
    // Every line of the name ends inside the value cell (x 186–539 pt, 10 pt padding).
    const nameLines = pdfWords(file).filter((w) => longName.includes(w.text) && w.text.length >= 5);
    expect(nameLines.length).toBeGreaterThanOrEqual(5);
    for (const w of nameLines) {
      expect(w.xMin).toBeGreaterThanOrEqual(186 + 10 - 0.5);
      expect(w.xMax).toBeLessThanOrEqual(539.3 - 10 + 0.5);
    }
    screenshot(file, 'verification-record-long-name');
  });

  it('is refused, not cut, when it cannot fit on the page', async () => {
    await expect(renderKeyNoticePdf({ ...notice, projectName: longName.repeat(6) })).rejects.toThrow(/does not fit on one page/);
    await expect(renderVerificationRecordPdf({ ...record, projectName: longName.repeat(6) })).rejects.toThrow(/does not fit on one page/);
  });
});
