import 'server-only';
import type { SubmissionResult } from '@conform-to/react';

// Helpers for the "use server" files. This module is not one: nothing here becomes an endpoint.

export type FormState = SubmissionResult<string[]> | undefined;

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
