import { createHash } from 'node:crypto';
import type { GuaranteeKind } from '@/generated/prisma/enums';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';

/**
 * A certificate version's content: an immutable snapshot of everything the 保証証書 shows (the
 * flyer's layout), taken when the version is issued. Views and PDFs render from it, never from the
 * live rows, so a certificate reads the same forever. Money is a string of yen digits (JSON has no
 * bigint); dates are ISO calendar dates (Asia/Tokyo).
 */
export interface CertificateContent {
  format: 1;
  version: number;
  /** (変更) on versions after a change contract (【注1】). */
  changed: boolean;
  issuedOn: string;
  kind: GuaranteeKind;
  title: string;
  number: string;
  contractor: { address: string; name: string };
  /** 被保証者: the orderer as written on certificates (大村市長). */
  obligee: { name: string };
  guaranteeAmount: string;
  guaranteePeriod: { from: string; to: string };
  /** 工事末日: the end of 工期. */
  projectEndDate: string;
  projectName: string;
  contractAmount: string;
  /** 預託金融機関 (advance payments); null for 契約保証. */
  depositBank: { bank: string; branch: string } | null;
  undertaking: string;
  issuer: { address: string; companyName: string; representativeTitle: string; representativeName: string };
  /** 取次場所. */
  branch: { name: string; address: string; tel: string; fax: string } | null;
  notes: string[];
  terms: { text: string; url: string };
}

/** The certificate's fixed wording per kind (the flyer), kept in the snapshot with the rest. */
export const CERTIFICATE_TEXT = {
  title: (kind: GuaranteeKind) => `保証証書（${GUARANTEE_KIND_LABEL[kind]}）`,
  undertaking: (kind: GuaranteeKind) =>
    `当会社は、${GUARANTEE_KIND_LABEL[kind]}契約に基づき上記のとおり${GUARANTEE_KIND_LABEL[kind]}契約を締結し、その責に任じます。`,
  notes: [
    '【注1】 保証金額の増減等の変更があった場合は(変更)と表示し、変更後の内容を記載します。',
    '【注2】 保証期間については、工期の変更に伴って自動的に変更されますので、実際の保証証書は発行しません。',
    '【注3】 請負金額のみの変更の保証証書は発行を省略させていただきます。',
  ],
  terms: (kind: GuaranteeKind) => `${GUARANTEE_KIND_LABEL[kind]}契約につきましては、次のページをご確認ください。`,
} as const;

export interface CertificateSource {
  version: number;
  changed: boolean;
  issuedOn: string;
  kind: GuaranteeKind;
  number: string;
  contractor: { address: string; name: string };
  obligeeName: string;
  guaranteeAmount: bigint;
  guaranteeStart: string;
  guaranteeEnd: string;
  periodEnd: string;
  projectName: string;
  contractAmount: bigint;
  depositBank: { bank: string; branch: string } | null;
  issuer: { address: string; companyName: string; representativeTitle: string; representativeName: string; termsUrl: string };
  branch: { name: string; address: string; tel: string; fax: string } | null;
}

export function buildCertificateContent(s: CertificateSource): CertificateContent {
  return {
    format: 1,
    version: s.version,
    changed: s.changed,
    issuedOn: s.issuedOn,
    kind: s.kind,
    title: CERTIFICATE_TEXT.title(s.kind),
    number: s.number,
    contractor: { address: s.contractor.address, name: s.contractor.name },
    obligee: { name: s.obligeeName },
    guaranteeAmount: s.guaranteeAmount.toString(),
    guaranteePeriod: { from: s.guaranteeStart, to: s.guaranteeEnd },
    projectEndDate: s.periodEnd,
    projectName: s.projectName,
    contractAmount: s.contractAmount.toString(),
    depositBank: s.kind === 'CONTRACT' ? null : s.depositBank,
    undertaking: CERTIFICATE_TEXT.undertaking(s.kind),
    issuer: {
      address: s.issuer.address,
      companyName: s.issuer.companyName,
      representativeTitle: s.issuer.representativeTitle,
      representativeName: s.issuer.representativeName,
    },
    branch: s.branch,
    notes: [...CERTIFICATE_TEXT.notes],
    terms: { text: CERTIFICATE_TEXT.terms(s.kind), url: s.issuer.termsUrl },
  };
}

/**
 * Canonical serialisation of a certificate version's content — the bytes its digest and signature cover.
 * Stable: changing any rule changes every digest, so the rules are fixed (content `format: 1`):
 *
 *   - objects: members sorted by key in UTF-16 code-unit order (JavaScript's `<` on strings), written
 *     `{"key":value,…}`; members whose value is `undefined` are left out (as JSON.stringify does);
 *   - arrays: elements in their order, `[a,b,…]`;
 *   - strings (keys as JSON.stringify writes them): values NFC-normalised first, then escaped as
 *     JSON.stringify escapes them (`"`, `\`, control characters; everything else, Japanese included,
 *     as the character itself);
 *   - numbers, booleans, null: as JSON.stringify writes them (the content holds small integers only:
 *     money and dates are strings);
 *   - no whitespace anywhere; anything else (bigint, functions, symbols) is refused.
 *
 * The result is encoded as UTF-8; its SHA-256 in lower-case hex is the version's `digest` (contentDigest),
 * and the Ed25519 signature covers that digest's 32 bytes (./signature.ts). The database may reorder a
 * JSON column's keys or change its whitespace; this form depends on neither, so a stored version can be
 * re-checked at any time.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value.normalize('NFC'));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonicalJson: unsupported ${typeof value}`);
}

/** SHA-256 (hex) of the canonical content: the version's digest. */
export function contentDigest(content: unknown): string {
  return createHash('sha256').update(canonicalJson(content), 'utf8').digest('hex');
}
