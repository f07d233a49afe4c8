'use server';

import { parseForm } from './action-helpers';
import type { SubmissionResult } from '@conform-to/react';
import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { signIn, signOut } from '@/auth/config';
import { getDb } from '@/db/client';
import { landingPath, RETURN_PARAM } from '@/domain/auth/return-path';
import { roleOfLoginId } from '@/domain/auth/sign-in';
import { SIGN_IN_MESSAGES, signInSchema } from '@/domain/auth/sign-in-schema';

/**
 * Sign-in. On success the answer is the side's page itself: the home, or the page of that side the
 * user was sent to the sign-in page from (`callbackUrl`, src/domain/auth/return-path.ts), as a path, so
 * that Next sends that page's content with the answer. (next-auth's own redirect would name an
 * absolute URL of `/`, which only redirects again: a blank page before the home.)
 */
export async function signInAction(_prev: SubmissionResult<string[]> | undefined, formData: FormData) {
  const submission = parseForm(formData, signInSchema);
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] });
  try {
    await signIn('credentials', { loginId: submission.value.loginId, password: submission.value.password, redirect: false });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
      const throttled = /^throttled:(\d+)$/.exec(code);
      const message = throttled ? SIGN_IN_MESSAGES.throttled(Math.max(1, Math.ceil(Number(throttled[1]) / 60))) : SIGN_IN_MESSAGES.invalid;
      return submission.reply({ formErrors: [message], hideFields: ['password'] });
    }
    throw error;
  }
  const role = await roleOfLoginId(await getDb(), submission.value.loginId);
  // next-auth accepted the password, so the account exists; the fallback is the route that asks again.
  redirect(role ? landingPath(role, formData.get(RETURN_PARAM)) : '/');
}

export async function signOutAction() {
  await signOut({ redirectTo: '/login?signedOut=1' });
}
