import { READINESS_CHECKS, sharedReadiness } from '@/domain/readiness/readiness';

/**
 * GET /api/ready — readiness (decision 052): 200 `{"status":"ready","checks":[…]}` when the database answers within
 * 2 s, every migration in prisma/migrations is applied as written, and AUTH_SECRET, KEY_SECRET and the
 * signing key load; else 503 `{"status":"not-ready","problems":[{"check","message"}]}` naming each
 * problem in plain words (src/domain/readiness/readiness.ts: never a secret, a connection string or a
 * stack). No sign-in, never cached by a client; concurrent probes share one check, whose answer is
 * reused for 1 s (a flood of probes costs the database one query a second at most). HEAD is Next's, from this GET; every other method answers 405.
 * Once the instance has begun to stop (SIGTERM, decision 057): 503 with the one problem `stopping`.
 */
export const dynamic = 'force-dynamic';

const HEADERS = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } as const;

export async function GET(): Promise<Response> {
  const result = await sharedReadiness();
  if (result.ready) return Response.json({ status: 'ready', checks: READINESS_CHECKS }, { headers: HEADERS });
  return Response.json({ status: 'not-ready', problems: result.problems }, { status: 503, headers: HEADERS });
}
