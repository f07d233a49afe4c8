import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { assertAdmin } from '../system';

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
