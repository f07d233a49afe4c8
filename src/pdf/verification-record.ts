import { formatYen } from '@/lib/money';
import { todayInTokyo } from '@/lib/dates';
import { formatJapaneseDate } from '@/lib/wareki';
import { versionName } from '@/lib/wording';
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
  drawVerificationBlock,
  finish,
  issuerBlockWidth,
  issuerTexts,
  verificationBlock,
  verificationTexts,
  type Cell,
  type Issuer,
  drawDocumentHead,
} from './layout';

/**
 * 電子証書 確認記録: what the orderer's clerk keeps after looking up a certificate — who checked, when,
 * which version, its digest and its status at that moment (for the file and for audit).
 */
export interface VerificationRecordData {
  /** The confirmation's id (a UUID): printed as 確認番号, its first 8 hex characters upper-cased, the full id small. */
  confirmationId: string;
  /** 確認日時 (printed in 和暦, Asia/Tokyo, to the minute) and the PDF's CreationDate/ModDate. */
  checkedAt: Date;
  /** 確認者. */
  checker: { name: string; organization: string; department: string | null };
  /** 保証契約番号. */
  number: string;
  /** 区分: 前払金保証 … */
  kindLabel: string;
  projectName: string;
  /** 保証契約者. */
  contractorName: string;
  /** 被保証者 as written on the certificate (大村市長). */
  obligeeName: string;
  guaranteeAmount: bigint;
  /** ISO calendar dates, printed in 和暦. */
  guaranteePeriod: { from: string; to: string };
  /** The version of the certificate that was checked (第1版, 第2版（変更）). */
  version: number;
  versionChanged: boolean;
  /** The version's 発行日 (ISO calendar date). */
  versionIssuedOn: string;
  /** 有効 / 解除 / 期間満了: the status when it was checked. */
  statusLabel: string;
  /** SHA-256 (hex) of the version's canonical content, or null when the version has none: printed 「—」. */
  digest: string | null;
  /** 保証機関: the issuer block at the bottom right. */
  issuer: Issuer;
  /** The portal's name as the orderer knows it (電子保証ポータル). */
  portalName: string;
  /**
   * The version's public verification page (/verify/<digest>): the block 【真正性の確認】 with its QR
   * code at the bottom left, so the record's reader can check later that the version was issued and
   * what its status is now.
   */
  verifyUrl?: string | null;
}

export const VERIFICATION_RECORD_TITLE = '電子証書 確認記録';

const texts = (portal: string) =>
  ({
    lead: `下記のとおり、${portal}（発注者用）で電子証書を確認したことを記録します。`,
    mark: '記',
    note: `この記録は確認時点の内容です。最新の状態は${portal}でご確認ください。`,
  }) as const;


/** Two lines in the label column, broken before the bracket. */
const DIGEST_LABEL = '証書ダイジェスト\n（SHA-256）';
const NO_DIGEST = '—';
/**
 * The digest in groups of 8 characters, 4 groups (32 characters) a line. Each line is one run of text:
 * groups drawn at fixed columns would line up better, but readers then take every column for a block
 * of its own and copy the digest out of order.
 */
const DIGEST_GROUP = 8;
const DIGEST_GROUPS_PER_LINE = 4;
const DIGEST_SIZE = 10;

const TIME = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', hour: 'numeric', minute: '2-digit', hourCycle: 'h23' });

