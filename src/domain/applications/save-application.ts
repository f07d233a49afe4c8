import 'server-only';
import { assertRole } from '@/domain/system';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type FieldErrors, type Result } from '@/domain/result';
import { toFieldErrors } from '@/domain/zod-errors';
import { enqueueMailToAll } from '@/domain/mail/outbox';
import type { Prisma } from '@/generated/prisma/client';
import { formatDateTime, isoDateToDb } from '@/lib/dates';
import { checkApplicationRules, missingFields, needsDepositBank, type ApplicationFacts } from './rules';
import { loadOrdererRuleSet } from './ruleset';
import { assertRenderable, PdfTextError } from '@/pdf/font';
import { APPLICATION_FIELD_LABEL } from './labels';
import { APPLICATION_SUBMITTED_TEMPLATE, applicationSubmittedMail } from './mail-texts';
import { applicationSchema, type ApplicationInput } from './schemas';
import { canEdit, refusal } from './status';

const STALE = '他の画面でこの申込が更新されました。入力内容を控えてから、画面を読み込み直してください。';

function toColumns(v: ApplicationInput): Omit<Prisma.ApplicationUncheckedUpdateInput, 'status'> {
  const d = (iso: string | undefined) => (iso ? isoDateToDb(iso) : null);
  const advance = needsDepositBank(v.guaranteeKind) || v.guaranteeKind === undefined;
  return {
    guaranteeKind: v.guaranteeKind ?? null,
    ordererId: v.ordererId ?? null,
    worksDepartmentId: v.worksDepartmentId ?? null,
    projectName: v.projectName ?? null,
    projectLocation: v.projectLocation ?? null,
    workType: v.workType ?? null,
    contractDate: d(v.contractDate),
    periodStart: d(v.periodStart),
    periodEnd: d(v.periodEnd),
    contractAmount: v.contractAmount ?? null,
    guaranteeAmount: v.guaranteeAmount ?? null,
    guaranteeStart: d(v.guaranteeStart),
    guaranteeEnd: d(v.guaranteeEnd),
    // A 契約保証 has no deposit account: what was typed for another kind is not kept.
    depositBank: advance ? (v.depositBank ?? null) : null,
    depositBranch: advance ? (v.depositBranch ?? null) : null,
    notes: v.notes ?? null,
    deliveryMethod: v.deliveryMethod ?? null,
  };
}

/** The orderer and department must exist and belong together; a submission must pass every rule. */
async function validate(tx: Tx, v: ApplicationInput, submit: boolean): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (v.worksDepartmentId) {
    // Always checked, even in a draft without an orderer: an unknown id would otherwise be stored (or
    // break the foreign key), and the form without JavaScript lists every orderer's departments.
    const dept = await tx.department.findFirst({
      where: { id: v.worksDepartmentId, active: true, organization: { kind: 'ORDERER', active: true } },
      select: { organizationId: true },
    });
    if (!dept) errors.worksDepartmentId = ['一覧にある工事担当課を選んでください。'];
    else if (!v.ordererId) v.ordererId = dept.organizationId; // the department names its orderer
    else if (dept.organizationId !== v.ordererId) errors.worksDepartmentId = ['選択した発注者の工事担当課から選んでください。'];
  }
  // What goes on the certificate and its PDFs must be printable with the embedded font.
  for (const field of ['projectName', 'projectLocation', 'depositBank', 'depositBranch'] as const) {
    const value = v[field];
    if (!value) continue;
    try {
      assertRenderable([value]);
    } catch (error) {
      if (!(error instanceof PdfTextError)) throw error;
      errors[field] = [`${APPLICATION_FIELD_LABEL[field]}に、証書やPDFに印字できない文字が含まれています（${error.missing.map(visible).join('、')}）。別の文字に置き換えてください（例: 𠮷 → 吉）。`];
    }
  }
  let ruleSet = null;
  if (v.ordererId) {
    ruleSet = await loadOrdererRuleSet(tx, v.ordererId);
    if (!ruleSet) errors.ordererId = ['選択した発注者は現在受け付けていません。一覧から選び直してください。'];
  }
  if (submit) {
    for (const [field, messages] of Object.entries(missingFields(v))) errors[field] ??= messages;
  }
  if (submit && ruleSet && Object.keys(errors).length === 0) {
    Object.assign(errors, checkApplicationRules(v as ApplicationFacts, ruleSet));
  }
  return errors;
}

/**
 * An application arrived in 申込審査 (a first submission or one after a 差戻し): every enabled officer
 * with an address is told, in the submission's transaction (009), one mail of their own (the same
 * audience as the 照会ロック notice to officers). Nobody to write to queues nothing.
 */
