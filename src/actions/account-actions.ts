'use server';

import { parseForm } from './action-helpers';
import type { SubmissionResult } from '@conform-to/react';
import { currentActor } from '@/auth/guards';
import { signOut } from '@/auth/config';
import { getDb } from '@/db/client';
import { changeOwnPassword } from '@/domain/users/change-own-password';
import { passwordChangeSchema } from '@/domain/users/schemas';
import { redirect } from 'next/navigation';

const SECRET_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'];

/** Any signed-in user, any side. */
export async function changePasswordAction(_prev: SubmissionResult<string[]> | undefined, formData: FormData) {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const submission = parseForm(formData, passwordChangeSchema);
  if (submission.status !== 'success') return submission.reply({ hideFields: SECRET_FIELDS });
  const result = await changeOwnPassword(await getDb(), actor, submission.value);
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors, hideFields: SECRET_FIELDS });
  await signOut({ redirectTo: '/login?passwordChanged=1' });
  return submission.reply();
}
