import 'server-only';
import type { Db } from '@/db/client';
import { computePremium, periodDays, type PremiumComputation } from '@/domain/premium/calculate';
import { findRateTableInForce } from '@/domain/premium/rate-tables';
import { dbDateToIso } from '@/lib/dates';
import type { ApplicationDetail } from './queries';

/**
 * The 保証料 an application would get if concluded on `today`, from the rate table in force that
 * day (the same computation the conclusion runs). 'incomplete' when amount or period is missing.
 */
export async function estimatePremium(db: Db, app: ApplicationDetail, today: string): Promise<PremiumComputation | 'incomplete' | 'no-table'> {
  if (!app.guaranteeKind || app.guaranteeAmount === null || !app.guaranteeStart || !app.guaranteeEnd) return 'incomplete';
  const days = periodDays(dbDateToIso(app.guaranteeStart), dbDateToIso(app.guaranteeEnd));
  if (days < 1) return 'incomplete';
  const table = await findRateTableInForce(db, app.guaranteeKind, today);
  if (!table) return 'no-table';
  return computePremium(table, { guaranteeAmount: app.guaranteeAmount, periodDays: days });
}
