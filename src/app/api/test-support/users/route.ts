import { z } from 'zod';
import { getDb } from '@/db/client';
import { createTestAccount, TEST_ACCOUNT_SIDES, type TestAccountSide } from '@/demo/test-accounts';
import { authorized, failure, json, notFound, readJson } from '../gate';

/**
 * POST /api/test-support/users — for the browser tests only (e2e/fixtures.ts, `newUser`): a fresh
 * account with a unique お客様ID in an existing organisation, made by the same use case as the
 * officers' 「利用者の新規登録」 screen (src/demo/test-accounts.ts); answers its お客様ID and its
 * generated password. The browser tests cannot write to the database themselves: on PGlite only
 * the server's process may open it.
 *
 * The gate (../gate.ts; production code: it is in every build): every method answers the app's plain
 * 404, with nothing read from the request or the database, unless the server was started with
 * E2E_SUPPORT_TOKEN and the request carries it. A deployment never sets E2E_SUPPORT_TOKEN, so there
 * the route does not exist in effect.
 *
 * Body (JSON, zod): { side: 'contractor' | 'orderer' | 'admin', organization?: name,
 * department?: name (orderers) } — by default the demo's 株式会社〇〇建設, 大村市 財政部契約課 and
 * 西日本建設業保証株式会社. Answers 201 { id, loginId, password, name }; 400 for a malformed body,
 * 422 for an organisation or department that does not exist or does not fit the side, 409 without
 * the demo officer; never 500 (503 when the database fails).
 */

const BODY_MAX_BYTES = 4096;

const bodySchema = z
  .object({
    side: z.enum(Object.keys(TEST_ACCOUNT_SIDES) as [TestAccountSide, ...TestAccountSide[]]),
    organization: z.string().trim().min(1).max(200).optional(),
    department: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

async function create(request: Request): Promise<Response> {
  const body = await readJson(request, BODY_MAX_BYTES);
  if (!body.ok) return body.response;
  const parsed = bodySchema.safeParse(body.value);
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
