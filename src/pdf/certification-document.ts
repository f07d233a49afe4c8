import { formatYen } from '@/lib/money';
import { formatJapaneseDate } from '@/lib/wareki';
import {
  A4,
  CONTENT_WIDTH,
  GRAY,
  LABEL_FILL,
  MARGIN,
  BLACK,
  createCanvas,
  drawLine,
  drawParagraph,
  drawTable,
  drawTableRow,
  finish,
  measuringCanvas,
  textWidth,
  wrapText,
  type Canvas,
  type Cell,
} from './layout';

/**
 * 中間前払金認定調書: the orderer's certificate that a contract meets the conditions of the 中間前払金
 * (工期の2分の1の経過, the work due by then done, 出来高 at least half the 請負金額), handed to the
 * contractor, who then applies for the 中間前払金保証 (東日本建設業保証: 「発注者は要件を満たしていることを
 * 確認し、受注者へ認定調書を交付します。」). No public form fixes its wording; the layout follows the
 * 認定請求書's fields and the conditions (docs/research/issue-16.md A4, B10; decision 066).
 *
 * The data is what the 認定 keeps as its documentContent: JSON values only (no bigint, no Date),
 * amounts as decimal strings of yen, calendar dates as ISO strings (Asia/Tokyo), so the stored
 * document renders the same forever, whatever changes later in the rows it was taken from.
 */
export interface CertificationDocumentData {
  format: 1;
  /** 認定番号 as printed: 令和8年度第12号. */
  number: string;
  /** 認定日 (ISO calendar date), printed in 和暦 under the number. */
  certifiedOn: string;
  /** The moment of the decision (ISO 8601 with its offset): the PDF's CreationDate and ModDate. */
  certifiedAt: string;
  /** The day the request was made (ISO calendar date): 「…付けで請求のあった」. */
  requestedOn: string;
  /**
   * The addressee (the 受注者; for a JV the JV, the request being its 代表者's), as lines: `name` is
   * printed in bold with 様 and underlined; `linesAbove` before it (a company's address), `linesBelow`
   * after it (a JV's 「代表者　address　name」).
   */
  holder: { linesAbove: string[]; name: string; linesBelow: string[] };
  /** 認定権者: the orderer as written on certificates (大村市長), and the certifying department. */
  certifier: { name: string; department: string | null };
  /** The contract at the request (請負金額 as changed by then). */
  contract: {
    projectName: string;
    projectLocation: string;
    contractDate: string;
    periodStart: string;
    periodEnd: string;
    /** The 工期's days, both ends counted. */
    periodDays: number;
    /** Yen, decimal digits. */
    contractAmount: string;
  };
  /** The 前払金保証 of the contract: 保証契約番号 and 保証金額 (yen, decimal digits). */
  advanceGuarantee: { number: string; amount: string };
  /** The first day on which half of the 工期 had passed (ISO). */
  halfPeriodDate: string;
  /** 報告日 of the 工事履行報告書 (ISO). */
  reportedOn: string;
  /** 予定工程 and 実施工程 at the report date, in percent as written (48, 51.5). */
  plannedProgress: string;
  actualProgress: string;
  /** 既に行われた作業に要する経費 (yen, decimal digits) and its share of the 請負金額 in percent, rounded down (56, 49.99). */
  workDoneAmount: string;
  workDoneShare: string;
  /** 中間前払金の請求予定額 (yen, decimal digits). */
  requestedAmount: string;
  /** The orderer's bounds as ratios of the 請負金額 (2/10; 6/10 with the 前払金); null: none. */
  limits: { intermediate: string | null; combined: string | null };
  /** 付記: the clerk's note on the 認定; null: none. */
  note: string | null;
  /** 担当: who decided, as the orderer names its staff (大村 土木); null: not printed. */
  clerk: string | null;
  /** The portal's name as the parties know it (電子保証ポータル). */
  portalName: string;
}

export const CERTIFICATION_DOCUMENT_TITLE = '中間前払金認定調書';

