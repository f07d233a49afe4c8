import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { searchMemberCompanies } from '@/domain/joint-ventures/queries';

/**
 * The company box of the 共同企業体 form (decision 065): `?q=` a part of a company's name or kana;
 * answers `{ companies: [{ id, name }], more }`, at most 20 active contractors. Officers only (anyone
 * else: 404, the signed-out 401, as for the officers' other routes). Never stored: it answers what the
 * companies are now.
 */
export async function GET(request: Request) {
  const actor = await requireRouteActor('admin');
  if (actor instanceof Response) return actor;
  const q = new URL(request.url).searchParams.get('q') ?? '';
  const result = await searchMemberCompanies(await getDb(), actor, q);
  return Response.json(result, { headers: { 'Cache-Control': 'no-store' } });
}
