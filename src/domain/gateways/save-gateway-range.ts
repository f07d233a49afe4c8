import 'server-only';
import type { Db } from '@/db/client';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { forgetGatewayRanges } from './ranges';
import { GATEWAY_MESSAGES, gatewayRangeSchema, type GatewayRangeInput } from './schemas';

/**
 * Registers a known gateway range (id undefined) or changes one: its name, its range, and either a
 * budget of its own (failures an hour for the whole range) or an exemption from the address budget.
 * Audited with what it was and what it became.
 */
export async function saveGatewayRange(db: Db, actor: Actor, id: string | undefined, input: GatewayRangeInput): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = gatewayRangeSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const data = parsed.data;
  const fields = { name: data.name, cidr: data.cidr, mode: data.mode, failuresPerHour: data.failuresPerHour };
  try {
    const saved = await db.$transaction(async (tx) => {
      if (id) {
        const before = await tx.gatewayRange.findUnique({ where: { id }, select: { name: true, cidr: true, mode: true, failuresPerHour: true } });
        if (!before) throw new AppError('NOT_FOUND', `gateway range ${id}`);
        await tx.gatewayRange.update({ where: { id }, data: fields });
        await writeAudit(tx, actor, 'gateway-range.update', { type: 'gatewayRange', id }, { before, after: fields });
        return { id };
      }
      const created = await tx.gatewayRange.create({ data: fields, select: { id: true } });
      await writeAudit(tx, actor, 'gateway-range.create', { type: 'gatewayRange', id: created.id }, fields);
      return created;
    });
    forgetGatewayRanges(db);
    return ok(saved);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return fail({ cidr: [GATEWAY_MESSAGES.cidrTaken] });
    throw error;
  }
}
