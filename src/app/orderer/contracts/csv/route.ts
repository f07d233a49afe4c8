import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { contractsCsvFilename } from '@/domain/contracts/csv';
import { parseContractListParams } from '@/domain/contracts/list-params';
import { contractsCsvChunks } from '@/domain/contracts/queries';
import { streamResponse } from '@/lib/http';

/**
 * 契約台帳 as CSV (UTF-8 with a BOM, for Excel; the import's columns, so it reads back), with the
 * list's search, streamed in batches. Only the orderer's staff: other sides 404, the signed-out 401.
 */
export async function GET(request: Request) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const params = parseContractListParams(Object.fromEntries(new URL(request.url).searchParams));
  return streamResponse(contractsCsvChunks(await getDb(), actor, params), contractsCsvFilename(), 'text/csv; charset=utf-8');
}
