import { requireRouteActor } from '@/auth/guards';
import { getDb } from '@/db/client';
import { matchReport } from '@/domain/contracts/match-report';
import { reportCsvFilename, reportCsvText } from '@/domain/contracts/report-csv';
import { todayInTokyo } from '@/lib/dates';
import { fileResponse } from '@/lib/http';

/**
 * 照合結果の一覧 as CSV (UTF-8 with a BOM, for Excel; formula cells neutralised): every line. Only the
 * orderer's staff: other sides 404, the signed-out 401.
 */
export async function GET() {
  const actor = await requireRouteActor('orderer');
  if (actor instanceof Response) return actor;
  const report = await matchReport(await getDb(), actor, todayInTokyo());
  return fileResponse(new TextEncoder().encode(reportCsvText(report.lines)), reportCsvFilename(), 'text/csv; charset=utf-8');
}
