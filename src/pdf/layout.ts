import { PageSizes, PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { qrCodePath, qrModuleCount } from '@/lib/qr';
import { assertRenderable, loadJapaneseFonts, pdfFontkit, subsetFontName } from './font';

/**
 * Drawing helpers shared by every PDF of the portal. Coordinates are in points measured from the
 * page's top-left corner (y grows downwards, as on paper); the helpers turn them into PDF coordinates.
 * Every helper that draws returns where it ended, so documents are laid out as a running cursor.
 */

export const A4 = { width: PageSizes.A4[0], height: PageSizes.A4[1] };
export const MARGIN = { left: 56, right: 56, top: 48, bottom: 48 };
export const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

export const BLACK = rgb(0, 0, 0);
export const GRAY = rgb(0.35, 0.35, 0.35);
export const LABEL_FILL = rgb(0.92, 0.92, 0.92);
export const BORDER = rgb(0.25, 0.25, 0.25);

/** The fixed Info strings: only the title and the dates differ between documents. */
const CREATOR = '電子保証ポータル';
const PRODUCER = '電子保証ポータル (pdf-lib 1.17.1, fontkit 2.0.4)';

export interface Canvas {
  doc: PDFDocument;
  page: PDFPage;
  regular: PDFFont;
  bold: PDFFont;
}

export interface DocumentOptions {
  title: string;
  subject: string;
  /** Every text the document will draw: checked against the font before anything is made. */
  texts: readonly string[];
  /** CreationDate and ModDate: the same input gives the same bytes. */
  createdAt: Date;
}

/**
 * A one-page A4 portrait document with the Japanese font embedded as subsets (regular and bold).
 * Throws PdfTextError first when a text holds a character the font lacks.
 */
export async function createCanvas(options: DocumentOptions): Promise<Canvas> {
  assertRenderable([options.title, options.subject, ...options.texts]);
  const fonts = loadJapaneseFonts();
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(pdfFontkit);
  const texts = [options.title, ...options.texts];
  const regular = await doc.embedFont(fonts.regular.bytes, { subset: true, customName: subsetFontName(fonts.regular, texts) });
  const bold = await doc.embedFont(fonts.bold.bytes, { subset: true, customName: subsetFontName(fonts.bold, texts) });
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  doc.setSubject(options.subject);
  doc.setCreator(CREATOR);
  doc.setProducer(PRODUCER);
  doc.setLanguage('ja-JP');
  doc.setCreationDate(options.createdAt);
  doc.setModificationDate(options.createdAt);
  const page = doc.addPage([A4.width, A4.height]);
  return { doc, page, regular, bold };
}

/**
 * The same canvas for laying out without drawing: every helper answers where it would end and puts
 * nothing on the page. A document measures a layout with it before placing it (key-notice.ts).
 */
export function measuringCanvas(canvas: Canvas): Canvas {
  const nothing = () => undefined;
  const page = { drawText: nothing, drawRectangle: nothing, drawLine: nothing, drawSvgPath: nothing } as unknown as PDFPage;
  return { ...canvas, page };
}

/** The finished file. Object streams keep it small; nothing in it depends on the clock. */
export async function finish(canvas: Canvas): Promise<Uint8Array> {
  if (canvas.doc.getPageCount() !== 1) throw new Error('PDF layout: the document must fit on one page');
  return canvas.doc.save({ useObjectStreams: true });
}

// ───────────────────────────── text ─────────────────────────────

export type Weight = 'regular' | 'bold';
export type Align = 'left' | 'center' | 'right';

export interface TextStyle {
  size: number;
  weight?: Weight;
  color?: RGB;
  /** Line box height as a multiple of the size (default 1.5). */
  lineHeight?: number;
}

const fontOf = (canvas: Canvas, weight: Weight = 'regular') => (weight === 'bold' ? canvas.bold : canvas.regular);

const charWidths = new WeakMap<PDFFont, Map<string, number>>();

/** Width of `text` at `size`, from per-character advances (cached per font; no kerning is drawn either). */
export function textWidth(font: PDFFont, text: string, size: number): number {
  let widths = charWidths.get(font);
  if (!widths) charWidths.set(font, (widths = new Map()));
  let total = 0;
  for (const ch of text) {
    let w = widths.get(ch);
    if (w === undefined) widths.set(ch, (w = font.widthOfTextAtSize(ch, 1)));
    total += w;
  }
  return total * size;
}

/** Characters that must not begin a line (closing brackets, punctuation, small kana): they hang instead. */
const NO_LINE_START = new Set([...'、。，．,.)）」』】〕〉》］｝!！?？:：;；・ー〜ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ%％']);

/**
 * Breaks `text` into lines no wider than `maxWidth` (explicit line breaks kept). Japanese has no
 * spaces, so a line may break between any two characters, except before a character of
 * NO_LINE_START, which stays at the end of the line (ぶら下げ). A run of ASCII letters and digits (a
 * number, a URL part) moves to the next line whole when it fits there.
 */
export function wrapText(font: PDFFont, text: string, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n')) {
    const chars = [...paragraph];
    let line = '';
    let width = 0;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i]!;
      const w = textWidth(font, ch, size);
      if (line !== '' && width + w > maxWidth && !NO_LINE_START.has(ch)) {
        // Keep an ASCII word together when the part already on this line can move down with it.
        let carry = '';
        if (/[0-9A-Za-z]/.test(ch)) {
          const m = /[0-9A-Za-z,.\-]+$/.exec(line);
          if (m && m[0].length < line.length) {
            const word = m[0] + wordFrom(chars, i);
            if (textWidth(font, word, size) <= maxWidth) carry = m[0];
          }
        }
        lines.push(line.slice(0, line.length - carry.length).trimEnd());
        line = carry;
        width = textWidth(font, carry, size);
        if (ch === ' ' && line === '') continue;
      }
      line += ch;
      width += w;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

function wordFrom(chars: string[], start: number): string {
  let word = '';
  for (let i = start; i < chars.length && /[0-9A-Za-z]/.test(chars[i]!); i++) word += chars[i];
  return word;
}

/**
 * The largest of `sizes` at which `text` wraps into at most `maxLines` lines (the smallest size
 * otherwise): long values shrink a little instead of pushing the page over.
 */
export function fitText(font: PDFFont, text: string, sizes: readonly number[], maxWidth: number, maxLines: number) {
  let lines: string[] = [];
  let size = sizes[0]!;
  for (const candidate of sizes) {
    size = candidate;
    lines = wrapText(font, text, size, maxWidth);
    if (lines.length <= maxLines) break;
  }
  return { size, lines };
}

/**
 * Where an address may be broken across lines: after a `/` (not inside the `//` after the scheme),
 * before a `?` or a `&`. Never inside a token (a host name, a path segment, `number=2070004426`).
 */
function urlPieces(url: string): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (let i = 0; i < url.length; i++) {
    const ch = url[i]!;
    if ((ch === '?' || ch === '&') && piece !== '') {
      pieces.push(piece);
      piece = '';
    }
    piece += ch;
    if (ch === '/' && url[i + 1] !== '/' && !url.slice(0, i + 1).endsWith('://')) {
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * An address (URL) within `maxWidth`: on one line at the largest of `sizes` where it fits; else broken
 * only where urlPieces allows, on as few lines as that takes, at the largest size where every piece
 * fits a line. Only a piece wider than the line even at the smallest size (a host name of 50
 * characters in a narrow column) is broken inside (`cut`): after a `.` or a `-` of it, and its
 * characters cut only where even that does not fit.
 */
export function fitUrl(font: PDFFont, url: string, sizes: readonly number[], maxWidth: number): { size: number; lines: string[]; cut: boolean } {
  const pieces = urlPieces(url);
  const fits = (text: string, size: number) => textWidth(font, text, size) <= maxWidth;
  const oneLine = sizes.find((s) => fits(url, s));
  if (oneLine !== undefined) return { size: oneLine, lines: [url], cut: false };
  const clean = sizes.find((s) => pieces.every((piece) => fits(piece, s)));
  const size = clean ?? sizes[sizes.length - 1]!;
  const lines: string[] = [];
  let line = '';
  const place = (units: readonly string[], split: (unit: string) => readonly string[] | null) => {
    for (const unit of units) {
      if (line !== '' && !fits(line + unit, size)) {
        lines.push(line);
        line = '';
      }
      const parts = fits(unit, size) ? null : split(unit);
      if (parts) place(parts, (part) => (part.length > 1 ? [...part] : null));
      else line += unit;
    }
  };
  place(pieces, (piece) => piece.split(/(?<=[.-])/));
  if (line !== '') lines.push(line);
  return { size, lines, cut: clean === undefined };
}

/** The baseline of a line box of height `box` whose top is at `top`: CJK glyphs centred in the box. */
const baselineIn = (top: number, box: number, size: number) => top + box / 2 + size * 0.36;

/**
 * One line of text in a line box whose top is at `top`; `x` is the left edge, the centre or the right
 * edge according to `align`. Returns the y below the line box.
 */
export function drawLine(canvas: Canvas, text: string, x: number, top: number, style: TextStyle & { align?: Align }): number {
  const font = fontOf(canvas, style.weight);
  const box = style.size * (style.lineHeight ?? 1.5);
  const width = textWidth(font, text, style.size);
  const left = style.align === 'center' ? x - width / 2 : style.align === 'right' ? x - width : x;
  if (text !== '') {
    canvas.page.drawText(text, {
      x: left,
      y: A4.height - baselineIn(top, box, style.size),
      size: style.size,
      font,
      color: style.color ?? BLACK,
    });
  }
  return top + box;
}

/**
 * The head every document starts with: its lines at the top right (the date, a receipt's number),
 * then the title centred `gap` points below them. Returns the y below the title.
 */
export function drawDocumentHead(canvas: Canvas, topRight: readonly string[], title: string, style: { gap: number; size: number }): number {
  let y = MARGIN.top;
  for (const line of topRight) y = drawLine(canvas, line, A4.width - MARGIN.right, y, { size: 10.5, align: 'right' });
  return drawLine(canvas, title, A4.width / 2, y + style.gap, { size: style.size, weight: 'bold', align: 'center' });
}

/** Wrapped text within `maxWidth` from (x, top). Returns the y below the last line. */
export function drawParagraph(
  canvas: Canvas,
  text: string,
  x: number,
  top: number,
  maxWidth: number,
  style: TextStyle & { indent?: number },
): number {
  const font = fontOf(canvas, style.weight);
  let y = top;
  for (const line of wrapText(font, text, style.size, maxWidth - (style.indent ?? 0))) {
    y = drawLine(canvas, line, x + (style.indent ?? 0), y, style);
  }
  return y;
}

// ───────────────────────────── tables ─────────────────────────────

export interface Cell {
  text: string;
  weight?: Weight;
  align?: Align;
  /** Font size; with `fit`, the largest of these sizes that keeps the cell within `fit.maxLines`. */
  size?: number;
  fit?: { sizes: readonly number[]; maxLines: number };
  fill?: RGB;
  /** A smaller line (or lines, wrapped) under the text, in its own style: a full id under a short one. */
  note?: { text: string; size: number; color?: RGB };
}

export interface TableStyle {
  x: number;
  widths: readonly number[];
  size: number;
  minRowHeight: number;
  padding?: { x: number; y: number };
  lineHeight?: number;
}

interface LaidOutCell {
  cell: Cell;
  size: number;
  lines: string[];
  noteLines: string[];
  height: number;
}

/** Space between a cell's text and its note, as a multiple of the note's size. */
const NOTE_GAP = 0.15;

/**
 * A bordered table row: every cell wrapped within its column, the row as tall as its tallest cell
 * (at least minRowHeight), text vertically centred. Returns the y below the row.
 */
export function drawTableRow(canvas: Canvas, top: number, cells: readonly Cell[], style: TableStyle): number {
  const pad = style.padding ?? { x: 8, y: 6 };
  const lineHeight = style.lineHeight ?? 1.45;
  const laidOut: LaidOutCell[] = cells.map((cell, i) => {
    const inner = style.widths[i]! - pad.x * 2;
    const font = fontOf(canvas, cell.weight);
    const { size, lines } = cell.fit
      ? fitText(font, cell.text, cell.fit.sizes, inner, cell.fit.maxLines)
      : { size: cell.size ?? style.size, lines: wrapText(font, cell.text, cell.size ?? style.size, inner) };
    const note = cell.note;
    const noteLines = note ? wrapText(canvas.regular, note.text, note.size, inner) : [];
    const noteHeight = note ? note.size * (NOTE_GAP + noteLines.length * lineHeight) : 0;
    return { cell, size, lines, noteLines, height: lines.length * size * lineHeight + noteHeight };
  });
  const height = Math.max(style.minRowHeight, ...laidOut.map((c) => c.height + pad.y * 2));

  let x = style.x;
  laidOut.forEach(({ cell, size, lines, noteLines, height: textHeight }, i) => {
    const width = style.widths[i]!;
    canvas.page.drawRectangle({
      x,
      y: A4.height - top - height,
      width,
      height,
      color: cell.fill,
      borderColor: BORDER,
      borderWidth: 0.75,
    });
    const anchor = cell.align === 'right' ? x + width - pad.x : cell.align === 'center' ? x + width / 2 : x + pad.x;
    let y = top + (height - textHeight) / 2;
    for (const line of lines) {
      y = drawLine(canvas, line, anchor, y, { size, weight: cell.weight, align: cell.align, lineHeight });
    }
    if (cell.note) {
      const { size: noteSize, color } = cell.note;
      y += noteSize * NOTE_GAP;
      for (const line of noteLines) y = drawLine(canvas, line, anchor, y, { size: noteSize, align: cell.align, color, lineHeight });
    }
    x += width;
  });
  return top + height;
}

/** Rows one below the other. Returns the y below the table. */
export function drawTable(canvas: Canvas, top: number, rows: readonly (readonly Cell[])[], style: TableStyle): number {
  let y = top;
  for (const row of rows) y = drawTableRow(canvas, y, row, style);
  return y;
}

/** A label/value table (区分 | 前払金保証 …): labels shaded in the first column. */
export function drawFieldTable(
  canvas: Canvas,
  top: number,
  fields: readonly { label: string; value: Cell }[],
  style: TableStyle,
): number {
  return drawTable(
    canvas,
    top,
    fields.map((f) => [{ text: f.label, fill: LABEL_FILL }, f.value]),
    style,
  );
}

// ───────────────────────────── issuer ─────────────────────────────

/** One line of a premium computation as the documents print it (the domain's PremiumLine, formatted). */
export interface AmountLine {
  label: string;
  detail?: string;
  amount: string;
}

export interface Issuer {
  address: string;
  companyName: string;
  representativeTitle: string;
  representativeName: string;
}

/** 取次場所: the branch that handles the guarantee. */
export interface Branch {
  name: string;
  tel: string;
  fax: string;
}

const ISSUER_LINE_HEIGHT = 1.45;

function issuerLines(issuer: Issuer, branch: Branch | null) {
  const lines: { text: string; size: number; weight?: Weight; gapBefore?: number }[] = [
    { text: issuer.address, size: 9.5 },
    { text: issuer.companyName, size: 12, weight: 'bold' },
    { text: `${issuer.representativeTitle}　${issuer.representativeName}`, size: 10.5 },
  ];
  if (branch) {
    lines.push(
      { text: `取次場所　${branch.name}`, size: 9.5, gapBefore: 6 },
      { text: `TEL：${branch.tel}　FAX：${branch.fax}`, size: 9.5 },
    );
  }
  return lines;
}

/** The texts of the issuer block, for the font check. */
/** The addressee of a letter: its address, then 「name　様」 in bold, underlined, over 60 % of the width. */
export const addresseeName = (name: string) => `${name}　様`;

export function drawAddressee(canvas: Canvas, contractor: { address: string; name: string }, left: number, top: number): number {
  const width = CONTENT_WIDTH * 0.6;
  let y = drawParagraph(canvas, contractor.address, left, top, width, { size: 10.5 });
  y = drawParagraph(canvas, addresseeName(contractor.name), left, y, width, { size: 13, weight: 'bold' });
  canvas.page.drawLine({ start: { x: left, y: A4.height - y }, end: { x: left + width, y: A4.height - y }, thickness: 0.75, color: BLACK });
  return y;
}

export function issuerTexts(issuer: Issuer, branch: Branch | null): string[] {
  return issuerLines(issuer, branch).map((l) => l.text);
}

/**
 * The issuer (and 取次場所) as a block of left-aligned lines whose right edge is at `right` and whose
 * bottom is at `bottom`, like the issuer of the flyer's certificate. Returns the block's top.
 */
export function drawIssuerBlock(canvas: Canvas, issuer: Issuer, branch: Branch | null, right: number, bottom: number): number {
  const lines = issuerLines(issuer, branch);
  const lineHeight = ISSUER_LINE_HEIGHT;
  const height = issuerBlockHeight(issuer, branch);
  const width = Math.max(...lines.map((l) => textWidth(fontOf(canvas, l.weight), l.text, l.size)));
  const left = right - width;
  const top = bottom - height;
  let y = top;
  for (const line of lines) {
    y = drawLine(canvas, line.text, left, y + (line.gapBefore ?? 0), { size: line.size, weight: line.weight, lineHeight });
  }
  return top;
}

/** The issuer block's height (to place it below what comes before). */
export function issuerBlockHeight(issuer: Issuer, branch: Branch | null): number {
  return issuerLines(issuer, branch).reduce((h, l) => h + (l.gapBefore ?? 0) + l.size * ISSUER_LINE_HEIGHT, 0);
}

/** The issuer block's width (to place something beside it). */
export function issuerBlockWidth(canvas: Canvas, issuer: Issuer, branch: Branch | null): number {
  return Math.max(...issuerLines(issuer, branch).map((l) => textWidth(fontOf(canvas, l.weight), l.text, l.size)));
}

// ───────────────────────────── verification block ─────────────────────────────

/** The wording of the block that points to the public verification page (/verify/<digest>). */
export const VERIFICATION_TEXT = {
  title: '【真正性の確認】',
  digestLabel: '証書ダイジェスト（SHA-256 先頭16桁）',
  body: '左の二次元コード（真正性確認ページ）から、当ポータルが発行した証書であることと現在の状態を、ログインせずに確認できます。',
} as const;

/** The short address: 7.5 pt as the text above it, smaller only where a part of it would not fit a line (fitUrl). */
const VERIFY_URL_SIZES = [7.5, 7, 6.5, 6];

/** 2 pt modules: the address holds the whole digest; still 2 pixels a module at 72 dpi. */
const VERIFY_QR_MODULE = 2;

export interface VerificationBlock {
  /** The digest's short form as printed (3f2a 9c1b 0d4e 7a11). */
  shortDigest: string;
  /** What the QR code encodes: the verification page of the full digest. */
  url: string;
  /** The printed address: the page of the short form (typeable). */
  shortUrl: string;
}

/** The texts of the verification block, for the font check. */
export const verificationTexts = (v: VerificationBlock) => [...Object.values(VERIFICATION_TEXT), v.shortDigest, v.shortUrl];

/**
 * The verification block laid out between `left` and `right`, drawn by `draw(qrTop)`; `height` from
 * the QR code's top to the lower of it and the text. The short address goes under the text beside
 * the code; when a part of it would not fit that column whole (a long host name: the code grows with
 * the address too), it goes under the code and the text, across the whole block.
 */
function verificationLayout(canvas: Canvas, v: VerificationBlock, left: number, right: number) {
  const side = qrModuleCount(v.url) * VERIFY_QR_MODULE;
  const textLeft = left + side + 4 * VERIFY_QR_MODULE + 4;
  const width = right - textLeft;
  const small = { size: 7.5, lineHeight: 1.45, color: GRAY };
  const body = wrapText(canvas.regular, VERIFICATION_TEXT.body, small.size, width);
  const textHeight = 9.5 * 1.5 + 1 + 8 * 1.5 + 10 * 1.5 + 2 + body.length * small.size * small.lineHeight;
  const beside = fitUrl(canvas.regular, v.shortUrl, VERIFY_URL_SIZES, width);
  const url = beside.cut ? { ...fitUrl(canvas.regular, v.shortUrl, VERIFY_URL_SIZES, right - left), left, top: Math.max(side, textHeight) + 4 } : { ...beside, left: textLeft, top: textHeight + 1 };
  const urlHeight = url.lines.length * url.size * small.lineHeight;
  const draw = (qrTop: number) => {
    drawQrCode(canvas, v.url, left, qrTop, VERIFY_QR_MODULE);
    let y = drawLine(canvas, VERIFICATION_TEXT.title, textLeft, qrTop, { size: 9.5, weight: 'bold' });
    y = drawLine(canvas, VERIFICATION_TEXT.digestLabel, textLeft, y + 1, { size: 8, color: GRAY });
    y = drawLine(canvas, v.shortDigest, textLeft, y, { size: 10 });
    y += 2;
    for (const line of body) y = drawLine(canvas, line, textLeft, y, small);
    y = qrTop + url.top;
    for (const line of url.lines) y = drawLine(canvas, line, url.left, y, { ...small, size: url.size });
  };
  return { side, height: Math.max(side, url.top + urlHeight), draw };
}

/**
 * The verification block at the bottom left, beside the issuer block: the QR code (2 pt modules) and,
 * to its right up to `right`, the title, the digest's short form, one sentence naming the QR code and
 * the short address (broken only between its parts: fitUrl). The QR code's bottom is at `bottom`;
 * returns its top.
 */
export function drawVerificationBlock(canvas: Canvas, v: VerificationBlock, left: number, right: number, bottom: number): number {
  const block = verificationLayout(canvas, v, left, right);
  // On whole points from the page's bottom edge: at 72 dpi each 2 pt module is then exactly 2 pixels.
  const qrTop = A4.height - Math.ceil(A4.height - bottom) - block.side;
  block.draw(qrTop);
  return qrTop;
}

/** The verification block with its QR code's top at `top` (or just below, on a whole point). Returns the y below the block, text included. */
export function drawVerificationBlockAt(canvas: Canvas, v: VerificationBlock, left: number, right: number, top: number): number {
  const block = verificationLayout(canvas, v, left, right);
  const qrTop = A4.height - Math.floor(A4.height - top - block.side) - block.side;
  block.draw(qrTop);
  return qrTop + block.height;
}

/** The verification block's height between `left` and `right`: from its QR code's top to the lower of the code and its text. */
export function verificationBlockHeight(canvas: Canvas, v: VerificationBlock, left: number, right: number): number {
  return verificationLayout(canvas, v, left, right).height;
}

/** The block's data from a digest and its page's address (which ends with the digest). */
export function verificationBlock(digest: string, url: string): VerificationBlock {
  const short = digest.slice(0, 16);
  return {
    shortDigest: (short.match(/.{1,4}/g) ?? []).join(' '),
    url,
    shortUrl: url.endsWith(digest) ? `${url.slice(0, url.length - digest.length)}${short}` : url,
  };
}

// ───────────────────────────── QR code ─────────────────────────────

/**
 * A QR code (error correction M) of `text`, drawn as one vector path: the dark modules as horizontal
 * runs in one fill, so no seams appear between modules at any resolution. `module` is the module size
 * in points; the quiet zone (4 modules) around it is left blank. Returns the side of the symbol
 * without the quiet zone.
 */
export function drawQrCode(canvas: Canvas, text: string, left: number, top: number, module: number): number {
  const { modules, path } = qrCodePath(text);
  canvas.page.drawSvgPath(path, { x: left, y: A4.height - top, scale: module, color: BLACK });
  return modules * module;
}

