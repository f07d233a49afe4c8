import type { CertificatePdfData, CertificatePdfLine, CertificatePdfRow } from '@/pdf/certificate';
import { formatYen } from '@/lib/money';
import { versionName } from '@/lib/wording';
import { formatJapaneseDate } from '@/lib/wareki';
import type { CertificateContent } from './content';
import { shortDigest } from './digest-format';
import { CERTIFICATE_LABELS as L } from './labels';

export type { CertificatePdfData } from '@/pdf/certificate';

/**
 * What the certificate PDF (src/pdf/certificate.ts) prints, made from a version's content snapshot
 * only — the print view's words, in its order (src/components/certificate/certificate-document.tsx,
 * decisions 018, 069, 073). Pure: the caller gives what is not in the snapshot.
 */
export interface CertificatePdfOptions {
  /** The version's digest and its public verification page (verifyUrl(digest)): the QR code block. Absent or null: none. */
  verification?: { digest: string; url: string } | null;
  /** The print view's notice at the foot (the side's printNotice); absent or null: none. */
  notice?: string | null;
  /** The print view's status line in the sheet (the compact banner's headline); absent or null: none. */
  status?: string | null;
  /** Not the latest version: the line saying which one is (supersededLine, decision 073), under the status; absent or null: none. */
  superseded?: string | null;
}

const yen = (digits: string) => `${formatYen(BigInt(digits))} ${L.yen}`;
const date = formatJapaneseDate;

/** 【注1】 text → the mark and the text apart (as the print view's splitNote). */
function splitNote(note: string): { mark: string; text: string } {
  const match = /^(【[^】]*】)\s*([\s\S]*)$/.exec(note);
  return match ? { mark: match[1] ?? '', text: match[2] ?? '' } : { mark: '', text: note };
}

/** 保証契約者: address, then name 様; a JV: its name 様, then the 代表者 and every 構成員 (address and name). */
function contractorLines(content: CertificateContent): CertificatePdfLine[] {
  const jv = content.jointVenture;
  if (!jv) return [{ text: content.contractor.address }, { text: `${content.contractor.name} ${L.honorific}` }];
  const party = (role: string, address: string, name: string): CertificatePdfLine => ({ role, text: address ? `${address}　${name}` : name });
  return [
    { text: `${jv.name} ${L.honorific}` },
    party(L.representative, content.contractor.address, content.contractor.name),
    ...jv.members.map((m) => party(L.member, m.address, m.name)),
  ];
}

function rows(content: CertificateContent): CertificatePdfRow[] {
  const period = content.guaranteePeriod;
  const out: CertificatePdfRow[] = [
    { label: L.number, lines: [{ text: content.number, nowrap: true }] },
    { label: L.contractor, lines: contractorLines(content) },
    { label: L.obligee, lines: [{ text: `${content.obligee.name} ${L.honorific}` }] },
    { label: L.guaranteeAmount, lines: [{ text: yen(content.guaranteeAmount), nowrap: true }] },
    {
      label: L.guaranteePeriod,
      lines: [{ text: period.from ? `${date(period.from)} ${L.periodFrom} ${date(period.to)} ${L.periodTo}` : date(period.to) }],
    },
    { label: L.projectEndDate, lines: [{ text: date(content.projectEndDate) }] },
    { label: L.projectName, lines: [{ text: content.projectName }], shrink: true },
    { label: L.contractAmount, lines: [{ text: yen(content.contractAmount), nowrap: true }] },
  ];
  if (content.depositBank) {
    out.push({ label: L.depositBank, lines: [{ text: `${content.depositBank.bank} ${content.depositBank.branch}` }] });
  }
  if (content.deposits && content.deposits.length > 0) {
    out.push({
      label: L.depositBank,
      labelNote: L.splitDeposit,
      lines: content.deposits.map((d) => ({ text: `${d.bank} ${d.branch}`, aside: `${d.holder} ${d.share}${L.percent}` })),
    });
  }
  const c = content.intermediateCertification;
  if (c) out.push({ label: L.intermediateCertification, lines: [{ text: `${c.number}（${date(c.certifiedOn)} ${c.certifier}）` }] });
  return out;
}

/** The PDF's file name for a version: 保証証書_2070004426_第2版.pdf (no 「（変更）」: brackets trouble some mailers). */
export const certificatePdfFilename = (content: Pick<CertificateContent, 'number' | 'version'>) => `保証証書_${content.number}_第${content.version}版.pdf`;

export function certificatePdfData(content: CertificateContent, options: CertificatePdfOptions = {}): CertificatePdfData {
  const title = `${content.title}${content.changed ? L.changed : ''}`;
  const v = options.verification ?? null;
  const branch = content.branch;
  return {
    meta: {
      title,
      subject: `${L.number} ${content.number} ${versionName(content.version, content.changed)}`,
      // The issue day, midnight in Tokyo: the same version always gives the same bytes.
      createdAt: new Date(`${content.issuedOn}T00:00:00+09:00`),
    },
    status: options.status ?? null,
    superseded: options.superseded ?? null,
    issuedOn: date(content.issuedOn),
    title,
    rows: rows(content),
    undertaking: content.undertaking,
    issuer: { ...content.issuer },
    branch: branch ? [`${L.branch} ${branch.name}`, branch.address, `${L.tel} : ${branch.tel}`, `${L.fax} : ${branch.fax}`] : null,
    notes: content.notes.map(splitNote),
    verification: v ? { digestLine: `${L.verification.digest}（SHA-256）: ${shortDigest(v.digest)}`, body: L.verification.body, url: v.url } : null,
    terms: { ...content.terms },
    notice: options.notice ?? null,
    dense: content.jointVenture !== undefined || (content.deposits?.length ?? 0) > 0,
  };
}
