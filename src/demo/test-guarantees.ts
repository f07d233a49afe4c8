import 'server-only';
import { randomBytes } from 'node:crypto';
import { keySecret } from '@/config/secrets';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { saveApplication } from '@/domain/applications/save-application';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { createUser } from '@/domain/users/create-user';
import { DEMO_ACCOUNTS } from './accounts';
import { currentTerm, halfPassedTerm } from './term-dates';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { requestCertification } from '@/domain/certifications/request-certification';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';
import { todayInTokyo } from '@/lib/dates';

/**
 * Guarantees of a browser test's own, in number (e2e: the officers' 保証一覧 pages through more than
 * a page; POST /api/test-support/guarantees, behind the same gate as the accounts): a new contractor
 * company (試験建設 <hex>) and its user apply for `count` 前払金保証 to 大村市 (都市整備部土木課),
 * this fiscal year's contract, named `<project>01`, `<project>02`, …, and the demo officer `admin`
 * concludes each — the use cases of the screens, as the demo seed does.
 */
export const TEST_GUARANTEES_MAX = 30;

export interface TestGuaranteesInput {
  count: number;
  project: string;
  /**
   * The お客様ID of an existing contractor account to apply as (a test's own `newUser`, or a demo
   * account): its company then holds the guarantees. Without it a new company and applicant are made.
   */
  applicant?: string;
  /** 請負金額 and 保証金額 in yen, digits (default 100,000,000 and 40,000,000: 大村市's 4/10). */
  contractAmount?: string;
  guaranteeAmount?: string;
  /** false: the applications are submitted and left in 申込審査, not concluded (no number). */
  conclude?: boolean;
  /**
   * The お客様ID of an orderer account of 大村市: once concluded, each guarantee is looked up by that
   * clerk with its number and 認証キー (the lookup's use case, as 電子証書の確認 does), so that it is in
   * the clerk's 確認済み一覧, in the order made (the 確認済み一覧's paging).
   */
  confirmBy?: string;
  /**
   * 'halfPassed': the contract of halfPassedTerm (its 工期 past its half today, in force; concluded at
   * its `concludedAt`), so that a 中間前払金 認定 can be requested on it whatever the month. Default: this
   * fiscal year's (currentTerm).
   */
  term?: 'current' | 'halfPassed';
  /**
   * A 共同企業体's guarantees (issue 16): the applicant's company its 代表者, with the companies of the
   * existing contractor accounts `members` (お客様ID) and `newMembers` new companies (試験工務店 <hex>)
   * as its 構成員 (2 to 5 companies in all, shares as the JV factory's: 60/40, 40/30/30, …); each
   * application names it, 分割預託 over every company unless `split: false`.
   */
  jointVenture?: { members?: string[]; newMembers?: number; split?: boolean };
  /**
   * For each concluded 前払金保証 (with `term: 'halfPassed'`): a 中間前払金 認定 requested by the
   * applicant and certified by the demo clerk of 都市整備部土木課 (doboku01), then the 中間前払金保証
   * applied for from it and concluded; its number is `intermediateNumber`.
   */
  fromCertification?: boolean;
  /** 'CONTRACT': 契約保証 instead of 前払金保証 (its guaranteeAmount at least 1/10 of the contract's; decision 072 amended's browser test). */
  kind?: 'ADVANCE' | 'CONTRACT';
}

export type TestGuaranteesResult =
  | { ok: true; contractor: string; jointVenture?: string; guarantees: { number: string | null; projectName: string; applicationId: string; intermediateNumber?: string }[] }
  | { ok: false; status: 409 | 422; code: string; message: string; fields?: Record<string, string[]> };

