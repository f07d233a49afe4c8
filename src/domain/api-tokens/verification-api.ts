import { GUARANTEE_STATUS_LABEL } from '@/domain/labels';
import { z } from 'zod';
import type { CertificateContent } from '@/domain/certificates/content';
import type { LookupResult } from '@/domain/lookup/lookup';
import { LOOKUP_MESSAGES, waitMinutes } from '@/domain/lookup/messages';
import type { FieldErrors } from '@/domain/result';
import type { ChangeKind, GuaranteeStatus } from '@/generated/prisma/enums';

/**
 * POST /api/v1/verifications — the JSON API's request, answers and error codes, in one place for the
 * route (src/app/api/v1/verifications/route.ts), the OpenAPI document (openapi.ts) and the tests.
 * No Next imports: the route turns these plain values into Responses.
 */

/** The request body is read as text up to this many bytes; more answers 413. */
export const VERIFICATION_BODY_MAX_BYTES = 4096;
/** A field longer than this is refused as input (422) before the lookup; the lookup reads 100 characters. */
export const VERIFICATION_FIELD_MAX = 100;

/** The stable error codes and their HTTP status. Clients switch on `code`, never on the message. */
export const API_ERROR_STATUS = {
  INVALID_REQUEST: 400,
  UNAUTHENTICATED: 401,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_INPUT: 422,
  THROTTLED: 429,
  INTERNAL_ERROR: 500,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_STATUS;
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as ApiErrorCode[];

/** The Japanese message of each code (THROTTLED's names the wait; the lookup words it). */
export const API_ERROR_MESSAGES: Record<Exclude<ApiErrorCode, 'THROTTLED'>, string> = {
  INVALID_REQUEST: 'リクエストの形式が正しくありません。JSONオブジェクトで contractNumber と authKey を文字列として指定してください。',
  UNAUTHENTICATED: 'APIトークンが指定されていないか、無効です。Authorization ヘッダーに「Bearer 」に続けて有効なAPIトークンを指定してください。',
  NOT_FOUND: LOOKUP_MESSAGES.notFound,
  PAYLOAD_TOO_LARGE: `リクエストが大きすぎます。本文は${VERIFICATION_BODY_MAX_BYTES}バイト以内にしてください。`,
  UNSUPPORTED_MEDIA_TYPE: 'Content-Type には application/json を指定してください（文字コードは UTF-8）。',
  INVALID_INPUT: '入力内容に誤りがあります。fields の内容をご確認ください。',
  INTERNAL_ERROR: 'サーバーで問題が発生しました。しばらくしてからもう一度お試しください。',
};

export const throttledMessage = (retryAfterSeconds: number) => LOOKUP_MESSAGES.throttled(waitMinutes(retryAfterSeconds));

/** The API's field names; the lookup calls them number and key. */
export type ApiField = 'contractNumber' | 'authKey';
export type ApiFieldErrors = Partial<Record<ApiField, string[]>>;

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: string; fields?: ApiFieldErrors; retryAfterSeconds?: number };
}

export function apiError(code: ApiErrorCode, extra: { fields?: ApiFieldErrors; retryAfterSeconds?: number; message?: string } = {}): { status: number; body: ApiErrorBody } {
  const message = extra.message ?? (code === 'THROTTLED' ? throttledMessage(extra.retryAfterSeconds ?? 60) : API_ERROR_MESSAGES[code]);
  const error: ApiErrorBody['error'] = { code, message };
  if (extra.fields && Object.keys(extra.fields).length > 0) error.fields = extra.fields;
  if (extra.retryAfterSeconds !== undefined) error.retryAfterSeconds = extra.retryAfterSeconds;
  return { status: API_ERROR_STATUS[code], body: { error } };
}

/** 状態 as the orderer's screens show it. */
export { GUARANTEE_STATUS_LABEL };

const FIELD_TYPE_MESSAGES: Record<ApiField, string> = {
  contractNumber: 'contractNumber（保証契約番号）を文字列で指定してください。',
  authKey: 'authKey（認証キー）を文字列で指定してください。',
};

/** The body's shape: two strings; other members are ignored (z.object strips them). */
export const verificationRequestSchema = z.object(
  {
    contractNumber: z.string({ error: FIELD_TYPE_MESSAGES.contractNumber }),
    authKey: z.string({ error: FIELD_TYPE_MESSAGES.authKey }),
  },
  { error: API_ERROR_MESSAGES.INVALID_REQUEST },
);

export type ParsedRequest =
  | { ok: true; value: { contractNumber: string; authKey: string } }
  | { ok: false; code: 'INVALID_REQUEST' | 'INVALID_INPUT'; fields?: ApiFieldErrors };

/**
 * The body's text → the two strings. Not JSON, not an object, a member missing or of another type:
 * INVALID_REQUEST (400). A member longer than VERIFICATION_FIELD_MAX: INVALID_INPUT (422) with the
 * lookup's own format message — it cannot be a number or a key. Everything else (empty, bad check
 * digit, malformed key) is the lookup's to judge, so that it is logged like a clerk's attempt.
 */
export function parseVerificationRequest(text: string): ParsedRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, code: 'INVALID_REQUEST' };
  }
  const parsed = verificationRequestSchema.safeParse(json);
  if (!parsed.success) {
    const fields: ApiFieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'contractNumber' || field === 'authKey') fields[field] = [FIELD_TYPE_MESSAGES[field]];
    }
    return { ok: false, code: 'INVALID_REQUEST', fields };
  }
  const fields: ApiFieldErrors = {};
  if (parsed.data.contractNumber.length > VERIFICATION_FIELD_MAX) fields.contractNumber = [LOOKUP_MESSAGES.numberFormat];
  if (parsed.data.authKey.length > VERIFICATION_FIELD_MAX) fields.authKey = [LOOKUP_MESSAGES.keyFormat];
  if (Object.keys(fields).length > 0) return { ok: false, code: 'INVALID_INPUT', fields };
  return { ok: true, value: parsed.data };
}

/** The lookup's field errors (number, key) under the API's names. */
export function toApiFieldErrors(fieldErrors: FieldErrors): ApiFieldErrors {
  const out: ApiFieldErrors = {};
  if (fieldErrors.number?.length) out.contractNumber = fieldErrors.number;
  if (fieldErrors.key?.length) out.authKey = fieldErrors.key;
  return out;
}

export interface VerificationFoundBody {
  result: 'found';
  contractNumber: string;
  status: GuaranteeStatus;
  statusLabel: string;
  version: number;
  versions: { version: number; changeKind: ChangeKind; issuedOn: string; digest: string | null }[];
  certificate: CertificateContent;
  confirmationId: string;
  confirmedAt: string;
}

/** The 200 answer: the status now, every version (newest first) and the latest version's snapshot. */
export function foundBody(result: Extract<LookupResult, { status: 'found' }>): VerificationFoundBody {
  const latest = result.versions[0]!;
  return {
    result: 'found',
    contractNumber: result.number,
    status: result.guaranteeStatus,
    statusLabel: GUARANTEE_STATUS_LABEL[result.guaranteeStatus],
    version: latest.version,
    versions: result.versions.map((v) => ({ version: v.version, changeKind: v.changeKind, issuedOn: v.issuedOn, digest: v.digest })),
    certificate: latest.content,
    confirmationId: result.confirmationId,
    confirmedAt: result.confirmedAt.toISOString(),
  };
}
