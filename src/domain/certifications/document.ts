import { z } from 'zod';
import type { CertificationDocumentData } from '@/pdf/certification-document';
import { fiscalYearOf, todayInTokyo } from '@/lib/dates';
import { basisPointsOf, formatBasisPoints } from '@/lib/percent';
import { CERTIFICATION_DOCUMENT_LABELS as L, type Ratio } from './labels';
import { certificationNumberLabel, halfPeriodDate, periodDays } from './rules';

/**
 * The 中間前払金認定調書's content, fixed when the clerk certifies (decision 018's pattern for
 * certificates): built here from the 認定's facts, stored as the 認定's documentContent, read back
 * through `certificationDocumentSchema`, and rendered by src/pdf/certification-document.ts — never
 * from the live rows, so the document reads the same after the contract, the company or the
 * department changes (decision 066).
 */

/** The 受注者 the 認定 is addressed to: a company, or a JV through its 代表者 (its address and name). */
export interface CertificationHolder {
  /** The 代表者's company for a JV; the contractor otherwise. */
  company: { name: string; address: string };
  jointVenture?: { name: string } | null;
}

export interface CertificationDocumentSource {
  /** 第N号 within the orderer's 年度 (the counter's value for fiscalYearOf(the 認定日)). */
  serial: number;
  /** The moment the clerk certified: the 認定日 is its day in Asia/Tokyo. */
  certifiedAt: Date;
  /** The moment of the request: 「…付けで請求のあった」 is its day in Asia/Tokyo. */
  requestedAt: Date;
  holder: CertificationHolder;
  /** 認定権者 as written on certificates (大村市長), and the certifying department's name. */
  certifier: { name: string; department: string | null };
  /** The deciding clerk's name, printed as 担当; null leaves the line out. */
  clerk: string | null;
  contract: {
    projectName: string;
    projectLocation: string;
    contractDate: string;
    periodStart: string;
    periodEnd: string;
    contractAmount: bigint;
  };
  advanceGuarantee: { number: string; amount: bigint };
  reportedOn: string;
  plannedProgressBp: number;
  actualProgressBp: number;
  workDoneAmount: bigint;
  requestedAmount: bigint;
  limits: { intermediate: Ratio | null; combined: Ratio | null };
  note: string | null;
  portalName: string;
}

/** The year a 認定 made at `certifiedAt` is numbered in: the 年度 of its day in Tokyo. */
export const certificationFiscalYear = (certifiedAt: Date) => fiscalYearOf(todayInTokyo(certifiedAt));

/**
 * The addressee's lines: a company as on a letter (address, then the name); a JV by its name, with
 * 「代表者　address　name」 under it (the JV's name first, then its 代表者: docs/research/issue-16.md
 * S3–S6).
 */
export function holderLines(holder: CertificationHolder): CertificationDocumentData['holder'] {
  if (holder.jointVenture) {
    return { linesAbove: [], name: holder.jointVenture.name, linesBelow: [`${L.representative}　${holder.company.address}　${holder.company.name}`] };
  }
  return { linesAbove: [holder.company.address], name: holder.company.name, linesBelow: [] };
}

const ratio = (r: Ratio | null) => (r ? `${r.numerator}/${r.denominator}` : null);

export function buildCertificationDocument(s: CertificationDocumentSource): CertificationDocumentData {
  const certifiedOn = todayInTokyo(s.certifiedAt);
  const c = s.contract;
  return {
    format: 1,
    number: certificationNumberLabel(fiscalYearOf(certifiedOn), s.serial),
    certifiedOn,
    certifiedAt: s.certifiedAt.toISOString(),
    requestedOn: todayInTokyo(s.requestedAt),
    holder: holderLines(s.holder),
    certifier: { name: s.certifier.name, department: s.certifier.department },
    contract: {
      projectName: c.projectName,
      projectLocation: c.projectLocation,
      contractDate: c.contractDate,
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      periodDays: periodDays(c.periodStart, c.periodEnd),
      contractAmount: c.contractAmount.toString(),
    },
    advanceGuarantee: { number: s.advanceGuarantee.number, amount: s.advanceGuarantee.amount.toString() },
    halfPeriodDate: halfPeriodDate(c.periodStart, c.periodEnd),
    reportedOn: s.reportedOn,
    plannedProgress: formatBasisPoints(s.plannedProgressBp),
    actualProgress: formatBasisPoints(s.actualProgressBp),
    workDoneAmount: s.workDoneAmount.toString(),
    workDoneShare: formatBasisPoints(basisPointsOf(s.workDoneAmount, c.contractAmount) ?? 0),
    requestedAmount: s.requestedAmount.toString(),
    limits: { intermediate: ratio(s.limits.intermediate), combined: ratio(s.limits.combined) },
    note: s.note,
    clerk: s.clerk,
    portalName: s.portalName,
  };
}

const yen = z.string().regex(/^\d{1,15}$/);
const percent = z.string().regex(/^\d{1,3}(\.\d{1,2})?$/);
const ratioText = z.string().regex(/^\d{1,4}\/\d{1,4}$/);
const text = z.string().min(1);

/**
 * A stored documentContent read back (a boundary: the JSON column): the exact shape
 * buildCertificationDocument writes, or an error. Unknown members are refused, so a document of
 * another format is never rendered as this one.
 */
export const certificationDocumentSchema = z.strictObject({
  format: z.literal(1),
  number: text,
  certifiedOn: z.iso.date(),
  certifiedAt: z.iso.datetime({ offset: true }),
  requestedOn: z.iso.date(),
  holder: z.strictObject({ linesAbove: z.array(z.string()), name: text, linesBelow: z.array(z.string()) }),
  certifier: z.strictObject({ name: text, department: z.string().nullable() }),
  contract: z.strictObject({
    projectName: text,
    projectLocation: z.string(),
    contractDate: z.iso.date(),
    periodStart: z.iso.date(),
    periodEnd: z.iso.date(),
    periodDays: z.number().int().positive(),
    contractAmount: yen,
  }),
  advanceGuarantee: z.strictObject({ number: z.string().regex(/^\d{10}$/), amount: yen }),
  halfPeriodDate: z.iso.date(),
  reportedOn: z.iso.date(),
  plannedProgress: percent,
  actualProgress: percent,
  workDoneAmount: yen,
  workDoneShare: percent,
  requestedAmount: yen,
  limits: z.strictObject({ intermediate: ratioText.nullable(), combined: ratioText.nullable() }),
  note: z.string().nullable(),
  clerk: z.string().nullable(),
  portalName: text,
}) satisfies z.ZodType<CertificationDocumentData>;
