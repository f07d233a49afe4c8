import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { writeAudit } from '@/domain/audit';
import { AppError } from '@/domain/errors';
import { assertAdmin } from '@/domain/system';

/** 解除: the budget is forgotten at once (the next lookup starts afresh); the audit says who lifted it. */
export async function liftLock(db: Db, actor: Actor, key: string): Promise<void> {
  assertAdmin(actor);
  if (!/^lookup:(number|account|organization|address|range):[^\s\u0000-\u001f\u007f]{1,120}$/.test(key)) throw new AppError('NOT_FOUND', `lock ${key}`);
  await db.$transaction(async (tx) => {
    const deleted = await tx.rateLimit.deleteMany({ where: { key } });
    if (deleted.count === 0) throw new AppError('NOT_FOUND', `lock ${key}`);
    await writeAudit(tx, actor, 'lookup.unlock', { type: 'rateLimit', id: null }, { key });
  });
}
