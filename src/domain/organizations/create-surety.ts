import 'server-only';
import type { Db } from '@/db/client';
import type { AuditAction, AuditTargetType } from '../audit-codes';
import { AppError } from '../errors';

export interface SuretyInput {
  name: string;
  issuer: {
    address: string;
    companyName: string;
    representativeTitle: string;
    representativeName: string;
    termsUrl: string;
  };
  branches: { name: string; address: string; tel: string; fax: string; isDefault?: boolean }[];
}

/**
 * The surety company with its issuer block and branches (取次場所). Run once, when the database is
 * set up: the portal serves one surety company.
 */
export async function createSurety(db: Db, input: SuretyInput): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    if ((await tx.organization.count({ where: { kind: 'SURETY' } })) > 0) {
      throw new AppError('CONFLICT', 'the surety company exists already');
    }
    const org = await tx.organization.create({
      data: {
        kind: 'SURETY',
        name: input.name,
        address: input.issuer.address,
        issuer: { create: input.issuer },
        branches: { create: input.branches.map((b) => ({ ...b, isDefault: b.isDefault ?? false })) },
      },
    });
    await tx.auditLog.create({
      data: { action: 'organization.create' satisfies AuditAction, targetType: 'organization' satisfies AuditTargetType, targetId: org.id, details: { kind: 'SURETY' } },
    });
    return { id: org.id };
  });
}
