import { getDbHandle, type DbHandle } from '@/db/client';
import { scrapeMetrics } from '@/domain/metrics/scrape';
import { bearerMatches } from '@/lib/bearer';
import { notFoundResponse } from '@/lib/http';
import { logger } from '@/lib/log';

/**
 * GET /api/metrics — Prometheus text (decision on metrics; docs/operations.md「Monitoring」) for a
 * scraper that holds METRICS_TOKEN, sent as `Authorization: Bearer <token>`:
 *   - METRICS_TOKEN (trimmed) unset (or shorter than 32 characters): the app's plain 404, whatever the request,
 *     as if the route did not exist;
 *   - set: 401 without the token or with another (src/lib/bearer.ts: compared in constant time);
 *     with it, 200 and the registry's text. Never cached; no session needed (src/proxy.ts only adds
 *     headers to it).
 * Every other method answers the same 404 as a missing route.
 */
export const dynamic = 'force-dynamic';

const MIN_TOKEN_LENGTH = 32;
const NO_STORE = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

const log = logger('metrics');
let warnedShort = false;
let warnedSpace = false;

/** METRICS_TOKEN without the whitespace around it (a token read from a file ends with a newline). */
function configuredToken(): string | null {
  const token = process.env.METRICS_TOKEN?.trim();
  if (!token) return null;
  if (/\s/.test(token) && !warnedSpace) {
    log.warn('metrics: METRICS_TOKEN contains whitespace: a bearer token is one word, so no scraper can send it (GET /api/metrics answers 401)');
    warnedSpace = true;
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    if (!warnedShort) log.warn(`metrics: METRICS_TOKEN is shorter than ${MIN_TOKEN_LENGTH} characters: GET /api/metrics stays off (404)`);
    warnedShort = true;
    return null;
  }
  return token;
}

function notFound(): Response {
  const response = notFoundResponse();
  for (const [name, value] of Object.entries(NO_STORE)) response.headers.set(name, value);
  return response;
}

function unauthorized(): Response {
  return Response.json(
    { error: { code: 'UNAUTHENTICATED', message: 'メトリクスのトークンが指定されていないか、無効です。Authorization ヘッダーに「Bearer 」に続けて METRICS_TOKEN の値を指定してください。' } },
    { status: 401, headers: { ...NO_STORE, 'WWW-Authenticate': 'Bearer realm="metrics"' } },
  );
}

export async function GET(request: Request): Promise<Response> {
  const expected = configuredToken();
  if (!expected) return notFound();
  if (!bearerMatches(request, expected, MIN_TOKEN_LENGTH)) return unauthorized();

  let handle: DbHandle | null = null;
  try {
    handle = await getDbHandle();
  } catch {
    handle = null; // the scrape says so (portal_database_up 0); /api/ready says why
  }
  const { contentType, text } = await scrapeMetrics(handle);
  return new Response(text, { headers: { ...NO_STORE, 'Content-Type': contentType } });
}

export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