const HONORIFIC = '様';
const TEXT = {
  lead: (requestedOn: string) =>
    `${formatJapaneseDate(requestedOn)}付けで請求のあった下記の工事の中間前払金について、支払の要件を満たしていることを認定します。`,
  mark: '記',
  conditions: '認定の内容',
  conditionHeaders: ['', '要件', '確認した内容'],
  condition1: '工期の2分の1を経過していること',
  condition2: '工程表により工期の2分の1を経過するまでに実施すべきものとされている作業が行われていること',
  condition3: '既に行われた作業に要する経費が請負金額の2分の1以上であること',
  condition4: '部分払を請求していないこと',
  noPartialPayment: '請求していない旨の申出あり（中間前払金の支払を請求した場合も部分払を請求しない）',
  progressNote: '報告日の工程（工事履行報告書による）',
  requested: '中間前払金の請求予定額',
  note: '付記',
  issued: (portal: string) =>
    `この認定調書は${portal}で交付したものです。中間前払金保証は、${portal}でこの認定を選んで申し込んでください（保証会社は認定の内容を${portal}で確認します）。`,
  clerk: '担当',
} as const;

const yen = (digits: string) => `${formatYen(BigInt(digits))} 円`;
const japaneseDate = formatJapaneseDate;

/** The requested amount's bounds, under it: 「請負金額の2/10以内（前払金との合計は6/10以内）」. */
function limitsNote(limits: CertificationDocumentData['limits']): string | null {
  if (limits.intermediate && limits.combined) return `請負金額の${limits.intermediate}以内（前払金との合計は${limits.combined}以内）`;
  if (limits.intermediate) return `請負金額の${limits.intermediate}以内`;
  if (limits.combined) return `前払金との合計は請負金額の${limits.combined}以内`;
  return null;
}

/**
 * How the page takes up the room a short document leaves (points at full stretch): table rows grow
 * and the parts move apart, so that a short 認定調書 does not end in an empty band, while a 200-character
 * 工事名 and a 200-character 付記 still fit (the layout is measured first, as the key notice's).
 */
const STRETCH = { row: 7, head: 10, title: 12, table: 8, foot: 16 };

/** A label cell, shaded. */
const label = (text: string): Cell => ({ text, fill: LABEL_FILL });
const SMALL = 9;

/** The rows of the document's tables from the data: what each row says. */
function contentOf(data: CertificationDocumentData) {
  const c = data.contract;
  const contract: Cell[][] = [
    [label('工事名'), { text: c.projectName, fit: { sizes: [10.5, 9.5, 9, 8.5], maxLines: 5 } }],
    [label('工事場所'), { text: c.projectLocation, fit: { sizes: [10.5, 9.5, 9], maxLines: 3 } }],
    [label('工期'), { text: `${japaneseDate(c.periodStart)} から ${japaneseDate(c.periodEnd)} まで（${c.periodDays}日間）` }],
    [label('契約日'), { text: japaneseDate(c.contractDate) }, label('請負金額'), { text: yen(c.contractAmount) }],
    [label('前払金保証'), { text: `保証契約番号 ${data.advanceGuarantee.number}　保証金額 ${yen(data.advanceGuarantee.amount)}` }],
  ];
  const conditions: Cell[][] = [
    [
      { text: '1', align: 'center' },
      { text: TEXT.condition1, size: SMALL },
      { text: `${japaneseDate(data.halfPeriodDate)}に経過`, note: { text: `報告日 ${japaneseDate(data.reportedOn)}`, size: SMALL, color: GRAY } },
    ],
    [
      { text: '2', align: 'center' },
      { text: TEXT.condition2, size: SMALL },
      { text: `予定工程 ${data.plannedProgress}％　実施工程 ${data.actualProgress}％`, note: { text: TEXT.progressNote, size: SMALL, color: GRAY } },
    ],
    [
      { text: '3', align: 'center' },
      { text: TEXT.condition3, size: SMALL },
      { text: yen(data.workDoneAmount), note: { text: `請負金額の ${data.workDoneShare}％`, size: SMALL, color: GRAY } },
    ],
    [
      { text: '4', align: 'center' },
      { text: TEXT.condition4, size: SMALL },
      { text: TEXT.noPartialPayment, size: SMALL },
    ],
  ];
  const limits = limitsNote(data.limits);
  const requested: Cell[] = [
    label(TEXT.requested),
    { text: yen(data.requestedAmount), weight: 'bold', ...(limits ? { note: { text: limits, size: SMALL, color: GRAY } } : {}) },
  ];
  const note: Cell[] | null = data.note ? [label(TEXT.note), { text: data.note, fit: { sizes: [10, 9.5, 9, 8.5], maxLines: 5 } }] : null;
  const clerk = data.clerk ? `${TEXT.clerk}　${[data.certifier.department, data.clerk].filter(Boolean).join('　')}` : null;
  return { contract, conditions, requested, note, clerk };
}

