import { formatYen } from '@/lib/money';
import { formatJapaneseDate } from '@/lib/wareki';
import {
  A4,
  addresseeName,
  drawAddressee,
  BORDER,
  CONTENT_WIDTH,
  GRAY,
  LABEL_FILL,
  MARGIN,
  createCanvas,
  drawIssuerBlock,
  drawLine,
  drawParagraph,
  drawTable,
  drawTableRow,
  finish,
  issuerTexts,
  type Branch,
  type Cell,
  type Issuer,
  type AmountLine,
  drawDocumentHead,
} from './layout';

/** 保証料領収証: the receipt of one premium payment, as fixed when the officer recorded it. */
export interface PremiumReceiptData {
  /** 領収証番号 (2070004426-01). */
  receiptNumber: string;
  /** 発行日 (ISO calendar date, Asia/Tokyo), printed in 和暦. */
  issuedOn: string;
  contractor: { name: string; address: string };
  /** The amount received, in yen. */
  amount: bigint;
  number: string;
  kindLabel: string;
  projectName: string;
  ordererName: string;
  /** 入金日 (ISO calendar date). */
  paidOn: string;
  methodLabel: string;
  /** 内訳: the calculations the payment covers (a 返戻 as △). */
  lines: AmountLine[];
  issuer: Issuer;
  branch: Branch | null;
  /** The PDF's CreationDate/ModDate. */
  createdAt: Date;
}

export const PREMIUM_RECEIPT_TITLE = '保証料領収証';
type Field = { label: string; text: string };
const TEXT = {
  numberLabel: '領収証番号',
  amountLabel: '金額',
  purpose: '但し　保証料として',
  received: '上記の金額を正に領収いたしました。',
  details: '保証契約の内容',
  breakdown: '内訳',
  headers: ['書類', '内容', '金額（円）'],
  total: '領収金額',
  stamp: '※この領収証は電子的に交付しています（収入印紙の貼付はありません）。',
} as const;

export async function renderPremiumReceiptPdf(data: PremiumReceiptData): Promise<Uint8Array> {
  const date = formatJapaneseDate(data.issuedOn);
  const receiptNo = `${TEXT.numberLabel}　${data.receiptNumber}`;
  const amount = `${formatYen(data.amount)} 円`;
  const addressee = addresseeName(data.contractor.name);
  const fields = [
    { label: '保証契約番号', text: data.number },
    { label: '区分', text: data.kindLabel },
    { label: '工事名', text: data.projectName },
    { label: '発注者', text: data.ordererName },
    { label: '入金日', text: formatJapaneseDate(data.paidOn) },
    { label: '入金方法', text: data.methodLabel },
  ];
  const total = formatYen(data.amount);

  const canvas = await createCanvas({
    title: PREMIUM_RECEIPT_TITLE,
    subject: `保証契約番号 ${data.number} ${TEXT.numberLabel} ${data.receiptNumber}`,
    texts: [
      date,
      receiptNo,
      addressee,
      data.contractor.address,
      amount,
      ...Object.values(TEXT).flat(),
      ...fields.flatMap((f) => [f.label, f.text]),
      ...data.lines.flatMap((l) => [l.label, l.detail ?? '', l.amount]),
      total,
      ...issuerTexts(data.issuer, data.branch),
    ],
    createdAt: data.createdAt,
  });
  const left = MARGIN.left;
  const right = A4.width - MARGIN.right;

  let y = drawDocumentHead(canvas, [receiptNo, date], PREMIUM_RECEIPT_TITLE, { gap: 10, size: 20 });

  y = drawAddressee(canvas, data.contractor, left, y + 14);

  // The amount in a box in the middle, as on a paper receipt, with what it is for under it.
  const boxWidth = 330;
  const boxLeft = (A4.width - boxWidth) / 2;
  y = drawTable(
    canvas,
    y + 18,
    [
      [
        { text: TEXT.amountLabel, align: 'center', fill: LABEL_FILL, size: 12 },
        { text: amount, align: 'center', weight: 'bold', size: 20 },
      ],
    ],
    { x: boxLeft, widths: [80, boxWidth - 80], size: 12, minRowHeight: 46, padding: { x: 10, y: 8 } },
  );
  canvas.page.drawRectangle({ x: boxLeft - 3, y: A4.height - y - 3, width: boxWidth + 6, height: 46 + 6, borderColor: BORDER, borderWidth: 0.75 });
  y = drawLine(canvas, TEXT.purpose, boxLeft, y + 8, { size: 11.5 });
  y = drawLine(canvas, TEXT.received, boxLeft, y, { size: 10.5 });

  const table = { x: left, size: 10.5, minRowHeight: 24, padding: { x: 8, y: 5 } };
  // Short values two to a row (番号・区分, 入金日・入金方法), so that a 200-character 工事名 and a few
  // 内訳 lines still leave room for the issuer.
  y = drawLine(canvas, TEXT.details, left, y + 12, { size: 11.5, weight: 'bold' });
  const [number, kind, project, orderer, paidOn, method] = fields as [Field, Field, Field, Field, Field, Field];
  const half = (CONTENT_WIDTH - 220) / 2;
  const pair = (a: Field, b: Field): Cell[] => [{ text: a.label, fill: LABEL_FILL }, { text: a.text }, { text: b.label, fill: LABEL_FILL }, { text: b.text }];
  const wide = (f: Field, cell: Omit<Cell, 'text'> = {}): Cell[] => [{ text: f.label, fill: LABEL_FILL }, { text: f.text, ...cell }];
  y += 2;
  y = drawTableRow(canvas, y, pair(number, kind), { ...table, widths: [110, half, 110, half] });
  y = drawTableRow(canvas, y, wide(project, { fit: { sizes: [10.5, 9.5, 9], maxLines: 6 } }), { ...table, widths: [110, CONTENT_WIDTH - 110] });
  y = drawTableRow(canvas, y, wide(orderer), { ...table, widths: [110, CONTENT_WIDTH - 110] });
  y = drawTableRow(canvas, y, pair(paidOn, method), { ...table, widths: [110, half, 110, half] });

  y = drawLine(canvas, TEXT.breakdown, left, y + 14, { size: 11.5, weight: 'bold' });
  const widths = [190, CONTENT_WIDTH - 190 - 110, 110];
  const header: Cell[] = TEXT.headers.map((text) => ({ text, align: 'center', fill: LABEL_FILL }));
  const rows: Cell[][] = data.lines.map((line) => [{ text: line.label }, { text: line.detail ?? '', size: 9.5 }, { text: line.amount, align: 'right' }]);
  rows.push([
    { text: TEXT.total, weight: 'bold', fill: LABEL_FILL },
    { text: '', fill: LABEL_FILL },
    { text: total, weight: 'bold', align: 'right', size: 12, fill: LABEL_FILL },
  ]);
  y = drawTable(canvas, y + 2, [header, ...rows], { ...table, widths });
  y = drawParagraph(canvas, TEXT.stamp, left, y + 8, CONTENT_WIDTH, { size: 9.5, color: GRAY });

  const bottom = A4.height - MARGIN.bottom - 24;
  const issuerTop = drawIssuerBlock(canvas, data.issuer, data.branch, right, bottom);
  if (y > issuerTop - 12) throw new RangeError(`premium receipt: the content does not fit on one page (${Math.round(y)} > ${Math.round(issuerTop - 12)})`);
  return finish(canvas);
}
