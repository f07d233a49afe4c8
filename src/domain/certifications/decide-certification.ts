import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { effectiveStatus } from '@/domain/guarantees/status';
import { fail, ok, type FieldErrors, type Result } from '@/domain/result';
import { assertRole } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { isUuid } from '@/lib/uuid';
import { renderCertificationDocumentPdf } from '@/pdf/certification-document';
import { assertRenderable, PdfTextError } from '@/pdf/font';
import { buildCertificationDocument, certificationFiscalYear } from './document';
import { CERTIFICATION_DOCUMENT_LABELS, CERTIFICATION_USE_CASE_MESSAGES as M } from './labels';
import { notifyDecided } from './notify';
import { loadCertificationRules } from './orderer-rules';
import { checkRequest } from './rules';
import { decideCertificationSchema } from './schemas';

/** A refusal found inside the transaction: thrown to roll back the counter, returned as field errors. */
class Refusal extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super('refused');
  }
}

/**
 * 認定 / 不認定 (D14, decision 067): a clerk of the certifying department decides a waiting request.
 * The row is locked first (SELECT … FOR UPDATE), so two clerks at once give one decision and the other
 * is told what the first decided. To certify, the 前払金保証 must still be 有効 (Asia/Tokyo, at `now`) and
 * the request must still pass checkRequest on the guarantee's current contract and the orderer's current
 * bounds (else the clerk is told why, and may refuse it); a refusal needs neither.
 * CERTIFY: the serial is the next of the orderer's counter for the 年度 of the 認定日 in Tokyo (an
 * upsert in the same transaction: no gap on commit, a gap only when the transaction rolls back); the
 * 認定調書's content is built (document.ts) from the contract as it stands at the 認定 (the guarantee's
 * current 工事名, 工期, 請負金額 and 保証金額: what was just re-checked and is certified) and rendered
 * once here, so a document that cannot be drawn refuses the 認定 and nothing is stored. REFUSE needs
 * its reason. The requesting company's users are mailed, and the audit row is written, in the same
 * transaction. Anyone but the department's staff gets NOT_FOUND (another department, another
 * orderer) or FORBIDDEN (another side).
 */
