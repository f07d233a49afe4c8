import { randomBytes } from 'node:crypto';
import { getDb, type Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { createSurety } from '@/domain/organizations/create-surety';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import type { Result } from '@/domain/result';
import { createUser } from '@/domain/users/create-user';
import type { Role } from '@/generated/prisma/enums';
import { saveApplication } from '@/domain/applications/save-application';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { seedDemoRateTables } from '@/demo/rate-tables';
import { currentTerm, ELECTRONIC_FROM } from '@/demo/term-dates';
import { STANDARD_LIMITS } from '@/domain/organizations/standard-rules';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';

/** Test data built through the same use cases the app and the demo seed use. */
export const uid = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'test-password-2026';

export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`factory: ${JSON.stringify(result.fieldErrors)}`);
  return result.value;
}

const officers = new WeakMap<object, Promise<Actor>>();

/** The surety company and a first officer, once per database. */
export function officer(db: Db): Promise<Actor> {
  let found = officers.get(db);
  if (!found) {
    found = (async () => {
      const surety = await createSurety(db, {
        name: '西日本建設業保証株式会社',
        issuer: { address: '大阪市', companyName: '西日本建設業保証株式会社', representativeTitle: '取締役社長', representativeName: '藤田 一', termsUrl: 'https://example.jp/' },
        branches: [{ name: '大阪支店', address: '大阪市', tel: '06-0000-0000', fax: '06-0000-0001', isDefault: true }],
      });
      const user = must(await createUser(db, null, { loginId: `officer-${uid()}`, name: '保証 太郎', role: 'ADMIN', organizationId: surety.id }, { password: TEST_PASSWORD }));
      return (await resolveActor(db, { userId: user.id, sessionVersion: 1 })) as Actor;
    })();
    officers.set(db, found);
  }
  return found;
}

export async function makeContractor(name = `株式会社テスト建設${uid()}`) {
  const db = await getDb();
  return must(await saveContractor(db, await officer(db), undefined, { name, address: '▲▲市▲▲区▲▲1丁目1番1号' }));
}

export async function makeOrderer(name = `テスト市${uid()}`) {
  const db = await getDb();
  const admin = await officer(db);
  const org = must(
    await saveOrderer(db, admin, undefined, {
      name,
      certificateName: `${name}長`,
      electronicFrom: ELECTRONIC_FROM,
      electronicWorkTypes: ['WORKS', 'CONSULTING'],
      subjectTemplate: '【電子保証】{保証契約番号}',
      ...STANDARD_LIMITS,
    }),
  );
  const dept = must(await saveDepartment(db, admin, org.id, undefined, { name: '契約課', kind: 'CONTRACT_SECTION', email: 'keiyaku@example.jp', active: true }));
  return { ...org, name, departmentId: dept.id };
}

/**
 * A user of the role, in a fresh organisation of the right kind unless one is given; `email` (and a
 * `name` to find in mails) for tests that read the mail the user gets.
 */
export async function makeUser(role: Role, organizationId?: string, departmentId?: string, options: { email?: string; name?: string } = {}) {
  const db = await getDb();
  const admin = await officer(db);
  let orgId = organizationId;
  let deptId = departmentId;
  if (!orgId) {
    if (role === 'CONTRACTOR') orgId = (await makeContractor()).id;
    else if (role === 'ORDERER') {
      const o = await makeOrderer();
      orgId = o.id;
      deptId = o.departmentId;
    } else orgId = admin.organizationId;
  }
  const loginId = `user-${uid()}`;
  const created = must(
    await createUser(
      db,
      admin,
      { loginId, name: options.name ?? `利用者 ${loginId}`, role, organizationId: orgId, departmentId: deptId, email: options.email },
      { password: TEST_PASSWORD },
    ),
  );
  const actor = (await resolveActor(db, { userId: created.id, sessionVersion: 1 })) as Actor;
  return { ...created, loginId, actor };
}

/** The people of one guarantee's story: an orderer with its clerk, a contractor's user and an officer. */
export async function makeCast() {
  const db = await getDb();
  const orderer = await makeOrderer();
  const contractor = await makeUser('CONTRACTOR');
  const clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  const admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  return { orderer, contractor, clerk, admin };
}

/**
 * The dates of applicationInput's contract: this fiscal year's (term-dates.ts, from today in Tokyo),
 * in force today and for 60 days at least. Tests derive their dates from it, never from a calendar.
 */
export const TERM = currentTerm();

