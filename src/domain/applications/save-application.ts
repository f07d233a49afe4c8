import 'server-only';
import { assertRole } from '@/domain/system';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { fail, ok, type FieldErrors, type Result } from '@/domain/result';
import { toFieldErrors } from '@/domain/zod-errors';
import { enqueueMailToAll } from '@/domain/mail/outbox';
import { holderName } from '@/domain/certificates/content';
import { jointVentureWithMembers, type JointVentureWithMembers } from '@/domain/joint-ventures/queries';
import type { Prisma } from '@/generated/prisma/client';
import { dbDateToIso, formatDateTime, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { certifiedContract, type CertifiedContract } from './from-certification';
import { checkDeposits, depositField, DEPOSIT_FIELD_LABEL, DEPOSIT_MESSAGES, type DepositFacts } from './deposits';
import { checkApplicationRules, missingFields, needsDepositBank, type ApplicationFacts } from './rules';
import { loadOrdererRuleSet } from './ruleset';
import { assertRenderable, PdfTextError } from '@/pdf/font';
import { APPLICATION_FIELD_LABEL, JOINT_VENTURE_APPLICATION_MESSAGES as JV } from './labels';
import { APPLICATION_SUBMITTED_TEMPLATE, applicationSubmittedMail } from './mail-texts';
import { applicationSchema, type ApplicationInput } from './schemas';
import { canEdit, refusal } from './status';

const STALE = '他の画面でこの申込が更新されました。入力内容を控えてから、画面を読み込み直してください。';

/** 前払・中間前払 (or a draft without a kind yet): the 前払金 is deposited, 一括 or 分割. */
const depositsMoney = (v: ApplicationInput) => needsDepositBank(v.guaranteeKind) || v.guaranteeKind === undefined;
/** 分割預託: a JV's application of a deposited kind that chose it. */
const isSplit = (v: ApplicationInput) => depositsMoney(v) && v.jointVentureId !== undefined && v.depositMode === 'SPLIT';

function toColumns(v: ApplicationInput, contract: CertifiedContract | null): Omit<Prisma.ApplicationUncheckedUpdateInput, 'status'> {
  const d = (iso: string | undefined) => (iso ? isoDateToDb(iso) : null);
  // 分割預託 names its banks in ApplicationDeposit rows: the 一括 fields are not kept beside them.
  const advance = depositsMoney(v) && !isSplit(v);
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
    jointVentureId: v.jointVentureId ?? null,
    // 預託の方法 is a JV's choice (a single company's 前払金 is always 一括: null, as before issue 16).
    depositMode: v.jointVentureId && depositsMoney(v) ? (v.depositMode ?? 'SINGLE') : null,
    // A 中間前払金 from a 認定 names it and the 前払金保証 of its contract (validate cleared another kind's).
    certificationId: contract?.certificationId ?? (v.guaranteeKind === 'INTERMEDIATE' || v.guaranteeKind === undefined ? (v.certificationId ?? null) : null),
    advanceGuaranteeId: contract?.advanceGuaranteeId ?? null,
  };
}

/** The JV of an application as its checks need it: members in the JV's order, 代表者 first. */
type JointVentureFacts = Pick<JointVentureWithMembers, 'id' | 'members'>;

/**
 * The JV the company applies for (D3, D10): only its 代表者's users apply, and not from its 解散日 on.
 * Another company's JV, one the company is only a 構成員 of, and an unknown id get the same answer (the
 * page never offers them). `lock` (a submission) takes the JV's row first (FOR UPDATE), so an officer's
 * edit of its members cannot slip between this read and the lock the submission sets (lockJointVenture).
 */
async function loadJointVenture(tx: Tx, actor: Actor, id: string, today: string, lock: boolean): Promise<{ jv: JointVentureFacts } | { error: string }> {
  if (lock) await tx.$queryRaw`SELECT id FROM "JointVenture" WHERE id = ${id}::uuid FOR UPDATE`;
  const jv = await jointVentureWithMembers(tx, id);
  if (!jv || !jv.members.some((m) => m.organizationId === actor.organizationId && m.role === 'REPRESENTATIVE')) return { error: JV.notRepresentative };
  if (jv.closedOn && dbDateToIso(jv.closedOn) <= today) return { error: JV.closed(formatJapaneseDateShort(dbDateToIso(jv.closedOn))) };
  return { jv: { id: jv.id, members: jv.members } };
}

/**
 * The first submitted application naming a JV fixes its name, 代表者, members and shares (D10): set
 * once, in the submission's transaction; `revision` moves with it, so an officer's edit read before
 * the lock is refused as stale (saveJointVenture updates by revision).
 */
async function lockJointVenture(tx: Tx, id: string, now: Date): Promise<void> {
  await tx.jointVenture.updateMany({ where: { id, lockedAt: null }, data: { lockedAt: now, revision: { increment: 1 } } });
}

/** The 分割預託 rows replace the stored ones (none unless 分割預託). */
async function writeDeposits(tx: Tx, applicationId: string, deposits: readonly DepositFacts[]): Promise<void> {
  await tx.applicationDeposit.deleteMany({ where: { applicationId } });
  if (deposits.length > 0) await tx.applicationDeposit.createMany({ data: deposits.map((d) => ({ applicationId, ...d })) });
}

interface Validated {
  errors: FieldErrors;
  jv: JointVentureFacts | null;
  deposits: DepositFacts[];
  contract: CertifiedContract | null;
}

