import { stringify } from 'csv-stringify/sync';
import { API_CHECKER } from './labels';

/**
 * The pack's manifest (pure): one entry per certificate version, as CSV for Excel and as JSON. The
 * digest, the signature and the key id are written exactly as stored on the version (hex, base64, id),
 * so that what the auditor checks is what the portal holds.
 *
 * CSV: UTF-8 with a BOM (Excel reads the Japanese; see domain/confirmations/csv.ts for why not
 * Shift_JIS), CRLF, and csv-stringify's escape_formulas: a 工事名 or a name typed by someone else that
 * starts with = + - @ (or a tab, a CR) gets an apostrophe in front and shows as text, never runs.
 * That neutralisation would also put an apostrophe before a base64 signature starting with + (about one
 * version in 64), so the CSV's 署名 column is the signature's 64 bytes in lower-case hex (0-9a-f: never a
 * formula character), the same bytes as sig.bin; signature.txt and manifest.json keep the stored base64.
 * The digest is stored as hex already.
 */

/** The signature's bytes (stored as base64) in lower-case hex, as the CSV's 署名 column gives them. */
export const signatureHex = (base64: string) => Buffer.from(base64, 'base64').toString('hex');

export interface PackConfirmation {
  id: string;
  confirmedAt: Date;
  userName: string | null;
  departmentName: string | null;
  /** 有効 / 解除 / 期間満了 at the confirmation. */
  statusLabel: string;
  /** The 確認記録 PDF's path in the pack. */
  recordPath: string;
}

export interface PackEntry {
  number: string;
  version: number;
  changed: boolean;
  /** ISO calendar date. */
  issuedOn: string;
  kindLabel: string;
  projectName: string;
  holderName: string;
  /** As stored: SHA-256 of the canonical content, lower-case hex (null: a version issued without one). */
  digest: string | null;
  /** As stored: Ed25519 over the digest's 32 bytes, base64. */
  signature: string | null;
  keyId: string | null;
  /** The version's folder in the pack (versions/2070004426-v2/). */
  folder: string;
  /** The certificate PDF's path in the pack, or null when it could not be drawn (named in `note`). */
  certificatePath: string | null;
  note: string | null;
  confirmations: PackConfirmation[];
}

export const MANIFEST_CSV_HEADER = [
  '保証契約番号',
  '版',
  '発行日',
  '区分',
  '工事名',
  '保証契約者',
  '確認日時',
  '確認者',
  'ダイジェスト（SHA-256）',
  '署名（Ed25519・16進）',
  '鍵ID',
  'フォルダ',
  '備考',
] as const;

const TOKYO_MINUTE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** 2026-05-01 10:30 (Asia/Tokyo). */
export const tokyoMinute = (d: Date) => TOKYO_MINUTE.format(d);

const versionText = (e: PackEntry) => `第${e.version}版${e.changed ? '（変更）' : ''}`;

/**
 * Manifest CSV text of `entries`: with the BOM and the header only when `header` (the first piece); every
 * record ends with CRLF, so pieces written one after the other join into one file.
 */
export function manifestCsvText(entries: readonly PackEntry[], { header }: { header: boolean }): string {
  return stringify(
    entries.map((e) => [
      e.number,
      versionText(e),
      e.issuedOn,
      e.kindLabel,
      e.projectName,
      e.holderName,
      e.confirmations.map((c) => tokyoMinute(c.confirmedAt)).join(' / '),
      e.confirmations.map((c) => [c.departmentName, c.userName ?? API_CHECKER].filter(Boolean).join(' ')).join(' / '),
      e.digest ?? '',
      e.signature ? signatureHex(e.signature) : '',
      e.keyId ?? '',
      e.folder,
      e.note ?? '',
    ]),
    { header, columns: [...MANIFEST_CSV_HEADER], bom: header, escape_formulas: true, record_delimiter: 'windows' },
  );
}

/** One entry as the JSON manifest holds it (dates as ISO 8601 UTC, the 確認日時 also in Tokyo time). */
export function manifestJsonEntry(e: PackEntry) {
  return {
    number: e.number,
    version: e.version,
    changed: e.changed,
    issuedOn: e.issuedOn,
    kind: e.kindLabel,
    projectName: e.projectName,
    holder: e.holderName,
    digest: e.digest,
    signature: e.signature,
    signatureAlgorithm: 'Ed25519',
    keyId: e.keyId,
    folder: e.folder,
    certificatePdf: e.certificatePath,
    note: e.note,
    confirmations: e.confirmations.map((c) => ({
      id: c.id,
      confirmedAt: c.confirmedAt.toISOString(),
      confirmedAtTokyo: tokyoMinute(c.confirmedAt),
      user: c.userName,
      department: c.departmentName,
      statusAtConfirmation: c.statusLabel,
      record: c.recordPath,
    })),
  };
}

/**
 * The JSON manifest, in pieces: the head (`open`), one piece per entry (`entry`, comma-led after the
 * first) and the tail (`close`), so it is written as the entries come, never held whole.
 */
export const manifestJson = {
  open: (head: Record<string, unknown>) => `{\n${Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n')}\n  "entries": [\n`,
  entry: (e: PackEntry, first: boolean) => `${first ? '' : ',\n'}    ${JSON.stringify(manifestJsonEntry(e))}`,
  close: () => '\n  ]\n}\n',
};
