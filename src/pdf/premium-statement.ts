import { rgb } from 'pdf-lib';
import { DEMO_RATE_LABEL } from '@/lib/wording';
import { formatYen } from '@/lib/money';
import { formatJapaneseDate } from '@/lib/wareki';
import {
  A4,
  addresseeName,
  drawAddressee,
  CONTENT_WIDTH,
  LABEL_FILL,
  MARGIN,
  createCanvas,
  drawFieldTable,
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

/** 保証料計算書: the premium of one guarantee, computed line by line (the lines kept at conclusion). */
export interface PremiumStatementData {
  /** The statement's date (ISO calendar date, Asia/Tokyo), printed in 和暦. */
  issuedOn: string;
  number: string;
  kindLabel: string;
  contractor: { name: string; address: string };
  projectName: string;
  ordererName: string;
  guaranteeAmount: bigint;
  guaranteePeriod: { from: string; to: string };
  periodDays: number;
  lines: AmountLine[];
  premiumYen: bigint;
  /** Computed with a demo rate table: the statement says so (デモ用料率). */
  isDemo: boolean;
  issuer: Issuer;
  branch: Branch | null;
  /** The PDF's CreationDate/ModDate. */
  createdAt: Date;
  /**
   * A 変更契約's 変更保証料計算書: 保証金額 and 保証期間 are the terms after the change, and the lines
   * end with the 差額 (追加保証料 or 返戻, unsigned), printed as the total instead of premiumYen.
   */
  change?: { changeDate: string };
}

export const PREMIUM_STATEMENT_TITLE = '保証料計算書';
export const CHANGE_STATEMENT_TITLE = '変更保証料計算書';
const TEXT = {
  lead: '下記の保証契約の保証料を、次のとおり計算いたしました。',
  changeLead: '下記の保証契約の変更契約に伴う保証料の差額を、次のとおり計算いたしました。',
  details: '保証契約の内容',
  computation: '保証料の計算',
  headers: ['項目', '内容', '金額（円）'],
  total: '保証料',
  demo: `※ この計算書は${DEMO_RATE_LABEL}による計算です。実際の保証料ではありません。`,
} as const;
const DEMO_COLOR = rgb(0.7, 0.1, 0.1);

export async function renderPremiumCalculationPdf(data: PremiumStatementData): Promise<Uint8Array> {
  const date = formatJapaneseDate(data.issuedOn);
  const period = `${formatJapaneseDate(data.guaranteePeriod.from)} から ${formatJapaneseDate(data.guaranteePeriod.to)} まで（${data.periodDays.toLocaleString('ja-JP')}日間）`;
  const after = data.change ? '（変更後）' : '';
  const fields = [
    { label: '保証契約番号', text: data.number },
    { label: '区分', text: data.kindLabel },
    { label: '工事名', text: data.projectName },
    { label: '発注者', text: data.ordererName },
    ...(data.change ? [{ label: '変更契約日', text: formatJapaneseDate(data.change.changeDate) }] : []),
    { label: `保証金額${after}`, text: `${formatYen(data.guaranteeAmount)} 円` },
    { label: `保証期間${after}`, text: period },
  ];
  // The computation's own 保証料 line is printed as the bold total, from premiumYen; a change's last
  // line (its 差額) is the total as it stands.
  const last = data.lines.at(-1);
  const lines = data.change || last?.label === TEXT.total ? data.lines.slice(0, -1) : data.lines;
  const total = data.change ? (last?.amount ?? '0') : formatYen(data.premiumYen);
  const totalLabel = data.change ? (last?.label ?? '差額') : TEXT.total;
  const title = data.change ? CHANGE_STATEMENT_TITLE : PREMIUM_STATEMENT_TITLE;
  const addressee = addresseeName(data.contractor.name);

  const canvas = await createCanvas({
    title,
    subject: `保証契約番号 ${data.number}`,
    texts: [
      date,
      addressee,
      data.contractor.address,
      ...Object.values(TEXT).flat(),
      ...fields.flatMap((f) => [f.label, f.text]),
      ...lines.flatMap((l) => [l.label, l.detail ?? '', l.amount]),
      total,
      totalLabel,
      ...issuerTexts(data.issuer, data.branch),
    ],
    createdAt: data.createdAt,
  });
  const left = MARGIN.left;
  const right = A4.width - MARGIN.right;

  let y = drawDocumentHead(canvas, [date], title, { gap: 16, size: 20 });

  y = drawAddressee(canvas, data.contractor, left, y + 16);
  y = drawParagraph(canvas, data.change ? TEXT.changeLead : TEXT.lead, left, y + 14, CONTENT_WIDTH, { size: 10.5 });

  // A change's statement has more rows (変更契約日, 変更前/変更後保証料): a little tighter, so that a
  // 200-character 工事名 still fits.
  const table = { x: left, size: 10.5, minRowHeight: data.change ? 22 : 26, padding: { x: 8, y: data.change ? 4 : 6 } };
  y = drawLine(canvas, TEXT.details, left, y + 10, { size: 11.5, weight: 'bold' });
  const valueOf = (f: { label: string; text: string }): Cell =>
    f.label === '工事名' ? { text: f.text, fit: { sizes: [10.5, 9.5, 9], maxLines: 6 } } : { text: f.text };
  if (data.change) {
    // Short values two to a row: 番号・区分, 変更契約日・保証金額.
    const [number, kind, project, orderer, changeDate, amount, periodField] = fields;
    const half = (CONTENT_WIDTH - 220) / 2;
    y += 2;
    for (const row of [[number!, kind!], [project!], [orderer!], [changeDate!, amount!], [periodField!]]) {
      const cells = row.flatMap((f): Cell[] => [{ text: f.label, fill: LABEL_FILL }, valueOf(f)]);
      y = drawTableRow(canvas, y, cells, { ...table, widths: row.length === 2 ? [110, half, 110, half] : [110, CONTENT_WIDTH - 110] });
    }
  } else {
    y = drawFieldTable(
      canvas,
      y + 2,
      fields.map((f) => ({ label: f.label, value: valueOf(f) })),
      { ...table, widths: [110, CONTENT_WIDTH - 110] },
    );
  }

  y = drawLine(canvas, TEXT.computation, left, y + 16, { size: 11.5, weight: 'bold' });
  const widths = [140, CONTENT_WIDTH - 140 - 110, 110];
  const header: Cell[] = TEXT.headers.map((text) => ({ text, align: 'center', fill: LABEL_FILL }));
  const rows: Cell[][] = lines.map((line) => [
    { text: line.label },
    { text: line.detail ?? '', size: 9.5 },
    { text: line.amount, align: 'right' },
  ]);
  rows.push([
    { text: totalLabel, weight: 'bold', fill: LABEL_FILL },
    { text: data.change ? (last?.detail ?? '') : '', size: 9.5, fill: LABEL_FILL },
    { text: total, weight: 'bold', align: 'right', size: 12, fill: LABEL_FILL },
  ]);
  y = drawTable(canvas, y + 2, [header, ...rows], { ...table, widths });

  if (data.isDemo) y = drawParagraph(canvas, TEXT.demo, left, y + 8, CONTENT_WIDTH, { size: 10, weight: 'bold', color: DEMO_COLOR });

  const bottom = A4.height - MARGIN.bottom - 24;
  const issuerTop = drawIssuerBlock(canvas, data.issuer, data.branch, right, bottom);
  if (y > issuerTop - 12) throw new RangeError('premium statement: the content does not fit on one page');
  return finish(canvas);
}
