import type { z } from 'zod';
import type { FieldErrors } from './result';

/** zod issues → { field: [messages] } ('' for form-level issues), the shape forms display. */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
