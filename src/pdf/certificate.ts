import { qrModuleCount } from '@/lib/qr';
import {
  A4,
  BLACK,
  BORDER,
  GRAY,
  createCanvas,
  drawLine,
  drawQrCode,
  finish,
  fitText,
  fitUrl,
  measuringCanvas,
  textWidth,
  wrapText,
  type Canvas,
  type Weight,
} from './layout';

/**
 * 保証証書 as a PDF: the certificate itself, laid out as its print view (印刷画面,
 * src/components/certificate/) on one A4 page — the date, the title, the table of 記載事項, the
 * undertaking, the issuer and the 取次場所, the notes, the digest with the QR code to the public
 * verification page, the terms, and the print view's notice in a box at the foot. Decision 073.
 *
 * The data is plain and already worded (src/domain/certificates/pdf-data.ts makes it from a version's
 * content snapshot with the print view's labels): this file only places it.
 */
export interface CertificatePdfData {
  /** The PDF's Title and Subject (保証証書 2070004426 第2版（変更）); CreationDate and ModDate: the same input, the same bytes. */
  meta: { title: string; subject: string; createdAt: Date };
  /** The print view's status line in the sheet above the date (「この保証の状態: 有効」), or null: none. */
  status: string | null;
  /**
   * On a sheet of an older version, the line that a later one exists (「この証書は第1版です。第2版（変更）が
   * 発行されています（…発行）。」), in the status box under the status; null: the latest version.
   */
  superseded: string | null;
  /** 令和 8年 5月 1日: at the top right. */
  issuedOn: string;
  /** 保証証書（前払金保証）, with （変更） on a version after a change contract. */
  title: string;
  /** The table's rows, in the print view's order. */
  rows: CertificatePdfRow[];
  /** 当会社は、…その責に任じます。 */
  undertaking: string;
  issuer: { address: string; companyName: string; representativeTitle: string; representativeName: string };
  /** 取次場所: its lines as printed (取次場所 大阪支店 / address / TEL : … / FAX : …), or null. */
  branch: string[] | null;
  /** 【注1】…: the mark and the text (wrapped lines hang under the text). */
  notes: { mark: string; text: string }[];
  /** The digest's short form and the QR code to /verify/<digest>; null when the version has no digest. */
  verification: { digestLine: string; body: string; url: string } | null;
  terms: { text: string; url: string };
  /** The print view's notice (this printout is not the file to submit / a copy), boxed at the foot; null: none. */
  notice: string | null;
  /** A JV's sheet (members, 分割預託): tighter rows, the issuer and the 取次場所 side by side, as the print view's `.dense`. */
  dense: boolean;
}

export interface CertificatePdfRow {
  label: string;
  /** A smaller line under the label: （分割預託）. */
  labelNote?: string;
  lines: CertificatePdfLine[];
  /** A long value (工事名) shrinks a little, to 9 pt, before it takes more lines. */
  shrink?: boolean;
}

/**
 * One line of a value: plain text (wrapped); with `role`, a JV party (代表者 / 構成員) whose text hangs
 * after the role; with `aside`, a 分割預託 account (the bank, then the member and its share in a second
 * column). Rows with parties or deposits print at the dense sheet's 9.5 pt, as the print view's.
 */
export interface CertificatePdfLine {
  text: string;
  role?: string;
  aside?: string;
  /** The text in the table's number style (no wrapping inside digits). */
  nowrap?: boolean;
}

/** The print view's @page margin (15 mm) on every side: the sheet spans the page as the browser prints it. */
const SHEET = { left: 42.5, right: 42.5, top: 42.5, bottom: 42.5 };
const SHEET_WIDTH = A4.width - SHEET.left - SHEET.right;

interface Sizes {
  body: number;
  small: number;
  lineHeight: number;
  padY: number;
  padX: number;
  titleGap: number;
  tableGap: number;
  undertakingGap: number;
  signatureGap: number;
}

const NORMAL: Sizes = { body: 10.5, small: 10.5, lineHeight: 1.6, padY: 4.5, padX: 8.5, titleGap: 16, tableGap: 17, undertakingGap: 20, signatureGap: 14 };
const DENSE: Sizes = { body: 10.5, small: 9.5, lineHeight: 1.42, padY: 2.5, padX: 8.5, titleGap: 10, tableGap: 11, undertakingGap: 11, signatureGap: 9 };

