import 'server-only';
import type { Db } from '@/db/client';
import type { OrganizationKind } from '@/generated/prisma/enums';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { assertAdmin } from '../system';

export const PAGE_SIZE = 50;

export async function listOrganizations(
  db: Db,
  actor: Actor,
  params: { kind: OrganizationKind; q?: string; page?: number },
) {
  assertAdmin(actor);
  const page = Math.max(1, params.page ?? 1);
  const q = params.q?.trim().slice(0, 100);
  const where = {
    kind: params.kind,
    ...(q ? { name: { contains: q, mode: 'insensitive' as const } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.organization.findMany({
      where,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { _count: { select: { users: true, departments: true } } },
    }),
    db.organization.count({ where }),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function getOrganization(db: Db, actor: Actor, id: string) {
  assertAdmin(actor);
  const org = await db.organization.findUnique({
    where: { id },
    include: {
      departments: { orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] },
      ordererRules: true,
      limits: true,
      routes: true,
      issuer: true,
      branches: { orderBy: { name: 'asc' } },
      users: { orderBy: { loginId: 'asc' }, include: { department: { select: { name: true } } } },
    },
  });
  if (!org) throw new AppError('NOT_FOUND', `organization ${id}`);
  return org;
}

/** Organisations a new account may belong to, for the account form's select. */
export async function listOrganizationChoices(db: Db, actor: Actor) {
  assertAdmin(actor);
  return db.organization.findMany({
    where: { active: true },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      kind: true,
      name: true,
      departments: { where: { active: true }, orderBy: [{ sortOrder: 'asc' }], select: { id: true, name: true } },
    },
  });
}
