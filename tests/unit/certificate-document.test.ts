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