/** The label column: 8.5 em of the body size, as the print view's th, wider when a label needs it (nowrap). */
const LABEL_MIN_WIDTH = 8.5 * 10.5;
const TITLE_SIZE = 17;
const NOTE_SIZE = 8.5;
const NOTICE_SIZE = 8;
const PROJECT_NAME_SIZES = [10.5, 9.5, 9];
/** 1.5 pt modules: the code 22 mm wide for a verification address, as the print view's. */
const QR_MODULE = 1.5;
const URL_SIZES = [NOTE_SIZE, 8, 7.5, 7, 6.5, 6];

type Draw = (top: number) => void;

interface Block {
  height: number;
  draw: Draw;
}

function font(canvas: Canvas, weight: Weight = 'regular') {
  return weight === 'bold' ? canvas.bold : canvas.regular;
}

/** Lines of `text` at `size` within `width` (one line box each), drawn from x. */
function textBlock(canvas: Canvas, text: string, x: number, width: number, size: number, lineHeight: number, opts: { weight?: Weight; color?: typeof BLACK } = {}): Block {
  const lines = wrapText(font(canvas, opts.weight), text, size, width);
  return {
    height: lines.length * size * lineHeight,
    draw: (top) => {
      let y = top;
      for (const line of lines) y = drawLine(canvas, line, x, y, { size, lineHeight, weight: opts.weight, color: opts.color });
    },
  };
}

function stack(blocks: Block[], gap = 0): Block {
  return {
    height: blocks.reduce((h, b) => h + b.height, 0) + gap * Math.max(0, blocks.length - 1),
    draw: (top) => {
      let y = top;
      for (const b of blocks) {
        b.draw(y);
        y += b.height + gap;
      }
    },
  };
}

/** One value line within the value cell (x, width). */
function valueLine(canvas: Canvas, line: CertificatePdfLine, x: number, width: number, size: number, lineHeight: number, depositColumn: number): Block {
  if (line.role !== undefined) {
    const roleWidth = textWidth(canvas.regular, line.role, size) + size * 0.75;
    const inner = width - roleWidth;
    const body = textBlock(canvas, line.text, x + roleWidth, inner, size, lineHeight);
    return {
      height: body.height,
      draw: (top) => {
        drawLine(canvas, line.role!, x, top, { size, lineHeight });
        body.draw(top);
      },
    };
  }
  if (line.aside !== undefined) {
    const bank = textBlock(canvas, line.text, x, Math.min(depositColumn, width), size, lineHeight);
    const asideX = x + depositColumn;
    const besideFits = depositColumn < width && textWidth(canvas.regular, line.aside, size) <= width - depositColumn;
    if (besideFits) {
      return {
        height: bank.height,
        draw: (top) => {
          bank.draw(top);
          drawLine(canvas, line.aside!, asideX, top, { size, lineHeight });
        },
      };
    }
    // Too narrow for two columns: the member and its share under the bank, indented (the print view's flex-wrap).
    return stack([bank, textBlock(canvas, line.aside, x + size, width - size, size, lineHeight)]);
  }
  if (line.nowrap) {
    const { size: fitted, lines } = fitText(canvas.regular, line.text, [size, size - 1, size - 1.5], width, 1);
    return {
      height: lines.length * fitted * lineHeight,
      draw: (top) => {
        let y = top;
        for (const l of lines) y = drawLine(canvas, l, x, y, { size: fitted, lineHeight });
      },
    };
  }
  return textBlock(canvas, line.text, x, width, size, lineHeight);
}

