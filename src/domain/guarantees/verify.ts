import 'server-only';
import type { Db, Tx } from '@/db/client';
import { authKeyMatches } from './auth-key';
import { checkContractNumber } from './contract-number';

/**
 * Whether `typedKey` is the current 認証キー of the guarantee `numberInput`. The same work whatever
 * the answer: a key hash is computed even when the number does not exist or has no active key, and
 * compared in constant time. Revoked (reissued) keys never match. The orderer's lookup builds on this.
 */
export async function currentKeyMatches(db: Db | Tx, numberInput: string, typedKey: string, secret: string): Promise<{ guaranteeId: string } | null> {
  const check = checkContractNumber(numberInput);
  const row = check.ok
    ? await db.guarantee.findUnique({
        where: { number: check.number },
        select: { id: true, authKeys: { where: { revokedAt: null }, select: { keyHash: true } } },
      })
    : null;
  const hashes = row?.authKeys.map((k) => k.keyHash) ?? [];
  let matched = false;
  for (const hash of hashes.length ? hashes : [null]) matched = authKeyMatches(secret, typedKey, hash) || matched;
  return matched && row ? { guaranteeId: row.id } : null;
}
