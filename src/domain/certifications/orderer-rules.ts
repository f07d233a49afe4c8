import 'server-only';
import type { Db, Tx } from '@/db/client';
import { ordererLimit } from '@/domain/applications/rules';
import { loadOrdererRuleSet } from '@/domain/applications/ruleset';
import type { RouteTarget } from '@/generated/prisma/enums';
import type { Ratio } from './labels';

/** What an orderer's rules say about the 中間前払金 認定 (D13, D15, D16): its bounds and who certifies. */
export interface CertificationRules {
  name: string;
  /** 認定権者 as printed: the 証書上の名称 (大村市長), else the name. */
  certifierName: string;
  /** 中間前払金 ≤ this share of the 請負金額 (the INTERMEDIATE MAX limit for 工事, else for every kind of work). */
  intermediateLimit: Ratio | null;
  /** 前払金 + 中間前払金 ≤ this share of the 請負金額. */
  combinedLimit: Ratio | null;
  route: RouteTarget;
  fixedDepartmentId: string | null;
}

/**
 * The orderer's rules for the 認定, or null when it is no active orderer (loadOrdererRuleSet's filter):
 * the INTERMEDIATE MAX limit chosen as every application's bound is (ordererLimit: for 工事, else for
 * every kind of work), the combined bound, the route, and the 証書上の名称.
 */
export async function loadCertificationRules(db: Db | Tx, ordererId: string): Promise<CertificationRules | null> {
  const ruleSet = await loadOrdererRuleSet(db, ordererId);
  if (!ruleSet) return null;
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ordererId },
    select: {
      certificateName: true,
      ordererRules: { select: { certificationRoute: true, certificationDepartmentId: true, combinedAdvanceNumerator: true, combinedAdvanceDenominator: true } },
    },
  });
  const r = org.ordererRules;
  return {
    name: ruleSet.name,
    certifierName: org.certificateName ?? ruleSet.name,
    intermediateLimit: ordererLimit(ruleSet, 'INTERMEDIATE', 'MAX', 'WORKS'),
    combinedLimit:
      r?.combinedAdvanceNumerator && r.combinedAdvanceDenominator ? { numerator: r.combinedAdvanceNumerator, denominator: r.combinedAdvanceDenominator } : null,
    route: r?.certificationRoute ?? 'WORKS_DEPARTMENT',
    fixedDepartmentId: r?.certificationDepartmentId ?? null,
  };
}