/** A bordered row of the table: the label (and its note) at the left, the value lines at the right, vertically centred. */
function tableRow(canvas: Canvas, row: CertificatePdfRow, s: Sizes, labelColumn: number): Block {
  const left = SHEET.left;
  const valueX = left + labelColumn + s.padX;
  const valueWidth = SHEET_WIDTH - labelColumn - s.padX * 2;
  const structured = row.lines.some((l) => l.role !== undefined || l.aside !== undefined);
  const size = structured ? s.small : s.body;
  const lineHeight = structured ? Math.min(s.lineHeight, 1.45) : s.lineHeight;
  // 分割預託: the bank column as wide as the widest bank (at least 12 em), then the member and share.
  const banks = row.lines.filter((l) => l.aside !== undefined).map((l) => textWidth(canvas.regular, l.text, size));
  const depositColumn = banks.length > 0 ? Math.max(12 * size, Math.max(...banks) + 1.5 * size) : 0;
  let value: Block;
  if (row.shrink && row.lines.length === 1) {
    // 工事名: a long name shrinks a little (to 9 pt) before it takes more lines.
    const fitted = fitText(canvas.regular, row.lines[0]!.text, PROJECT_NAME_SIZES, valueWidth, 3);
    value = {
      height: fitted.lines.length * fitted.size * s.lineHeight,
      draw: (top) => {
        let y = top;
        for (const l of fitted.lines) y = drawLine(canvas, l, valueX, y, { size: fitted.size, lineHeight: s.lineHeight });
      },
    };
  } else {
    value = stack(row.lines.map((l) => valueLine(canvas, l, valueX, valueWidth, size, lineHeight, depositColumn)));
  }
  const labelWidth = labelColumn - s.padX * 2;
  const label = stack([
    textBlock(canvas, row.label, left + s.padX, labelWidth, s.body, s.lineHeight),
    ...(row.labelNote ? [textBlock(canvas, row.labelNote, left + s.padX, labelWidth, s.body * 0.85, 1.3)] : []),
  ]);
  const height = Math.max(label.height, value.height) + s.padY * 2;
  return {
    height,
    draw: (top) => {
      for (const [x, width] of [
        [left, labelColumn],
        [left + labelColumn, SHEET_WIDTH - labelColumn],
      ] as const) {
        canvas.page.drawRectangle({ x, y: A4.height - top - height, width, height, borderColor: BORDER, borderWidth: 0.75 });
      }
      label.draw(top + (height - label.height) / 2);
      value.draw(top + (height - value.height) / 2);
    },
  };
}

/** Left-aligned lines as one block; `width` is its widest line. */
function lineBlock(canvas: Canvas, lines: { text: string; size: number; weight?: Weight }[], lineHeight: number) {
  const width = Math.max(0, ...lines.map((l) => textWidth(font(canvas, l.weight), l.text, l.size)));
  const height = lines.reduce((h, l) => h + l.size * lineHeight, 0);
  return {
    width,
    height,
    draw: (x: number, top: number) => {
      let y = top;
      for (const l of lines) y = drawLine(canvas, l.text, x, y, { size: l.size, weight: l.weight, lineHeight });
    },
  };
}

/**
 * The issuer (address, company in bold, title, representative) and the 取次場所 under it — or beside it
 * on a dense sheet — as one block whose right edge is the content's (the print view's `.signature`).
 */
function signature(canvas: Canvas, data: CertificatePdfData, s: Sizes): Block {
  const issuer = lineBlock(
    canvas,
    [
      { text: data.issuer.address, size: 10.5 },
      { text: data.issuer.companyName, size: 12.6, weight: 'bold' },
      { text: data.issuer.representativeTitle, size: 10.5 },
      { text: data.issuer.representativeName, size: 11.5 },
    ],
    s.lineHeight,
  );
  const branch = data.branch ? lineBlock(canvas, data.branch.map((text) => ({ text, size: 9.5 })), 1.55) : null;
  const right = A4.width - SHEET.right;
  if (!branch) return { height: issuer.height, draw: (top) => issuer.draw(right - issuer.width, top) };
  if (data.dense) {
    const gap = 28;
    const width = issuer.width + gap + branch.width;
    return {
      height: Math.max(issuer.height, branch.height),
      draw: (top) => {
        issuer.draw(right - width, top);
        branch.draw(right - branch.width, top);
      },
    };
  }
  const width = Math.max(issuer.width, branch.width);
  const gap = 12;
  return {
    height: issuer.height + gap + branch.height,
    draw: (top) => {
      issuer.draw(right - width, top);
      branch.draw(right - width, top + issuer.height + gap);
    },
  };
}

/** 【注1】 text: the mark, then the text hanging after it. */
function notes(canvas: Canvas, data: CertificatePdfData): Block {
  const lineHeight = 1.6;
  const blocks = data.notes.map((note) => {
    const markWidth = note.mark ? textWidth(canvas.regular, note.mark, NOTE_SIZE) + NOTE_SIZE * 0.5 : 0;
    const body = textBlock(canvas, note.text, SHEET.left + markWidth, SHEET_WIDTH - markWidth, NOTE_SIZE, lineHeight);
    return {
      height: body.height,
      draw: (top: number) => {
        if (note.mark) drawLine(canvas, note.mark, SHEET.left, top, { size: NOTE_SIZE, lineHeight });
        body.draw(top);
      },
    };
  });
  return stack(blocks);
}

