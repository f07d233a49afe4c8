import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { authenticateApiToken } from '@/domain/api-tokens/authenticate-api-token';
import {
  apiError,
  foundBody,
  parseVerificationRequest,
  toApiFieldErrors,
  VERIFICATION_BODY_MAX_BYTES,
  type ApiErrorCode,
  type ApiFieldErrors,
} from '@/domain/api-tokens/verification-api';
import { lookupWithBearer } from '@/domain/lookup/lookup';
import { TOKEN_PATTERN } from '@/domain/api-tokens/tokens';
import { clientAddressFrom } from '@/lib/client-address';
import { logger } from '@/lib/log';
import { noteRequestCaller } from '@/lib/request-caller';

/**
 * POST /api/v1/verifications — 保証契約番号 + 認証キー → the certificate, for an orderer's systems
 * (OpenAPI: GET /api/v1/openapi.json). The same lookup as the clerk's screen: the same throttling,
 * the same uniform 404, every attempt logged (LookupAttempt.apiTokenId).
 *
 * Order: the token (401) before anything else is answered, so an unauthenticated caller learns
 * nothing; then the media type (415), the size (413), the JSON's shape (400), and the lookup (422,
 * 429, 404, 200). A malformed or missing token is refused before the body is read; a well-formed one
 * is checked in the lookup's own database call (one round trip for the whole request, decision 058),
 * so its body (at most VERIFICATION_BODY_MAX_BYTES) is read first — a refused request (415, 413, 400)
 * checks the token on its own before answering. Every answer is `no-store`; none repeats the key.
 *
 * Only POST is exported: for any other method Next answers 405 with an empty body (no Allow header),
 * OPTIONS 204 with `Allow: OPTIONS, POST`, and HEAD 405 (it is only derived from a GET).
 */

const BASE_HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;
/** The same challenge for a missing, unknown, revoked or malformed token (RFC 6750). */
const CHALLENGE = 'Bearer realm="denshi-hosho-api"';
const log = logger('api');

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...BASE_HEADERS, ...headers } });
}

function error(code: ApiErrorCode, extra: { fields?: ApiFieldErrors; retryAfterSeconds?: number; message?: string } = {}, headers: Record<string, string> = {}) {
  const { status, body } = apiError(code, extra);
  return json(status, body, headers);
}

/** `Bearer <token>` (scheme case-insensitive, RFC 7235); anything else is no token. */
function bearerToken(request: Request): string | null {
  const match = /^Bearer +([^\s]+) *$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

/** application/json, optionally with charset=utf-8 (JSON is UTF-8: RFC 8259). */
function isJson(request: Request): boolean {
  const [type, ...params] = (request.headers.get('content-type') ?? '').split(';');
  if (type?.trim().toLowerCase() !== 'application/json') return false;
  return params.every((param) => {
    const [name, value] = param.split('=').map((part) => part.trim().toLowerCase());
    return name !== 'charset' || value === 'utf-8' || value === '"utf-8"';
  });
}

/** The body as UTF-8 text, read as a stream and abandoned as soon as it passes `max` bytes. */
async function readText(request: Request, max: number): Promise<{ ok: true; text: string } | { ok: false; code: 'PAYLOAD_TOO_LARGE' | 'INVALID_REQUEST' }> {
  const declared = request.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > max) return { ok: false, code: 'PAYLOAD_TOO_LARGE' };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, code: 'PAYLOAD_TOO_LARGE' };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, code: 'INVALID_REQUEST' };
  }
}

async function verify(request: Request): Promise<Response> {
  const db = await getDb();
  const token = bearerToken(request);
  const unauthenticated = () => error('UNAUTHENTICATED', {}, { 'WWW-Authenticate': CHALLENGE });
  if (!token || !TOKEN_PATTERN.test(token)) return unauthenticated();
  // A request the lookup never sees: the token still answers first (401 before 415, 413 or 400).
  const refuse = async (code: ApiErrorCode, fields?: ApiFieldErrors) => {
    const caller = await authenticateApiToken(db, token);
    if (!caller) return unauthenticated();
    noteRequestCaller(request.headers, { side: 'api', tokenId: caller.tokenId });
    return error(code, fields ? { fields } : {});
  };

  if (!isJson(request)) return refuse('UNSUPPORTED_MEDIA_TYPE');
  const body = await readText(request, VERIFICATION_BODY_MAX_BYTES);
  if (!body.ok) return refuse(body.code);
  const parsed = parseVerificationRequest(body.text);
  if (!parsed.ok) return refuse(parsed.code, parsed.fields);

  // The token is checked in the lookup's own database call (one round trip for the whole request).
  const looked = await lookupWithBearer(db, token, { number: parsed.value.contractNumber, key: parsed.value.authKey }, { secret: keySecret(), clientAddress: clientAddressFrom(request.headers) });
  if (!looked) return unauthenticated();
  noteRequestCaller(request.headers, { side: 'api', tokenId: looked.caller.tokenId });
  const result = looked.result;
  switch (result.status) {
    case 'found':
      return json(200, foundBody(result));
    case 'invalid':
      return error('INVALID_INPUT', { fields: toApiFieldErrors(result.fieldErrors) });
    case 'not-found':
      return error('NOT_FOUND');
    case 'throttled':
      return error('THROTTLED', { retryAfterSeconds: result.retryAfterSeconds, message: result.message }, { 'Retry-After': String(result.retryAfterSeconds) });
  }
}

export async function POST(request: Request): Promise<Response> {
  try {
    return await verify(request);
  } catch (failure) {
    // The error only: never the request, which carries the key.
    log.error('POST /api/v1/verifications failed', failure);
    return error('INTERNAL_ERROR');
  }
}