async function notifyOfficers(tx: Tx, id: string, resubmitted: boolean, at: Date): Promise<void> {
  const officers = await tx.user.findMany({ where: { role: 'ADMIN', disabled: false, email: { not: null } }, select: { email: true }, orderBy: { createdAt: 'asc' } });
  if (officers.length === 0) return;
  const a = await tx.application.findUniqueOrThrow({
    where: { id },
    select: {
      guaranteeKind: true,
      projectName: true,
      contractAmount: true,
      guaranteeAmount: true,
      deliveryMethod: true,
      contractor: { select: { name: true } },
      orderer: { select: { name: true } },
    },
  });
  // A submission passed missingFields: every one of these is there.
  const mail = applicationSubmittedMail({
    resubmitted,
    contractorName: a.contractor.name,
    kind: a.guaranteeKind!,
    ordererName: a.orderer!.name,
    projectName: a.projectName!,
    contractAmount: a.contractAmount!,
    guaranteeAmount: a.guaranteeAmount!,
    deliveryMethod: a.deliveryMethod!,
    at: formatDateTime(at),
  });
  await enqueueMailToAll(
    tx,
    officers.map((o) => o.email!),
    { template: APPLICATION_SUBMITTED_TEMPLATE, ...mail, relatedType: 'application', relatedId: id },
  );
}

/** A character as a user can see it in a message: itself, or its code when it is invisible (a thin space). */
const visible = (ch: string) => (/[\p{L}\p{N}\p{P}\p{S}]/u.test(ch) ? ch : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);

/** Form values as posted: an empty or blank field is a field not given (as conform treats it in the page). */
function blanksAsMissing(input: unknown): unknown {
  if (typeof input !== 'object' || input === null) return input;
  return Object.fromEntries(Object.entries(input).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')));
}

export interface SaveOptions {
  /** 申込 (true) or 下書き保存 (false). */
  submit: boolean;
  /** The revision the form was loaded at: a save over someone else's newer save is refused. */
  expectedRevision?: number;
}

/**
 * Creates (id undefined) or updates a contractor's application, as a draft or as a submission.
 * Only the signed-in company's own DRAFT or RETURNED applications can be changed. `input` is the
 * form's values as typed (strings): this use case parses them, whoever calls it.
 */
export async function saveApplication(
  db: Db,
  actor: Actor,
  id: string | undefined,
  input: unknown,
  options: SaveOptions,
): Promise<Result<{ id: string; status: 'DRAFT' | 'SUBMITTED' | 'RETURNED' }>> {
  assertRole(actor, 'CONTRACTOR', "a contractor use case");
  const parsed = applicationSchema.safeParse(blanksAsMissing(input));
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const v = parsed.data;

  return db.$transaction(async (tx) => {
    const errors = await validate(tx, v, options.submit);
    if (Object.keys(errors).length > 0) return fail(errors);
    const now = new Date();
    const columns = toColumns(v);

    if (!id) {
      const created = await tx.application.create({
        data: {
          ...(columns as Prisma.ApplicationUncheckedCreateInput),
          contractorId: actor.organizationId,
          createdById: actor.userId,
          status: options.submit ? 'SUBMITTED' : 'DRAFT',
          submittedAt: options.submit ? now : null,
        },
      });
      await writeAudit(tx, actor, options.submit ? 'application.submit' : 'application.draft', { type: 'application', id: created.id });
      if (options.submit) await notifyOfficers(tx, created.id, false, now);
      return ok({ id: created.id, status: created.status as 'DRAFT' | 'SUBMITTED' });
    }

    const existing = await tx.application.findFirst({ where: { id, contractorId: actor.organizationId } });
    if (!existing) throw new AppError('NOT_FOUND', `application ${id} of ${actor.organizationId}`);
    if (!canEdit(existing.status)) return fail({ '': [refusal(existing.status)] });
    if (options.expectedRevision !== undefined && options.expectedRevision !== existing.revision) return fail({ '': [STALE] });
    const status = options.submit ? 'SUBMITTED' : existing.status;
    const updated = await tx.application.updateMany({
      where: { id, status: existing.status, revision: existing.revision },
      data: { ...columns, status, submittedAt: options.submit ? now : existing.submittedAt, revision: { increment: 1 } },
    });
    if (updated.count !== 1) return fail({ '': [STALE] });
    await writeAudit(tx, actor, options.submit ? (existing.status === 'RETURNED' ? 'application.resubmit' : 'application.submit') : 'application.draft', {
      type: 'application',
      id,
    });
    if (options.submit) await notifyOfficers(tx, id, existing.status === 'RETURNED', now);
    return ok({ id, status: status as 'DRAFT' | 'SUBMITTED' | 'RETURNED' });
  });
}
