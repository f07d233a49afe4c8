// The 保証証書 as a PDF (decision 073): the pure mapping from a version's content snapshot to the
// renderer's data (the print view's words, in its order), and the PDF as a reader sees it — pdftotext
// (every value, Japanese readable), pdffonts (embedded subsets), one page, the QR code read back by zbar,
// pictures at 100 dpi in screenshots/pdf/ for people to look at, page 1 against the committed baselines
// (tests/fixtures/pdf/certificate{,-jv}.png; UPDATE_PDF_BASELINES=1 rewrites them, decision 032).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildCertificateContent, type CertificateContent, type CertificateSource } from '@/domain/certificates/content';
import { CERTIFICATE_LABELS } from '@/domain/certificates/labels';
import { certificatePdfData, certificatePdfFilename } from '@/domain/certificates/pdf-data';
import { supersededLine } from '@/domain/changes/version-notice';
import { renderCertificatePdf } from '@/pdf/certificate';
import { PdfTextError } from '@/pdf/font';
import { compareWithBaseline, fontsOf, gsText, pageCount, pdfInfo, qrCodesIn, renderPng, screenshot, squeeze, tool } from '../support/pdf';

/** pdftotext in drawing order (-raw): each label, then its value's lines. */
const rawText = (file: string) => squeeze(tool('pdftotext', ['-raw', file, '-']));
import { certificateSource } from '../support/samples';

vi.setConfig({ testTimeout: 120_000 });

const UPDATE = process.env.UPDATE_PDF_BASELINES === '1';

/** Page 1 at 100 dpi against tests/fixtures/pdf/<name>.png (decision 032; UPDATE_PDF_BASELINES=1 rewrites it). */
function expectMatchesBaseline(pdf: string, name: string) {
  const result = compareWithBaseline(pdf, name, { update: UPDATE });
  if (result.ok) return;
  if (result.problem === 'size') expect(result.actual, 'page size in pixels').toBe(result.baseline);
  expect.fail(result.message);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'certificate-pdf-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function save(name: string, bytes: Uint8Array): string {
  const file = path.join(work, `${name}.pdf`);
  writeFileSync(file, bytes);
  return file;
}

const DIGEST = '3f2a9c1b0d4e7a1155aa66bb77cc88dd99ee00ff1122334455667788990011aa';
const VERIFY_URL = `http://localhost:3000/verify/${DIGEST}`;
const NOTICE = 'この画面の印刷物・保存したファイルは、発注者へ提出するものではありません。発注者へは「電子証書閲覧用「認証キー」等のお知らせ」（PDF）をご提出ください。';

const content = (overrides: Partial<CertificateSource> = {}): CertificateContent => buildCertificateContent(certificateSource(overrides));

const COMPANIES = ['株式会社〇〇建設', '株式会社△△工務店', '株式会社□□組', '株式会社◇◇土木', '株式会社☆☆建設'];
const ADDRESSES = ['▲▲市▲▲区▲▲1丁目1番1号', '長崎県大村市△△町2番3号', '長崎県諫早市□□町3番4号', '長崎県佐世保市◇◇町4番5号', '長崎県長崎市☆☆町5番6号'];
const SHARES = ['30', '20', '20', '15', '15'];
const BANKS = ['〇〇銀行 大村支店', '△△信用金庫 本店営業部', '□□銀行 諫早支店', '◇◇信用組合 佐世保支店', '☆☆銀行 長崎駅前支店'];

/** A JV of five (代表者 and four 構成員) with five deposits, a 中間前払金保証 from a 認定, version 2 (変更). */
function jvContent(): CertificateContent {
  return content({
    version: 2,
    changed: true,
    kind: 'INTERMEDIATE',
    number: '2070004434',
    contractor: { address: ADDRESSES[0]!, name: COMPANIES[0]! },
    projectName: '大村市〇〇地区排水機場更新工事',
    guaranteeAmount: 20_000_000n,
    contractAmount: 100_000_000n,
    jointVenture: {
      name: '〇〇・△△・□□・◇◇・☆☆特定建設工事共同企業体',
      kind: 'SPECIFIC',
      mode: 'JOINT',
      representative: { address: ADDRESSES[0]!, name: COMPANIES[0]!, share: SHARES[0]! },
      members: COMPANIES.slice(1).map((name, i) => ({ address: ADDRESSES[i + 1]!, name, share: SHARES[i + 1]! })),
    },
    deposits: COMPANIES.map((holder, i) => {
      const [bank, branch] = BANKS[i]!.split(' ');
      return { bank: bank!, branch: branch!, holder, share: SHARES[i]! };
    }),
    intermediateCertification: { number: '令和8年度第12号', certifiedOn: '2026-10-23', certifier: '大村市長' },
  });
}

