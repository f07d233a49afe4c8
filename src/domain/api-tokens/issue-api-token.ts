import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { apiTokenSchema, type ApiTokenInput } from './schemas';
import { API_TOKEN_MESSAGES, generateApiToken, hashApiToken } from './tokens';

/**
 * Issues a token for an active orderer. The plain token is in the answer and nowhere else; the
 * row (hash only) and its audit row commit together.
 */
export async function issueApiToken(
  db: Db,
  actor: Actor,
  ordererId: string,
  input: ApiTokenInput,
): Promise<Result<{ id: string; name: string; token: string; createdAt: Date }>> {
  assertAdmin(actor);
  const parsed = apiTokenSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const { name } = parsed.data;
  const token = generateApiToken();
  return db.$transaction(async (tx) => {
    const orderer = await tx.organization.findUnique({ where: { id: ordererId }, select: { kind: true, active: true } });
    if (!orderer || orderer.kind !== 'ORDERER') throw new AppError('NOT_FOUND', `orderer ${ordererId}`);
    if (!orderer.active) return fail({ '': [API_TOKEN_MESSAGES.ordererInactive] });
    const created = await tx.apiToken.create({
      data: { organizationId: ordererId, name, tokenHash: hashApiToken(token), createdById: actor.userId },
      select: { id: true, createdAt: true },
    });
    await writeAudit(tx, actor, 'api-token.issue', { type: 'apiToken', id: created.id }, { ordererId, name });
    return ok({ id: created.id, name, token, createdAt: created.createdAt });
  });
}
