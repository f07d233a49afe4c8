import 'server-only';
import type { Tx } from '@/db/client';
import type { OrganizationKind, Role } from '@/generated/prisma/enums';

/** Each role belongs to one kind of organisation. */
export const ORGANIZATION_KIND_OF_ROLE: Record<Role, OrganizationKind> = {
  CONTRACTOR: 'CONTRACTOR',
  ORDERER: 'ORDERER',
  ADMIN: 'SURETY',
};


/** Whether an account of `role` may belong to the organisation (and department) chosen: field errors, or null. */
export async function checkMembership(
  tx: Tx,
  role: Role,
  organizationId: string,
  departmentId: string | undefined,
): Promise<Record<string, string[]> | null> {
  const org = await tx.organization.findUnique({ where: { id: organizationId } });
  if (!org || org.kind !== ORGANIZATION_KIND_OF_ROLE[role]) {
    return { organizationId: ['この権限に合う組織を選択してください。'] };
  }
  if (role === 'ORDERER') {
    if (!departmentId) return { departmentId: ['発注者の職員は部署を選択してください。'] };
    const dept = await tx.department.findFirst({ where: { id: departmentId, organizationId } });
    if (!dept) return { departmentId: ['この発注者の部署を選択してください。'] };
  } else if (departmentId) {
    return { departmentId: ['部署は発注者の職員にだけ設定できます。'] };
  }
  return null;
}
