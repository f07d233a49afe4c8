import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { holderOf, type CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { effectiveStatus } from '@/domain/guarantees/status';
import { GUARANTEE_KIND_LABEL } from '@/domain/labels';
import { assertAdmin } from '@/domain/system';
import type { GuaranteeKind } from '@/generated/prisma/enums';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { renderPremiumReceiptPdf } from '@/pdf/premium-receipt';
import { renderPremiumCalculationPdf } from '@/pdf/premium-statement';
import { periodDays, type PremiumLine } from './calculate';
import { termsAfterChanges } from './change-statement';
import { paymentMethodLabel, premiumBalance, premiumDocumentType, PREMIUM_DOCUMENT_TITLE, readReceiptContent, receiptLines } from './payments';

/**
 * The premium documents of one guarantee as lists show them and as PDFs: 保証料計算書,
 * 変更保証料計算書 and 保証料領収証. Who may read them is checked by the callers (the contractor's own
 * guarantee, or an officer) before a guarantee reaches renderPremiumDocument.
 */

const documentSelect = {
  id: true,
  kind: true,
  amount: true,
  changeId: true,
  lines: true,
  issuedOn: true,
  paidOn: true,
  paymentMethod: true,
  createdAt: true,
  change: { select: { changeContractDate: true } },
} as const;

interface StoredDocument {
  id: string;
  kind: 'CALCULATION' | 'RECEIPT';
  amount: bigint;
  changeId: string | null;
  lines: unknown;
  issuedOn: Date;
  paidOn: Date | null;
  paymentMethod: string | null;
  createdAt: Date;
  change: { changeContractDate: Date } | null;
}

/** A document as a list row: its title, and for a receipt its number, 入金日 and 入金方法. */
export function describePremiumDocument(doc: StoredDocument) {
  const type = premiumDocumentType(doc);
  return {
    id: doc.id,
    kind: doc.kind,
    type,
    title: PREMIUM_DOCUMENT_TITLE[type],
    amount: doc.amount,
    changeId: doc.changeId,
    issuedOn: doc.issuedOn,
    changeDate: doc.change?.changeContractDate ?? null,
    paidOn: doc.paidOn,
    methodLabel: paymentMethodLabel(doc.paymentMethod),
    receiptNumber: doc.kind === 'RECEIPT' ? readReceiptContent(doc.lines).receiptNumber : null,
  };
}
export type PremiumDocumentRow = ReturnType<typeof describePremiumDocument>;

/** The documents of some guarantees (oldest first), each guarantee's list described, with its balance. */
export async function premiumDocumentsOf(db: Db, guaranteeIds: string[]) {
  const docs = await db.premiumDocument.findMany({
    where: { guaranteeId: { in: guaranteeIds } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { ...documentSelect, guaranteeId: true },
  });
  const byGuarantee = new Map<string, { documents: PremiumDocumentRow[]; balance: ReturnType<typeof premiumBalance> }>();
  for (const id of guaranteeIds) {
    const own = docs.filter((d) => d.guaranteeId === id);
    byGuarantee.set(id, { documents: own.map(describePremiumDocument), balance: premiumBalance(own) });
  }
  return byGuarantee;
}

/** The officer's 保証料 page of one guarantee: the guarantee, its documents and what is outstanding. */
export async function getGuaranteePremiums(db: Db, actor: Actor, numberInput: string, now = new Date()) {
  assertAdmin(actor);
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  const guarantee = await db.guarantee.findUnique({
    where: { number: check.number },
    select: {
      id: true,
      number: true,
      kind: true,
      status: true,
      guaranteeEnd: true,
      projectName: true,
      issuedOn: true,
      premiumYen: true,
      contractor: { select: { name: true } },
      orderer: { select: { name: true, certificateName: true } },
    },
  });
  if (!guarantee) throw new AppError('NOT_FOUND', `guarantee ${check.number}`);
  const premiums = (await premiumDocumentsOf(db, [guarantee.id])).get(guarantee.id)!;
  // 期間満了 from today's Tokyo date, as on every other screen.
  return { guarantee: { ...guarantee, status: effectiveStatus(guarantee.status, guarantee.guaranteeEnd, todayInTokyo(now)) }, ...premiums };
}

/** A guarantee an officer may read any document of: by number, officers only. */
async function officerGuarantee(db: Db, actor: Actor, numberInput: string) {
  assertAdmin(actor);
  const check = checkContractNumber(numberInput);
  if (!check.ok) throw new AppError('NOT_FOUND', 'malformed number');
  const g = await db.guarantee.findUnique({ where: { number: check.number }, select: { id: true, number: true, kind: true } });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${check.number}`);
  return g;
}

/** Any premium document of any guarantee, for officers (the payment page's links). */
export async function officerPremiumDocumentPdf(db: Db, actor: Actor, numberInput: string, documentId: string) {
  return renderPremiumDocument(db, await officerGuarantee(db, actor, numberInput), documentId);
}

export const premiumDocumentFilename = (title: string, number: string, suffix?: string) => `${title}_${number}${suffix ? `_${suffix}` : ''}.pdf`;

/**
 * The PDF of one premium document of a guarantee the caller may read: a 保証料領収証 from its stored
 * content, a 保証料計算書 from version 1 and its lines, a 変更保証料計算書 from its lines and the terms
 * after its change. Another guarantee's document id answers NOT_FOUND.
 */
export async function renderPremiumDocument(db: Db, g: { id: string; number: string; kind: GuaranteeKind }, documentId: string) {
  const doc = await db.premiumDocument.findFirst({ where: { id: documentId, guaranteeId: g.id } });
  if (!doc) throw new AppError('NOT_FOUND', `premium document ${documentId} of ${g.number}`);
  const kindLabel = GUARANTEE_KIND_LABEL[g.kind];

  if (doc.kind === 'RECEIPT') {
    const c = readReceiptContent(doc.lines);
    if (!doc.paidOn) throw new AppError('CONFLICT', `receipt ${doc.id} has no paidOn`);
    const bytes = await renderPremiumReceiptPdf({
      receiptNumber: c.receiptNumber,
      issuedOn: dbDateToIso(doc.issuedOn),
      contractor: c.contractor,
      amount: doc.amount,
      number: g.number,
      kindLabel,
      projectName: c.projectName,
      ordererName: c.ordererName,
      paidOn: dbDateToIso(doc.paidOn),
      methodLabel: paymentMethodLabel(doc.paymentMethod),
      lines: receiptLines(c.covered),
      issuer: c.issuer,
      branch: c.branch,
      createdAt: doc.createdAt,
    });
    return { bytes, filename: premiumDocumentFilename(PREMIUM_DOCUMENT_TITLE.RECEIPT, c.receiptNumber) };
  }

  const versions = await db.certificateVersion.findMany({
    where: { guaranteeId: g.id },
    orderBy: { version: 'asc' },
    select: { id: true, content: true, createdAt: true },
  });
  const first = versions[0];
  if (!first) throw new AppError('CONFLICT', `guarantee ${g.number} has no certificate`);
  const original = first.content as unknown as CertificateContent;
  const table = doc.rateTableId ? await db.premiumRateTable.findUnique({ where: { id: doc.rateTableId }, select: { isDemo: true } }) : null;
  const common = {
    issuedOn: dbDateToIso(doc.issuedOn),
    number: g.number,
    kindLabel,
    ordererName: original.obligee.name,
    lines: doc.lines as unknown as PremiumLine[],
    premiumYen: doc.amount,
    isDemo: table?.isDemo ?? false,
    createdAt: doc.createdAt,
  };

  if (!doc.changeId) {
    const bytes = await renderPremiumCalculationPdf({
      ...common,
      contractor: { address: original.contractor.address, name: holderOf(original) },
      projectName: original.projectName,
      guaranteeAmount: BigInt(original.guaranteeAmount),
      guaranteePeriod: original.guaranteePeriod,
      periodDays: periodDays(original.guaranteePeriod.from, original.guaranteePeriod.to),
      issuer: original.issuer,
      branch: original.branch,
    });
    return { bytes, filename: premiumDocumentFilename(PREMIUM_DOCUMENT_TITLE.CALCULATION, g.number) };
  }

  const change = await db.guaranteeChange.findUnique({
    where: { id: doc.changeId },
    select: { createdAt: true, changeContractDate: true, certificateVersionId: true },
  });
  if (!change) throw new AppError('CONFLICT', `premium document ${doc.id}: change ${doc.changeId} missing`);
  const upTo = await db.guaranteeChange.findMany({
    where: { guaranteeId: g.id, createdAt: { lte: change.createdAt } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: { fields: true },
  });
  // The certificate in force right after the change: the version it issued (【注1】), else the latest before it.
  const shown = (change.certificateVersionId ? versions.find((v) => v.id === change.certificateVersionId) : versions.filter((v) => v.createdAt <= change.createdAt).at(-1)) ?? first;
  const c = shown.content as unknown as CertificateContent;
  const terms = termsAfterChanges(
    {
      guaranteeAmount: BigInt(original.guaranteeAmount),
      guaranteeStart: original.guaranteePeriod.from,
      guaranteeEnd: original.guaranteePeriod.to,
      projectName: original.projectName,
    },
    upTo,
  );
  const changeDate = dbDateToIso(change.changeContractDate);
  const bytes = await renderPremiumCalculationPdf({
    ...common,
    ordererName: c.obligee.name,
    contractor: { address: c.contractor.address, name: holderOf(c) },
    projectName: terms.projectName,
    guaranteeAmount: terms.guaranteeAmount,
    guaranteePeriod: { from: terms.guaranteeStart, to: terms.guaranteeEnd },
    periodDays: periodDays(terms.guaranteeStart, terms.guaranteeEnd),
    issuer: c.issuer,
    branch: c.branch,
    change: { changeDate },
  });
  return { bytes, filename: premiumDocumentFilename(PREMIUM_DOCUMENT_TITLE.CHANGE_CALCULATION, g.number, changeDate.replaceAll('-', '')) };
}
