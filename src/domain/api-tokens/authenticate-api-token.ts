import 'server-only';
import type { Db } from '@/db/client';
import { hashApiToken, LAST_USED_RESOLUTION_MS, TOKEN_PATTERN } from './tokens';

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
