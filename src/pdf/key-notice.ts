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
  drawFieldTable,
  drawIssuerBlock,
  drawLine,
  drawParagraph,
  drawQrCode,
  finish,
  drawVerificationBlock,
  issuerBlockWidth,
  issuerTexts,
  verificationBlock,
  verificationTexts,
  type Branch,
  type Issuer,
  drawDocumentHead,
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
  qrNote: '右の二次元コードを読み取ると、保証契約番号が入力された閲覧ページが開きます。認証キーは二次元コードに含まれていません。上記の認証キーを入力してください。',
  urlLabel: '閲覧ページ：',
  qrCaption: '閲覧ページ',
} as const;


/** QR module size: 3 pt keeps every module at least 3 pixels wide at 72 dpi. */
const QR_MODULE = 3;


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

  let y = drawDocumentHead(canvas, [date], KEY_NOTICE_TITLE, { gap: 22, size: 17 });
  y = drawParagraph(canvas, TEXT.lead, left, y + 18, CONTENT_WIDTH, { size: 10.5, lineHeight: 1.6 });

  y = drawFieldTable(
    canvas,
    y + 12,
    fields.map((f) => ({
      label: f.label,
      value:
        f.label === '認証キー'
          ? { text: f.text, weight: 'bold' as const, size: 15 }
          : f.label === '工事名'
            ? { text: f.text, fit: { sizes: [11, 10, 9], maxLines: 8 } }
            : { text: f.text },
    })),
    { x: left + 16, widths: [120, CONTENT_WIDTH - 32 - 120], size: 11, minRowHeight: 30, padding: { x: 10, y: 7 } },
  );

  y = drawLine(canvas, TEXT.toCustomer, left, y + 22, { size: 11.5, weight: 'bold' });
  y = drawParagraph(canvas, TEXT.toCustomerBody, left, y + 2, CONTENT_WIDTH, { size: 10.5, indent: 10.5, lineHeight: 1.6 });
  y = drawParagraph(canvas, TEXT.toCustomerMethods, left, y, CONTENT_WIDTH, { size: 10.5, indent: 10.5, lineHeight: 1.6 });

  // 【発注者様へのお願い】 with the QR code to the right of its text.
  const qrSide = qrModuleCount(data.lookupUrl) * QR_MODULE;
  const qrLeft = right - qrSide;
  const textWidth = qrLeft - left - 4 * QR_MODULE - 8;
  y = drawLine(canvas, TEXT.toOrderer, left, y + 16, { size: 11.5, weight: 'bold' });
  const qrTop = y + 4 * QR_MODULE;
  let textY = drawParagraph(canvas, TEXT.toOrdererBody, left, y + 2, textWidth, { size: 10.5, indent: 10.5, lineHeight: 1.6 });
  textY = drawParagraph(canvas, TEXT.qrNote, left, textY + 4, textWidth, { size: 9.5, indent: 10.5, lineHeight: 1.55, color: GRAY });
  textY = drawParagraph(canvas, `${TEXT.urlLabel}${data.lookupUrl}`, left, textY + 4, textWidth, {
    size: 9,
    indent: 10.5,
    lineHeight: 1.5,
    color: GRAY,
  });
  drawQrCode(canvas, data.lookupUrl, qrLeft, qrTop, QR_MODULE);
  const captionY = drawLine(canvas, TEXT.qrCaption, qrLeft + qrSide / 2, qrTop + qrSide + 2, { size: 8.5, align: 'center', color: GRAY });

  const bottom = A4.height - MARGIN.bottom - 24;
  let issuerTop = drawIssuerBlock(canvas, data.issuer, data.branch, right, bottom);
  if (verification) {
    const besideIssuer = right - issuerBlockWidth(canvas, data.issuer, data.branch) - 16;
    issuerTop = Math.min(issuerTop, drawVerificationBlock(canvas, verification, left, besideIssuer, bottom));
  }
  if (Math.max(textY, captionY) > issuerTop - 12) throw new RangeError('key notice: the content does not fit on one page');
  return finish(canvas);
}