describe('certificatePdfData: a version snapshot as the print view words it', () => {
  it('gives a single company every row in the print view’s order and words', () => {
    const data = certificatePdfData(content(), { verification: { digest: DIGEST, url: VERIFY_URL }, notice: NOTICE });
    expect(data.title).toBe('保証証書（前払金保証）');
    expect(data.issuedOn).toBe('令和 8年 5月 1日');
    expect(data.rows.map((r) => [r.label, r.lines.map((l) => [l.role, l.text, l.aside].filter(Boolean).join('|'))])).toEqual([
      ['保証契約番号', ['2070004426']],
      ['保証契約者', ['▲▲市▲▲区▲▲1丁目1番1号', '株式会社〇〇建設 様']],
      ['被保証者', ['大村市長 様']],
      ['保証金額', ['40,000,000 円']],
      ['保証期間', ['令和 8年 5月 2日 から 令和 9年 3月31日 まで']],
      ['工事末日', ['令和 9年 3月31日']],
      ['工事名', ['〇〇道路改良工事']],
      ['請負金額', ['100,000,000 円']],
      ['預託金融機関', ['〇〇銀行 ▲▲支店']],
    ]);
    expect(data.undertaking).toBe('当会社は、前払金保証契約に基づき上記のとおり前払金保証契約を締結し、その責に任じます。');
    expect(data.branch?.[0]).toMatch(/^取次場所 /);
    expect(data.branch?.slice(2)).toEqual([expect.stringMatching(/^TEL : /), expect.stringMatching(/^FAX : /)]);
    expect(data.notes.map((n) => n.mark)).toEqual(['【注1】', '【注2】', '【注3】']);
    expect(data.notes[0]!.text).toBe('保証金額の増減等の変更があった場合は(変更)と表示し、変更後の内容を記載します。');
    expect(data.verification).toEqual({
      digestLine: '証書ダイジェスト（SHA-256）: 3f2a 9c1b 0d4e 7a11',
      body: '二次元コードまたは下記のページで、当ポータルが発行した証書であること（改ざんのないこと）と現在の状態を確認できます。',
      url: VERIFY_URL,
    });
    expect(data.notice).toBe(NOTICE);
    expect(data.status).toBeNull();
    expect(data.dense).toBe(false);
    expect(data.meta).toEqual({ title: '保証証書（前払金保証）', subject: '保証契約番号 2070004426 第1版', createdAt: new Date('2026-04-30T15:00:00Z') });
    expect(certificatePdfFilename(content())).toBe('保証証書_2070004426_第1版.pdf');
  });

  it('gives a JV the JV 様, its 代表者 and 構成員, the 分割預託 and the 認定 row, and （変更） in the title', () => {
    const data = certificatePdfData(jvContent());
    expect(data.title).toBe('保証証書（中間前払金保証）（変更）');
    expect(data.meta.subject).toBe('保証契約番号 2070004434 第2版（変更）');
    const row = (label: string) => data.rows.find((r) => r.label === label);
    expect(row('保証契約者')!.lines).toEqual([
      { text: '〇〇・△△・□□・◇◇・☆☆特定建設工事共同企業体 様' },
      { role: '代表者', text: `${ADDRESSES[0]}　${COMPANIES[0]}` },
      ...COMPANIES.slice(1).map((name, i) => ({ role: '構成員', text: `${ADDRESSES[i + 1]}　${name}` })),
    ]);
    expect(row('預託金融機関')).toEqual({
      label: '預託金融機関',
      labelNote: '（分割預託）',
      lines: COMPANIES.map((holder, i) => ({ text: BANKS[i], aside: `${holder} ${SHARES[i]}％` })),
    });
    expect(row('中間前払金認定')!.lines).toEqual([{ text: '令和8年度第12号（令和 8年10月23日 大村市長）' }]);
    expect(data.rows.map((r) => r.label).slice(-2)).toEqual(['預託金融機関', '中間前払金認定']);
    expect(data.dense).toBe(true);
    expect(data.verification).toBeNull();
  });

  it('prints a 契約保証 without 預託金融機関, and 保証期間 without a start as its end alone', () => {
    const data = certificatePdfData({ ...content({ kind: 'CONTRACT' }), guaranteePeriod: { from: '', to: '2027-03-31' } });
    expect(data.rows.map((r) => r.label)).not.toContain('預託金融機関');
    expect(data.rows.find((r) => r.label === '保証期間')!.lines).toEqual([{ text: '令和 9年 3月31日' }]);
  });
});

