import 'server-only';
import type { KeyObject } from 'node:crypto';
import type { Db } from '@/db/client';
import { hashAuthKey, unsealAuthKey } from '../guarantees/auth-key';
import { isIntact, verifyVersion } from './signature';

/**
 * After a restore (npm run restore): whether the secrets configured now are the ones the data was made
 * with (decision 055). Nothing in the backup names them; the data itself tells:
 * - KEY_SECRET: a sealed 認証キー opens with it and hashes to its stored lookup hash;
 * - the signing keys: every key id the certificate versions name is published (SIGNING_KEY, or
 *   SIGNING_RETIRED_KEYS), and the newest versions verify under it.
 * Returns what does not match, in words an operator acts on; empty when all is well.
 */
export async function checkSecretsAgainstData(
  db: Db,
  secrets: { keySecret: string | null; publicKeys: ReadonlyMap<string, KeyObject> },
  sample = 20,
): Promise<string[]> {
  const problems: string[] = [];

  const keys = await db.authKey.findMany({
    where: { sealed: { not: null } },
    select: { guaranteeId: true, keyHash: true, sealed: true },
    orderBy: { issuedAt: 'desc' },
    take: sample,
  });
  if (keys.length > 0) {
    if (!secrets.keySecret) {
      problems.push('KEY_SECRET is missing: give the value (or the key-secret file) the backup was made with, or no issued 認証キー opens a lookup.');
    } else {
      const opens = keys.filter((k) => {
        try {
          return hashAuthKey(secrets.keySecret!, unsealAuthKey(secrets.keySecret!, k.sealed!, k.guaranteeId)) === k.keyHash;
        } catch {
          return false;
        }
      });
      if (opens.length < keys.length) {
        problems.push(
          `KEY_SECRET differs from the one the data was made with (${keys.length - opens.length} of the ${keys.length} newest 認証キー do not open): ` +
            'set the old value (or copy the old key-secret file into DATA_DIR) before starting the portal.',
        );
      }
    }
  }

  const keyIds = await db.certificateVersion.groupBy({ by: ['signingKeyId'], where: { signingKeyId: { not: null } }, _count: { _all: true } });
  const unknown = keyIds.filter((k) => !secrets.publicKeys.has(k.signingKeyId!));
  for (const k of unknown) {
    problems.push(
      `${k._count._all} certificate version(s) are signed by key ${k.signingKeyId}, which is not configured: set SIGNING_KEY to that key ` +
        '(or copy the old signing-key.pem into DATA_DIR), or publish its public key in SIGNING_RETIRED_KEYS, or those versions no longer verify.',
    );
  }
  const newest = await db.certificateVersion.findMany({
    where: { signature: { not: null } },
    select: { content: true, digest: true, signature: true, signingKeyId: true },
    orderBy: { createdAt: 'desc' },
    take: sample,
  });
  const broken = newest.filter((v) => secrets.publicKeys.has(v.signingKeyId ?? '') && !isIntact(verifyVersion(v, secrets.publicKeys)));
  if (broken.length > 0) {
    problems.push(`${broken.length} of the ${newest.length} newest certificate versions do not verify: the backup or the configured signing keys are not the right ones.`);
  }
  return problems;
}