export async function createTestGuarantees(db: Db, input: TestGuaranteesInput): Promise<TestGuaranteesResult> {
  const officerRow = await db.user.findUnique({ where: { loginId: DEMO_ACCOUNTS.find((a) => a.role === 'ADMIN')!.loginId } });
  const officer = officerRow ? await resolveActor(db, { userId: officerRow.id, sessionVersion: officerRow.sessionVersion }) : null;
  if (!officer) return { ok: false, status: 409, code: 'NO_DEMO_OFFICER', message: 'the demo officer (admin) is missing or disabled: start the server with DEMO_DATA=1' };
  const department = await db.department.findFirst({ where: { name: '都市整備部土木課', organization: { name: '大村市', kind: 'ORDERER' } }, select: { id: true, organizationId: true } });
  if (!department) return { ok: false, status: 409, code: 'NO_DEMO_ORDERER', message: 'the demo orderer 大村市 (都市整備部土木課) is missing: start the server with DEMO_DATA=1' };

  const found = input.applicant ? await existingApplicant(db, input.applicant) : await newApplicant(db, officer);
  if (!found.ok) return found;
  const { applicant, name } = found;
  const clerk = input.confirmBy ? await existingClerk(db, input.confirmBy, department.organizationId) : undefined;
  if (clerk === null) return { ok: false, status: 422, code: 'NO_CLERK', message: `no enabled orderer account ${input.confirmBy} of 大村市` };

  let term: ReturnType<typeof currentTerm>;
  let concludedAt: Date | undefined;
  try {
    ({ concludedAt, ...term } = input.term === 'halfPassed' ? halfPassedTerm() : { ...currentTerm(), concludedAt: undefined });
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return { ok: false, status: 422, code: 'NO_TERM', message: error.message };
  }

  const jv = input.jointVenture ? await testJointVenture(db, officer, applicant, input.jointVenture) : undefined;
  if (jv && !jv.ok) return jv;
  const certifier = input.fromCertification ? await demoCertifier(db) : undefined;
  if (certifier === null) return { ok: false, status: 409, code: 'NO_DEMO_CLERK', message: 'the demo clerk doboku01 (都市整備部土木課) is missing: start the server with DEMO_DATA=1' };

  const guarantees: { number: string | null; projectName: string; applicationId: string; intermediateNumber?: string }[] = [];
  for (let i = 1; i <= input.count; i++) {
    const projectName = `${input.project}${String(i).padStart(2, '0')}`;
    const application = await saveApplication(
      db,
      applicant,
      undefined,
      {
        guaranteeKind: input.kind ?? 'ADVANCE',
        ordererId: department.organizationId,
        worksDepartmentId: department.id,
        projectName,
        projectLocation: '大村市玖島1丁目地内',
        workType: 'WORKS',
        ...term,
        contractAmount: input.contractAmount ?? '100000000',
        guaranteeAmount: input.guaranteeAmount ?? '40000000',
        depositBank: '〇〇銀行',
        depositBranch: '▲▲支店',
        deliveryMethod: 'ELECTRONIC',
        ...(jv?.ok ? jv.application : {}),
      },
      { submit: true },
    );
    if (!application.ok) return { ok: false, status: 422, code: 'REFUSED', message: `saveApplication refused ${projectName}`, fields: application.fieldErrors };
    if (input.conclude === false) {
      guarantees.push({ number: null, projectName, applicationId: application.value.id });
      continue;
    }
    const concluded = await concludeApplication(db, officer, application.value.id, keySecret(), { now: concludedAt });
    if (!concluded.ok) return { ok: false, status: 422, code: 'REFUSED', message: `concludeApplication refused ${projectName}`, fields: concluded.fieldErrors };
    const made: (typeof guarantees)[number] = { number: concluded.value.number, projectName, applicationId: application.value.id };
    guarantees.push(made);
    if (certifier) {
      const intermediate = await intermediateFromCertification(db, officer, applicant, certifier, concluded.value.number, input.contractAmount ?? '100000000', term.guaranteeEnd);
      if (!intermediate.ok) return intermediate;
      made.intermediateNumber = intermediate.number;
    }
    if (clerk) {
      const { key } = await getKeyPage(db, applicant, concluded.value.number, keySecret());
      const looked = await lookupCertificate(db, { kind: 'user', actor: clerk }, { number: concluded.value.number, key }, { secret: keySecret(), clientAddress: null });
      if (looked.status !== 'found') return { ok: false, status: 422, code: 'REFUSED', message: `the lookup of ${concluded.value.number} answered ${looked.status}` };
    }
  }
  return { ok: true, contractor: name, ...(jv?.ok ? { jointVenture: jv.name } : {}), guarantees };
}

