import 'server-only';
import type { Db, Tx } from '@/db/client';
import { dbDateToIso } from '@/lib/dates';
import type { OrdererRuleSet } from './rules';

/** An orderer's rules as the pure rule module takes them; null when it is no active orderer. */
export async function loadOrdererRuleSet(db: Db | Tx, ordererId: string): Promise<(OrdererRuleSet & { id: string }) | null> {
  const org = await db.organization.findFirst({
    where: { id: ordererId, kind: 'ORDERER', active: true },
    include: { ordererRules: true, limits: true },
  });
  if (!org) return null;
  return {
    id: org.id,
    name: org.name,
    electronicFrom: org.ordererRules?.electronicFrom ? dbDateToIso(org.ordererRules.electronicFrom) : null,
    electronicWorkTypes: org.ordererRules?.electronicWorkTypes ?? [],
    intermediateRequiresCertification: org.ordererRules?.intermediateRequiresCertification ?? false,
    combinedLimit:
      org.ordererRules?.combinedAdvanceNumerator && org.ordererRules.combinedAdvanceDenominator
        ? { numerator: org.ordererRules.combinedAdvanceNumerator, denominator: org.ordererRules.combinedAdvanceDenominator }
        : null,
    limits: org.limits.map((l) => ({
      guaranteeKind: l.guaranteeKind,
      workType: l.workType,
      bound: l.bound,
      numerator: l.numerator,
      denominator: l.denominator,
    })),
  };
}
