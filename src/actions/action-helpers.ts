import 'server-only';
import type { Submission, SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import type { z } from 'zod';
import { controlCharacterErrors } from '@/lib/text';

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

/**
 * Every form's parse: the schema (conform + zod), and before it the one rule for control characters
 * (src/lib/text.ts), applied to every text field the form sent, so that no field, whatever its schema,
 * lets a NUL or a stray line break through to the database, a certificate or a mail. `multiline` names
 * the fields that may hold line breaks (a reason, a note). The errors land at the field that holds them.
 */
export function parseForm<S extends z.ZodType>(formData: FormData, schema: S, { multiline = [] }: { multiline?: readonly string[] } = {}): Submission<z.input<S>, string[], z.output<S>> {
  const submission = parseWithZod(formData, { schema });
  const bad = controlCharacterErrors(formData.entries(), multiline);
  if (Object.keys(bad).length === 0) return submission;
  const schemaErrors = submission.status === 'success' ? {} : (submission.error ?? {});
  return {
    status: 'error',
    payload: submission.payload,
    error: { ...schemaErrors, ...bad },
    reply: (options = {}) =>
      submission.reply('resetForm' in options ? options : { ...options, fieldErrors: { ...('fieldErrors' in options ? options.fieldErrors : {}), ...bad } }),
  };
}
