import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { JOINT_VENTURE_WITH_MEMBERS } from '@/domain/joint-ventures/queries';
import { assertRole } from '@/domain/system';
import type { Prisma } from '@/generated/prisma/client';
import { isoDateToDb, todayInTokyo } from '@/lib/dates';

/**
 * The 共同企業体 the 保証申込 form offers under 「申込者」 (issue 16, D3, D10): those the company is the
 * 代表者 of and that are open today (no 解散日, or one after today), 代表者 first then by name — and
 * those named in `include` (the JV of the application being edited, or of a 認定's contract), which
 * the company represents, so that the form can show them even once closed. A company only a 構成員 of
 * a JV is never offered it.
 */

export interface JointVentureOption {
  id: string;
  name: string;
  /** Whether a new application can name it (open today). */
  open: boolean;
  /** 代表者 first, in the JV's order: the 分割預託 rows. */
  members: { organizationId: string; name: string; shareBasisPoints: number }[];
}

export async function applicantJointVentures(db: Db, actor: Actor, options: { include?: readonly (string | null | undefined)[]; now?: Date } = {}): Promise<JointVentureOption[]> {
  assertRole(actor, 'CONTRACTOR', 'applicant joint ventures');
  const today = isoDateToDb(todayInTokyo(options.now));
  const include = [...new Set(options.include?.filter((id): id is string => Boolean(id)) ?? [])];
  const represented: Prisma.JointVentureWhereInput = { members: { some: { organizationId: actor.organizationId, role: 'REPRESENTATIVE' } } };
  const rows = await db.jointVenture.findMany({
    where: {
      ...represented,
      OR: [{ closedOn: null }, { closedOn: { gt: today } }, ...(include.length ? [{ id: { in: include } }] : [])],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: 100,
    select: JOINT_VENTURE_WITH_MEMBERS,
  });
  return rows.map((jv) => ({
    id: jv.id,
    name: jv.name,
    open: jv.closedOn === null || jv.closedOn > today,
    members: jv.members.map((m) => ({ organizationId: m.organizationId, name: m.organization.name, shareBasisPoints: m.shareBasisPoints })),
  }));
}
