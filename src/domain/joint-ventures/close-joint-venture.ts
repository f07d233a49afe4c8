import 'server-only';
import type { Db } from '@/db/client';
import { dbDateToIso, formatIsoDate, isoDateToDb } from '@/lib/dates';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { JOINT_VENTURE_MESSAGES as M } from './rules';
import { closeJointVentureSchema } from './schemas';

/**
 * 解散を記録する (officers only; decision 065): the JV's 解散日, from which no new application may name
 * it; guarantees already concluded stay as they are. A date recorded before may be corrected (the
 * audit row keeps what it was). Allowed whether or not the JV is locked: closing changes no member.
 */
export async function closeJointVenture(
  db: Db,
  actor: Actor,
  id: string,
  input: unknown,
  options: { expectedRevision?: number } = {},
): Promise<Result<{ id: string; closedOn: string }>> {
  assertAdmin(actor);
  const parsed = closeJointVentureSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const { closedOn } = parsed.data;

  return db.$transaction(async (tx) => {
    const existing = await tx.jointVenture.findUnique({ where: { id }, select: { formedOn: true, closedOn: true, revision: true } });
    if (!existing) throw new AppError('NOT_FOUND', `joint venture ${id}`);
    if (options.expectedRevision !== undefined && options.expectedRevision !== existing.revision) return fail({ '': [M.stale] });
    if (existing.formedOn && isoDateToDb(closedOn) < existing.formedOn) {
      return fail({ closedOn: [M.closedBeforeFormed(formatIsoDate(dbDateToIso(existing.formedOn)))] });
    }
    const updated = await tx.jointVenture.updateMany({
      where: { id, revision: existing.revision },
      data: { closedOn: isoDateToDb(closedOn), revision: { increment: 1 } },
    });
    if (updated.count !== 1) return fail({ '': [M.stale] });
    await writeAudit(tx, actor, 'joint-venture.close', { type: 'jointVenture', id }, {
      closedOn,
      before: existing.closedOn ? dbDateToIso(existing.closedOn) : null,
    });
    return ok({ id, closedOn });
  });
}
