import { formatAuthKey } from '@/lib/auth-key-format';
import { todayInTokyo } from '@/lib/dates';
import { qrModuleCount } from '@/lib/qr';
import { formatJapaneseDate } from '@/lib/wareki';
import {
  A4,
  CONTENT_WIDTH,
  GRAY,
  MARGIN,
  createCanvas,
  drawDocumentHead,
  drawFieldTable,
  drawIssuerBlock,
  drawLine,
  drawParagraph,
  drawQrCode,
  drawVerificationBlockAt,
  finish,
  fitUrl,
  issuerBlockHeight,
  issuerBlockWidth,
  issuerTexts,
  measuringCanvas,
  verificationBlock,
  verificationTexts,
  type Branch,
  type Canvas,
  type Issuer,
} from './layout';

/**
 * 電子証書閲覧用「認証キー」等のお知らせ: the PDF the contractor hands to the orderer (the flyer's
 * STEP 4). It carries the 認証キー in print; the QR code carries only the lookup page's address with
 * the 保証契約番号, never the key. A second QR code (真正性確認ページ) carries the public verification
 * page of the certificate's digest.
 */
export interface KeyNoticeData {
  /** 区分: 前払金保証, 中間前払金保証, 契約保証. */
  kindLabel: string;
  /** 保証契約番号 (10 digits). */
  number: string;
  /** 認証キー, plain (10 characters); printed grouped as 7KQ4-XM9P-WA. */
  key: string;
  projectName: string;
  /** 発注者 as written on the certificate (大村市長). */
  ordererName: string;
  /** 保証機関. */
  suretyName: string;
  issuer: Issuer;
  branch: Branch | null;
  /** The orderer's lookup page with the number filled in: exactly what the QR code encodes. */
  lookupUrl: string;
  /** The printed date (和暦, Asia/Tokyo) and the PDF's CreationDate/ModDate. */
  issuedAt: Date;
  /**
   * The latest certificate version's digest and its public verification page (/verify/<digest>): the
   * block 【真正性の確認】 at the bottom left (the digest's short form, a second, smaller QR code
   * captioned 真正性確認ページ apart from the lookup page's). Left out when null.
   */
  verification?: { digest: string; url: string } | null;
}

export const KEY_NOTICE_TITLE = '電子証書閲覧用「認証キー」等のお知らせ';
const SERVICE = '「電子保証ポータル（発注者用）」';
const TEXT = {
  lead: `${SERVICE}で電子証書を閲覧するための「認証キー」等は、以下のとおりとなります。`,
  toCustomer: '【お客様へのお願い】',
  toCustomerBody: '本方法で当該PDFファイルを発注者様にご提出ください。',
  toCustomerMethods: '①電子契約システムへの登録（アップロード）又は　②電子メールに添付して送信',
  toOrderer: '【発注者様へのお願い】',
  toOrdererBody: `${SERVICE}にログインし、上記の「保証契約番号」と「認証キー」を入力の上、電子証書を閲覧ください。`,
  urlLabel: '閲覧ページ',
  qrNote: '右の二次元コードを読み取ると、保証契約番号が入力された閲覧ページが開きます。認証キーは二次元コードに含まれていません。上記の認証キーを入力してください。',
  qrCaption: '閲覧ページ',
} as const;

/** QR module size: 3 pt keeps every module at least 3 pixels wide at 72 dpi. */
const QR_MODULE = 3;
/** The quiet zone a QR code needs around it (4 modules), kept clear of the text beside it. */
const QR_QUIET = 4 * QR_MODULE;
/** The lookup address: the largest of these sizes at which it fits on one line, or broken between its parts (fitUrl). */
const URL_SIZES = [10, 9.5, 9, 8.5, 8, 7.5];
const BODY = { size: 10.5, lineHeight: 1.6 };
/** The paragraphs under a 【】 heading are indented by one character. */
const INDENT = 10.5;

/**
 * 【発注者様へのお願い】's text with the lookup page's QR code (and its caption) on the right: the
 * request, the page's address on a line of its own under 「閲覧ページ」 (never broken inside a part:
 * fitUrl), and what the QR code does. Returns the y below the text and the code.
 */
function drawOrdererRequest(canvas: Canvas, url: string, left: number, right: number, top: number): number {
  const side = qrModuleCount(url) * QR_MODULE;
  const qrLeft = right - side;
  // The code's top level with the text's first line, its quiet zone above it kept clear by the
  // heading's line box; on whole points from the page's bottom edge, so that modules fall on whole
  // pixels at 72 dpi.
  const qrTop = A4.height - Math.floor(A4.height - top - side) - side;
  const textLeft = left + INDENT;
  const width = qrLeft - QR_QUIET - INDENT - textLeft;
  let y = drawParagraph(canvas, TEXT.toOrdererBody, textLeft, top, width, BODY);
  y = drawLine(canvas, TEXT.urlLabel, textLeft, y + 6, { size: 9.5, weight: 'bold' });
  const address = fitUrl(canvas.regular, url, URL_SIZES, width);
  for (const line of address.lines) y = drawLine(canvas, line, textLeft, y, { size: address.size, lineHeight: 1.45 });
  y = drawParagraph(canvas, TEXT.qrNote, textLeft, y + 6, width, { size: 9, lineHeight: 1.55, color: GRAY });
  drawQrCode(canvas, url, qrLeft, qrTop, QR_MODULE);
  const captionBottom = drawLine(canvas, TEXT.qrCaption, qrLeft + side / 2, qrTop + side + 2, { size: 8.5, align: 'center', color: GRAY });
  return Math.max(y, captionBottom);
}