/** The QR code (to /verify/<digest>) at the left, and beside it the digest's short form, the sentence and the address. */
function verification(canvas: Canvas, v: NonNullable<CertificatePdfData['verification']>): Block {
  const side = qrModuleCount(v.url) * QR_MODULE;
  const textX = SHEET.left + side + 10;
  const width = A4.width - SHEET.right - textX;
  const lineHeight = 1.5;
  const digest = textBlock(canvas, v.digestLine, textX, width, NOTE_SIZE, lineHeight);
  const body = textBlock(canvas, v.body, textX, width, NOTE_SIZE, lineHeight, { color: GRAY });
  const url = fitUrl(canvas.regular, v.url, URL_SIZES, width);
  const urlHeight = url.lines.length * url.size * lineHeight;
  const textHeight = digest.height + body.height + urlHeight;
  const height = Math.max(side, textHeight);
  return {
    height,
    draw: (top) => {
      // On whole points from the page's bottom edge, as the other documents' codes.
      const qrTop = A4.height - Math.round(A4.height - top - (height - side) / 2 - side) - side;
      drawQrCode(canvas, v.url, SHEET.left, qrTop, QR_MODULE);
      let y = top + (height - textHeight) / 2;
      digest.draw(y);
      y += digest.height;
      body.draw(y);
      y += body.height;
      for (const line of url.lines) y = drawLine(canvas, line, textX, y, { size: url.size, lineHeight });
    },
  };
}

function terms(canvas: Canvas, data: CertificatePdfData): Block {
  const text = textBlock(canvas, data.terms.text, SHEET.left, SHEET_WIDTH, NOTE_SIZE, 1.6);
  const url = fitUrl(canvas.regular, data.terms.url, URL_SIZES, SHEET_WIDTH);
  return stack([
    text,
    {
      height: url.lines.length * url.size * 1.6,
      draw: (top) => {
        let y = top;
        for (const line of url.lines) y = drawLine(canvas, line, SHEET.left, y, { size: url.size, lineHeight: 1.6 });
      },
    },
  ]);
}

/** The notice in a thin box across the page (the print view's `.printNotice`). */
function noticeBox(canvas: Canvas, notice: string): Block {
  const pad = { x: 8.5, y: 5.5 };
  const text = textBlock(canvas, notice, SHEET.left + pad.x, SHEET_WIDTH - pad.x * 2, NOTICE_SIZE, 1.5);
  const height = text.height + pad.y * 2;
  return {
    height,
    draw: (top) => {
      canvas.page.drawRectangle({ x: SHEET.left, y: A4.height - top - height, width: SHEET_WIDTH, height, borderColor: BLACK, borderWidth: 0.75 });
      text.draw(top + pad.y);
    },
  };
}

/** The status line (the print view's compact banner) and the superseded line: bold, in a thin box, at the left. */
function statusBox(canvas: Canvas, texts: string[]): Block {
  const size = 10;
  const pad = { x: 6, y: 3 };
  const lines = texts.flatMap((text) => wrapText(canvas.bold, text, size, SHEET_WIDTH - pad.x * 2));
  const width = Math.max(...lines.map((l) => textWidth(canvas.bold, l, size))) + pad.x * 2;
  const height = lines.length * size * 1.45 + pad.y * 2;
  return {
    height,
    draw: (top) => {
      canvas.page.drawRectangle({ x: SHEET.left, y: A4.height - top - height, width, height, borderColor: BLACK, borderWidth: 1.25 });
      let y = top + pad.y;
      for (const line of lines) y = drawLine(canvas, line, SHEET.left + pad.x, y, { size, weight: 'bold', lineHeight: 1.45 });
    },
  };
}

/** Every text the document draws, for the font check before anything is made. */
function textsOf(data: CertificatePdfData): string[] {
  return [
    data.meta.subject,
    data.status ?? '',
    data.superseded ?? '',
    data.issuedOn,
    data.title,
    ...data.rows.flatMap((r) => [r.label, r.labelNote ?? '', ...r.lines.flatMap((l) => [l.text, l.role ?? '', l.aside ?? ''])]),
    data.undertaking,
    ...Object.values(data.issuer),
    ...(data.branch ?? []),
    ...data.notes.flatMap((n) => [n.mark, n.text]),
    ...(data.verification ? [data.verification.digestLine, data.verification.body, data.verification.url] : []),
    data.terms.text,
    data.terms.url,
    data.notice ?? '',
  ];
}

