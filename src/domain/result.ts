/** An expected failure of a use case: Japanese messages per field (and '' for the whole form). */
export type FieldErrors = Record<string, string[]>;

export type Result<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (fieldErrors: FieldErrors): { ok: false; fieldErrors: FieldErrors } => ({ ok: false, fieldErrors });