/** The whole text of the document, for the font check and the subset's name. */
function documentTexts(data: CertificationDocumentData, parts: ReturnType<typeof contentOf>): string[] {
  const cells = [...parts.contract, ...parts.conditions, parts.requested, ...(parts.note ? [parts.note] : [])].flat();
  return [
    data.number,
    japaneseDate(data.certifiedOn),
    ...data.holder.linesAbove,
    `${data.holder.name}　${HONORIFIC}`,
    ...data.holder.linesBelow,
    data.certifier.name,
    data.certifier.department ? `（${data.certifier.department}）` : '',
    TEXT.lead(data.requestedOn),
    TEXT.mark,
    TEXT.conditions,
    ...TEXT.conditionHeaders,
    ...cells.flatMap((cell) => [cell.text, cell.note?.text ?? '']),
    TEXT.issued(data.portalName),
    parts.clerk ?? '',
  ];
}

/** The addressee at the left: lines above, the name with 様 in bold and underlined, lines below. Returns the y below. */
function drawHolder(canvas: Canvas, holder: CertificationDocumentData['holder'], left: number, top: number, width: number): number {
  let y = top;
  for (const line of holder.linesAbove) y = drawParagraph(canvas, line, left, y, width, { size: 10.5 });
  y = drawParagraph(canvas, `${holder.name}　${HONORIFIC}`, left, y, width, { size: 13, weight: 'bold' });
  canvas.page.drawLine({ start: { x: left, y: A4.height - y }, end: { x: left + width, y: A4.height - y }, thickness: 0.75, color: BLACK });
  y += 3;
  for (const line of holder.linesBelow) y = drawParagraph(canvas, line, left, y, width, { size: 10.5 });
  return y;
}

/**
 * The 認定権者 at the right, as a letter's sender: the orderer's name large, its department under it
 * in brackets, the block's right edge at `right`. Returns the y below.
 */
function drawCertifier(canvas: Canvas, certifier: CertificationDocumentData['certifier'], right: number, top: number): number {
  const lines = [
    { text: certifier.name, size: 13, weight: 'bold' as const },
    ...(certifier.department ? [{ text: `（${certifier.department}）`, size: 10.5, weight: 'regular' as const }] : []),
  ];
  const font = (w: 'regular' | 'bold') => (w === 'bold' ? canvas.bold : canvas.regular);
  const maxWidth = CONTENT_WIDTH * 0.6;
  const width = Math.min(maxWidth, Math.max(...lines.map((l) => textWidth(font(l.weight), l.text, l.size))));
  const left = right - width;
  let y = top;
  for (const line of lines) {
    for (const part of wrapText(font(line.weight), line.text, line.size, maxWidth)) y = drawLine(canvas, part, left, y, { size: line.size, weight: line.weight });
  }
  return y;
}

