import 'server-only';
import type { getOrganization } from '@/domain/organizations/queries';
import { LIMIT_FIELDS, ROUTE_FIELDS } from '@/domain/organizations/save-orderer';
import type { OrdererInput } from '@/domain/organizations/schemas';
import { formatListDate } from '@/lib/dates';
import { STANDARD_LIMITS, STANDARD_SUBJECT_TEMPLATE } from '@/domain/organizations/standard-rules';

type Orderer = Awaited<ReturnType<typeof getOrganization>>;

/**
 * A new orderer starts with the limits of the standard public-works contract (前払金 ≤ 4/10 for 工事,
 * ≤ 3/10 for コンサル; 中間前払金 ≤ 2/10; 契約保証 ≥ 1/10) and a subject line using every placeholder;
 * 電子交付 stays closed until the officer enters its start date.
 */
export const NEW_ORDERER_DEFAULTS: Partial<OrdererInput> = {
  electronicWorkTypes: ['WORKS', 'CONSULTING'],
  subjectTemplate: STANDARD_SUBJECT_TEMPLATE,
  printoutAccepted: false,
  ...STANDARD_LIMITS,
  routeAdvance: 'WORKS_DEPARTMENT',
  routeIntermediate: 'WORKS_DEPARTMENT',
  routeContract: 'WORKS_DEPARTMENT',
  intermediateRequiresCertification: false,
  certificationRoute: 'WORKS_DEPARTMENT',
};

/** The stored orderer, its rules, limits and routing as the edit form's values. */
export function ordererFormDefaults(org: Orderer): Partial<OrdererInput> {
  const rules = org.ordererRules;
  const values: Partial<OrdererInput> = {
    name: org.name,
    certificateName: org.certificateName ?? undefined,
    address: org.address ?? undefined,
    phone: org.phone ?? undefined,
    electronicFrom: rules?.electronicFrom ? formatListDate(rules.electronicFrom) : undefined,
    electronicWorkTypes: rules?.electronicWorkTypes ?? [],
    subjectTemplate: rules?.subjectTemplate,
    printoutAccepted: rules?.printoutAccepted ?? false,
    intermediateRequiresCertification: rules?.intermediateRequiresCertification ?? false,
    certificationRoute: rules?.certificationRoute === 'FIXED_DEPARTMENT' && rules.certificationDepartmentId ? rules.certificationDepartmentId : 'WORKS_DEPARTMENT',
    limitAdvanceCombined:
      rules?.combinedAdvanceNumerator && rules.combinedAdvanceDenominator ? `${rules.combinedAdvanceNumerator}/${rules.combinedAdvanceDenominator}` : undefined,
  };
  for (const limit of LIMIT_FIELDS) {
    const row = org.limits.find(
      (l) => l.guaranteeKind === limit.guaranteeKind && l.workType === limit.workType && l.bound === limit.bound,
    );
    values[limit.field] = row ? `${row.numerator}/${row.denominator}` : undefined;
  }
  for (const route of ROUTE_FIELDS) {
    const row = org.routes.find((r) => r.guaranteeKind === route.guaranteeKind);
    values[route.field] = row?.target === 'FIXED_DEPARTMENT' && row.departmentId ? row.departmentId : 'WORKS_DEPARTMENT';
  }
  return values;
}
