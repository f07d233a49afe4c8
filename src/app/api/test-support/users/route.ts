import { z } from 'zod';
import { getDb } from '@/db/client';
import { createTestAccount, TEST_ACCOUNT_SIDES, type TestAccountSide } from '@/demo/test-accounts';
import { supportRoute } from '../gate';

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

export const { POST, GET, PUT, PATCH, DELETE, OPTIONS } = supportRoute({
  schema: bodySchema,
  maxBytes: BODY_MAX_BYTES,
  failed: 'the account could not be created',
  work: async (input) => {
    const result = await createTestAccount(await getDb(), input);
    return result.ok ? { ok: true, body: result.account } : result;
  },
});
