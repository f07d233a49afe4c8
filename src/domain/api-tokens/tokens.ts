import { createHash, randomBytes } from 'node:crypto';

/**
 * API tokens: an orderer's e-contract or finance system verifies 保証契約番号 + 認証キー through the
 * JSON API (POST /api/v1/verifications) with `Authorization: Bearer <token>`. Officers issue and
 * revoke them on the orderer's admin page; a token belongs to one ORDERER organisation and sees
 * exactly what that orderer's clerks see.
 *
 * The token: `dhp_` + 32 bytes from the CSPRNG in base64url (43 characters, 256 bits). The prefix
 * makes a leaked token recognisable (secret scanners, logs) and lets a malformed header be refused
 * without touching the database.
 *
 * Storage: only SHA-256 of the whole token (hex) in `ApiToken.tokenHash` (unique index). A fast,
 * unsalted hash is right here, unlike for passwords: the secret has 256 bits of entropy, so no
 * dictionary or brute force can invert it however fast the hash; a slow KDF (argon2) would add CPU
 * work to every API call — and to every unauthenticated request anyone can send — for no security
 * gain, and a salt would prevent finding the row by its hash. The plain token is returned once,
 * to the officer who issued it, and is never stored, logged or audited.
 */
export const API_TOKEN_PREFIX = 'dhp_';
const TOKEN_BYTES = 32;
export const TOKEN_PATTERN = /^dhp_[A-Za-z0-9_-]{43}$/;

/** lastUsedAt is written at most once per this many milliseconds per token (see authenticateApiToken). */
export const LAST_USED_RESOLUTION_MS = 60_000;

export const API_TOKEN_MESSAGES = {
  ordererInactive: 'この発注者は無効になっているため、APIトークンを発行できません。',
  confirmRevoke: '無効にする場合は、確認のチェックを入れてください。',
} as const;

/** SHA-256 (hex) of the whole token, as stored in tokenHash. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}
