import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { readUnconfirmedDays, unconfirmedGuarantees } from '@/domain/contracts/match-report';
import { unconfirmedCsvFilename, unconfirmedCsvText } from '@/domain/contracts/report-csv';
import { todayInTokyo } from '@/lib/dates';
import { fileResponse } from '@/lib/http';

/**
 * 保証未確認 as CSV (UTF-8 with a BOM, for Excel; formula cells neutralised), with the page's `days`.
 * Only the orderer's staff: other sides 404, the signed-out 401.
 */
export async function GET(request: Request) {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const { days } = readUnconfirmedDays(new URL(request.url).searchParams.get('days') ?? undefined);
  const rows = await unconfirmedGuarantees(await getDb(), actor, days, todayInTokyo());
  return fileResponse(new TextEncoder().encode(unconfirmedCsvText(rows)), unconfirmedCsvFilename(), 'text/csv; charset=utf-8');
}