const JV_SHARES: Record<number, string[]> = { 2: ['60', '40'], 3: ['40', '30', '30'], 4: ['40', '20', '20', '20'], 5: ['30', '20', '20', '15', '15'] };

type TestJointVenture = { ok: true; name: string; application: Record<string, unknown> } | { ok: false; status: 422; code: string; message: string; fields?: Record<string, string[]> };

/** The JV of the applicant's company (代表者) and the members' (existing accounts' and new ones'), registered by the officer. */
async function testJointVenture(db: Db, officer: Actor, applicant: Actor, input: NonNullable<TestGuaranteesInput['jointVenture']>): Promise<TestJointVenture> {
  const companies = [applicant.organizationId];
  for (const loginId of input.members ?? []) {
    const row = await db.user.findUnique({ where: { loginId }, select: { role: true, organizationId: true } });
    if (!row || row.role !== 'CONTRACTOR') return { ok: false, status: 422, code: 'NO_MEMBER', message: `no contractor account ${loginId}` };
    companies.push(row.organizationId);
  }
  for (let i = 0; i < (input.newMembers ?? 0); i++) {
    const suffix = randomBytes(6).toString('hex');
    const company = await saveContractor(db, officer, undefined, { name: `試験工務店 ${suffix}`, address: `長崎県大村市△△町${i + 2}番${i + 3}号` });
    if (!company.ok) return { ok: false, status: 422, code: 'REFUSED', message: 'saveContractor refused a member company', fields: company.fieldErrors };
    companies.push(company.value.id);
  }
  const shares = JV_SHARES[companies.length];
  if (!shares || new Set(companies).size !== companies.length) return { ok: false, status: 422, code: 'BAD_MEMBERS', message: `a JV needs 2 to 5 different companies, not ${companies.length}` };
  const name = `試験・${randomBytes(3).toString('hex')}特定建設工事共同企業体`;
  const saved = await saveJointVenture(db, officer, undefined, {
    name,
    kind: 'SPECIFIC',
    mode: 'JOINT',
    representative: '0',
    members: companies.map((organizationId, i) => ({ organizationId, share: shares[i]! })),
  });
  if (!saved.ok) return { ok: false, status: 422, code: 'REFUSED', message: 'saveJointVenture refused the JV', fields: saved.fieldErrors };
  const application: Record<string, unknown> =
    input.split === false
      ? { jointVentureId: saved.value.id }
      : {
          jointVentureId: saved.value.id,
          depositMode: 'SPLIT',
          depositBank: undefined,
          depositBranch: undefined,
          deposits: companies.map((organizationId, i) => ({ organizationId, bank: `試験銀行${i + 1}`, branch: `第${i + 1}支店`, share: shares[i]! })),
        };
  return { ok: true, name, application };
}

/** The demo clerk of 大村市 都市整備部土木課, who certifies the 中間前払金 on its contracts. */
async function demoCertifier(db: Db): Promise<Actor | null> {
  const row = await db.user.findUnique({ where: { loginId: 'doboku01' }, select: { id: true, sessionVersion: true, role: true } });
  return row && row.role === 'ORDERER' ? resolveActor(db, { userId: row.id, sessionVersion: row.sessionVersion }) : null;
}

/**
 * On the 前払金保証 `number` (its 工期 past its half today): a 認定 requested today with a one-line PDF,
 * certified by `certifier`, the 中間前払金保証 (2/10 of the 請負金額) applied for from it and concluded.
 */
