import { z } from 'zod';
import { bearerMatches } from '@/lib/bearer';
import { notFoundResponse } from '@/lib/http';

/**
 * The gate of the browser tests' support routes (/api/test-support/…, decision 039), shared by each:
 * production code, in every build. A request passes only when BOTH
 *   - this server process was started with E2E_SUPPORT_TOKEN of at least 43 characters (32 random
 *     bytes in base64url; scripts/e2e-server.mjs makes one per run, and nothing else sets it), and
 *   - the request carries the same value as `Authorization: Bearer <token>` (src/lib/bearer.ts:
 *     compared in constant time).
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

/** True only when the server has a token and the request carries exactly that token. */
export function authorized(request: Request): boolean {
  return bearerMatches(request, process.env.E2E_SUPPORT_TOKEN, MIN_TOKEN_LENGTH);
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

/** What a support route's work answers: 201 with `body`, or the refusal's status, code and message. */
export type SupportResult =
  | { ok: true; body: unknown }
  | { ok: false; status: number; code: string; message: string; fields?: Record<string, string[]> };

/**
 * The handlers of one support route: POST passes the gate, reads at most `maxBytes` of JSON, checks
 * it with `schema` (400 with the fields), then runs `work`; a thrown error is a 503 saying `failed` and why (the caller is the browser test that holds the token: its failure says why).
 * Every other method answers the same 404 as a missing route (not Next's 405).
 */
export function supportRoute<S extends z.ZodType>(options: {
  schema: S;
  maxBytes: number;
  failed: string;
  work: (input: z.infer<S>) => Promise<SupportResult>;
}) {
  async function run(request: Request): Promise<Response> {
    const body = await readJson(request, options.maxBytes);
    if (!body.ok) return body.response;
    const parsed = options.schema.safeParse(body.value);
    if (!parsed.success) return failure(400, 'INVALID_REQUEST', 'invalid body', z.flattenError(parsed.error).fieldErrors as Record<string, string[]>);
    const result = await options.work(parsed.data);
    return result.ok ? json(201, result.body) : failure(result.status, result.code, result.message, result.fields);
  }
  async function POST(request: Request): Promise<Response> {
    if (!authorized(request)) return notFound();
    try {
      return await run(request);
    } catch (error) {
      return failure(503, 'UNAVAILABLE', `${options.failed}: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  return { POST, GET: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound };
}
