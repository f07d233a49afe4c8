import { beforeEach, describe, expect, it, vi } from 'vitest';
import { currentActor, requireActionActor, requirePageActor, requireRouteActor, type Side } from '@/auth/guards';
import { getDb } from '@/db/client';
import { setUserDisabled } from '@/domain/users/set-user-disabled';
import { createContractorAction } from '@/actions/admin-organization-actions';
import { createUserAction, resetPasswordAction } from '@/actions/admin-user-actions';
import { makeUser, officer, uid } from '../support/factories';
import { signInAs } from '../support/session';
import { interrupt } from '../support/interrupt';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let orderer: Made;
let admin: Made;

beforeEach(async () => {
  signInAs(null);
  contractor ??= await makeUser('CONTRACTOR');
  orderer ??= await makeUser('ORDERER');
  admin ??= await makeUser('ADMIN');
});

const SIDES: Side[] = ['contractor', 'orderer', 'admin'];
const OWNER: Record<Side, () => Made> = { contractor: () => contractor, orderer: () => orderer, admin: () => admin };

describe('one guard per side', () => {
  for (const side of SIDES) {
    it(`${side}: pages, actions and route handlers refuse the other roles and the signed-out`, async () => {
      for (const other of SIDES) {
        signInAs(OWNER[other]());
        const page = await interrupt(requirePageActor(side));
        const action = await interrupt(requireActionActor(side));
        const route = await requireRouteActor(side);
        if (other === side) {
          expect(page).toBe('passed');
          expect(action).toBe('passed');
          expect(route).not.toBeInstanceOf(Response);
        } else {
          expect(page).toBe('not-found');
          expect(action).toBe('app-error:FORBIDDEN');
          expect((route as Response).status).toBe(404);
        }
      }
      signInAs(null);
      expect(await interrupt(requirePageActor(side))).toBe('redirect:/login');
      expect(await interrupt(requireActionActor(side))).toBe('redirect:/login');
      expect(((await requireRouteActor(side)) as Response).status).toBe(401);
    });
  }

  it('ends the session of a disabled user at the next request', async () => {
    const user = await makeUser('CONTRACTOR');
    signInAs(user);
    expect(await currentActor()).not.toBeNull();
    const db = await getDb();
    await setUserDisabled(db, await officer(db), user.id, true);
    // currentActor is cached per request (React cache); a new request resolves it again.
    expect(await interrupt(requirePageActor('contractor'))).toBe('redirect:/login');
  });

  it('a forged session for an unknown id, or of an old session version, is no session', async () => {
    signInAs({ id: '00000000-0000-4000-8000-000000000000', actor: { role: 'ADMIN' } });
    expect(await currentActor()).toBeNull();
    signInAs(admin, 2);
    expect(await currentActor()).toBeNull();
  });
});

describe('admin actions', () => {
  it('refuse contractors and orderers, and store nothing', async () => {
    const db = await getDb();
    const loginId = `intruder-${uid()}`;
    const form = new FormData();
    form.set('loginId', loginId);
    form.set('name', '侵入 者');
    form.set('role', 'ADMIN');
    form.set('organizationId', (await officer(db)).organizationId);
    for (const who of [contractor, orderer]) {
      signInAs(who);
      expect(await interrupt(createUserAction(undefined, form))).toBe('app-error:FORBIDDEN');
      const company = new FormData();
      company.set('name', `偽装${uid()}`);
      company.set('address', '不明');
      expect(await interrupt(createContractorAction(undefined, company))).toBe('app-error:FORBIDDEN');
      expect(await interrupt(resetPasswordAction(admin.id, undefined, new FormData()))).toBe('app-error:FORBIDDEN');
    }
    expect(await db.user.count({ where: { loginId } })).toBe(0);
  });

  it('create an account for an officer and keep field errors for bad input', async () => {
    signInAs(admin);
    const db = await getDb();
    const form = new FormData();
    form.set('loginId', 'ab');
    form.set('name', '');
    form.set('role', 'CONTRACTOR');
    form.set('organizationId', 'not-a-uuid');
    const bad = await createUserAction(undefined, form);
    expect(bad.created).toBeUndefined();
    expect(bad.result.error?.loginId?.[0]).toMatch(/3文字以上/);
    expect(bad.result.error?.organizationId).toBeDefined();
    expect((bad.result.initialValue as Record<string, unknown>)?.loginId).toBe('ab');

    const good = new FormData();
    const loginId = `new-${uid()}`;
    good.set('loginId', loginId);
    good.set('name', '新規 利用者');
    good.set('role', 'CONTRACTOR');
    good.set('organizationId', contractor.actor.organizationId);
    const created = await createUserAction(undefined, good);
    expect(created.created?.password).toHaveLength(16);
    expect(await db.user.count({ where: { loginId } })).toBe(1);
  });
});
