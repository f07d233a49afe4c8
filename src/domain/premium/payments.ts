import { z } from 'zod';
import type { PremiumDocumentKind } from '@/generated/prisma/enums';
import { formatIsoDate } from '@/lib/dates';
import type { FieldErrors } from '../result';
import { type PremiumLine } from './calculate';
import { formatYen } from '@/lib/money';

/**
 * 保証料の入金と保証料領収証: the rules, pure (no database, no clock: today is passed in).
 *
 * A guarantee's premium documents are its 保証料計算書 (CALCULATION at conclusion: the amount due),
 * the 変更保証料計算書 of its 変更契約 (CALCULATION with a changeId: the SIGNED difference, positive
 * 追加保証料, negative 返戻) and its 保証料領収証 (RECEIPT: the amount paid). What is outstanding is
 * Σ CALCULATION − Σ RECEIPT. A payment is recorded only when something is outstanding (> 0) and only
 * for exactly that amount: no partial payments, no overpayments, so every receipt covers whole
 * calculations — the ones no earlier receipt covered. A negative outstanding (a 返戻 larger than what
 * is left to pay) is shown, never paid out here.
 */

export const PAYMENT_METHODS = ['BANK_TRANSFER', 'DIRECT_DEBIT', 'CASH', 'OTHER'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const PAYMENT_METHOD_LABEL: Record<PaymentMethod, string> = {
  BANK_TRANSFER: '銀行振込',
  DIRECT_DEBIT: '口座振替',
  CASH: '現金',
  OTHER: 'その他',
};

/** The stored code's label; a code this version does not know is shown as stored. */
export const paymentMethodLabel = (code: string | null) => (code ? (PAYMENT_METHOD_LABEL[code as PaymentMethod] ?? code) : '');

export const PREMIUM_DOCUMENT_TITLE = {
  CALCULATION: '保証料計算書',
  CHANGE_CALCULATION: '変更保証料計算書',
  RECEIPT: '保証料領収証',
} as const;

export type PremiumDocumentType = keyof typeof PREMIUM_DOCUMENT_TITLE;

export interface PremiumDocumentFacts {
  id: string;
  kind: PremiumDocumentKind;
  amount: bigint;
  changeId: string | null;
}

export function premiumDocumentType(doc: Pick<PremiumDocumentFacts, 'kind' | 'changeId'>): PremiumDocumentType {
  if (doc.kind === 'RECEIPT') return 'RECEIPT';
  return doc.changeId ? 'CHANGE_CALCULATION' : 'CALCULATION';
}

export const premiumDocumentTitle = (doc: Pick<PremiumDocumentFacts, 'kind' | 'changeId'>) => PREMIUM_DOCUMENT_TITLE[premiumDocumentType(doc)];

/**
 * A calculation's amount in words: 「92,000」 for the premium due, 「追加保証料 10,000」 or
 * 「返戻 3,000」 for a change (never a negative amount to pay).
 */
export function calculationAmountText(doc: Pick<PremiumDocumentFacts, 'kind' | 'changeId' | 'amount'>): string {
  if (doc.amount < 0n) return `返戻 ${formatYen(-doc.amount)}`;
  if (doc.changeId && doc.amount > 0n) return `追加保証料 ${formatYen(doc.amount)}`;
  return formatYen(doc.amount);
}

// ───────────────────────────── the receipt's stored content ─────────────────────────────

const coveredSchema = z.object({
  documentId: z.uuid(),
  title: z.string(),
  /** YYYY-MM-DD: the calculation's date. */
  issuedOn: z.string(),
  /** The calculation's amount, signed digits (JSON has no bigint). */
  amount: z.string().regex(/^-?\d+$/),
});
export type CoveredCalculation = z.infer<typeof coveredSchema>;

/**
 * What a 保証料領収証 prints, fixed when it is issued (kept in PremiumDocument.lines): its number,
 * the addressee, the guarantee's names, the calculations it covers and the issuer. A later 変更契約
 * or a new issuer address never changes a receipt already issued; the same document always gives
 * the same PDF.
 */
export const receiptContentSchema = z.object({
  receiptNumber: z.string().min(1),
  contractor: z.object({ name: z.string(), address: z.string() }),
  projectName: z.string(),
  ordererName: z.string(),
  covered: z.array(coveredSchema),
  issuer: z.object({ address: z.string(), companyName: z.string(), representativeTitle: z.string(), representativeName: z.string() }),
  branch: z.object({ name: z.string(), tel: z.string(), fax: z.string() }).nullable(),
});
export type ReceiptContent = z.infer<typeof receiptContentSchema>;

/** A receipt's stored content; anything else (a corrupted row) throws rather than printing wrong data. */
export function readReceiptContent(lines: unknown): ReceiptContent {
  return receiptContentSchema.parse(lines);
}

/** 領収証番号: the 保証契約番号 and the receipt's place among the guarantee's receipts (2070004426-01). */
export function receiptNumber(contractNumber: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`receiptNumber: sequence ${sequence}`);
  return `${contractNumber}-${String(sequence).padStart(2, '0')}`;
}

