import 'server-only';
import type { SubmissionResult } from '@conform-to/react';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { isAppError } from '@/domain/errors';

// Helpers for the "use server" files. This module is not one: nothing here becomes an endpoint.

export type FormState = SubmissionResult<string[]> | undefined;

const uuid = z.uuid();

/** Bound ids come back from the browser: a malformed one names nothing. */
export function checkId(value: unknown): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}

/** A record that vanished (or never existed) answers 404, as the page would. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

/** A use case's field errors as conform's reply: '' holds the messages for the whole form. */
export function splitErrors(fieldErrors: Record<string, string[]>): { formErrors?: string[]; fieldErrors: Record<string, string[]> } {
  const { '': formErrors, ...rest } = fieldErrors;
  return formErrors ? { formErrors, fieldErrors: rest } : { fieldErrors: rest };
}

/** The revision a form was loaded at (a hidden field), so a save over someone else's newer one is refused. */
export function revisionOf(formData: FormData): number | undefined {
  const value = formData.get('revision');
  return typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
}
