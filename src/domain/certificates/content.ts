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
  /**
   * 保証契約者 as a 共同企業体 (decision 018's optional members; absent for a single company, so such a
   * version's canonical bytes are what they were before JVs). `contractor` still holds the 代表者.
   */
  jointVenture?: CertificateJointVenture;
  /** 分割預託: one 預託金融機関 per JV member with its share; when present, depositBank is null. */
  deposits?: CertificateDeposit[];
  /** 中間前払金保証 concluded from the orderer's 認定: its number, 認定日 and 認定権者. */
  intermediateCertification?: CertificateIntermediateCertification;
}

/** A JV party on the certificate; share is the 出資比率 in percent as printed ("60", "33.34"). */
export interface CertificateJointVentureParty {
  address: string;
  name: string;
  share: string;
}

export interface CertificateJointVenture {
  /** 〇〇・△△特定建設工事共同企業体, as contracted. */
  name: string;
  kind: 'SPECIFIC' | 'REGULAR';
  mode: 'JOINT' | 'DIVIDED';
  representative: CertificateJointVentureParty;
  /** The 構成員 other than the 代表者, in the JV's order. */
  members: CertificateJointVentureParty[];
}

export interface CertificateDeposit {
  bank: string;
  branch: string;
  /** The member company whose 前払金専用口座 this is. */
  holder: string;
  /** Percent as printed ("60", "33.34"). */
  share: string;
}

export interface CertificateIntermediateCertification {
  /** 令和8年度第12号. */
  number: string;
  /** 認定日, ISO date. */
  certifiedOn: string;
  /** 認定権者: the orderer's 証書上の名称 (大村市長). */
  certifier: string;
}

/**
 * The 保証契約者 in one line, for the documents that print a single name (確認記録, premium documents'
 * addressee, the submission subject, the orderer's lists): 「〇〇・△△特定建設工事共同企業体（代表者
 * 株式会社〇〇建設）」 for a JV, the company's name otherwise.
 */
export function holderOf(content: Pick<CertificateContent, 'contractor' | 'jointVenture'>): string {
  return holderName(content.contractor.name, content.jointVenture?.name);
}

/** holderOf from the names alone (lists that read the company's and the JV's names from the rows). */
export function holderName(companyName: string, jointVentureName: string | null | undefined): string {
  return jointVentureName ? `${jointVentureName}（代表者 ${companyName}）` : companyName;
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
  /** A JV's guarantee: the JV as 保証契約者 (contractor is its 代表者). */
  jointVenture?: CertificateJointVenture;
  /** 分割預託 (advance payments only): replaces depositBank. */
  deposits?: CertificateDeposit[];
  intermediateCertification?: CertificateIntermediateCertification;
}

export function buildCertificateContent(s: CertificateSource): CertificateContent {
  const split = s.kind !== 'CONTRACT' && s.deposits && s.deposits.length > 0 ? s.deposits.map((d) => ({ ...d })) : undefined;
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
    depositBank: s.kind === 'CONTRACT' || split ? null : s.depositBank,
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
    // Optional members, present only when they apply: a single company's version is byte for byte what
    // it was before JVs and 認定 (and carries no undefined members either).
    ...(s.jointVenture
      ? {
          jointVenture: {
            name: s.jointVenture.name,
            kind: s.jointVenture.kind,
            mode: s.jointVenture.mode,
            representative: { ...s.jointVenture.representative },
            members: s.jointVenture.members.map((m) => ({ ...m })),
          },
        }
      : {}),
    ...(split ? { deposits: split } : {}),
    ...(s.kind === 'INTERMEDIATE' && s.intermediateCertification ? { intermediateCertification: { ...s.intermediateCertification } } : {}),
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
