'use server';

import { parseForm } from './action-helpers';
import type { SubmissionResult } from '@conform-to/react';
import { AuthError } from 'next-auth';
import { signIn, signOut } from '@/auth/config';
import { SIGN_IN_MESSAGES, signInSchema } from '@/domain/auth/sign-in-schema';

export async function signInAction(_prev: SubmissionResult<string[]> | undefined, formData: FormData) {
  const submission = parseForm(formData, signInSchema);
  if (submission.status !== 'success') return submission.reply({ hideFields: ['password'] });
  try {
    await signIn('credentials', {
      loginId: submission.value.loginId,
      password: submission.value.password,
      redirectTo: '/',
    });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = 'code' in error && typeof error.code === 'string' ? error.code : '';
      const throttled = /^throttled:(\d+)$/.exec(code);
      const message = throttled ? SIGN_IN_MESSAGES.throttled(Math.max(1, Math.ceil(Number(throttled[1]) / 60))) : SIGN_IN_MESSAGES.invalid;
      return submission.reply({ formErrors: [message], hideFields: ['password'] });
    }
    throw error; // NEXT_REDIRECT on success
  }
  return submission.reply();
}

export async function signOutAction() {
  await signOut({ redirectTo: '/login?signedOut=1' });
}
