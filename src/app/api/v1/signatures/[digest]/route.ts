import { publishedKeyMap } from '@/config/signing-key';
import { getDb } from '@/db/client';
import { SIGNATURE_ERRORS, signatureBody, signatureErrorBody, type SignatureErrorCode } from '@/domain/certificates/signature-api';
import { findIssuedDigest } from '@/domain/certificates/verification';

/**
 * GET /api/v1/signatures/<digest> — public, no token: whether the portal issued a certificate version
 * with this SHA-256 digest (64 hex, or the printed 16-hex short form), with its number, version,
 * status, issue date and whether content and signature check, and whether it is still current (a
 * later version, the guarantee's status now, changes recorded without a certificate). Errors are
 * `{ error: { code, message } }`: 400 INVALID_DIGEST, 404 NOT_FOUND, 409 AMBIGUOUS (a short form shared
 * by two versions). Body and codes: src/domain/certificates/signature-api.ts (also the OpenAPI document's).
 */

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

const error = (code: SignatureErrorCode) => Response.json(signatureErrorBody(code), { status: SIGNATURE_ERRORS[code].status, headers: HEADERS });

export async function GET(_request: Request, { params }: RouteContext<'/api/v1/signatures/[digest]'>): Promise<Response> {
  const { digest } = await params;
  // Next hands route handlers the segment already decoded: decoding it again would throw on a `%`
  // (`/signatures/%25ff` → `%ff`), and a digest never holds one.
  const answer = await findIssuedDigest(await getDb(), digest.slice(0, 200), publishedKeyMap());
  if (answer.result === 'invalid') return error('INVALID_DIGEST');
  if (answer.result === 'not-found') return error('NOT_FOUND');
  if (answer.result === 'ambiguous') return error('AMBIGUOUS');
  return Response.json(signatureBody(answer), { headers: HEADERS });
}
