import 'server-only';
import type { Db } from '@/db/client';
import type { Role } from '@/generated/prisma/enums';
import type { Actor } from '../actor';
import { AppError } from '../errors';
import { PAGE_SIZE } from '../organizations/queries';
import { assertAdmin } from '../system';

export async function listUsers(db: Db, actor: Actor, params: { role?: Role; q?: string; page?: number }) {
  assertAdmin(actor);
  const page = Math.max(1, params.page ?? 1);
  const q = params.q?.trim().slice(0, 100);
  const where = {
    ...(params.role ? { role: params.role } : {}),
    ...(q
      ? {
          OR: [
            { loginId: { contains: q.toLowerCase() } },
            { name: { contains: q, mode: 'insensitive' as const } },
            { organization: { name: { contains: q, mode: 'insensitive' as const } } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.user.findMany({
      where,
      orderBy: [{ loginId: 'asc' }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      include: { organization: { select: { name: true } }, department: { select: { name: true } } },
    }),
    db.user.count({ where }),
  ]);
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

export async function getUser(db: Db, actor: Actor, id: string) {
  assertAdmin(actor);
  const user = await db.user.findUnique({
    where: { id },
    include: {
      organization: {
        select: { id: true, name: true, kind: true, departments: { orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } } },
      },
      department: { select: { name: true } },
    },
  });
  if (!user) throw new AppError('NOT_FOUND', `user ${id}`);
  return user;
}
