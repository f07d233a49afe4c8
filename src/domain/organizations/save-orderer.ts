import 'server-only';
import type { Db } from '@/db/client';
import type { Prisma } from '@/generated/prisma/client';
import type { GuaranteeKind, LimitBound, WorkType } from '@/generated/prisma/enums';
import { isoDateToDb } from '@/lib/dates';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { ordererSchema, type OrdererInput } from './schemas';

/** The four limits the form edits; other rows an orderer may have are left as they are. */
export const LIMIT_FIELDS = [
  { field: 'limitAdvanceWorks', guaranteeKind: 'ADVANCE', workType: 'WORKS', bound: 'MAX' },
  { field: 'limitAdvanceConsulting', guaranteeKind: 'ADVANCE', workType: 'CONSULTING', bound: 'MAX' },
  { field: 'limitIntermediate', guaranteeKind: 'INTERMEDIATE', workType: null, bound: 'MAX' },
  { field: 'limitContractMin', guaranteeKind: 'CONTRACT', workType: null, bound: 'MIN' },
] as const satisfies readonly {
  field: string;
  guaranteeKind: GuaranteeKind;
  workType: WorkType | null;
  bound: LimitBound;
}[];

export const ROUTE_FIELDS = [
  { field: 'routeAdvance', guaranteeKind: 'ADVANCE' },
  { field: 'routeIntermediate', guaranteeKind: 'INTERMEDIATE' },
  { field: 'routeContract', guaranteeKind: 'CONTRACT' },
] as const satisfies readonly { field: string; guaranteeKind: GuaranteeKind }[];

function parseRatio(value: string): { numerator: number; denominator: number } {
  const [n, d] = value.split('/').map((part) => Number(part.trim()));
  return { numerator: n ?? 0, denominator: d ?? 1 };
}

/** Creates an orderer (id undefined) or edits one: its name, rules, limits and routing, in one transaction. */
export async function saveOrderer(
  db: Db,
  actor: Actor,
  id: string | undefined,
  input: OrdererInput,
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = ordererSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const v = parsed.data;

  return db.$transaction(async (tx) => {
    let orgId = id;
    const orgData = {
      name: v.name,
      certificateName: v.certificateName,
      address: v.address ?? null,
      phone: v.phone ?? null,
    };
    if (orgId) {
      const existing = await tx.organization.findFirst({ where: { id: orgId, kind: 'ORDERER' } });
      if (!existing) throw new AppError('NOT_FOUND', `orderer ${orgId}`);
      await tx.organization.update({ where: { id: orgId }, data: orgData });
    } else {
      orgId = (await tx.organization.create({ data: { ...orgData, kind: 'ORDERER' } })).id;
    }

    // A fixed route must name one of this orderer's own departments.
    const departmentIds = new Set(
      (await tx.department.findMany({ where: { organizationId: orgId }, select: { id: true } })).map((d) => d.id),
    );
    const routeErrors: Record<string, string[]> = {};
    for (const field of [...ROUTE_FIELDS.map((r) => r.field), 'certificationRoute'] as const) {
      const target = v[field];
      if (target !== 'WORKS_DEPARTMENT' && !departmentIds.has(target)) {
        routeErrors[field] = ['この発注者の部署を選択してください。'];
      }
    }
    if (Object.keys(routeErrors).length > 0) {
      // Nothing of this save may stay: roll back by throwing, answer with the field errors.
      throw new RouteRejected(routeErrors);
    }

    const rules = {
      electronicFrom: v.electronicFrom ? isoDateToDb(v.electronicFrom) : null,
      electronicWorkTypes: v.electronicWorkTypes,
      subjectTemplate: v.subjectTemplate,
      printoutAccepted: v.printoutAccepted,
      // 中間前払金の認定: whether an INTERMEDIATE application needs one, who certifies, the combined bound.
      intermediateRequiresCertification: v.intermediateRequiresCertification,
      certificationRoute: v.certificationRoute === 'WORKS_DEPARTMENT' ? ('WORKS_DEPARTMENT' as const) : ('FIXED_DEPARTMENT' as const),
      certificationDepartmentId: v.certificationRoute === 'WORKS_DEPARTMENT' ? null : v.certificationRoute,
      ...(v.limitAdvanceCombined
        ? (({ numerator, denominator }) => ({ combinedAdvanceNumerator: numerator, combinedAdvanceDenominator: denominator }))(parseRatio(v.limitAdvanceCombined))
        : { combinedAdvanceNumerator: null, combinedAdvanceDenominator: null }),
    };
    await tx.ordererRules.upsert({ where: { organizationId: orgId }, create: { organizationId: orgId, ...rules }, update: rules });

    for (const limit of LIMIT_FIELDS) {
      const where: Prisma.OrdererAmountLimitWhereInput = {
        organizationId: orgId,
        guaranteeKind: limit.guaranteeKind,
        workType: limit.workType,
        bound: limit.bound,
      };
      await tx.ordererAmountLimit.deleteMany({ where });
      const value = v[limit.field];
      if (value) {
        await tx.ordererAmountLimit.create({
          data: {
            organizationId: orgId,
            guaranteeKind: limit.guaranteeKind,
            workType: limit.workType,
            bound: limit.bound,
            ...parseRatio(value),
          },
        });
      }
    }

    for (const { field, guaranteeKind } of ROUTE_FIELDS) {
      const target = v[field];
      const data =
        target === 'WORKS_DEPARTMENT'
          ? { target: 'WORKS_DEPARTMENT' as const, departmentId: null }
          : { target: 'FIXED_DEPARTMENT' as const, departmentId: target };
      await tx.ordererRoute.upsert({
        where: { organizationId_guaranteeKind: { organizationId: orgId, guaranteeKind } },
        create: { organizationId: orgId, guaranteeKind, ...data },
        update: data,
      });
    }

    await writeAudit(tx, actor, id ? 'organization.update' : 'organization.create', { type: 'organization', id: orgId }, {
      kind: 'ORDERER',
    });
    return ok({ id: orgId });
  }).catch((error: unknown) => {
    if (error instanceof RouteRejected) return fail(error.fieldErrors);
    throw error;
  });
}

class RouteRejected extends Error {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super('route names a department of another orderer');
  }
}
