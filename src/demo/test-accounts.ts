import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import { resolveActor } from '@/domain/auth/resolve-actor';
import { createUser } from '@/domain/users/create-user';
import { ORGANIZATION_KIND_OF_ROLE } from '@/domain/users/membership';
import type { Role } from '@/generated/prisma/enums';
import { DEMO_ACCOUNTS } from './accounts';

/**
 * A fresh account for one browser test (e2e/fixtures.ts `newUser`, through the gated route
 * /api/test-support/users): a unique お客様ID in an existing organisation of the demo data, made by
 * the use case of the officers' 「利用者の新規登録」 screen, as the demo officer `admin`. By default the
 * side's demo organisation: 株式会社〇〇建設, 大村市 財政部契約課, 西日本建設業保証株式会社.
 */
export const TEST_ACCOUNT_SIDES = { contractor: 'CONTRACTOR', orderer: 'ORDERER', admin: 'ADMIN' } as const satisfies Record<string, Role>;
export type TestAccountSide = keyof typeof TEST_ACCOUNT_SIDES;

export type TestAccountResult =
  | { ok: true; account: { id: string; loginId: string; password: string; name: string; organization: string; department: string | null } }
  | { ok: false; status: 409 | 422; code: string; message: string; fields?: Record<string, string[]> };

/** The demo account of the role whose organisation (and department) a new account joins by default. */
function demoHome(role: Role): { organization: string; department?: string } {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)!;
  return { organization: account.organization, department: 'department' in account ? account.department : undefined };
}

export async function createTestAccount(db: Db, input: { side: TestAccountSide; organization?: string; department?: string }): Promise<TestAccountResult> {
  const role = TEST_ACCOUNT_SIDES[input.side];
  const home = demoHome(role);
  const organizationName = input.organization ?? home.organization;
  const departmentName = input.department ?? (input.organization ? undefined : home.department);

  const officer = await db.user.findUnique({ where: { loginId: DEMO_ACCOUNTS.find((a) => a.role === 'ADMIN')!.loginId } });
  const actor = officer ? await resolveActor(db, { userId: officer.id, sessionVersion: officer.sessionVersion }) : null;
  if (!actor) return { ok: false, status: 409, code: 'NO_DEMO_OFFICER', message: 'the demo officer (admin) is missing or disabled: start the server with DEMO_DATA=1' };

  const organization = await db.organization.findFirst({
    where: { name: organizationName, kind: ORGANIZATION_KIND_OF_ROLE[role] },
    orderBy: { createdAt: 'asc' },
  });
  if (!organization) return { ok: false, status: 422, code: 'UNKNOWN_ORGANIZATION', message: `no ${ORGANIZATION_KIND_OF_ROLE[role]} organisation named ${organizationName}` };
  let departmentId: string | undefined;
  if (departmentName !== undefined) {
    const department = await db.department.findFirst({ where: { organizationId: organization.id, name: departmentName } });
    if (!department) return { ok: false, status: 422, code: 'UNKNOWN_DEPARTMENT', message: `no department ${departmentName} in ${organizationName}` };
    departmentId = department.id;
  }

  const suffix = randomBytes(6).toString('hex');
  const loginId = `e2e-${input.side}-${suffix}`;
  const name = `試験 ${suffix}`;
  const result = await createUser(db, actor, { loginId, name, email: `${loginId}@e2e.example.jp`, role, organizationId: organization.id, departmentId });
  if (!result.ok) return { ok: false, status: 422, code: 'REFUSED', message: 'createUser refused the account', fields: result.fieldErrors };
  return {
    ok: true,
    account: { id: result.value.id, loginId, password: result.value.password, name, organization: organization.name, department: departmentName ?? null },
  };
}
