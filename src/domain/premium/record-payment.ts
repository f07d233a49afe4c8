import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { holderOf, type CertificateContent } from '@/domain/certificates/content';
import { AppError } from '@/domain/errors';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { fail, ok, type Result } from '@/domain/result';
import { assertAdmin } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDate } from '@/lib/wareki';
import { RECEIPT_MAIL_TEMPLATE, receiptIssuedMail } from './mail-texts';
import { paymentSchema } from './payment-schema';
import { checkPayment, coveredCalculations, premiumBalance, receiptNumber, type ReceiptContent } from './payments';

export interface RecordedPayment {
  documentId: string;
  number: string;
  receiptNumber: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 入金の記録 (SPEC "Changes, premiums, status"): the officer records a premium payment and the
 * 保証料領収証 is issued. In one transaction: the guarantee row is locked (FOR UPDATE), so two officers
 * recording the same payment, or a 変更契約 adding a calculation meanwhile, queue behind each other
 * and the outstanding amount is computed from what is committed; the payment must equal it (see
 * payments.ts); then the RECEIPT document (its content fixed: number, addressee, the calculations it
 * covers, issuer), the audit row and the contractor's mail (no attachment: it says where to read it).
 */
export async function recordPayment(db: Db, actor: Actor, guaranteeId: string, input: unknown, now = new Date()): Promise<Result<RecordedPayment>> {
  assertAdmin(actor);
  if (!UUID.test(guaranteeId)) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
  const parsed = paymentSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const { paidOn, amount, method } = parsed.data;
  const today = todayInTokyo(now);

  return db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Guarantee" WHERE id = ${guaranteeId}::uuid FOR UPDATE`;
    if (locked.length === 0) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
    const g = await tx.guarantee.findUniqueOrThrow({
      where: { id: guaranteeId },
      select: {
        id: true,
        number: true,
        issuedOn: true,
        contractorId: true,
        versions: { orderBy: { version: 'desc' }, take: 1, select: { content: true } },
        premiumDocuments: {
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, kind: true, amount: true, changeId: true, lines: true, issuedOn: true },
        },
      },
    });
    const docs = g.premiumDocuments.map((d) => ({ ...d, issuedOn: dbDateToIso(d.issuedOn) }));
    const balance = premiumBalance(docs);
    const refused = checkPayment({ paidOn, amount }, { outstanding: balance.outstanding, today, concludedOn: dbDateToIso(g.issuedOn) });
    if (refused) return fail(refused);

    const latest = g.versions[0];
    if (!latest) throw new AppError('CONFLICT', `guarantee ${g.number} has no certificate version`);
    const c = latest.content as unknown as CertificateContent;
    const receipts = docs.filter((d) => d.kind === 'RECEIPT').length;
    const content: ReceiptContent = {
      receiptNumber: receiptNumber(g.number, receipts + 1),
      contractor: { name: holderOf(c), address: c.contractor.address },
      projectName: c.projectName,
      ordererName: c.obligee.name,
      covered: coveredCalculations(balance.uncovered),
      issuer: {
        address: c.issuer.address,
        companyName: c.issuer.companyName,
        representativeTitle: c.issuer.representativeTitle,
        representativeName: c.issuer.representativeName,
      },
      branch: c.branch ? { name: c.branch.name, tel: c.branch.tel, fax: c.branch.fax } : null,
    };
    const receipt = await tx.premiumDocument.create({
      data: {
        guaranteeId: g.id,
        kind: 'RECEIPT',
        amount,
        lines: content as object,
        issuedOn: isoDateToDb(today),
        paidOn: isoDateToDb(paidOn),
        paymentMethod: method,
        createdById: actor.userId,
      },
    });

    const to = await organizationAddresses(tx, g.contractorId, 'CONTRACTOR');
    const mail = receiptIssuedMail({
      contractorName: c.contractor.name,
      suretyName: c.issuer.companyName,
      number: g.number,
      projectName: c.projectName,
      receiptNumber: content.receiptNumber,
      amount,
      paidOnJapanese: formatJapaneseDate(paidOn),
    });
    const mailIds = await enqueueMailToAll(tx, to, { template: RECEIPT_MAIL_TEMPLATE, ...mail, relatedType: 'guarantee', relatedId: g.id });

    await writeAudit(tx, actor, 'premium.payment', { type: 'guarantee', id: g.id }, {
      number: g.number,
      documentId: receipt.id,
      receiptNumber: content.receiptNumber,
      amount: amount.toString(),
      paidOn,
      method,
      covered: content.covered.map((x) => x.documentId),
      mailIds,
    });
    return ok({ documentId: receipt.id, number: g.number, receiptNumber: content.receiptNumber });
  });
}
