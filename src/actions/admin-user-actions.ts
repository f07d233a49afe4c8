'use server';

import type { SubmissionResult } from '@conform-to/react';
import { notFound, redirect } from 'next/navigation';
import { requireActionActor } from '@/auth/guards';
import { type FormState, parseForm } from './action-helpers';
import { requireUuid, orNotFound } from '@/auth/not-found';
import { getDb } from '@/db/client';
import { isAppError } from '@/domain/errors';
import { createUser } from '@/domain/users/create-user';
import { resetPassword } from '@/domain/users/reset-password';
import { setUserDisabled } from '@/domain/users/set-user-disabled';
import { updateUser } from '@/domain/users/update-user';
import { userCreateSchema, userUpdateSchema } from '@/domain/users/schemas';

// Only the actions are exported: every export of a 'use server' file is a public endpoint.
// Generated passwords travel back in the action's answer only: never in a URL, a cookie or a log.


export async function createUserAction(
  _prev: { result: SubmissionResult<string[]> } | undefined,
  formData: FormData,
): Promise<{ result: SubmissionResult<string[]>; created?: { id: string; loginId: string; name: string; password: string } }> {
  const actor = await requireActionActor('admin');
  const submission = parseForm(formData, userCreateSchema);
  if (submission.status !== 'success') return { result: submission.reply() };
  const result = await createUser(await getDb(), actor, submission.value);
  if (!result.ok) return { result: submission.reply({ fieldErrors: result.fieldErrors }) };
  return {
    result: submission.reply({ resetForm: true }),
    created: { id: result.value.id, loginId: submission.value.loginId, name: submission.value.name, password: result.value.password },
  };
}

export async function updateUserAction(id: string, _prev: FormState, formData: FormData) {
  const actor = await requireActionActor('admin');
  const userId = requireUuid(id);
  const submission = parseForm(formData, userUpdateSchema);
  if (submission.status !== 'success') return submission.reply();
  const result = await orNotFound(updateUser(await getDb(), actor, userId, submission.value));
  if (!result.ok) return submission.reply({ fieldErrors: result.fieldErrors });
  redirect(`/admin/users/${userId}?saved=1`);
}

export async function setUserDisabledAction(
  id: string,
  disabled: boolean,
  _prev: { error: string } | undefined,
  _formData: FormData,
): Promise<{ error: string } | undefined> {
  const actor = await requireActionActor('admin');
  const userId = requireUuid(id);
  // A bound argument comes back from the browser: anything but a boolean is a tampered request.
  if (typeof disabled !== 'boolean') notFound();
  try {
    await orNotFound(setUserDisabled(await getDb(), actor, userId, disabled));
  } catch (error) {
    // The expected refusal (an officer disabling their own account) is shown at the button.
    if (isAppError(error) && error.code === 'CONFLICT') return { error: error.userMessage };
    throw error;
  }
  redirect(`/admin/users/${userId}?saved=${disabled ? 'disabled' : 'enabled'}`);
}

export async function resetPasswordAction(
  id: string,
  _prev: { password: string } | undefined,
  _formData: FormData,
): Promise<{ password: string }> {
  const actor = await requireActionActor('admin');
  const userId = requireUuid(id);
  return orNotFound(resetPassword(await getDb(), actor, userId));
}
