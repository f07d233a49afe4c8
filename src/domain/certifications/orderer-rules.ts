import 'server-only';
import type { Db, Tx } from '@/db/client';
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

export async function loadCertificationRules(db: Db | Tx, ordererId: string): Promise<CertificationRules> {
  const org = await db.organization.findUniqueOrThrow({
    where: { id: ordererId },
    select: {
      name: true,
      certificateName: true,
      ordererRules: { select: { certificationRoute: true, certificationDepartmentId: true, combinedAdvanceNumerator: true, combinedAdvanceDenominator: true } },
      limits: { where: { guaranteeKind: 'INTERMEDIATE', bound: 'MAX', OR: [{ workType: 'WORKS' }, { workType: null }] }, select: { workType: true, numerator: true, denominator: true } },
    },
  });
  const limit = org.limits.find((l) => l.workType === 'WORKS') ?? org.limits.find((l) => l.workType === null);
  const r = org.ordererRules;
  return {
    name: org.name,
    certifierName: org.certificateName ?? org.name,
    intermediateLimit: limit && limit.denominator > 0 ? { numerator: limit.numerator, denominator: limit.denominator } : null,
    combinedLimit:
      r?.combinedAdvanceNumerator && r.combinedAdvanceDenominator ? { numerator: r.combinedAdvanceNumerator, denominator: r.combinedAdvanceDenominator } : null,
    route: r?.certificationRoute ?? 'WORKS_DEPARTMENT',
    fixedDepartmentId: r?.certificationDepartmentId ?? null,
  };
}
