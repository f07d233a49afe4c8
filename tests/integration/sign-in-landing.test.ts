import { CredentialsSignin } from 'next-auth';
import { describe, expect, it, vi } from 'vitest';
import { signInAction } from '@/actions/auth-actions';
import { getDb } from '@/db/client';
import { HOME_OF_ROLE, RETURN_PARAM } from '@/domain/auth/return-path';
import { SIGN_IN_MESSAGES } from '@/domain/auth/sign-in-schema';
import { signInWithPassword } from '@/domain/auth/sign-in';
import { makeUser, TEST_PASSWORD } from '../support/factories';
import { interrupt } from '../support/interrupt';

/**
 * Where signInAction sends a user (issue 14, item 1): next-auth's Credentials sign-in is stood in for
 * by the same password check its authorize() makes (src/auth/config.ts), refusing as next-auth does;
 * the action then answers with the side's path itself — the home, or the page of the user's own side
 * the form names — never `/`, another side's page or another site.
 */
vi.mock('@/auth/config', () => ({
  signIn: async (_provider: string, options: { loginId: string; password: string; redirect?: boolean }) => {
    expect(options.redirect).toBe(false);
    const result = await signInWithPassword(await getDb(), { loginId: options.loginId, password: options.password, clientAddress: null });
    if (!result.ok) throw new CredentialsSignin();
    return '/';
  },
  signOut: async () => undefined,
  auth: async () => null,
}));

function form(loginId: string, password: string, returnTo?: string) {
  const data = new FormData();
  data.set('loginId', loginId);
  data.set('password', password);
  if (returnTo !== undefined) data.set(RETURN_PARAM, returnTo);
  return data;
}

describe('signInAction', () => {
  it('lands each role on its home, its お客様ID typed in any case', async () => {
    for (const role of ['CONTRACTOR', 'ORDERER', 'ADMIN'] as const) {
      const user = await makeUser(role);
      expect(await interrupt(signInAction(undefined, form(user.loginId.toUpperCase(), TEST_PASSWORD)))).toBe(`redirect:${HOME_OF_ROLE[role]}`);
    }
  });

  it('comes back to the page of the user’s own side the form names, and to the home for anything else', async () => {
    const clerk = await makeUser('ORDERER');
    const asked = '/orderer/lookup?number=1000000052';
    expect(await interrupt(signInAction(undefined, form(clerk.loginId, TEST_PASSWORD, asked)))).toBe(`redirect:${asked}`);
    for (const other of ['/admin/users', '/contractor', '//evil.example/orderer', 'https://evil.example/orderer', '/\\evil.example', '/orderer/../admin', '']) {
      expect(await interrupt(signInAction(undefined, form(clerk.loginId, TEST_PASSWORD, other))), other).toBe('redirect:/orderer');
    }
  });

  it('refuses a wrong password with the form’s message and goes nowhere', async () => {
    const user = await makeUser('CONTRACTOR');
    const reply = await signInAction(undefined, form(user.loginId, 'wrong-password-1', '/contractor/guarantees'));
    expect(reply).toMatchObject({ status: 'error', error: { '': [SIGN_IN_MESSAGES.invalid] } });
  });
});
