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
}

export type TestGuaranteesResult =
  | { ok: true; contractor: string; guarantees: { number: string | null; projectName: string; applicationId: string }[] }
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

  const guarantees: { number: string | null; projectName: string; applicationId: string }[] = [];
  for (let i = 1; i <= input.count; i++) {
    const projectName = `${input.project}${String(i).padStart(2, '0')}`;
    const application = await saveApplication(
      db,
      applicant,
      undefined,
      {
        guaranteeKind: 'ADVANCE',
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
    guarantees.push({ number: concluded.value.number, projectName, applicationId: application.value.id });
    if (clerk) {
      const { key } = await getKeyPage(db, applicant, concluded.value.number, keySecret());
      const looked = await lookupCertificate(db, { kind: 'user', actor: clerk }, { number: concluded.value.number, key }, { secret: keySecret(), clientAddress: null });
      if (looked.status !== 'found') return { ok: false, status: 422, code: 'REFUSED', message: `the lookup of ${concluded.value.number} answered ${looked.status}` };
    }
  }
  return { ok: true, contractor: name, guarantees };
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
