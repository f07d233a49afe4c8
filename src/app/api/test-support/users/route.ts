import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { createTestAccount, TEST_ACCOUNT_SIDES, type TestAccountSide } from '@/demo/test-accounts';
import { notFoundResponse } from '@/lib/http';

/**
 * POST /api/test-support/users — for the browser tests only (e2e/fixtures.ts, `newUser`): a fresh
 * account with a unique お客様ID in an existing organisation, made by the same use case as the
 * officers' 「利用者の新規登録」 screen (src/demo/test-accounts.ts); answers its お客様ID and its
 * generated password. The browser tests cannot write to the database themselves: on PGlite only
 * the server's process may open it.
 *
 * The gate (production code: it is in every build). Every method answers the app's plain 404, with
 * nothing read from the request or the database, unless BOTH
 *   - this server process was started with E2E_SUPPORT_TOKEN of at least 43 characters (32 random
 *     bytes in base64url; scripts/e2e-server.mjs makes one per run, and nothing else sets it), and
 *   - the request carries the same value as `Authorization: Bearer <token>` (compared in constant
 *     time, as SHA-256 digests).
 * A deployment never sets E2E_SUPPORT_TOKEN, so there the route does not exist in effect.
 *
 * Body (JSON, zod): { side: 'contractor' | 'orderer' | 'admin', organization?: name,
 * department?: name (orderers) } — by default the demo's 株式会社〇〇建設, 大村市 財政部契約課 and
 * 西日本建設業保証株式会社. Answers 201 { id, loginId, password, name }; 400 for a malformed body,
 * 422 for an organisation or department that does not exist or does not fit the side, 409 without
 * the demo officer; never 500 (503 when the database fails).
 */

const MIN_TOKEN_LENGTH = 43;
const BODY_MAX_BYTES = 4096;

const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;
const json = (status: number, body: unknown) => Response.json(body, { status, headers: NO_STORE });
const failure = (status: number, code: string, message: string, fields?: Record<string, string[]>) =>
  json(status, { error: { code, message, ...(fields ? { fields } : {}) } });

/** The app's usual not-found answer, the same whatever was asked. */
const notFound = () => {
  const response = notFoundResponse();
  response.headers.set('Cache-Control', 'no-store');
  return response;
};

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True only when the server has a token and the request carries exactly that token. */
function authorized(request: Request): boolean {
  const expected = process.env.E2E_SUPPORT_TOKEN;
  if (!expected || expected.length < MIN_TOKEN_LENGTH) return false;
  const given = /^Bearer +(\S+) *$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (!given) return false;
  return timingSafeEqual(digest(given), digest(expected));
}

const bodySchema = z
  .object({
    side: z.enum(Object.keys(TEST_ACCOUNT_SIDES) as [TestAccountSide, ...TestAccountSide[]]),
    organization: z.string().trim().min(1).max(200).optional(),
    department: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

async function create(request: Request): Promise<Response> {
  const text = await request.text();
  if (Buffer.byteLength(text) > BODY_MAX_BYTES) return failure(413, 'PAYLOAD_TOO_LARGE', `at most ${BODY_MAX_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return failure(400, 'INVALID_REQUEST', 'the body is not JSON');
  }
  const parsed = bodySchema.safeParse(raw);
  if (!parsed.success) return failure(400, 'INVALID_REQUEST', 'invalid body', z.flattenError(parsed.error).fieldErrors);
  const result = await createTestAccount(await getDb(), parsed.data);
  return result.ok ? json(201, result.account) : failure(result.status, result.code, result.message, result.fields);
}

export async function POST(request: Request): Promise<Response> {
  if (!authorized(request)) return notFound();
  try {
    return await create(request);
  } catch (error) {
    // The caller is the browser test that holds the token: it gets the reason, so its failure says it.
    return failure(503, 'UNAVAILABLE', `the account could not be created: ${(error as Error)?.message ?? String(error)}`);
  }
}

// Any other method: the same 404 (not Next's 405), so that nothing tells the route apart from a missing one.
export const GET = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