/** The sheet from its top: every block with the gap after it (measured, or drawn on the page). */
function layout(canvas: Canvas, data: CertificatePdfData, s: Sizes): { blocks: { block: Block; gapAfter: number }[]; notice: Block | null } {
  const blocks: { block: Block; gapAfter: number }[] = [];
  const statusLines = [data.status, data.superseded].filter((t): t is string => Boolean(t));
  if (statusLines.length > 0) blocks.push({ block: statusBox(canvas, statusLines), gapAfter: 8 });
  const right = A4.width - SHEET.right;
  blocks.push({
    block: { height: 10.5 * 1.6, draw: (top) => void drawLine(canvas, data.issuedOn, right, top, { size: 10.5, lineHeight: 1.6, align: 'right' }) },
    gapAfter: s.titleGap,
  });
  const title = wrapText(canvas.bold, data.title, TITLE_SIZE, SHEET_WIDTH);
  blocks.push({
    block: {
      height: title.length * TITLE_SIZE * 1.4,
      draw: (top) => {
        let y = top;
        for (const line of title) y = drawLine(canvas, line, A4.width / 2, y, { size: TITLE_SIZE, weight: 'bold', align: 'center', lineHeight: 1.4 });
      },
    },
    gapAfter: s.titleGap + 4,
  });
  const labelWidth = Math.max(LABEL_MIN_WIDTH, ...data.rows.map((r) => textWidth(canvas.regular, r.label, s.body) + s.padX * 2 + 1));
  const rows = data.rows.map((row) => tableRow(canvas, row, s, labelWidth));
  blocks.push({ block: stack(rows), gapAfter: s.tableGap });
  const undertakingIndent = s.body;
  const undertaking = wrapText(canvas.regular, data.undertaking, s.body, SHEET_WIDTH - undertakingIndent);
  blocks.push({
    block: {
      height: undertaking.length * s.body * s.lineHeight,
      draw: (top) => {
        let y = top;
        undertaking.forEach((line, i) => {
          y = drawLine(canvas, line, SHEET.left + (i === 0 ? undertakingIndent : 0), y, { size: s.body, lineHeight: s.lineHeight });
        });
      },
    },
    gapAfter: s.undertakingGap,
  });
  blocks.push({ block: signature(canvas, data, s), gapAfter: s.signatureGap });
  blocks.push({ block: notes(canvas, data), gapAfter: data.dense ? 6 : 10 });
  if (data.verification) blocks.push({ block: verification(canvas, data.verification), gapAfter: data.dense ? 6 : 10 });
  blocks.push({ block: terms(canvas, data), gapAfter: 0 });
  return { blocks, notice: data.notice ? noticeBox(canvas, data.notice) : null };
}

/**
 * Renders the certificate on one A4 page. Throws PdfTextError (a character the font lacks) before
 * anything is drawn, and RangeError when the content does not fit one page (never a cut).
 */
export async function renderCertificatePdf(data: CertificatePdfData): Promise<Uint8Array> {
  const canvas = await createCanvas({ title: data.meta.title, subject: data.meta.subject, texts: textsOf(data), createdAt: data.meta.createdAt });
  const bottom = A4.height - SHEET.bottom;
  // Measure first: a sheet that would not fit at its own spacing is tried at the dense one.
  const fits = (s: Sizes) => {
    const { blocks, notice } = layout(measuringCanvas(canvas), data, s);
    const height = blocks.reduce((h, b) => h + b.block.height + b.gapAfter, 0) + (notice ? notice.height + 10 : 0);
    return SHEET.top + height <= bottom;
  };
  const sizes = !data.dense && fits(NORMAL) ? NORMAL : DENSE;
  if (!fits(sizes)) throw new RangeError('certificate: the content does not fit on one page');
  const { blocks, notice } = layout(canvas, data, sizes);
  let y = SHEET.top;
  for (const { block, gapAfter } of blocks) {
    block.draw(y);
    y += block.height + gapAfter;
  }
  if (notice) notice.draw(bottom - notice.height);
  return finish(canvas);
}