/** 令和 8年11月25日 14時05分 (Asia/Tokyo). */
function formatCheckedAt(moment: Date): string {
  const parts = TIME.formatToParts(moment);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${formatJapaneseDate(todayInTokyo(moment))} ${Number(get('hour'))}時${get('minute').padStart(2, '0')}分`;
}

/** 3F2A9C1B for 3f2a9c1b-0d4e-…: the first 8 hex characters, upper-cased. */
function shortId(id: string): string {
  return id.replace(/[^0-9a-fA-F]/g, '').slice(0, 8).toUpperCase();
}

/** 'e3b0c442  98fc1c14  9afbf4c8  996fb924\n27ae41e4  …': groups two spaces apart, a line break every 4 groups. */
function digestText(digest: string): string {
  const groups = digest.match(new RegExp(`.{1,${DIGEST_GROUP}}`, 'g')) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += DIGEST_GROUPS_PER_LINE) lines.push(groups.slice(i, i + DIGEST_GROUPS_PER_LINE).join('  '));
  return lines.join('\n');
}

export async function renderVerificationRecordPdf(data: VerificationRecordData): Promise<Uint8Array> {
  const date = formatJapaneseDate(todayInTokyo(data.checkedAt));
  const text = texts(data.portalName);
  const verification = data.digest && data.verifyUrl ? verificationBlock(data.digest, data.verifyUrl) : null;
  const checker = [data.checker.organization, data.checker.department, data.checker.name].filter(Boolean).join('　');
  const version = `${versionName(data.version, data.versionChanged)}　${formatJapaneseDate(data.versionIssuedOn)}発行`;
  const period = `${formatJapaneseDate(data.guaranteePeriod.from)} から ${formatJapaneseDate(data.guaranteePeriod.to)} まで`;
  const confirmation: Cell = {
    text: shortId(data.confirmationId),
    weight: 'bold',
    size: 13,
    note: { text: data.confirmationId, size: 8, color: GRAY },
  };
  const fields: { label: string; value: Cell }[] = [
    { label: '確認番号', value: confirmation },
    { label: '確認日時', value: { text: formatCheckedAt(data.checkedAt) } },
    { label: '確認者', value: { text: checker } },
    { label: '保証契約番号', value: { text: data.number } },
    { label: '区分', value: { text: data.kindLabel } },
    { label: '工事名', value: { text: data.projectName, fit: { sizes: [10.5, 9.5, 9], maxLines: 6 } } },
    { label: '保証契約者', value: { text: data.contractorName } },
    { label: '被保証者', value: { text: data.obligeeName } },
    { label: '保証金額', value: { text: `${formatYen(data.guaranteeAmount)} 円` } },
    { label: '保証期間', value: { text: period } },
    { label: '確認した証書の版', value: { text: version } },
    { label: '確認時の状態', value: { text: data.statusLabel, weight: 'bold' } },
    { label: DIGEST_LABEL, value: data.digest ? { text: digestText(data.digest), size: DIGEST_SIZE } : { text: NO_DIGEST } },
  ];

  const canvas = await createCanvas({
    title: VERIFICATION_RECORD_TITLE,
    subject: `保証契約番号 ${data.number} 確認番号 ${shortId(data.confirmationId)}`,
    texts: [
      date,
      ...Object.values(text),
      ...fields.flatMap((f) => [f.label, f.value.text, f.value.note?.text ?? '']),
      ...(verification ? verificationTexts(verification) : []),
      ...issuerTexts(data.issuer, null),
    ],
    createdAt: data.checkedAt,
  });
  const left = MARGIN.left;
  const right = A4.width - MARGIN.right;

  let y = drawDocumentHead(canvas, [date], VERIFICATION_RECORD_TITLE, { gap: 18, size: 20 });
  y = drawParagraph(canvas, text.lead, left, y + 18, CONTENT_WIDTH, { size: 10.5, lineHeight: 1.6 });
  y = drawLine(canvas, text.mark, A4.width / 2, y + 4, { size: 10.5, align: 'center' });

  const table = { x: left, widths: [130, CONTENT_WIDTH - 130], size: 10.5, minRowHeight: 26, padding: { x: 10, y: 6 } };
  y = drawFieldTable(canvas, y + 6, fields, table);

  y = drawParagraph(canvas, text.note, left, y + 10, CONTENT_WIDTH, { size: 9.5, color: GRAY });

  const bottom = A4.height - MARGIN.bottom - 24;
  let issuerTop = drawIssuerBlock(canvas, data.issuer, null, right, bottom);
  if (verification) {
    const besideIssuer = right - issuerBlockWidth(canvas, data.issuer, null) - 16;
    issuerTop = Math.min(issuerTop, drawVerificationBlock(canvas, verification, left, besideIssuer, bottom));
  }
  if (y > issuerTop - 12) throw new RangeError('verification record: the content does not fit on one page');
  return finish(canvas);
}