/** A complete, valid application for an orderer made by makeOrderer (its rules: 大村市's). */
export function applicationInput(ordererId: string, worksDepartmentId: string, patch: Record<string, unknown> = {}) {
  return {
    guaranteeKind: 'ADVANCE',
    ordererId,
    worksDepartmentId,
    projectName: `〇〇道路改良工事${uid()}`,
    projectLocation: '大村市玖島1丁目',
    workType: 'WORKS',
    contractDate: TERM.contractDate,
    periodStart: TERM.periodStart,
    periodEnd: TERM.periodEnd,
    contractAmount: '100,000,000',
    guaranteeAmount: '40,000,000',
    guaranteeStart: TERM.guaranteeStart,
    guaranteeEnd: TERM.guaranteeEnd,
    depositBank: '〇〇銀行',
    depositBranch: '▲▲支店',
    deliveryMethod: 'ELECTRONIC',
    ...patch,
  };
}

const rateTablesSeeded = new WeakMap<object, Promise<unknown>>();

/** A guarantee concluded through the same use cases as the screens (demo rate tables seeded once per database). */
export async function concludedGuarantee(
  contractor: { actor: Actor },
  orderer: { id: string; departmentId: string },
  patch: Record<string, unknown> = {},
) {
  const db = await getDb();
  const admin = await officer(db);
  let seeded = rateTablesSeeded.get(db);
  if (!seeded) {
    seeded = seedDemoRateTables(db, admin);
    rateTablesSeeded.set(db, seeded);
  }
  await seeded;
  const app = must(await saveApplication(db, contractor.actor, undefined, applicationInput(orderer.id, orderer.departmentId, patch), { submit: true }));
  return must(await concludeApplication(db, admin, app.id, TEST_KEY_SECRET));
}

/** The default 出資比率 of a JV of n companies (代表者 first and largest, 100 % in all). */
const JV_SHARES: Record<number, string[]> = { 2: ['60', '40'], 3: ['40', '30', '30'], 4: ['40', '20', '20', '20'], 5: ['30', '20', '20', '15', '15'] };

/**
 * A 共同企業体 registered by an officer: `representative`'s company its 代表者, each of `members`'
 * companies a 構成員 (fixture for issue 16's tests, through saveJointVenture).
 */
export async function makeJointVenture(
  representative: { actor: Actor },
  members: { actor: Actor }[],
  options: { name?: string; shares?: string[]; kind?: 'SPECIFIC' | 'REGULAR'; mode?: 'JOINT' | 'DIVIDED' } = {},
): Promise<string> {
  const db = await getDb();
  const companies = [representative, ...members].map((m) => m.actor.organizationId);
  const shares = options.shares ?? JV_SHARES[companies.length];
  if (!shares) throw new Error(`factory: a JV of ${companies.length} companies needs its shares`);
  return must(
    await saveJointVenture(db, await officer(db), undefined, {
      name: options.name ?? `〇〇・△△特定建設工事共同企業体${uid()}`,
      kind: options.kind ?? 'SPECIFIC',
      mode: options.mode ?? 'JOINT',
      formedOn: '2026/04/01',
      representative: '0',
      members: companies.map((organizationId, i) => ({ organizationId, share: shares[i]! })),
    }),
  ).id;
}

/**
 * A JV's guarantee concluded through the use cases (fixture, issue 16): the JV registered (or the one
 * given), the 代表者's application naming it — 分割預託 over every company (bank 「銀行N」, branch
 * 「支店N」, the JV's shares) unless `split: false` — submitted and concluded by an officer.
 */
export async function concludedJointVentureGuarantee(
  representative: { actor: Actor },
  members: { actor: Actor }[],
  orderer: { id: string; departmentId: string },
  options: { jointVentureId?: string; split?: boolean; shares?: string[]; patch?: Record<string, unknown> } = {},
) {
  const jointVentureId = options.jointVentureId ?? (await makeJointVenture(representative, members, { shares: options.shares }));
  const companies = [representative, ...members].map((m) => m.actor.organizationId);
  const shares = options.shares ?? JV_SHARES[companies.length] ?? [];
  const deposit =
    options.split === false
      ? { jointVentureId }
      : {
          jointVentureId,
          depositMode: 'SPLIT',
          depositBank: undefined,
          depositBranch: undefined,
          deposits: companies.map((organizationId, i) => ({ organizationId, bank: `銀行${i + 1}`, branch: `支店${i + 1}`, share: shares[i] ?? '' })),
        };
  const concluded = await concludedGuarantee(representative, orderer, { ...deposit, ...options.patch });
  return { ...concluded, jointVentureId };
}

/** The KEY_SECRET of the test runs (vitest.config.ts sets the same in the environment). */
export const TEST_KEY_SECRET = 'test-key-secret-not-for-production-0123456789';
