import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { effectiveStatus } from '@/domain/guarantees/status';
import { fail, ok, type Result } from '@/domain/result';
import { assertRole } from '@/domain/system';
import { toFieldErrors } from '@/domain/zod-errors';
import { Prisma } from '@/generated/prisma/client';
import type { GuaranteeStatus } from '@/generated/prisma/enums';
import { dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { attachmentDir, storeAttachment, type StoredAttachment } from './attachments';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from './labels';
import { notifyRequested } from './notify';
import { findOwnGuarantee, guaranteeRefusal, hasLiveCertification } from './own-guarantee';
import { loadCertificationRules } from './orderer-rules';
import { checkRequest } from './rules';
import { requestCertificationSchema } from './schemas';

/**
 * 中間前払金の認定を請求する (D11–D13, decision 067): the contractor's user asks the orderer to certify
 * the conditions of the 中間前払金 on the contract of one of its company's 前払金保証 — ADVANCE, 有効
 * today (Asia/Tokyo), 工事. The figures pass checkRequest (rules.ts) against the guarantee's current
 * contract and the orderer's bounds; the certifying department is the orderer's rule (the contract's
 * 工事担当課, or one fixed department) resolved now and kept. The 1–3 PDFs are stored (attachments.ts)
 * and, in one transaction, the request, its attachments, the mail to the department and the audit row
 * are written. One live request per 前払金保証 (the partial unique index decides a race).
 * Another company's number, or none, is refused at the field with the words of a number not found.
 */
export async function requestCertification(
  db: Db,
  actor: Actor,
  input: unknown,
  options: { attachmentDir?: string | null; now?: Date } = {},
): Promise<Result<{ id: string }>> {
  assertRole(actor, 'CONTRACTOR', 'requestCertification');
  const parsed = requestCertificationSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const v = parsed.data;
  const now = options.now ?? new Date();
  const today = todayInTokyo(now);
  const number = checkContractNumber(v.guaranteeNumber);
  if (!number.ok) return fail({ guaranteeNumber: [M.guaranteeNotFound] });

  const g = await findOwnGuarantee(db, actor.organizationId, number.number);
  if (!g) return fail({ guaranteeNumber: [M.guaranteeNotFound] });
  const refusal = guaranteeRefusal(g, today);
  if (refusal) return fail({ guaranteeNumber: [M[refusal]] });

  const rules = await loadCertificationRules(db, g.ordererId);
  if (!rules) return fail({ '': [M.ordererInactive] });
  // conclude-application sets both on every guarantee it makes: a missing one is a broken invariant,
  // never a value made up for the 認定調書.
  const { projectLocation, contractDate } = g.application;
  if (projectLocation === null || contractDate === null) throw new Error(`guarantee ${g.id}: its application has no 工事場所 or 契約日`);
  const periodStart = dbDateToIso(g.periodStart);
  const periodEnd = dbDateToIso(g.periodEnd);
  const errors = checkRequest(
    {
      periodStart,
      periodEnd,
      contractAmount: g.contractAmount,
      advanceAmount: g.guaranteeAmount,
      reportedOn: v.reportedOn,
      plannedProgressBp: v.plannedProgress,
      actualProgressBp: v.actualProgress,
      workDoneAmount: v.workDoneAmount,
      requestedAmount: v.requestedAmount,
      noPartialPayment: v.noPartialPayment,
      ordererName: rules.name,
      intermediateLimit: rules.intermediateLimit,
      combinedLimit: rules.combinedLimit,
    },
    today,
  );
  if (Object.keys(errors).length > 0) return fail(errors);

  // The certifying department (D13): the fixed one when the orderer says so, else the 工事担当課.
  const departmentId = rules.route === 'FIXED_DEPARTMENT' ? rules.fixedDepartmentId : g.application.worksDepartmentId;
  const department = departmentId
    ? await db.department.findFirst({ where: { id: departmentId, organizationId: g.ordererId, active: true }, select: { id: true } })
    : null;
  if (!department) return fail({ '': [M.noDepartment] });

  if (await hasLiveCertification(db, g.id)) return fail({ guaranteeNumber: [M.liveExists] });

  const dir = options.attachmentDir === undefined ? attachmentDir() : options.attachmentDir;
  const stored: ({ name: string } & StoredAttachment)[] = [];
  for (const file of v.files) stored.push({ name: file.name, ...(await storeAttachment(file.bytes, dir)) });

  try {
    return await db.$transaction(async (tx) => {
      // Read again under a share lock: a 解除 (cancelGuarantee) committed since the check above is seen
      // here, and one that starts now waits for this request, then withdraws it in its own transaction.
      const [locked] = await tx.$queryRaw<{ status: GuaranteeStatus; guaranteeEnd: Date }[]>`
        SELECT "status", "guaranteeEnd" FROM "Guarantee" WHERE "id" = CAST(${g.id} AS uuid) FOR SHARE`;
      if (!locked || effectiveStatus(locked.status, locked.guaranteeEnd, today) !== 'ACTIVE') return fail({ guaranteeNumber: [M.notActive] });
      const created = await tx.intermediateCertification.create({
        data: {
          advanceGuaranteeId: g.id,
          contractorId: actor.organizationId,
          ordererId: g.ordererId,
          departmentId: department.id,
          projectName: g.projectName,
          projectLocation,
          contractDate,
          periodStart: g.periodStart,
          periodEnd: g.periodEnd,
          contractAmount: g.contractAmount,
          advanceAmount: g.guaranteeAmount,
          reportedOn: isoDateToDb(v.reportedOn),
          plannedProgressBp: v.plannedProgress,
          actualProgressBp: v.actualProgress,
          workDoneAmount: v.workDoneAmount,
          requestedAmount: v.requestedAmount,
          noPartialPayment: v.noPartialPayment,
          note: v.note,
          requestedById: actor.userId,
          requestedAt: now,
          attachments: {
            create: stored.map((s, i) => ({
              filename: s.name,
              contentType: 'application/pdf',
              size: s.size,
              sha256: s.sha256,
              sortOrder: i,
              content: s.content ? new Uint8Array(s.content) : null,
              storedPath: s.storedPath,
            })),
          },
        },
        select: { id: true },
      });
      const mails = await notifyRequested(tx, created.id, v.reportedOn);
      await writeAudit(tx, actor, 'certification.request', { type: 'certification', id: created.id }, {
        guaranteeNumber: number.number,
        departmentId: department.id,
        requestedAmount: v.requestedAmount.toString(),
        files: stored.map((s) => ({ name: s.name, size: s.size, sha256: s.sha256 })),
        store: dir ? 'directory' : 'database',
        mails: mails.length,
      });
      return ok({ id: created.id });
    });
  } catch (error) {
    // Two requests at once on one 前払金保証: the partial unique index lets one in.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return fail({ guaranteeNumber: [M.liveExists] });
    throw error;
  }
}
