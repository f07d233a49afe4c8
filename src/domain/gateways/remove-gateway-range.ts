import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { assertAdmin } from '../system';
import { forgetGatewayRanges } from './ranges';

/**
 * Removes a gateway range: its addresses are throttled one by one again from the next request. The
 * range's own budgets (lookup and sign-in, an exempt range's sign-in ceiling) go with it; the audit
 * keeps what it was.
 */
export async function removeGatewayRange(db: Db, actor: Actor, id: string): Promise<void> {
  assertAdmin(actor);
  await db.$transaction(async (tx) => {
    const range = await tx.gatewayRange.findUnique({ where: { id }, select: { name: true, cidr: true, mode: true, failuresPerHour: true } });
    if (!range) throw new AppError('NOT_FOUND', `gateway range ${id}`);
    await tx.gatewayRange.delete({ where: { id } });
    await tx.rateLimit.deleteMany({ where: { key: { in: [`lookup:range:${id}`, `signin:range:${id}`, `signin:exempt-range:${id}`] } } });
    await writeAudit(tx, actor, 'gateway-range.remove', { type: 'gatewayRange', id }, range);
  });
  forgetGatewayRanges(db);
}
