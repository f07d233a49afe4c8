import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one bearer-token check (GET /api/metrics, the browser tests' support routes): true only when
 * `expected` is set, at least `minLength` characters, and the request carries exactly it as
 * `Authorization: Bearer <token>` (the scheme without case, spaces around the token allowed). Compared
 * in constant time, as SHA-256 digests (equal lengths whatever was sent).
 */
export function bearerMatches(request: Request, expected: string | null | undefined, minLength: number): boolean {
  if (!expected || expected.length < minLength) return false;
  const given = /^Bearer +(\S+) *$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
