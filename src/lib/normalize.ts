/** 全角 digits, letters, spaces and punctuation folded to 半角 (NFKC), trimmed. */
export function toHalfWidth(input: string): string {
  return input.normalize('NFKC').trim();
}

/** '' → undefined, so optional form fields come out as "not given". */
export function emptyToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}
