/**
 * GET /api/health — liveness (decision 052): 200 `{"status":"ok"}` while the process serves requests.
 * It touches nothing else (no database, no secret), so a load balancer or an orchestrator restarts the
 * process only when the process itself is stuck; whether it can do its work is GET /api/ready.
 * No sign-in, never cached. HEAD is Next's, from this GET; every other method answers 405.
 */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
}
