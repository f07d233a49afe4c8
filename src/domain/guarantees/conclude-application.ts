import 'server-only';
import type { Db, Tx } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { signingKey } from '@/config/signing-key';
import { buildCertificateContent, contentDigest, type CertificateDeposit, type CertificateIntermediateCertification, type CertificateJointVenture } from '@/domain/certificates/content';
import { signDigest, type Signer } from '@/domain/certificates/signature';
import { AppError } from '@/domain/errors';
import { enqueueMailToAll, organizationAddresses } from '@/domain/mail/outbox';
import { computePremium, periodDays } from '@/domain/premium/calculate';
import { JOINT_VENTURE_WITH_MEMBERS } from '@/domain/joint-ventures/queries';
import { findRateTableInForce } from '@/domain/premium/rate-tables';
import { fail, ok, type Result } from '@/domain/result';
import { assertAdmin } from '@/domain/system';
import { dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { countConclusion } from '@/lib/metrics';
import { checkApplicationRules } from '@/domain/applications/rules';
import { loadOrdererRuleSet } from '@/domain/applications/ruleset';
import { CHANGED_SINCE_READ, refusal } from '@/domain/applications/status';
import { formatJapaneseDate } from '@/lib/wareki';
import { formatBasisPoints } from '@/lib/percent';
import { formatYen } from '@/lib/money';
import { certificationNumberLabel } from '@/domain/certifications/rules';
import { Prisma } from '@/generated/prisma/client';
import { generateAuthKey, hashAuthKey, sealAuthKey } from './auth-key';
import { guaranteeMemberRecipients } from './member-recipients';
import { effectiveStatus } from './status';
import { contractNumberFromSerial } from './contract-number';
import { certificateRegisteredMail, memberConcludedMail, paperConcludedMail } from './mail-texts';

export interface ConcludeOptions {
  /** 取次場所; the surety's default branch when not given. */
  branchId?: string;
  /** The revision the officer reviewed: a resubmitted application must be reviewed again. */
  expectedRevision?: number;
  now?: Date;
  /** Instrumentation for the reliability tests: runs inside the transaction right after numbering. */
  afterNumberAllocated?: (number: string) => Promise<void>;
  /** Signs version 1's digest; the portal's configured key (signingKey()) when not given. */
  signer?: Signer;
}

export interface Concluded {
  guaranteeId: string;
  number: string;
  premiumYen: bigint;
}

const ORDERER_CLOSED = 'この申込の発注者は現在受け付けていないため締結できません。申込を差し戻してください。';
const RULES_CHANGED = '発注者の現在の規定に合わないため締結できません。申込を差し戻してください。';
const NO_RATES = '本日有効な保証料率が登録されていないため締結できません。「保証料率」で料率表を登録してください。';
const CERTIFICATION_NOT_CERTIFIED = 'この申込の中間前払金の認定は現在「認定」の状態ではないため締結できません。申込を差し戻してください。';
const certificationUsed = (label: string, number: string) =>
  `この申込の中間前払金の認定（${label}）に基づく保証契約はすでに締結されています（保証契約番号 ${number}）。同じ認定で二つの保証契約は締結できません。申込を差し戻してください。`;
const advanceEnded = (number: string, status: 'CANCELLED' | 'EXPIRED') =>
  `この申込の前払金保証（保証契約番号 ${number}）は${status === 'CANCELLED' ? '解除されている' : '保証期間が満了している'}ため、中間前払金保証は締結できません。申込を差し戻してください。`;
const CERTIFICATION_USED_CONCURRENTLY = 'この申込の中間前払金の認定に基づく保証契約が同時に締結されました。同じ認定で二つの保証契約は締結できません。申込を差し戻してください。';

/** The application's JV (with every member's current address) and its 分割預託, read for the conclusion. */
const APPLICATION_INCLUDE = {
  contractor: true,
  orderer: true,
  guarantee: { select: { number: true } },
  jointVenture: { select: JOINT_VENTURE_WITH_MEMBERS },
  deposits: {
    orderBy: [{ sortOrder: 'asc' }, { organizationId: 'asc' }],
    select: { bank: true, branch: true, shareBasisPoints: true, organization: { select: { name: true } } },
  },
} satisfies Prisma.ApplicationInclude;

type ConcludingApplication = Prisma.ApplicationGetPayload<{ include: typeof APPLICATION_INCLUDE }>;

/**
 * 保証契約者 as a JV (issue 16 B3): the JV's name, kind and mode, its 代表者 (the applying company,
 * contractorId) and each 構成員 with the address it has today, and the 分割預託 when the application
 * splits the 前払金. Undefined for a single company.
 */
function jointVentureOf(app: ConcludingApplication): { jointVenture?: CertificateJointVenture; deposits?: CertificateDeposit[]; memberIds: string[] } {
  const jv = app.jointVenture;
  if (!jv) return { memberIds: [] };
  const representative = jv.members.find((m) => m.role === 'REPRESENTATIVE');
  if (!representative || representative.organizationId !== app.contractorId) {
    throw new AppError('CONFLICT', `application ${app.id}: its contractor is not the 代表者 of JV ${jv.id}`);
  }
  const others = jv.members.filter((m) => m.role !== 'REPRESENTATIVE');
  const deposits =
    app.depositMode === 'SPLIT'
      ? app.deposits.map((d) => ({ bank: d.bank, branch: d.branch, holder: d.organization.name, share: formatBasisPoints(d.shareBasisPoints) }))
      : undefined;
  return {
    jointVenture: {
      name: jv.name,
      kind: jv.kind,
      mode: jv.mode,
      representative: { address: app.contractor.address ?? '', name: app.contractor.name, share: formatBasisPoints(representative.shareBasisPoints) },
      members: others.map((m) => ({ address: m.organization.address ?? '', name: m.organization.name, share: formatBasisPoints(m.shareBasisPoints) })),
    },
    deposits,
    memberIds: others.map((m) => m.organizationId),
  };
}

/**
 * The 認定 an INTERMEDIATE application starts from, locked for this transaction (a second conclusion
 * from the same 認定 waits here, then finds the first one's guarantee): refused unless it is still
 * 認定 and no guarantee was concluded from it. Returns what the certificate records.
 */
async function certificationOf(tx: Tx, certificationId: string): Promise<CertificateIntermediateCertification> {
  await tx.$queryRaw`SELECT "id" FROM "IntermediateCertification" WHERE "id" = CAST(${certificationId} AS uuid) FOR UPDATE`;
  const c = await tx.intermediateCertification.findUnique({
    where: { id: certificationId },
    select: {
      status: true,
      fiscalYear: true,
      serial: true,
      certifiedOn: true,
      orderer: { select: { name: true, certificateName: true } },
      guarantee: { select: { number: true } },
    },
  });
  if (!c) throw new AppError('CONFLICT', `certification ${certificationId} missing`, CERTIFICATION_NOT_CERTIFIED);
  if (c.status !== 'CERTIFIED' || c.fiscalYear === null || c.serial === null || c.certifiedOn === null) {
    throw new AppError('CONFLICT', `certification ${certificationId} is ${c.status}`, CERTIFICATION_NOT_CERTIFIED);
  }
  const number = certificationNumberLabel(c.fiscalYear, c.serial);
  if (c.guarantee) throw new AppError('CONFLICT', `certification ${certificationId} already used by ${c.guarantee.number}`, certificationUsed(number, c.guarantee.number));
  return { number, certifiedOn: dbDateToIso(c.certifiedOn), certifier: c.orderer.certificateName ?? c.orderer.name };
}

/**
 * The 前払金保証 of the same contract (an INTERMEDIATE application from a 認定), held for this
 * transaction (FOR SHARE: a 解除 or a 変更契約 of it waits for the conclusion, and the conclusion for
 * them): refused unless it is still 有効 — not 解除 and not 期間満了, as when the application was
 * submitted (from-certification.ts). Returns its current 保証金額, which the combined limit is checked against.
 */
async function advanceGuaranteeAmountOf(tx: Tx, advanceGuaranteeId: string, today: string): Promise<bigint> {
  await tx.$queryRaw`SELECT "id" FROM "Guarantee" WHERE "id" = CAST(${advanceGuaranteeId} AS uuid) FOR SHARE`;
  const g = await tx.guarantee.findUniqueOrThrow({ where: { id: advanceGuaranteeId }, select: { number: true, status: true, guaranteeEnd: true, guaranteeAmount: true } });
  const status = effectiveStatus(g.status, g.guaranteeEnd, today);
  if (status !== 'ACTIVE') throw new AppError('CONFLICT', `advance guarantee ${g.number} is ${status}`, advanceEnded(g.number.trim(), status));
  return g.guaranteeAmount;
}

/** The unique index on Guarantee.certificationId answered: another conclusion used the 認定 first. */
function isCertificationTaken(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return false;
  const target = (error.meta as { target?: unknown; driverAdapterError?: unknown } | undefined) ?? {};
  return JSON.stringify(target).includes('certificationId');
}

/** The next 保証契約番号. A sequence: never rolled back, so a number is never handed out twice. */
async function allocateNumber(tx: Tx): Promise<string> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`SELECT nextval('guarantee_number_seq') AS n`;
  return contractNumberFromSerial(rows[0]!.n);
}

