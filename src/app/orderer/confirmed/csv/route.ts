import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { confirmedCsvFilename } from '@/domain/confirmations/csv';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { confirmedCsvChunks } from '@/domain/confirmations/list-confirmed';
import { streamResponse } from '@/lib/http';

/**
 * 確認済み一覧 as CSV (UTF-8 with a BOM, for Excel), with the page's search; every matching row,
 * streamed in batches (a prefecture's 50,000 rows never sit in memory at once). Only the orderer's
 * staff: contractors and officers get 404, the signed-out 401.
 */
export async function GET(request: Request) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const params = parseConfirmedParams(Object.fromEntries(new URL(request.url).searchParams));
  return streamResponse(confirmedCsvChunks(await getDb(), actor, params), confirmedCsvFilename(), 'text/csv; charset=utf-8');
}
