import { createHash, timingSafeEqual } from 'node:crypto';
import { notFoundResponse } from '@/lib/http';

/**
 * The gate of the browser tests' support routes (/api/test-support/…, decision 039), shared by each:
 * production code, in every build. A request passes only when BOTH
 *   - this server process was started with E2E_SUPPORT_TOKEN of at least 43 characters (32 random
 *     bytes in base64url; scripts/e2e-server.mjs makes one per run, and nothing else sets it), and
 *   - the request carries the same value as `Authorization: Bearer <token>` (compared in constant
 *     time, as SHA-256 digests).
 * Anything else gets the app's plain 404, before the body or the database is read.
 */

const MIN_TOKEN_LENGTH = 43;

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;
export const json = (status: number, body: unknown) => Response.json(body, { status, headers: NO_STORE });
export const failure = (status: number, code: string, message: string, fields?: Record<string, string[]>) =>
  json(status, { error: { code, message, ...(fields ? { fields } : {}) } });

/** The app's usual not-found answer, the same whatever was asked. */
export const notFound = () => {
  const response = notFoundResponse();
  response.headers.set('Cache-Control', 'no-store');
  return response;
};

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True only when the server has a token and the request carries exactly that token. */
export function authorized(request: Request): boolean {
  const expected = process.env.E2E_SUPPORT_TOKEN;
  if (!expected || expected.length < MIN_TOKEN_LENGTH) return false;
  const given = /^Bearer +(\S+) *$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

/** The body as JSON, or the answer to send instead (413 too large, 400 not JSON). */
export async function readJson(request: Request, maxBytes: number): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) return { ok: false, response: failure(413, 'PAYLOAD_TOO_LARGE', `at most ${maxBytes} bytes`) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: failure(400, 'INVALID_REQUEST', 'the body is not JSON') };
  }
}
