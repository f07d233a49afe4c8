import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { confirmedCsvFilename } from '@/domain/confirmations/csv';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { confirmedCsv } from '@/domain/confirmations/list-confirmed';
import { fileResponse } from '@/lib/http';

/**
 * 確認済み一覧 as CSV (UTF-8 with a BOM, for Excel), with the page's search; every matching row. Only
 * the orderer's staff: contractors and officers get 404, the signed-out 401.
 */
export async function GET(request: Request) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const params = parseConfirmedParams(Object.fromEntries(new URL(request.url).searchParams));
  const csv = await confirmedCsv(await getDb(), actor, params);
  return fileResponse(new TextEncoder().encode(csv), confirmedCsvFilename(), 'text/csv; charset=utf-8');
}
