import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CertificateDocument, formatYenDigits } from '@/components/certificate/certificate-document';
import { PrintFrame } from '@/components/certificate/print-frame';
import { buildCertificateContent, type CertificateContent, type CertificateSource } from '@/domain/certificates/content';
import { certificateSource } from '../support/samples';

const source = certificateSource({ issuedOn: '2026-04-10', obligeeName: '〇〇県知事', guaranteeStart: '2026-04-11' });

function content(overrides: Partial<CertificateSource> = {}): CertificateContent {
  return buildCertificateContent({ ...source, ...overrides });
}

function render(c: CertificateContent, props: { banner?: ReactNode; headingLevel?: 1 | 2 } = {}): string {
  return renderToStaticMarkup(createElement(CertificateDocument, { content: c, ...props }));
}

/** The text of the <td> in the row headed `label`, tags stripped; undefined without such a row. */
function cell(html: string, label: string): string | undefined {
  const match = new RegExp(`<th scope="row">${label}</th><td[^>]*>(.*?)</td>`).exec(html);
  return match?.[1]?.replace(/<[^>]+>/g, '');
}

describe('CertificateDocument', () => {
  it('titles the certificate by kind, (変更) only on a changed version', () => {
    expect(render(content())).toMatch(/<h2 id="[^"]+"[^>]*>保証証書（前払金保証）<\/h2>/);
    expect(render(content({ kind: 'INTERMEDIATE' }))).toContain('>保証証書（中間前払金保証）</h2>');
    expect(render(content({ kind: 'CONTRACT' }))).toContain('>保証証書（契約保証）</h2>');
    expect(render(content())).not.toContain('（変更）');
    expect(render(content({ changed: true }))).toMatch(/保証証書（前払金保証）<span[^>]*>（変更）<\/span><\/h2>/);
  });

  it('labels the article by its heading, at the requested level', () => {
    const html = render(content(), { headingLevel: 1 });
    const id = /<h1 id="([^"]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    expect(html).toContain(`<article class="`);
    expect(html).toContain(`aria-labelledby="${id}"`);
    expect(html).toContain('<caption class="visually-hidden">保証証書の記載事項</caption>');
  });

  it('formats amounts from the digit strings with separators, beyond Number precision', () => {
    expect(formatYenDigits('40000000')).toBe('40,000,000');
    expect(formatYenDigits('999999999999')).toBe('999,999,999,999');
    expect(formatYenDigits('9007199254740993')).toBe('9,007,199,254,740,993');
    expect(formatYenDigits('0')).toBe('0');
    const html = render(content({ guaranteeAmount: 999_999_999_999n }));
    expect(cell(html, '保証金額')).toBe('999,999,999,999 円');
    expect(cell(render(content()), '保証金額')).toBe('40,000,000 円');
    expect(cell(html, '請負金額')).toBe('100,000,000 円');
  });

  it('writes dates in 和暦 with the flyer spacing', () => {
    const html = render(content());
    expect(html).toContain('<time dateTime="2026-04-10"');
    expect(html).toMatch(/<p[^>]*><time dateTime="2026-04-10"[^>]*>令和 8年 4月10日<\/time><\/p>/);
    expect(cell(html, '保証期間')).toBe('令和 8年 4月11日 から 令和 9年 3月31日 まで');
    expect(cell(html, '工事末日')).toBe('令和 9年 3月31日');
  });

  it('puts 様 after the contractor and the obligee, the contractor address first', () => {
    const html = render(content());
    expect(cell(html, '保証契約番号')).toBe('2070004426');
    expect(cell(html, '保証契約者')).toBe('▲▲市▲▲区▲▲1丁目1番1号株式会社〇〇建設 様');
    expect(cell(html, '被保証者')).toBe('〇〇県知事 様');
    expect(cell(html, '工事名')).toBe('〇〇道路改良工事');
  });

  it('shows 預託金融機関 for advance payments and no such row for 契約保証', () => {
    expect(cell(render(content()), '預託金融機関')).toBe('〇〇銀行 ▲▲支店');
    expect(cell(render(content({ kind: 'INTERMEDIATE' })), '預託金融機関')).toBe('〇〇銀行 ▲▲支店');
    const contract = render(content({ kind: 'CONTRACT' }));
    expect(contract).not.toContain('預託金融機関');
    expect(contract).toContain('当会社は、契約保証契約に基づき上記のとおり契約保証契約を締結し、その責に任じます。');
  });

  it('shows the undertaking, the issuer, the 取次場所, the notes and the terms link', () => {
    const html = render(content());
    expect(html).toContain('当会社は、前払金保証契約に基づき上記のとおり前払金保証契約を締結し、その責に任じます。');
    for (const text of ['西日本建設業保証株式会社', '取締役社長', '藤田 一', '取次場所 大阪支店', 'TEL : ', '06-6543-2711', 'FAX : ', '0120-304160']) {
      expect(html).toContain(text);
    }
    expect(html).toContain('【注1】</span><span>保証金額の増減等の変更があった場合は(変更)と表示し、変更後の内容を記載します。');
    expect(html).toContain('【注2】</span><span>保証期間については、');
    expect(html).toContain('【注3】</span><span>請負金額のみの変更の保証証書は発行を省略させていただきます。');
    expect(html).toContain('前払金保証契約につきましては、次のページをご確認ください。');
    expect(html).toMatch(/<a href="https:\/\/www\.wjcs\.net\/" target="_blank" rel="noopener noreferrer"/);
  });

  it('omits the 取次場所 block when there is none, and never links a non-web terms address', () => {
    const c = content();
    const html = render({ ...c, branch: null, terms: { ...c.terms, url: 'javascript:alert(1)' } });
    expect(html).not.toContain('取次場所');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('javascript:alert(1)');
  });

  it('renders the banner above the title', () => {
    const html = render(content(), { banner: createElement('p', { role: 'status' }, '有効') });
    expect(html).toContain('<p role="status">有効</p>');
    expect(html.indexOf('有効')).toBeLessThan(html.indexOf('<h2'));
  });

  it('escapes every text: markup in 工事名 renders as text', () => {
    const html = render(content({ projectName: '<script>alert("x")</script>&工事', contractor: { address: '<b>住所</b>', name: 'A&B' } }));
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;工事');
    expect(html).toContain('A&amp;B');
  });
});

