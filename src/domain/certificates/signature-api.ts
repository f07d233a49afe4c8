import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { versionName } from '@/lib/wording';
import type { IssuedVersion } from './verification';

/**
 * GET /api/v1/signatures/<digest> (the JSON twin of /verify/<digest>): its error codes and messages
 * and the body of its answer, shared by the route and the OpenAPI document
 * (src/domain/api-tokens/openapi.ts) so that the two cannot drift apart.
 */

export const SIGNATURE_ERRORS = {
  INVALID_DIGEST: { status: 400, message: 'ダイジェストは16進数64桁（または先頭16桁）で指定してください。' },
  NOT_FOUND: { status: 404, message: 'このダイジェストの証書は発行されていません。' },
  AMBIGUOUS: { status: 409, message: '先頭16桁が一致する証書が複数あります。64桁すべてで指定してください。' },
} as const;

export type SignatureErrorCode = keyof typeof SIGNATURE_ERRORS;

export const SIGNATURE_ERROR_CODES = Object.keys(SIGNATURE_ERRORS) as SignatureErrorCode[];

export const signatureErrorBody = (code: SignatureErrorCode) => ({ error: { code, message: SIGNATURE_ERRORS[code].message } });

/** The 200 answer: what the public page shows, as data (no names, amounts, keys). */
export function signatureBody(answer: IssuedVersion) {
  return {
    result: 'issued' as const,
    digest: answer.digest,
    contractNumber: answer.number,
    version: answer.version,
    versionName: versionName(answer.version, answer.changed),
    changed: answer.changed,
    superseded: answer.superseded,
    latestVersion: {
      version: answer.latest.version,
      name: versionName(answer.latest.version, answer.latest.changed),
      changed: answer.latest.changed,
      issuedOn: answer.latest.issuedOn,
    },
    status: answer.status,
    statusLabel: GUARANTEE_STATUS_LABEL[answer.status],
    cancelledOn: answer.cancelledOn,
    recordedChangesAfterLatest: answer.recordedChangesAfterLatest.map((changeContractDate) => ({ changeContractDate })),
    issuedOn: answer.issuedOn,
    verified: answer.intact,
    digestMatches: answer.check.digestMatches,
    signature: {
      algorithm: 'Ed25519' as const,
      keyId: answer.signingKeyId,
      value: answer.signature,
      valid: answer.check.signatureValid,
      keyKnown: answer.check.keyKnown,
    },
  };
}
