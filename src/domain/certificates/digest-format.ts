/** Hex characters of the printed short form of a digest: 64 bits, so a prefix of an issued digest is never guessed. */
export const DIGEST_SHORT_LENGTH = 16;

/** '3f2a9c1b0d4e7a11…' → '3f2a 9c1b 0d4e 7a11': the first 16 hex characters in groups of 4. */
export function shortDigest(digest: string): string {
  return (digest.slice(0, DIGEST_SHORT_LENGTH).match(/.{1,4}/g) ?? []).join(' ');
}