describe('CertificateDocument: a 共同企業体, 分割預託 and the 中間前払金認定 (decision 018 optional members)', () => {
  const COMPANIES = ['株式会社〇〇建設', '株式会社△△工務店', '株式会社□□組', '株式会社◇◇土木', '株式会社☆☆建設'];
  const ADDRESSES = ['▲▲市▲▲区▲▲1丁目1番1号', '長崎県大村市△△町2番3号', '長崎県諫早市□□町3番4号', '長崎県佐世保市◇◇町4番5号', '長崎県長崎市☆☆町5番6号'];
  const SHARES = ['30', '20', '20', '15', '15'];
  function jv(n: number): CertificateSource['jointVenture'] {
    return {
      name: '〇〇・△△特定建設工事共同企業体',
      kind: 'SPECIFIC',
      mode: 'JOINT',
      representative: { address: ADDRESSES[0]!, name: COMPANIES[0]!, share: SHARES[0]! },
      members: COMPANIES.slice(1, n).map((name, i) => ({ address: ADDRESSES[i + 1]!, name, share: SHARES[i + 1]! })),
    };
  }
  const deposits = (n: number) => COMPANIES.slice(0, n).map((holder, i) => ({ bank: `銀行${i + 1}`, branch: `支店${i + 1}`, holder, share: SHARES[i]! }));

  it('names the JV 様, then the 代表者 and each 構成員 with address and name', () => {
    const html = render(content({ contractor: { address: ADDRESSES[0]!, name: COMPANIES[0]! }, jointVenture: jv(2) }));
    expect(cell(html, '保証契約者')).toBe('〇〇・△△特定建設工事共同企業体 様代表者▲▲市▲▲区▲▲1丁目1番1号株式会社〇〇建設構成員長崎県大村市△△町2番3号株式会社△△工務店');
    // 様 once, after the JV's name only.
    expect(cell(html, '保証契約者')?.match(/様/g)).toHaveLength(1);
  });

  it('lists 分割預託 under 預託金融機関 with each member and share, and no single 預託金融機関 row', () => {
    const html = render(content({ jointVenture: jv(2), deposits: deposits(2) }));
    expect(html).toContain('<th scope="row">預託金融機関<span class="');
    const row = /<th scope="row">預託金融機関<span[^>]*>（分割預託）<\/span><\/th><td[^>]*>(.*?)<\/td>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '');
    expect(row).toBe('銀行1 支店1株式会社〇〇建設 30％銀行2 支店2株式会社△△工務店 20％');
    expect(html.match(/預託金融機関/g)).toHaveLength(1);
  });

  it('holds five members and five deposits, all on the sheet', () => {
    const html = render(content({ contractor: { address: ADDRESSES[0]!, name: COMPANIES[0]! }, jointVenture: jv(5), deposits: deposits(5) }));
    const holder = cell(html, '保証契約者') ?? '';
    for (const [i, name] of COMPANIES.entries()) {
      expect(holder).toContain(`${ADDRESSES[i]}${name}`);
      expect(html).toContain(`銀行${i + 1} 支店${i + 1}`);
    }
    expect(holder.match(/構成員/g)).toHaveLength(4);
    expect(holder.match(/代表者/g)).toHaveLength(1);
  });

  it('shows the 中間前払金認定 row with number, 認定日 and 認定権者 on a 中間前払金保証 from a 認定', () => {
    const html = render(content({ kind: 'INTERMEDIATE', intermediateCertification: { number: '令和8年度第12号', certifiedOn: '2026-10-23', certifier: '大村市長' } }));
    expect(cell(html, '中間前払金認定')).toBe('令和8年度第12号（令和 8年10月23日 大村市長）');
    expect(cell(html, '預託金融機関')).toBe('〇〇銀行 ▲▲支店');
  });

  it('leaves a single company sheet as it was: no JV lines, no 分割預託, no 認定 row', () => {
    const html = render(content());
    for (const text of ['代表者', '構成員', '分割預託', '中間前払金認定', '％']) expect(html).not.toContain(text);
    expect(cell(html, '保証契約者')).toBe('▲▲市▲▲区▲▲1丁目1番1号株式会社〇〇建設 様');
  });

  it('escapes the JV and bank names', () => {
    const html = render(content({ jointVenture: { ...jv(2)!, name: '<i>JV</i>' }, deposits: [{ bank: '<b>銀行</b>', branch: '', holder: 'A&B', share: '100' }] }));
    expect(html).not.toContain('<i>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;i&gt;JV&lt;/i&gt;');
  });
});