export async function renderCertificationDocumentPdf(data: CertificationDocumentData): Promise<Uint8Array> {
  const parts = contentOf(data);
  const createdAt = new Date(data.certifiedAt);
  if (Number.isNaN(createdAt.getTime())) throw new RangeError(`certification document: certifiedAt is no moment (${data.certifiedAt})`);
  const canvas = await createCanvas({
    title: CERTIFICATION_DOCUMENT_TITLE,
    subject: `認定番号 ${data.number} 保証契約番号 ${data.advanceGuarantee.number}`,
    texts: documentTexts(data, parts),
    createdAt,
  });
  const left = MARGIN.left;
  const right = A4.width - MARGIN.right;
  const labelWidth = 110;
  const pairWidth = (CONTENT_WIDTH - labelWidth * 2) / 2;
  const conditionWidths = [24, 220, CONTENT_WIDTH - 24 - 220];
  const table = { x: left, size: 10.5, padding: { x: 9, y: 3 } };

  /** The page at `stretch` (0 to 1) on `c`; returns the y below the last line. */
  const layout = (c: Canvas, stretch: number) => {
    const open = (base: number, part: keyof typeof STRETCH) => base + STRETCH[part] * stretch;
    const rows = { ...table, minRowHeight: open(20, 'row') };
    let y = MARGIN.top;
    for (const line of [data.number, japaneseDate(data.certifiedOn)]) y = drawLine(c, line, right, y, { size: 10.5, align: 'right' });

    y = drawHolder(c, data.holder, left, open(y + 6, 'head'), CONTENT_WIDTH * 0.8);
    y = drawCertifier(c, data.certifier, right, open(y + 6, 'head'));

    y = drawLine(c, CERTIFICATION_DOCUMENT_TITLE, A4.width / 2, open(y + 12, 'title'), { size: 18, weight: 'bold', align: 'center' });
    y = drawParagraph(c, TEXT.lead(data.requestedOn), left, open(y + 8, 'title'), CONTENT_WIDTH, { size: 10.5, lineHeight: 1.55, indent: 10.5 });
    y = drawLine(c, TEXT.mark, A4.width / 2, y + 2, { size: 10.5, align: 'center' }) + 2;

    for (const row of parts.contract) {
      const widths = row.length === 4 ? [labelWidth, pairWidth, labelWidth, pairWidth] : [labelWidth, CONTENT_WIDTH - labelWidth];
      y = drawTableRow(c, y, row, { ...rows, widths });
    }

    y = drawLine(c, TEXT.conditions, left, open(y + 8, 'table'), { size: 11, weight: 'bold' });
    const header: Cell[] = TEXT.conditionHeaders.map((text) => ({ text, align: 'center', fill: LABEL_FILL, size: 9.5 }));
    y = drawTable(c, y + 1, [header], { ...table, widths: conditionWidths, minRowHeight: 18, padding: { x: 8, y: 2 } });
    y = drawTable(c, y, parts.conditions, { ...rows, widths: conditionWidths, padding: { x: 8, y: 3 } });

    // The amount requested under the conditions, its value in their 確認した内容 column; the 付記 across.
    y = drawTableRow(c, open(y + 8, 'table'), parts.requested, { ...rows, widths: [24 + 220, CONTENT_WIDTH - 24 - 220] });
    if (parts.note) y = drawTableRow(c, y + 4, parts.note, { ...rows, widths: [labelWidth, CONTENT_WIDTH - labelWidth] });

    y = drawParagraph(c, TEXT.issued(data.portalName), left, open(y + 8, 'foot'), CONTENT_WIDTH, { size: SMALL, color: GRAY, lineHeight: 1.5 });
    if (parts.clerk) y = drawLine(c, parts.clerk, right, y + 4, { size: 9.5, align: 'right' });
    return y;
  };

  const room = A4.height - MARGIN.bottom;
  const tight = layout(measuringCanvas(canvas), 0);
  if (tight > room) throw new RangeError(`certification document: the content does not fit on one page (${Math.round(tight)} > ${Math.round(room)})`);
  const loose = layout(measuringCanvas(canvas), 1);
  layout(canvas, loose <= room ? 1 : (room - tight) / (loose - tight));
  return finish(canvas);
}