/**
 * 締結 (SPEC flow 2): in one transaction, claims the SUBMITTED application (a conditional update, so
 * of any number of concurrent calls exactly one proceeds and the others are told it is already
 * concluded), assigns the 保証契約番号, fixes the premium from the rate table in force today
 * (Asia/Tokyo), writes the guarantee, certificate version 1 (an immutable snapshot with its
 * digest, signed with the portal's Ed25519 key), the 認証キー (hash + seal; electronic delivery
 * only), the 保証料計算書, the audit row, and queues the contractor's mail in the outbox. Nothing is
 * half written.
 */
export async function concludeApplication(
  db: Db,
  actor: Actor,
  applicationId: string,
  secret: string,
  options: ConcludeOptions = {},
): Promise<Result<Concluded>> {
  assertAdmin(actor);
  const now = options.now ?? new Date();
  const today = todayInTokyo(now);
  const signer = options.signer ?? signingKey();

  let delivery: 'ELECTRONIC' | 'PAPER' | undefined;
  const result = await db.$transaction(async (tx) => {
    const app = await tx.application.findUnique({ where: { id: applicationId }, include: APPLICATION_INCLUDE });
    if (!app) throw new AppError('NOT_FOUND', `application ${applicationId}`);
    if (app.status !== 'SUBMITTED') {
      return fail({ '': [app.guarantee ? `${refusal(app.status)}（保証契約番号 ${app.guarantee.number}）` : refusal(app.status)] });
    }

    if (options.expectedRevision !== undefined && options.expectedRevision !== app.revision) return fail({ '': [CHANGED_SINCE_READ] });

    // Claim first: the row lock makes concurrent conclusions queue here, and the losers see count 0.
    const claimed = await tx.application.updateMany({
      where: { id: applicationId, status: 'SUBMITTED', revision: options.expectedRevision ?? app.revision },
      data: { status: 'CONCLUDED', concludedAt: now, revision: { increment: 1 } },
    });
    if (claimed.count !== 1) {
      const current = await tx.application.findUniqueOrThrow({ where: { id: applicationId }, include: { guarantee: { select: { number: true } } } });
      return fail({ '': [current.guarantee ? `${refusal(current.status)}（保証契約番号 ${current.guarantee.number}）` : refusal(current.status)] });
    }

    const f = {
      kind: app.guaranteeKind,
      ordererId: app.ordererId,
      projectName: app.projectName,
      periodStart: app.periodStart,
      periodEnd: app.periodEnd,
      contractAmount: app.contractAmount,
      guaranteeAmount: app.guaranteeAmount,
      guaranteeStart: app.guaranteeStart,
      guaranteeEnd: app.guaranteeEnd,
      deliveryMethod: app.deliveryMethod,
    };
    if (Object.values(f).some((v) => v === null) || !app.orderer) {
      throw new AppError('CONFLICT', `submitted application ${applicationId} is incomplete`);
    }
    const kind = f.kind!;

    // The orderer's rules may have changed since the submission (or the orderer closed): check again.
    // A refusal rolls the claim back; the officer returns the application with the reason.
    const ruleSet = await loadOrdererRuleSet(tx, f.ordererId!);
    if (!ruleSet) throw new AppError('CONFLICT', `orderer ${f.ordererId} inactive`, ORDERER_CLOSED);
    const advanceGuaranteeAmount = app.advanceGuaranteeId ? await advanceGuaranteeAmountOf(tx, app.advanceGuaranteeId, today) : undefined;
    const broken = checkApplicationRules(
      {
        guaranteeKind: kind,
        workType: app.workType!,
        contractDate: dbDateToIso(app.contractDate!),
        periodStart: dbDateToIso(app.periodStart!),
        periodEnd: dbDateToIso(f.periodEnd!),
        contractAmount: f.contractAmount!,
        guaranteeAmount: f.guaranteeAmount!,
        guaranteeStart: dbDateToIso(f.guaranteeStart!),
        guaranteeEnd: dbDateToIso(f.guaranteeEnd!),
        deliveryMethod: f.deliveryMethod!,
        certificationId: app.certificationId ?? undefined,
        advanceGuaranteeAmount,
      },
      ruleSet,
    );
    if (Object.keys(broken).length > 0) {
      throw new AppError('CONFLICT', `application ${applicationId} breaks the orderer's rules now`, `${RULES_CHANGED}${Object.values(broken).flat().join(' ')}`);
    }

    // A JV closed since the submission still concludes (closing stops new applications only); its
    // members cannot have changed (locked at the first submission).
    const jv = jointVentureOf(app);
    const certification = kind === 'INTERMEDIATE' && app.certificationId ? await certificationOf(tx, app.certificationId) : undefined;

    const table = await findRateTableInForce(tx, kind, today);
    if (!table) throw new AppError('CONFLICT', `no premium rate table for ${kind} on ${today}`, NO_RATES);
    const premium = computePremium(table, {
      guaranteeAmount: f.guaranteeAmount!,
      periodDays: periodDays(dbDateToIso(f.guaranteeStart!), dbDateToIso(f.guaranteeEnd!)),
    });

    const issuer = await tx.suretyIssuer.findUnique({ where: { organizationId: actor.organizationId }, include: { organization: true } });
    if (!issuer) throw new AppError('CONFLICT', `surety ${actor.organizationId} has no issuer block`);
    const branch = options.branchId
      ? await tx.suretyBranch.findFirst({ where: { id: options.branchId, organizationId: actor.organizationId } })
      : await tx.suretyBranch.findFirst({ where: { organizationId: actor.organizationId }, orderBy: [{ isDefault: 'desc' }, { createdAt: 'asc' }] });
    if (options.branchId && !branch) throw new AppError('NOT_FOUND', `branch ${options.branchId}`);

    const number = await allocateNumber(tx);
    await options.afterNumberAllocated?.(number);

    const guarantee = await tx.guarantee.create({
      data: {
        number,
        applicationId,
        contractorId: app.contractorId,
        ordererId: f.ordererId!,
        branchId: branch?.id ?? null,
        kind,
        deliveryMethod: f.deliveryMethod!,
        projectName: f.projectName!,
        contractAmount: f.contractAmount!,
        guaranteeAmount: f.guaranteeAmount!,
        guaranteeStart: f.guaranteeStart!,
        guaranteeEnd: f.guaranteeEnd!,
        periodStart: f.periodStart!,
        periodEnd: f.periodEnd!,
        issuedOn: isoDateToDb(today),
        premiumYen: premium.premiumYen,
        concludedAt: now,
        concludedById: actor.userId,
        jointVentureId: app.jointVentureId,
        certificationId: certification ? app.certificationId : null,
      },
    });
    if (jv.memberIds.length > 0) {
      await tx.guaranteeMember.createMany({
        data: jv.memberIds.map((organizationId) => ({ guaranteeId: guarantee.id, organizationId, number, issuedOn: isoDateToDb(today) })),
      });
    }

    const content = buildCertificateContent({
      version: 1,
      changed: false,
      issuedOn: today,
      kind,
      number,
      contractor: { address: app.contractor.address ?? '', name: app.contractor.name },
      obligeeName: app.orderer.certificateName ?? app.orderer.name,
      guaranteeAmount: f.guaranteeAmount!,
      guaranteeStart: dbDateToIso(f.guaranteeStart!),
      guaranteeEnd: dbDateToIso(f.guaranteeEnd!),
      periodEnd: dbDateToIso(f.periodEnd!),
      projectName: f.projectName!,
      contractAmount: f.contractAmount!,
      depositBank: app.depositBank ? { bank: app.depositBank, branch: app.depositBranch ?? '' } : null,
      issuer,
      branch: branch ? { name: branch.name, address: branch.address, tel: branch.tel, fax: branch.fax } : null,
      jointVenture: jv.jointVenture,
      deposits: jv.deposits,
      intermediateCertification: certification,
    });
    const digest = contentDigest(content);
    await tx.certificateVersion.create({
      data: {
        guaranteeId: guarantee.id,
        version: 1,
        changeKind: 'ORIGINAL',
        issuedOn: isoDateToDb(today),
        content: content as object,
        digest,
        signature: signDigest(digest, signer.privateKey),
        signingKeyId: signer.keyId,
      },
    });

    if (f.deliveryMethod === 'ELECTRONIC') {
      const key = generateAuthKey();
      await tx.authKey.create({
        data: {
          guaranteeId: guarantee.id,
          keyHash: hashAuthKey(secret, key),
          sealed: sealAuthKey(secret, key, guarantee.id),
          issuedAt: now,
          issuedById: actor.userId,
        },
      });
    }

    await tx.premiumDocument.create({
      data: {
        guaranteeId: guarantee.id,
        kind: 'CALCULATION',
        amount: premium.premiumYen,
        lines: premium.lines as object,
        rateTableId: table.id ?? null,
        issuedOn: isoDateToDb(today),
        createdById: actor.userId,
      },
    });

    const to = await organizationAddresses(tx, app.contractorId, 'CONTRACTOR');
    const texts = {
      contractorName: app.contractor.name,
      number,
      kind,
      projectName: f.projectName!,
      ordererName: content.obligee.name,
      issuedOnJapanese: formatJapaneseDate(today),
      suretyName: issuer.companyName,
      jointVentureName: jv.jointVenture?.name ?? null,
    };
    const mail = f.deliveryMethod === 'ELECTRONIC' ? certificateRegisteredMail(texts) : paperConcludedMail(texts);
    const mailIds = await enqueueMailToAll(tx, to, {
      template: f.deliveryMethod === 'ELECTRONIC' ? 'certificate-registered' : 'guarantee-concluded-paper',
      ...mail,
      relatedType: 'guarantee',
      relatedId: guarantee.id,
    });

    // Each 構成員's users, each company its own mail (addresses of different companies never share one),
    // found as the guarantee's 変更契約 and 解除 find them: from the GuaranteeMember rows just written.
    const memberMailIds: string[] = [];
    const { members: memberRecipients, of: jvOf } = await guaranteeMemberRecipients(tx, guarantee.id);
    for (const member of memberRecipients) {
      if (!jvOf) break; // none without the JV: a single company's guarantee has no GuaranteeMember rows
      const mail = memberConcludedMail({
        memberName: member.name,
        ...jvOf,
        number,
        kind,
        projectName: f.projectName!,
        ordererName: content.obligee.name,
        guaranteeAmountYen: formatYen(f.guaranteeAmount!),
        deliveryMethod: f.deliveryMethod!,
        suretyName: issuer.companyName,
      });
      memberMailIds.push(...(await enqueueMailToAll(tx, member.to, { template: 'guarantee-concluded-member', ...mail, relatedType: 'guarantee', relatedId: guarantee.id })));
    }

    await writeAudit(tx, actor, 'application.conclude', { type: 'application', id: applicationId }, {
      guaranteeId: guarantee.id,
      number,
      premiumYen: premium.premiumYen.toString(),
      rateTableId: table.id ?? null,
      mailIds,
      mailRecipients: to.length,
      ...(app.jointVentureId ? { jointVentureId: app.jointVentureId, memberOrganizationIds: jv.memberIds, memberMailIds } : {}),
      ...(certification ? { certificationId: app.certificationId, certificationNumber: certification.number } : {}),
    });
    delivery = f.deliveryMethod!;
    return ok({ guaranteeId: guarantee.id, number, premiumYen: premium.premiumYen });
  }).catch((error: unknown) => {
    // The row lock makes this rare; the unique index still holds if two conclusions pass it together.
    if (isCertificationTaken(error)) throw new AppError('CONFLICT', `certification of application ${applicationId} taken`, CERTIFICATION_USED_CONCURRENTLY);
    throw error;
  });
  // Counted once committed (GET /api/metrics).
  if (result.ok && delivery) countConclusion(delivery);
  return result;
}
