import { CERTIFICATE_LABELS as L } from './labels';
import { formatYen } from '@/lib/money';
import { formatJapaneseDate } from '@/lib/wareki';
import type { CertificateContent } from './content';

/**
 * The field-by-field difference between two versions of one certificate (pure): every line the
 * certificate shows, in the certificate's order and words, as written on it (yen with 円, dates in
 * 和暦), with `changed` set where the two versions differ. Shared by the contractor's and the
 * orderer's 版の比較 and by the tests.
 */
export interface DiffRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

const yen = (digits: string) => (/^\d+$/.test(digits) ? `${formatYen(BigInt(digits))}${L.yen}` : digits);
const day = (iso: string) => (iso ? formatJapaneseDate(iso) : '');
const period = (p: CertificateContent['guaranteePeriod']) => (p.from ? `${day(p.from)} ${L.periodFrom} ${day(p.to)} ${L.periodTo}` : day(p.to));
const bank = (b: CertificateContent['depositBank']) => (b ? `${b.bank} ${b.branch}`.trim() : '—');
/** 預託金融機関: the one account, or each member's (分割預託) with its holder and share. */
const deposits = (c: CertificateContent) =>
  c.deposits && c.deposits.length > 0
    ? `${L.splitDeposit}${c.deposits.map((d) => `${d.bank} ${d.branch} ${d.holder} ${d.share}${L.percent}`).join('、')}`
    : bank(c.depositBank);
/** 保証契約者: the company, or the JV's name with its 代表者 and 構成員 as on the certificate. */
const contractor = (c: CertificateContent) => {
  const own = `${c.contractor.address} ${c.contractor.name}`.trim();
  const jv = c.jointVenture;
  if (!jv) return own;
  return [jv.name, `${L.representative} ${own}`, ...jv.members.map((m) => `${L.member} ${m.address} ${m.name}`.trim())].join(' ');
};

const LINES: { key: string; label: string; value: (c: CertificateContent) => string }[] = [
  { key: 'issuedOn', label: '証書発行日', value: (c) => day(c.issuedOn) },
  { key: 'number', label: L.number, value: (c) => c.number },
  { key: 'contractor', label: L.contractor, value: contractor },
  { key: 'obligee', label: L.obligee, value: (c) => c.obligee.name },
  { key: 'guaranteeAmount', label: L.guaranteeAmount, value: (c) => yen(c.guaranteeAmount) },
  { key: 'guaranteePeriod', label: L.guaranteePeriod, value: (c) => period(c.guaranteePeriod) },
  { key: 'projectEndDate', label: L.projectEndDate, value: (c) => day(c.projectEndDate) },
  { key: 'projectName', label: L.projectName, value: (c) => c.projectName },
  { key: 'contractAmount', label: L.contractAmount, value: (c) => yen(c.contractAmount) },
  { key: 'depositBank', label: L.depositBank, value: deposits },
];

export function diffVersions(before: CertificateContent, after: CertificateContent): DiffRow[] {
  return LINES.map(({ key, label, value }) => {
    const b = value(before);
    const a = value(after);
    return { key, label, before: b, after: a, changed: a !== b };
  });
}

/** The pair to compare from ?from=&to= (version numbers), defaulting to the latest against the one before. */
export function versionPair(available: readonly number[], from: unknown, to: unknown): { from: number; to: number } | null {
  const sorted = [...new Set(available)].sort((a, b) => a - b);
  if (sorted.length < 2) return null;
  const pick = (v: unknown) => {
    const n = typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : NaN;
    return sorted.includes(n) ? n : null;
  };
  const latest = sorted[sorted.length - 1]!;
  const toV = pick(to) ?? latest;
  const fromV = pick(from) ?? sorted[Math.max(0, sorted.indexOf(toV) - 1)]!;
  if (fromV === toV) return { from: sorted[Math.max(0, sorted.indexOf(toV) - 1)] ?? sorted[0]!, to: toV === sorted[0] ? sorted[1]! : toV };
  return fromV < toV ? { from: fromV, to: toV } : { from: toV, to: fromV };
}