async function intermediateFromCertification(
  db: Db,
  officer: Actor,
  applicant: Actor,
  certifier: Actor,
  number: string,
  contractAmount: string,
  guaranteeEnd: string,
): Promise<{ ok: true; number: string } | { ok: false; status: 422; code: string; message: string; fields?: Record<string, string[]> }> {
  const today = todayInTokyo();
  const amount = BigInt(contractAmount);
  const requested = await requestCertification(db, applicant, {
    guaranteeNumber: number,
    reportedOn: today,
    plannedProgress: '50',
    actualProgress: '55',
    workDoneAmount: ((amount * 55n) / 100n).toString(),
    requestedAmount: ((amount * 2n) / 10n).toString(),
    noPartialPayment: true,
    files: [{ name: '工事履行報告書.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4\n% report\n%%EOF\n') }],
  });
  if (!requested.ok) return { ok: false, status: 422, code: 'REFUSED', message: `requestCertification refused ${number}`, fields: requested.fieldErrors };
  const decided = await decideCertification(db, certifier, requested.value.id, { decision: 'CERTIFY' });
  if (!decided.ok) return { ok: false, status: 422, code: 'REFUSED', message: `decideCertification refused ${number}`, fields: decided.fieldErrors };
  const application = await saveApplication(
    db,
    applicant,
    undefined,
    {
      guaranteeKind: 'INTERMEDIATE',
      certificationId: requested.value.id,
      guaranteeAmount: ((amount * 2n) / 10n).toString(),
      guaranteeStart: today,
      guaranteeEnd,
      depositBank: '〇〇銀行',
      depositBranch: '▲▲支店',
      deliveryMethod: 'ELECTRONIC',
    },
    { submit: true },
  );
  if (!application.ok) return { ok: false, status: 422, code: 'REFUSED', message: `saveApplication refused the 中間前払金 of ${number}`, fields: application.fieldErrors };
  const concluded = await concludeApplication(db, officer, application.value.id, keySecret());
  if (!concluded.ok) return { ok: false, status: 422, code: 'REFUSED', message: `concludeApplication refused the 中間前払金 of ${number}`, fields: concluded.fieldErrors };
  return { ok: true, number: concluded.value.number };
}

type Applicant = { ok: true; applicant: Actor; name: string } | { ok: false; status: 409 | 422; code: string; message: string; fields?: Record<string, string[]> };

/** A new company (試験建設 <hex>) and its applicant, made by the officer as on the screens. */
async function newApplicant(db: Db, officer: Actor): Promise<Applicant> {
  const suffix = randomBytes(6).toString('hex');
  const name = `試験建設 ${suffix}`;
  const company = await saveContractor(db, officer, undefined, { name, address: '長崎県大村市玖島1丁目1番1号' });
  if (!company.ok) return { ok: false, status: 422, code: 'REFUSED', message: 'saveContractor refused the company', fields: company.fieldErrors };
  const user = await createUser(db, officer, { loginId: `e2e-applicant-${suffix}`, name: `試験 ${suffix}`, role: 'CONTRACTOR', organizationId: company.value.id });
  if (!user.ok) return { ok: false, status: 422, code: 'REFUSED', message: 'createUser refused the applicant', fields: user.fieldErrors };
  return { ok: true, applicant: (await resolveActor(db, { userId: user.value.id, sessionVersion: 1 })) as Actor, name };
}

/** An enabled orderer account of the given orderer (a test's own). */
async function existingClerk(db: Db, loginId: string, ordererId: string): Promise<Actor | null> {
  const row = await db.user.findUnique({ where: { loginId }, select: { id: true, sessionVersion: true, role: true, organizationId: true } });
  if (!row || row.role !== 'ORDERER' || row.organizationId !== ordererId) return null;
  return resolveActor(db, { userId: row.id, sessionVersion: row.sessionVersion });
}

/** An enabled contractor account that exists already (a test's own, or a demo account). */
async function existingApplicant(db: Db, loginId: string): Promise<Applicant> {
  const row = await db.user.findUnique({ where: { loginId }, select: { id: true, sessionVersion: true, role: true, organization: { select: { name: true } } } });
  const actor = row && row.role === 'CONTRACTOR' ? await resolveActor(db, { userId: row.id, sessionVersion: row.sessionVersion }) : null;
  if (!row || !actor) return { ok: false, status: 422, code: 'NO_APPLICANT', message: `no enabled contractor account ${loginId}` };
  return { ok: true, applicant: actor, name: row.organization.name };
}
