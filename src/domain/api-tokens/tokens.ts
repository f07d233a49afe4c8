import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { apiTokenSchema, type ApiTokenInput } from './schemas';

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
const TOKEN_PATTERN = /^dhp_[A-Za-z0-9_-]{43}$/;

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

/**
 * Issues a token for an active orderer. The plain token is in the answer and nowhere else; the
 * row (hash only) and its audit row commit together.
 */
export async function issueApiToken(
  db: Db,
  actor: Actor,
  ordererId: string,
  input: ApiTokenInput,
): Promise<Result<{ id: string; name: string; token: string; createdAt: Date }>> {
  assertAdmin(actor);
  const parsed = apiTokenSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const { name } = parsed.data;
  const token = generateApiToken();
  return db.$transaction(async (tx) => {
    const orderer = await tx.organization.findUnique({ where: { id: ordererId }, select: { kind: true, active: true } });
    if (!orderer || orderer.kind !== 'ORDERER') throw new AppError('NOT_FOUND', `orderer ${ordererId}`);
    if (!orderer.active) return fail({ '': [API_TOKEN_MESSAGES.ordererInactive] });
    const created = await tx.apiToken.create({
      data: { organizationId: ordererId, name, tokenHash: hashApiToken(token), createdById: actor.userId },
      select: { id: true, createdAt: true },
    });
    await writeAudit(tx, actor, 'api-token.issue', { type: 'apiToken', id: created.id }, { ordererId, name });
    return ok({ id: created.id, name, token, createdAt: created.createdAt });
  });
}

export interface ApiTokenRow {
  id: string;
  name: string;
  createdAt: Date;
  createdBy: { name: string; loginId: string } | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** An orderer's tokens for its admin page: usable ones first, newest first; never a hash. */
export async function listApiTokens(db: Db, actor: Actor, ordererId: string): Promise<ApiTokenRow[]> {
  assertAdmin(actor);
  const orderer = await db.organization.findUnique({ where: { id: ordererId }, select: { kind: true } });
  if (!orderer || orderer.kind !== 'ORDERER') throw new AppError('NOT_FOUND', `orderer ${ordererId}`);
  const rows = await db.apiToken.findMany({
    where: { organizationId: ordererId },
    orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'asc' }],
    select: { id: true, name: true, createdAt: true, createdById: true, lastUsedAt: true, revokedAt: true },
  });
  // ApiToken.createdById has no relation in the schema: the creators are read in one query.
  const creatorIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => id !== null))];
  const creators = new Map(
    (creatorIds.length ? await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true, loginId: true } }) : []).map((u) => [
      u.id,
      { name: u.name, loginId: u.loginId },
    ]),
  );
  return rows.map(({ createdById, ...row }) => ({ ...row, createdBy: createdById ? (creators.get(createdById) ?? null) : null }));
}

/**
 * 無効にする: the token stops working at its next request. Revoking an already revoked token changes
 * nothing (a double click, two officers) and writes no second audit row.
 */
export async function revokeApiToken(
  db: Db,
  actor: Actor,
  tokenId: string,
): Promise<{ organizationId: string; revokedAt: Date; alreadyRevoked: boolean }> {
  assertAdmin(actor);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const changed = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: now } });
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { organizationId: true, revokedAt: true, name: true } });
    if (!token) throw new AppError('NOT_FOUND', `api token ${tokenId}`);
    if (changed.count > 0) {
      await writeAudit(tx, actor, 'api-token.revoke', { type: 'apiToken', id: tokenId }, { ordererId: token.organizationId, name: token.name });
    }
    return { organizationId: token.organizationId, revokedAt: token.revokedAt ?? now, alreadyRevoked: changed.count === 0 };
  });
}

export interface ApiCaller {
  tokenId: string;
  organizationId: string;
}

/**
 * The caller behind a bearer token, or null — one answer for a malformed, unknown or revoked token
 * and for a token of an inactive (or no longer ORDERER) organisation.
 *
 * Work: a malformed value (not `dhp_` + 43 base64url characters) is refused before the database —
 * the format is public, so that reveals nothing. Any well-formed value costs the same: one SHA-256
 * and one read by the unique index on tokenHash. Comparing inside the index is not a timing leak:
 * the caller cannot choose the hash's bytes, so learning "how much of the hash matched" gives no
 * handle on any real token.
 *
 * lastUsedAt is updated at most once a minute per token: a conditional UPDATE (…WHERE lastUsedAt is
 * older than a minute) only when the value read is older than that. Writing on every call would
 * turn each verification — a read — into a write on one hot row (a row lock every concurrent call
 * of the same system queues on, WAL and dead tuples for each request); a minute's precision is
 * plenty to tell whether a system still uses its token. The condition in the UPDATE makes
 * concurrent calls write once between them.
 */
export async function authenticateApiToken(db: Db, bearer: string, now = new Date()): Promise<ApiCaller | null> {
  if (typeof bearer !== 'string' || !TOKEN_PATTERN.test(bearer)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(bearer) },
    select: { id: true, organizationId: true, revokedAt: true, lastUsedAt: true, organization: { select: { kind: true, active: true } } },
  });
  if (!row || row.revokedAt !== null || row.organization.kind !== 'ORDERER' || !row.organization.active) return null;
  const staleBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (row.lastUsedAt === null || row.lastUsedAt < staleBefore) {
    await db.apiToken.updateMany({
      where: { id: row.id, revokedAt: null, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
      data: { lastUsedAt: now },
    });
  }
  return { tokenId: row.id, organizationId: row.organizationId };
}
