import { keySecret } from '@/config/secrets';
import { getDb } from '@/db/client';
import { authKeyMatches } from '@/domain/guarantees/auth-key';
import { checkContractNumber } from '@/domain/guarantees/contract-number';

/**
 * The bench's reference (a): the framework's ceiling for a lookup — the same indexed read and HMAC
 * comparison as POST /api/v1/verifications, and nothing else (no token, no throttling, no log). With
 * `?durable=1`, reference (c): the same plus the one durable write every lookup must make — its log
 * row (照会記録), inserted in the same statement, so that the statement's commit waits for its WAL flush
 * (decision 063: the floor a lookup cannot go below on this machine). It exists only when the server
 * was started by `npm run bench` (PORTAL_BENCH_MODE=1); otherwise 404.
 */
export async function POST(request: Request) {
  if (process.env.PORTAL_BENCH_MODE !== '1') return new Response(null, { status: 404 });
  // (The same statement as the lookup's read: see lookup_certificate in prisma/migrations/.)
  const body = (await request.json().catch(() => ({}))) as { contractNumber?: unknown; authKey?: unknown };
  const check = checkContractNumber(typeof body.contractNumber === 'string' ? body.contractNumber : '');
  const db = await getDb();
  const rows = !check.ok
    ? []
    : new URL(request.url).searchParams.get('durable') === '1'
      ? await db.$queryRaw<{ keyHash: string | null }[]>`
          WITH logged AS (
            INSERT INTO "LookupAttempt" ("id", "numberInput", "outcome", "createdAt")
            VALUES (gen_random_uuid(), ${check.number}, 'NOT_FOUND', CAST(now() AT TIME ZONE 'UTC' AS timestamp(3))) RETURNING 1)
          SELECT k."keyHash" FROM (SELECT 1) AS one
          LEFT JOIN "Guarantee" g ON g."number" = CAST(${check.number} AS char(10))
          LEFT JOIN "AuthKey" k ON k."guaranteeId" = g."id" AND k."revokedAt" IS NULL
          WHERE EXISTS (SELECT 1 FROM logged)`
      : await db.$queryRaw<{ keyHash: string | null }[]>`
          SELECT k."keyHash" FROM (SELECT 1) AS one
          LEFT JOIN "Guarantee" g ON g."number" = CAST(${check.number} AS char(10))
          LEFT JOIN "AuthKey" k ON k."guaranteeId" = g."id" AND k."revokedAt" IS NULL`;
  const hashes = rows.map((r) => r.keyHash).filter((h): h is string => h !== null);
  let matched = false;
  for (const hash of hashes.length ? hashes : [null]) matched = authKeyMatches(keySecret(), typeof body.authKey === 'string' ? body.authKey : '', hash) || matched;
  return Response.json({ matched }, { status: matched ? 200 : 404, headers: { 'Cache-Control': 'no-store' } });
}