// ───────────────────────────── balance ─────────────────────────────

export interface PremiumBalance<T extends PremiumDocumentFacts = PremiumDocumentFacts> {
  /** Σ of the calculations (the conclusion's premium ± every change's difference). */
  due: bigint;
  /** Σ of the receipts. */
  paid: bigint;
  /** due − paid: > 0 to pay, < 0 to return (返戻: shown only), 0 settled. */
  outstanding: bigint;
  /** The calculations no receipt covers yet, oldest first: what the next receipt covers. */
  uncovered: T[];
}

/** The balance of one guarantee's documents (in their order of issue; a receipt's lines are read for what it covers). */
export function premiumBalance<T extends PremiumDocumentFacts & { lines?: unknown }>(docs: readonly T[]): PremiumBalance<T> {
  let due = 0n;
  let paid = 0n;
  const covered = new Set<string>();
  for (const doc of docs) {
    if (doc.kind === 'RECEIPT') {
      paid += doc.amount;
      for (const c of readReceiptContent(doc.lines).covered) covered.add(c.documentId);
    } else due += doc.amount;
  }
  const uncovered = docs.filter((d) => d.kind === 'CALCULATION' && !covered.has(d.id));
  return { due, paid, outstanding: due - paid, uncovered };
}

// ───────────────────────────── checking a payment ─────────────────────────────

export const PAYMENT_MESSAGES = {
  nothingOutstanding: '未払いの保証料はありません。',
  mismatch: (outstanding: bigint, amount: bigint) => {
    const diff = amount - outstanding;
    return `入金額が未払いの保証料 ${formatYen(outstanding)}円と一致しません（差額 ${formatYen(diff < 0n ? -diff : diff)}円 ${diff < 0n ? '不足' : '超過'}）。`;
  },
  future: '入金日に将来の日付は指定できません。',
  beforeConclusion: (concludedOn: string) => `入金日は保証契約の締結日（${formatIsoDate(concludedOn)}）以降の日付を入力してください。`,
} as const;

export interface PaymentFacts {
  /** YYYY-MM-DD */
  paidOn: string;
  amount: bigint;
}

export interface PaymentContext {
  outstanding: bigint;
  /** Today in Asia/Tokyo (YYYY-MM-DD). */
  today: string;
  /** The conclusion's date (証書発行日 of version 1, YYYY-MM-DD). */
  concludedOn: string;
}

/**
 * Why a payment cannot be recorded, per field ('' when nothing is outstanding), or null when it can:
 * the date lies between the conclusion and today, and the amount is exactly what is outstanding.
 */
export function checkPayment(payment: PaymentFacts, context: PaymentContext): FieldErrors | null {
  if (context.outstanding <= 0n) return { '': [PAYMENT_MESSAGES.nothingOutstanding] };
  const errors: FieldErrors = {};
  if (payment.paidOn > context.today) errors.paidOn = [PAYMENT_MESSAGES.future];
  else if (payment.paidOn < context.concludedOn) errors.paidOn = [PAYMENT_MESSAGES.beforeConclusion(context.concludedOn)];
  if (payment.amount !== context.outstanding) errors.amount = [PAYMENT_MESSAGES.mismatch(context.outstanding, payment.amount)];
  return Object.keys(errors).length > 0 ? errors : null;
}

/** The calculations a payment covers, as stored on its receipt. */
export function coveredCalculations(uncovered: readonly (PremiumDocumentFacts & { issuedOn: string })[]): CoveredCalculation[] {
  return uncovered.map((d) => ({ documentId: d.id, title: premiumDocumentTitle(d), issuedOn: d.issuedOn, amount: d.amount.toString() }));
}

/**
 * The receipt's 内訳 as printed: one line per calculation covered (a 返戻 as △), in yen text like
 * the computation's lines.
 */
export function receiptLines(covered: readonly CoveredCalculation[]): PremiumLine[] {
  return covered.map((c) => {
    const amount = BigInt(c.amount);
    const change = c.title === PREMIUM_DOCUMENT_TITLE.CHANGE_CALCULATION;
    const label = change ? `${c.title}（${amount < 0n ? '返戻' : '追加保証料'}）` : c.title;
    return { label, detail: `${formatIsoDate(c.issuedOn)} 発行`, amount: amount < 0n ? `△${formatYen(-amount)}` : formatYen(amount) };
  });
}