/**
 * A 中間前払金 from a 認定: the contract is the 前払金保証's, written over what the form sent (B5) —
 * orderer, 工事担当課, 工事名, 工事場所, 工事種別, 契約日, 工期, 請負金額 (current) and the JV.
 */
function overwriteContract(v: ApplicationInput, c: CertifiedContract): void {
  v.guaranteeKind = 'INTERMEDIATE';
  v.ordererId = c.ordererId;
  v.worksDepartmentId = c.worksDepartmentId ?? undefined;
  v.projectName = c.projectName;
  v.projectLocation = c.projectLocation ?? undefined;
  v.workType = c.workType ?? undefined;
  v.contractDate = c.contractDate ?? undefined;
  v.periodStart = c.periodStart;
  v.periodEnd = c.periodEnd;
  v.contractAmount = c.contractAmount;
  v.jointVentureId = c.jointVentureId ?? undefined;
}

/**
 * The orderer and department must exist and belong together, the JV must be the company's to apply
 * for, 分割預託 rows its members'; a submission must pass every rule.
 */
async function validate(tx: Tx, actor: Actor, applicationId: string | undefined, v: ApplicationInput, submit: boolean, today: string): Promise<Validated> {
  const errors: FieldErrors = {};
  let jv: JointVentureFacts | null = null;
  let deposits: DepositFacts[] = [];
  let contract: CertifiedContract | null = null;
  if (v.certificationId && v.guaranteeKind !== undefined && v.guaranteeKind !== 'INTERMEDIATE') {
    v.certificationId = undefined; // a 認定 is for a 中間前払金保証 only (the form hides it for the other kinds)
  } else if (v.certificationId) {
    const found = await certifiedContract(tx, actor, v.certificationId, { applicationId, today, lock: submit });
    if ('error' in found) errors.certificationId = [found.error];
    else {
      contract = found.contract;
      overwriteContract(v, contract);
    }
  }
  if (v.jointVentureId) {
    const found = await loadJointVenture(tx, actor, v.jointVentureId, today, submit);
    if ('error' in found) errors.jointVentureId = [found.error];
    else jv = found.jv;
  }
  if (v.depositMode === 'SPLIT' && !v.jointVentureId && depositsMoney(v)) errors.depositMode = [DEPOSIT_MESSAGES.splitNeedsJointVenture];
  if (jv && isSplit(v)) {
    // Without JavaScript the rows follow the JV chosen only once saved: a draft blanks the rows of
    // companies outside the JV now chosen (those of the JV chosen before; the row's place is kept, so an
    // error stays at its cell), and the page then shows this JV's rows (applicationFormValues). A
    // submission still refuses them at the table.
    if (!submit && v.deposits) {
      const members = new Set(jv.members.map((m) => m.organizationId));
      v.deposits = v.deposits.map((row) => (typeof row?.organizationId === 'string' && !members.has(row.organizationId) ? null : row));
    }
    const checked = checkDeposits(v.deposits ?? [], jv.members, { complete: submit });
    Object.assign(errors, checked.errors);
    deposits = checked.deposits;
    // The banks are printed on the certificate: the embedded font must have every character.
    (v.deposits ?? []).forEach((row, index) => {
      for (const field of ['bank', 'branch'] as const) {
        const value = row?.[field]?.trim();
        if (!value || errors[depositField(index, field)]) continue;
        try {
          assertRenderable([value]);
        } catch (error) {
          if (!(error instanceof PdfTextError)) throw error;
          errors[depositField(index, field)] = [unprintable(DEPOSIT_FIELD_LABEL[field], error)];
        }
      }
    });
  }
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
      errors[field] = [unprintable(APPLICATION_FIELD_LABEL[field], error)];
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
    const facts: ApplicationFacts = { ...(v as ApplicationFacts), advanceGuaranteeAmount: contract?.advanceGuaranteeAmount };
    Object.assign(errors, checkApplicationRules(facts, ruleSet));
  }
  return { errors, jv, deposits, contract };
}

const unprintable = (label: string, error: PdfTextError) =>
  `${label}に、証書やPDFに印字できない文字が含まれています（${error.missing.map(visible).join('、')}）。別の文字に置き換えてください（例: 𠮷 → 吉）。`;

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
      jointVenture: { select: { name: true } },
    },
  });
  // A submission passed missingFields: every one of these is there.
  const mail = applicationSubmittedMail({
    resubmitted,
    // A JV applies: the JV with its 代表者, as the certificate names the 保証契約者.
    contractorName: holderName(a.contractor.name, a.jointVenture?.name),
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
  /** The moment of the save (tests): its Tokyo day decides whether a JV is still open. */
  now?: Date;
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

  const now = options.now ?? new Date();
  return db.$transaction(async (tx) => {
    const { errors, jv, deposits, contract } = await validate(tx, actor, id, v, options.submit, todayInTokyo(now));
    if (Object.keys(errors).length > 0) return fail(errors);
    const columns = toColumns(v, contract);

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
      await writeDeposits(tx, created.id, deposits);
      if (options.submit && jv) await lockJointVenture(tx, jv.id, now);
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
    await writeDeposits(tx, id, deposits);
    if (options.submit && jv) await lockJointVenture(tx, jv.id, now);
    await writeAudit(tx, actor, options.submit ? (existing.status === 'RETURNED' ? 'application.resubmit' : 'application.submit') : 'application.draft', {
      type: 'application',
      id,
    });
    if (options.submit) await notifyOfficers(tx, id, existing.status === 'RETURNED', now);
    return ok({ id, status: status as 'DRAFT' | 'SUBMITTED' | 'RETURNED' });
  });
}
