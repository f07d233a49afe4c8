import { publishedKeyMap } from '@/config/signing-key';
import { getDb } from '@/db/client';
import { findIssuedDigest } from '@/domain/certificates/verification';
import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';

/**
 * GET /api/v1/signatures/<digest> — public, no token: whether the portal issued a certificate version
 * with this SHA-256 digest (64 hex, or the printed 16-hex short form), with its number, version,
 * status, issue date and whether content and signature check. Errors are `{ error: { code, message } }`:
 * 400 INVALID_DIGEST, 404 NOT_FOUND, 409 AMBIGUOUS (a short form shared by two versions).
 */

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

const ERRORS = {
  INVALID_DIGEST: { status: 400, message: 'ダイジェストは16進数64桁（または先頭16桁）で指定してください。' },
  NOT_FOUND: { status: 404, message: 'このダイジェストの証書は発行されていません。' },
  AMBIGUOUS: { status: 409, message: '先頭16桁が一致する証書が複数あります。64桁すべてで指定してください。' },
} as const;

const error = (code: keyof typeof ERRORS) =>
  Response.json({ error: { code, message: ERRORS[code].message } }, { status: ERRORS[code].status, headers: HEADERS });

export async function GET(_request: Request, { params }: RouteContext<'/api/v1/signatures/[digest]'>): Promise<Response> {
  const { digest } = await params;
  const answer = await findIssuedDigest(await getDb(), decodeURIComponent(digest).slice(0, 200), publishedKeyMap());
  if (answer.result === 'invalid') return error('INVALID_DIGEST');
  if (answer.result === 'not-found') return error('NOT_FOUND');
  if (answer.result === 'ambiguous') return error('AMBIGUOUS');
  return Response.json(
    {
      result: 'issued',
      digest: answer.digest,
      contractNumber: answer.number,
      version: answer.version,
      changed: answer.changed,
      status: answer.status,
      statusLabel: GUARANTEE_STATUS_LABEL[answer.status],
      issuedOn: answer.issuedOn,
      verified: answer.intact,
      digestMatches: answer.check.digestMatches,
      signature: {
        algorithm: 'Ed25519',
        keyId: answer.signingKeyId,
        value: answer.signature,
        valid: answer.check.signatureValid,
        keyKnown: answer.check.keyKnown,
      },
    },
    { headers: HEADERS },
  );
}