export async function decideCertification(db: Db, actor: Actor, id: string, input: unknown, now = new Date()): Promise<Result<{ id: string; number: string | null }>> {
  assertRole(actor, 'ORDERER', 'decideCertification');
  const parsed = decideCertificationSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const d = parsed.data;
  if (d.decision === 'CERTIFY' && d.note) {
    try {
      assertRenderable([d.note]);
    } catch (error) {
      if (!(error instanceof PdfTextError)) throw error;
      return fail({ note: [M.decisionNoteUnprintable(error.missing.join('、'))] });
    }
  }
  if (!isUuid(id) || !actor.departmentId) throw new AppError('NOT_FOUND', `certification ${id} for ${actor.userId}`);
  const departmentId = actor.departmentId;
  try {
    return await db.$transaction(async (tx) => {
      // The 前払金保証 first (FOR SHARE), then the 認定 (FOR UPDATE): the order of cancelGuarantee, which
      // locks the guarantee and then withdraws the 認定, so a 解除 in flight is waited for, never
      // deadlocked with, and a 変更契約 (record-change: FOR UPDATE on the guarantee) is not missed.
      const target = await tx.intermediateCertification.findFirst({ where: { id, ordererId: actor.organizationId, departmentId }, select: { advanceGuaranteeId: true } });
      if (!target) throw new AppError('NOT_FOUND', `certification ${id} of department ${departmentId}`);
      await tx.$queryRaw`SELECT "id" FROM "Guarantee" WHERE "id" = CAST(${target.advanceGuaranteeId} AS uuid) FOR SHARE`;
      await tx.$queryRaw`SELECT "id" FROM "IntermediateCertification" WHERE "id" = CAST(${id} AS uuid) FOR UPDATE`;
      const c = await tx.intermediateCertification.findFirst({
        where: { id, ordererId: actor.organizationId, departmentId },
        include: {
          contractor: { select: { name: true, address: true } },
          department: { select: { name: true } },
          advanceGuarantee: {
            select: { number: true, status: true, guaranteeEnd: true, projectName: true, periodStart: true, periodEnd: true, contractAmount: true, guaranteeAmount: true },
          },
        },
      });
      if (!c) throw new AppError('NOT_FOUND', `certification ${id} of department ${departmentId}`);
      if (c.status !== 'REQUESTED') return fail({ '': [M.alreadyDecided[c.status]] });
      if (d.expectedRevision !== undefined && d.expectedRevision !== c.revision) return fail({ '': [M.stale] });
      const today = todayInTokyo(now);

      if (d.decision === 'REFUSE') {
        await tx.intermediateCertification.update({
          where: { id },
          data: { status: 'REFUSED', decidedById: actor.userId, decidedAt: now, decisionNote: d.note, revision: { increment: 1 } },
        });
        const mails = await notifyDecided(tx, id, { decision: 'REFUSED', reason: d.note });
        await writeAudit(tx, actor, 'certification.refuse', { type: 'certification', id }, { reason: d.note, mails: mails.length });
        return ok({ id, number: null });
      }

      // A 認定 needs the 前払金保証 still 有効 (a 不認定 does not: a request whose guarantee has ended
      // must still leave the clerk's list), and the request still meeting the rules on the guarantee's
      // current contract (a 変更契約 may have moved the 工期 or the 請負金額) and the orderer's current
      // bounds.
      const g = c.advanceGuarantee;
      if (effectiveStatus(g.status, g.guaranteeEnd, today) !== 'ACTIVE') return fail({ '': [M.advanceNotActive] });
      const rules = await loadCertificationRules(tx, c.ordererId);
      if (!rules) return fail({ '': [M.ordererInactiveAtDecision] });
      const stillMet = checkRequest(
        {
          periodStart: dbDateToIso(g.periodStart),
          periodEnd: dbDateToIso(g.periodEnd),
          contractAmount: g.contractAmount,
          advanceAmount: g.guaranteeAmount,
          reportedOn: dbDateToIso(c.reportedOn),
          plannedProgressBp: c.plannedProgressBp,
          actualProgressBp: c.actualProgressBp,
          workDoneAmount: c.workDoneAmount,
          requestedAmount: c.requestedAmount,
          noPartialPayment: c.noPartialPayment,
          ordererName: rules.name,
          intermediateLimit: rules.intermediateLimit,
          combinedLimit: rules.combinedLimit,
        },
        today,
      );
      const unmet = Object.values(stillMet).flat();
      if (unmet.length > 0) return fail({ '': [M.noLongerMet(unmet)] });

      const fiscalYear = certificationFiscalYear(now);
      const [counter] = await tx.$queryRaw<{ last: number }[]>`
        INSERT INTO "CertificationCounter" ("ordererId", "fiscalYear", "last") VALUES (CAST(${c.ordererId} AS uuid), CAST(${fiscalYear} AS integer), 1)
        ON CONFLICT ("ordererId", "fiscalYear") DO UPDATE SET "last" = "CertificationCounter"."last" + 1
        RETURNING "last"`;
      const serial = Number(counter!.last);
      const content = buildCertificationDocument({
        serial,
        certifiedAt: now,
        requestedAt: c.requestedAt,
        holder: { company: { name: c.contractor.name, address: c.contractor.address ?? '' } },
        certifier: { name: rules.certifierName, department: c.department.name },
        clerk: actor.name,
        // The contract as it stands at the 認定 (the guarantee's current values, which checkRequest has
        // just passed): what the 認定 certifies, a 変更契約 since the request included. A 変更契約 moves
        // neither the 工事場所 nor the 契約日, kept from the request.
        contract: {
          projectName: g.projectName,
          projectLocation: c.projectLocation,
          contractDate: dbDateToIso(c.contractDate),
          periodStart: dbDateToIso(g.periodStart),
          periodEnd: dbDateToIso(g.periodEnd),
          contractAmount: g.contractAmount,
        },
        advanceGuarantee: { number: g.number.trim(), amount: g.guaranteeAmount },
        reportedOn: dbDateToIso(c.reportedOn),
        plannedProgressBp: c.plannedProgressBp,
        actualProgressBp: c.actualProgressBp,
        workDoneAmount: c.workDoneAmount,
        requestedAmount: c.requestedAmount,
        limits: { intermediate: rules.intermediateLimit, combined: rules.combinedLimit },
        note: d.note,
        portalName: CERTIFICATION_DOCUMENT_LABELS.portalName,
      });
      // Drawn once before it is kept: a document that cannot be drawn is never stored (decision 066).
      await renderOrRefuse(content);
      await tx.intermediateCertification.update({
        where: { id },
        data: {
          status: 'CERTIFIED',
          decidedById: actor.userId,
          decidedAt: now,
          certifiedOn: isoDateToDb(content.certifiedOn),
          fiscalYear,
          serial,
          decisionNote: d.note,
          documentContent: content as object,
          revision: { increment: 1 },
        },
      });
      const mails = await notifyDecided(tx, id, { decision: 'CERTIFIED', number: content.number, certifiedOn: content.certifiedOn });
      await writeAudit(tx, actor, 'certification.certify', { type: 'certification', id }, {
        number: content.number,
        fiscalYear,
        serial,
        certifiedOn: content.certifiedOn,
        note: d.note,
        mails: mails.length,
      });
      return ok({ id, number: content.number });
    });
  } catch (error) {
    if (error instanceof Refusal) return fail(error.fieldErrors);
    throw error;
  }
}

async function renderOrRefuse(content: Parameters<typeof renderCertificationDocumentPdf>[0]): Promise<void> {
  try {
    await renderCertificationDocumentPdf(content);
  } catch (error) {
    if (error instanceof PdfTextError || error instanceof RangeError) throw new Refusal({ '': [M.unprintable] });
    throw error;
  }
}