/**
 * How the page takes up the room a short notice leaves: at full stretch every table row is 6 pt
 * taller and the gaps between the parts open by these points; a long 工事名 leaves less room and
 * gets less of it (renderKeyNoticePdf).
 */
const STRETCH = { row: 6, lead: 6, customer: 10, orderer: 10, signOff: 24 };

/**
 * One page that reads top to bottom as the flyer's notice: the date and the title, the lead, the
 * table (区分 … 保証機関, the key large), 【お客様へのお願い】, 【発注者様へのお願い】 with the lookup
 * page's address and QR code, then the issuer (right) and 【真正性の確認】 (left) right after the
 * text. The parts are spaced to fill the page evenly, up to STRETCH, so that no empty band opens
 * in the middle; what room is left stays below, as under a letter's last line.
 */
export async function renderKeyNoticePdf(data: KeyNoticeData): Promise<Uint8Array> {
  const date = formatJapaneseDate(todayInTokyo(data.issuedAt));
  const key = formatAuthKey(data.key);
  const verification = data.verification ? verificationBlock(data.verification.digest, data.verification.url) : null;
  const fields = [
    { label: '区分', text: data.kindLabel },
    { label: '保証契約番号', text: data.number },
    { label: '認証キー', text: key },
    { label: '工事名', text: data.projectName },
    { label: '発注者', text: data.ordererName },
    { label: '保証機関', text: data.suretyName },
  ];
  const canvas = await createCanvas({
    title: KEY_NOTICE_TITLE,
    subject: `保証契約番号 ${data.number}`,
    texts: [
      date,
      ...Object.values(TEXT),
      ...fields.flatMap((f) => [f.label, f.text]),
      data.lookupUrl,
      ...(verification ? verificationTexts(verification) : []),
      ...issuerTexts(data.issuer, data.branch),
    ],
    createdAt: data.issuedAt,
  });
  const left = MARGIN.left;
  const right = A4.width - MARGIN.right;

  /** The page at `stretch` (0 to 1) on `c`; returns the y below the last block. */
  const layout = (c: Canvas, stretch: number) => {
    const open = (base: number, part: keyof typeof STRETCH) => base + STRETCH[part] * stretch;
    let y = drawDocumentHead(c, [date], KEY_NOTICE_TITLE, { gap: 22, size: 17 });
    y = drawParagraph(c, TEXT.lead, left, y + 18, CONTENT_WIDTH, BODY);

    y = drawFieldTable(
      c,
      open(y + 10, 'lead'),
      fields.map((f) => ({
        label: f.label,
        value:
          f.label === '認証キー'
            ? { text: f.text, weight: 'bold' as const, size: 15 }
            : f.label === '工事名'
              ? { text: f.text, fit: { sizes: [11, 10, 9, 8.5], maxLines: 6 } }
              : { text: f.text },
      })),
      { x: left + 16, widths: [120, CONTENT_WIDTH - 32 - 120], size: 11, minRowHeight: open(30, 'row'), padding: { x: 10, y: 7 } },
    );

    y = drawLine(c, TEXT.toCustomer, left, open(y + 18, 'customer'), { size: 11.5, weight: 'bold' });
    y = drawParagraph(c, TEXT.toCustomerBody, left, y + 2, CONTENT_WIDTH, { ...BODY, indent: INDENT });
    y = drawParagraph(c, TEXT.toCustomerMethods, left, y, CONTENT_WIDTH, { ...BODY, indent: INDENT });

    y = drawLine(c, TEXT.toOrderer, left, open(y + 12, 'orderer'), { size: 11.5, weight: 'bold' });
    y = drawOrdererRequest(c, data.lookupUrl, left, right, y + 2);

    // The issuer at the right and 【真正性の確認】 beside it, their tops level.
    const signOff = open(y + 16, 'signOff');
    const issuerBottom = signOff + issuerBlockHeight(data.issuer, data.branch);
    drawIssuerBlock(c, data.issuer, data.branch, right, issuerBottom);
    if (!verification) return issuerBottom;
    const besideIssuer = right - issuerBlockWidth(c, data.issuer, data.branch) - 16;
    return Math.max(issuerBottom, drawVerificationBlockAt(c, verification, left, besideIssuer, signOff));
  };

  const room = A4.height - MARGIN.bottom;
  const tight = layout(measuringCanvas(canvas), 0);
  if (tight > room) throw new RangeError('key notice: the content does not fit on one page');
  const loose = layout(measuringCanvas(canvas), 1);
  // A row taller than its minimum does not grow: the page grows no more than linearly, so it fits.
  layout(canvas, loose <= room ? 1 : (room - tight) / (loose - tight));
  return finish(canvas);
}