describe('renderCertificatePdf: the certificate as a reader sees it', () => {
  it('prints a single company’s certificate on one page, every value readable, the font embedded, the QR code to its verification page', async () => {
    const data = certificatePdfData(content(), { verification: { digest: DIGEST, url: VERIFY_URL }, notice: NOTICE, status: 'この保証の状態: 有効' });
    const file = save('single', await renderCertificatePdf(data));
    expect(pageCount(file)).toBe(1);
    expect(pdfInfo(file)).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    const fonts = fontsOf(file);
    expect(fonts).toMatch(/[A-Z]{6}\+BIZUDPGothic-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+BIZUDPGothic-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    const text = rawText(file);
    for (const expected of [
      'この保証の状態:有効',
      '令和8年5月1日',
      '保証証書（前払金保証）',
      '保証契約番号2070004426',
      '保証契約者▲▲市▲▲区▲▲1丁目1番1号株式会社〇〇建設様',
      '被保証者大村市長様',
      '保証金額40,000,000円',
      '保証期間令和8年5月2日から令和9年3月31日まで',
      '工事末日令和9年3月31日',
      '工事名〇〇道路改良工事',
      '請負金額100,000,000円',
      '預託金融機関〇〇銀行▲▲支店',
      '当会社は、前払金保証契約に基づき上記のとおり前払金保証契約を締結し、その責に任じます。',
      squeeze(data.issuer.companyName),
      squeeze(data.issuer.representativeName),
      squeeze(data.branch![0]!),
      '【注1】保証金額の増減等の変更があった場合は(変更)と表示し、変更後の内容を記載します。',
      '【注3】請負金額のみの変更の保証証書は発行を省略させていただきます。',
      '証書ダイジェスト（SHA-256）:3f2a9c1b0d4e7a11',
      VERIFY_URL,
      '前払金保証契約につきましては、次のページをご確認ください。',
      squeeze(data.terms.url),
      squeeze(NOTICE),
    ]) {
      expect(text).toContain(expected);
    }
    // Ghostscript reads it too (the ToUnicode CMap in blocks: decision 016).
    expect(squeeze(gsText(file))).toContain('株式会社〇〇建設様');
    expect(qrCodesIn(renderPng(file, path.join(work, 'single-150'), 150))).toEqual([VERIFY_URL]);
    screenshot(file, 'certificate-single');
    expectMatchesBaseline(file, 'certificate');
  });

  it('prints a JV of five with five deposits and its 認定 on one page, every member and account readable', async () => {
    const data = certificatePdfData(jvContent(), { verification: { digest: DIGEST, url: VERIFY_URL }, notice: NOTICE, status: 'この保証の状態: 有効' });
    const file = save('jv', await renderCertificatePdf(data));
    expect(pageCount(file)).toBe(1);
    const text = rawText(file);
    expect(text).toContain('保証証書（中間前払金保証）（変更）');
    expect(text).toContain('保証契約者〇〇・△△・□□・◇◇・☆☆特定建設工事共同企業体様');
    expect(text).toContain(squeeze(`代表者${ADDRESSES[0]}${COMPANIES[0]}`));
    for (const [i, name] of COMPANIES.entries()) {
      if (i > 0) expect(text).toContain(squeeze(`構成員${ADDRESSES[i]}${name}`));
      expect(text).toContain(squeeze(`${BANKS[i]}${name}${SHARES[i]}％`));
    }
    expect(text).toContain('預託金融機関（分割預託）');
    expect(text).toContain('中間前払金認定令和8年度第12号（令和8年10月23日大村市長）');
    expect(text).toContain('工事名大村市〇〇地区排水機場更新工事');
    expect(text).toContain(squeeze(NOTICE));
    expect(text.match(/様/g)).toHaveLength(2); // the JV's and the 被保証者's: no 様 on a member
    expect(qrCodesIn(renderPng(file, path.join(work, 'jv-150'), 150))).toEqual([VERIFY_URL]);
    screenshot(file, 'certificate-jv');
    expectMatchesBaseline(file, 'certificate-jv');
  });

  it('on a version that is not the latest, says in the status box which version is (decision 073); the latest says nothing of it', async () => {
    const v1 = { version: 1, changed: false, issuedOn: '2026-05-01' };
    const v2 = { version: 2, changed: true, issuedOn: '2026-06-15' };
    const LINE = 'この証書は第1版です。第2版（変更）が発行されています（令和 8年 6月15日発行）。';
    expect(supersededLine(v1, v2)).toBe(LINE);
    expect(supersededLine(v2, v2)).toBeNull();
    expect(supersededLine(v1, undefined)).toBeNull();
    // The orderer's sheet: the status, then the line, both in the box above the date.
    const old = certificatePdfData(content(), { notice: NOTICE, status: 'この保証の状態: 有効', superseded: supersededLine(v1, v2) });
    const oldFile = save('superseded', await renderCertificatePdf(old));
    expect(pageCount(oldFile)).toBe(1);
    expect(rawText(oldFile)).toContain(`この保証の状態:有効${squeeze(LINE)}令和8年5月1日保証証書（前払金保証）`);
    screenshot(oldFile, 'certificate-superseded');
    // The contractor's sheet while 有効 (no status): the line alone; a JV's dense sheet still fits one page.
    const jvOld = certificatePdfData(jvContent(), { notice: NOTICE, status: null, superseded: CERTIFICATE_LABELS.superseded('第2版（変更）', '第3版（変更）', '令和 8年11月 2日') });
    const jvFile = save('jv-superseded', await renderCertificatePdf(jvOld));
    expect(pageCount(jvFile)).toBe(1);
    expect(rawText(jvFile)).toContain('この証書は第2版（変更）です。第3版（変更）が発行されています（令和8年11月2日発行）。');
    // The latest version: no such line.
    const latest = certificatePdfData(content({ version: 2, changed: true, issuedOn: '2026-06-15' }), { status: 'この保証の状態: 有効', superseded: supersededLine(v2, v2) });
    const latestText = rawText(save('latest', await renderCertificatePdf(latest)));
    expect(latestText).toContain('この保証の状態:有効');
    expect(latestText).not.toContain('この証書は');
    expect(latestText).not.toContain('が発行されています');
  });

  it('gives the same bytes for the same version', async () => {
    const data = () => certificatePdfData(jvContent(), { verification: { digest: DIGEST, url: VERIFY_URL } });
    expect(Buffer.from(await renderCertificatePdf(data())).equals(Buffer.from(await renderCertificatePdf(data())))).toBe(true);
  });

  it('shrinks and wraps a long 工事名 on the page, and refuses a character the font lacks before drawing', async () => {
    const long = '〇〇市立〇〇小学校校舎改築工事（第1期）及び屋内運動場改修工事並びに外構整備工事、'.repeat(3);
    const file = save('long', await renderCertificatePdf(certificatePdfData(content({ projectName: long }))));
    expect(pageCount(file)).toBe(1);
    expect(rawText(file)).toContain(`工事名${squeeze(long)}`);
    await expect(renderCertificatePdf(certificatePdfData(content({ projectName: '𠮷野家前道路工事' })))).rejects.toBeInstanceOf(PdfTextError);
  });

  it('refuses (RangeError), never cuts, content that cannot fit one page', async () => {
    const huge = 'あ'.repeat(4000);
    await expect(renderCertificatePdf({ ...certificatePdfData(content()), undertaking: huge })).rejects.toBeInstanceOf(RangeError);
  });
});
