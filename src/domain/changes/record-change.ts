import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { signingKey } from '@/config/signing-key';
import { contentDigest, type CertificateContent } from '@/domain/certificates/content';
import { signDigest, type Signer } from '@/domain/certificates/signature';
import { loadOrdererRuleSet } from '@/domain/applications/ruleset';
import { notifyConfirmedOrderers } from '@/domain/confirmations/notify-confirmed-orderers';
import { AppError } from '@/domain/errors';
import { effectiveStatus } from '@/domain/guarantees/status';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { findRateTableInForce } from '@/domain/premium/rate-tables';
import { fail, ok, type Result } from '@/domain/result';
import { assertAdmin } from '@/domain/system';
import { resolveLapsesByChange } from '@/domain/contracts/lapses';
import { toFieldErrors } from '@/domain/zod-errors';
import { dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { changeRecordedMail } from './mail-texts';
import { guaranteeMemberRecipients } from '@/domain/guarantees/member-recipients';
import { changedPremium, decideChange, type ChangeDecision, type PremiumDifference, type SameContract } from './rules';
import { CHANGE_MESSAGES } from './messages';
import { changeSchema } from './schema';

export { CHANGE_MESSAGES };

/**
 * 変更契約 (SPEC "Changes, premiums, status"): the officer's use cases around the pure rules
 * (rules.ts decides; this module loads, stores and tells).
 *
 * recordChange, in one transaction: locks the guarantee row (two officers never record on the same
 * basis), checks it is in force (not 解除, not 期間満了) and that no change was recorded since the
 * officer opened the form, decides, and then writes
 *   - for 【注1】 the next certificate version (same 保証契約番号; the 認証キー is kept), its digest
 *     and Ed25519 signature, marked (変更);
 *   - the guarantee's current terms (also for 【注2】【注3】, which issue no certificate);
 *   - the GuaranteeChange row with the field-by-field difference and the note that applied;
 *   - when the 保証金額 or 保証期間 changed, the premium computed again from the table in force today
 *     and its difference as a 変更保証料計算書 (a PremiumDocument whose amount is the signed difference);
 *   - the audit row, the contractor's mail, and the mail to every orderer that confirmed it.
 */

export interface PreviewedChange {
  decision: ChangeDecision;
  premium: PremiumDifference | null;
  /** 電子交付: the 認証キー carries over to the new version; 書面: the paper certificate follows by post. */
  electronic: boolean;
}

export interface RecordedChange extends PreviewedChange {
  changeId: string;
  number: string;
  /** The version issued (【注1】); absent for 【注2】【注3】. */
  version?: number;
}

export interface ChangeOptions {
  now?: Date;
  /** How many changes the officer saw recorded when the form was opened. */
  expectedChanges?: number;
  /** Signs a new version's digest; the portal's configured key when not given. */
  signer?: Signer;
  /**
   * recordChange only: whether this decision (made under the row lock, with today's rate table) is the
   * one the officer confirmed. When it returns false nothing is written and the answer is
   * CHANGE_MESSAGES.previewOutdated.
   */
  confirmed?: (decision: PreviewedChange) => boolean;
}


const STATUS_WORD = { CANCELLED: '解除済み', EXPIRED: '期間満了' } as const;

async function loadGuarantee(tx: Tx, guaranteeId: string) {
  const g = await tx.guarantee.findUnique({
    where: { id: guaranteeId },
    include: {
      application: { select: { workType: true } },
      // The same contract's other guarantee (issue 16): a 中間前払金保証's 認定 and its 前払金保証 as they
      // stand (conclude-application reads the same), or the 中間前払金保証 concluded on a 前払金保証's 認定.
      certification: { select: { id: true, advanceGuarantee: { select: { guaranteeAmount: true } } } },
      certifications: { where: { guarantee: { is: { status: { not: 'CANCELLED' } } } }, select: { guarantee: { select: { guaranteeAmount: true } } } },
      versions: { orderBy: { version: 'desc' }, take: 1 },
      changes: { orderBy: [{ changeContractDate: 'desc' }], take: 1, select: { changeContractDate: true } },
      _count: { select: { changes: true } },
    },
  });
  if (!g) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
  return g;
}
type Loaded = Awaited<ReturnType<typeof loadGuarantee>>;

/**
 * What the application's rules knew of the contract's other guarantee (decideChange's sameContract):
 * for a 中間前払金保証 from a 認定 the 認定 and the 前払金保証's current 保証金額; for a 前払金保証 the
 * 保証金額 of the 中間前払金保証 not 解除 that were concluded on its 認定.
 */
function sameContractOf(g: Loaded): SameContract | undefined {
  if (g.kind === 'INTERMEDIATE' && g.certification) {
    return { certificationId: g.certification.id, advanceGuaranteeAmount: g.certification.advanceGuarantee.guaranteeAmount };
  }
  const intermediates = g.certifications.flatMap((c) => (c.guarantee ? [c.guarantee.guaranteeAmount] : []));
  if (g.kind === 'ADVANCE' && intermediates.length > 0) return { intermediateGuaranteeAmount: intermediates.reduce((a, b) => a + b, 0n) };
  return undefined;
}

/**
 * Locks the guarantee's row for the change, after its contract's 前払金保証 when it is a 中間前払金保証
 * from a 認定: every change of one contract's guarantees takes the 前払金保証's row first, so the
 * combined limit is judged on amounts no other change is moving, and two changes never wait on each
 * other in a circle. (Which 前払金保証 a 認定 names never changes: the read before the lock is safe.)
 */
async function lockForChange(tx: Tx, guaranteeId: string): Promise<boolean> {
  const link = await tx.guarantee.findUnique({ where: { id: guaranteeId }, select: { certification: { select: { advanceGuaranteeId: true } } } });
  if (!link) return false;
  if (link.certification) await tx.$queryRaw`SELECT id FROM "Guarantee" WHERE id = ${link.certification.advanceGuaranteeId}::uuid FOR UPDATE`;
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Guarantee" WHERE id = ${guaranteeId}::uuid FOR UPDATE`;
  return locked.length > 0;
}

/** Decides on the loaded guarantee; the premium difference when the 保証金額 or 保証期間 changes. */
async function decide(tx: Tx, g: Loaded, input: unknown, today: string): Promise<Result<PreviewedChange>> {
  const parsed = changeSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const status = effectiveStatus(g.status, g.guaranteeEnd, today);
  if (status !== 'ACTIVE') return fail({ '': [CHANGE_MESSAGES.notActive(STATUS_WORD[status])] });
  const latest = g.versions[0];
  if (!latest) throw new AppError('CONFLICT', `guarantee ${g.id} has no certificate version`);
  const content = latest.content as unknown as CertificateContent;

  const rules = await loadOrdererRuleSet(tx, g.ordererId);
  const sameContract = sameContractOf(g);
  const { changeDate, reason, ...changes } = parsed.data;
  const decided = decideChange(
    {
      content,
      periodStart: dbDateToIso(g.periodStart),
      periodEnd: dbDateToIso(g.periodEnd),
      recorded: {
        contractAmount: g.contractAmount,
        guaranteeStart: dbDateToIso(g.guaranteeStart),
        guaranteeEnd: dbDateToIso(g.guaranteeEnd),
      },
      concludedOn: dbDateToIso(g.issuedOn),
      ...(g.changes[0] ? { lastChangeDate: dbDateToIso(g.changes[0].changeContractDate) } : {}),
    },
    { changes, changeDate, reason },
    // A closed orderer's limits are not applied: the guarantee was concluded under them already.
    {
      issuedOn: today,
      ...(rules && g.application.workType ? { orderer: { rules, workType: g.application.workType } } : {}),
      ...(sameContract ? { sameContract } : {}),
    },
  );
  if (!decided.ok) return decided;
  const decision = decided.value;
  const electronic = g.deliveryMethod === 'ELECTRONIC';
  if (!decision.recomputePremium) return ok({ decision, premium: null, electronic });
  const table = await findRateTableInForce(tx, g.kind, today);
  if (!table) return fail({ '': [CHANGE_MESSAGES.noRates] });
  return ok({ decision, premium: changedPremium(table, g.premiumYen, decision.after), electronic });
}

/** 確認: what the change would do (new version or not, the difference, the premium), writing nothing. */
export async function previewChange(db: Db, actor: Actor, guaranteeId: string, input: unknown, options: ChangeOptions = {}): Promise<Result<PreviewedChange>> {
  assertAdmin(actor);
  const today = todayInTokyo(options.now);
  return db.$transaction(async (tx) => {
    const g = await loadGuarantee(tx, guaranteeId);
    if (options.expectedChanges !== undefined && g._count.changes !== options.expectedChanges) {
      return fail({ '': [CHANGE_MESSAGES.changedMeanwhile] });
    }
    return decide(tx, g, input, today);
  });
}

/** 登録 (doc comment of the module). */
export async function recordChange(db: Db, actor: Actor, guaranteeId: string, input: unknown, options: ChangeOptions = {}): Promise<Result<RecordedChange>> {
  assertAdmin(actor);
  const now = options.now ?? new Date();
  const today = todayInTokyo(now);
  const signer = options.signer ?? signingKey();

  return db.$transaction(async (tx) => {
    // The row lock serialises changes (and a 解除) of one guarantee: the basis read below stays true.
    if (!(await lockForChange(tx, guaranteeId))) throw new AppError('NOT_FOUND', `guarantee ${guaranteeId}`);
    const g = await loadGuarantee(tx, guaranteeId);
    if (options.expectedChanges !== undefined && g._count.changes !== options.expectedChanges) {
      return fail({ '': [CHANGE_MESSAGES.changedMeanwhile] });
    }
    const decided = await decide(tx, g, input, today);
    if (!decided.ok) return decided;
    if (options.confirmed && !options.confirmed(decided.value)) return fail({ '': [CHANGE_MESSAGES.previewOutdated] });
    const { decision, premium, electronic } = decided.value;
    const { after } = decision;

    let versionId: string | null = null;
    let version: number | undefined;
    if (decision.kind === 'NEW_VERSION') {
      const content = decision.newContent;
      const digest = contentDigest(content);
      const created = await tx.certificateVersion.create({
        data: {
          guaranteeId,
          version: content.version,
          changeKind: 'CHANGE',
          issuedOn: isoDateToDb(today),
          content: content as object,
          digest,
          signature: signDigest(digest, signer.privateKey),
          signingKeyId: signer.keyId,
        },
      });
      versionId = created.id;
      version = content.version;
    }

    await tx.guarantee.update({
      where: { id: guaranteeId },
      data: {
        projectName: after.projectName,
        contractAmount: after.contractAmount,
        guaranteeAmount: after.guaranteeAmount,
        guaranteeStart: isoDateToDb(after.guaranteeStart),
        guaranteeEnd: isoDateToDb(after.guaranteeEnd),
        periodStart: isoDateToDb(after.periodStart),
        periodEnd: isoDateToDb(after.periodEnd),
        // The 変更契約 column of 保証工事一覧 marks every change contract, 【注2】【注3】 ones too.
        changed: true,
        ...(version ? { latestVersion: version } : {}),
        ...(premium ? { premiumYen: premium.newPremiumYen } : {}),
      },
    });

    const change = await tx.guaranteeChange.create({
      data: {
        guaranteeId,
        changeContractDate: isoDateToDb(decision.changeDate),
        reason: decision.reason,
        fields: decision.fields as object,
        certificateVersionId: versionId,
        reasonNote: decision.reasonNote,
        premiumBefore: premium?.oldPremiumYen ?? null,
        premiumAfter: premium?.newPremiumYen ?? null,
        premiumDifference: premium?.differenceYen ?? null,
        recordedById: actor.userId,
        createdAt: now,
      },
    });
    if (premium) {
      await tx.premiumDocument.create({
        data: {
          guaranteeId,
          kind: 'CALCULATION',
          amount: premium.differenceYen,
          lines: premium.lines as object,
          rateTableId: premium.tableId ?? null,
          issuedOn: isoDateToDb(today),
          changeId: change.id,
          createdById: actor.userId,
        },
      });
    }

    // The lapse watcher (decision 075): the needs of the orderers' registers this change satisfies.
    const lapsesResolved = await resolveLapsesByChange(tx, guaranteeId, change.id, { kind: g.kind, guaranteeAmount: after.guaranteeAmount, guaranteeEnd: after.guaranteeEnd }, now);
    const contractorMails = await mailContractor(tx, g, decision, version, premium);
    const ordererMails = await notifyConfirmedOrderers(tx, guaranteeId, 'CHANGED', {
      date: decision.changeDate,
      ...(version ? { version } : {}),
      note: `${decision.fields.map((f) => f.label).join('・')}の変更`,
    });
    await writeAudit(tx, actor, 'guarantee.change', { type: 'guarantee', id: guaranteeId }, {
      number: g.number,
      changeId: change.id,
      reasonNote: decision.reasonNote,
      version: version ?? null,
      fields: decision.fields.map((f) => f.field),
      premiumDifference: premium?.differenceYen.toString() ?? null,
      mails: contractorMails + ordererMails.length,
      ...(lapsesResolved ? { lapsesResolved } : {}),
    });
    return ok({ changeId: change.id, number: g.number, decision, premium, electronic, ...(version ? { version } : {}) });
  });
}

async function mailContractor(tx: Tx, g: Loaded, decision: ChangeDecision, version: number | undefined, premium: PremiumDifference | null): Promise<number> {
  const content = g.versions[0]!.content as unknown as CertificateContent;
  // What the 代表者's (or the company's) mail and each 構成員's say alike; the premium is the holder's only.
  const change = {
    suretyName: content.issuer.companyName,
    number: g.number.trim(),
    projectName: decision.after.projectName,
    changeDate: decision.changeDate,
    fields: decision.fields,
    reasonNote: decision.reasonNote,
    ...(version ? { version } : {}),
    electronic: g.deliveryMethod === 'ELECTRONIC',
  };
  const mail = changeRecordedMail({ ...change, contractorName: content.contractor.name, premiumDifference: premium?.differenceYen ?? null });
  const to = await organizationAddresses(tx, g.contractorId, 'CONTRACTOR');
  let sent = (await enqueueMailToAll(tx, to, { template: 'guarantee-changed', ...mail, relatedType: 'guarantee', relatedId: g.id })).length;
  // A JV guarantee: each 構成員 company hears of it too, in its own words (issue 16 B8, D6).
  const { members, of } = await guaranteeMemberRecipients(tx, g.id);
  for (const member of members) {
    if (!of) break;
    const memberMail = changeRecordedMail({ ...change, contractorName: member.name, premiumDifference: null, member: of });
    sent += (await enqueueMailToAll(tx, member.to, { template: 'guarantee-changed', ...memberMail, relatedType: 'guarantee', relatedId: g.id })).length;
  }
  return sent;
}