describe('PrintFrame', () => {
  it('keeps the toolbar and the screen notice out of print, and prints the notice after the certificate', () => {
    const notice = 'この印刷物・保存したファイルは発注者へ提出するものではありません。';
    // PrintFrame has no hooks: called as a function, it returns the element tree to render.
    const html = renderToStaticMarkup(PrintFrame({ backHref: '/contractor/x', notice, children: createElement(CertificateDocument, { content: content() }) }));
    expect(html).toMatch(/<div class="[^"]+" data-print-hide=""><button type="button" class="button primary">印刷する<\/button><a class="button" href="\/contractor\/x">戻る<\/a>/);
    expect(html).toContain('この画面は、印刷・保存が可能です。');
    const first = html.indexOf(notice);
    const last = html.lastIndexOf(notice);
    expect(first).toBeLessThan(html.indexOf('<article'));
    expect(last).toBeGreaterThan(html.indexOf('</article>'));
    expect(html.slice(0, first)).toMatch(/role="note" aria-label="ご注意" data-print-hide="">$/);
    expect(html.slice(html.indexOf('</article>'), last)).not.toContain('data-print-hide');
  });
});

describe('the verification block', () => {
  it('shows the digest in its short form and a QR code to the verification page, only when given a digest', () => {
    const digest = 'c2e51acf17ab62169e5eac25fd50ceff6e7b82c0a0518bbe6ea3671d21c2e76a';
    const content = buildCertificateContent(source);
    const html = renderToStaticMarkup(createElement(CertificateDocument, { content, digest }));
    expect(html).toContain('c2e5 1acf 17ab 6216');
    expect(html).toContain(`/verify/${digest}`);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-label="真正性確認ページの二次元コード"/);
    expect(renderToStaticMarkup(createElement(CertificateDocument, { content }))).not.toContain('<svg');
  });
});
