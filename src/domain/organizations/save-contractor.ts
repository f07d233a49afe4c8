import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { AppError } from '../errors';
import { fail, ok, type Result } from '../result';
import { assertAdmin } from '../system';
import { toFieldErrors } from '../zod-errors';
import { contractorSchema, type ContractorInput } from './schemas';

/** Creates a contractor company (id undefined) or edits one. */
export async function saveContractor(
  db: Db,
  actor: Actor,
  id: string | undefined,
  input: ContractorInput,
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const parsed = contractorSchema.safeParse(input);
  if (!parsed.success) return fail(toFieldErrors(parsed.error));
  const data = { ...parsed.data, nameKana: parsed.data.nameKana ?? null, postalCode: parsed.data.postalCode ?? null, phone: parsed.data.phone ?? null };

  return db.$transaction(async (tx) => {
    if (id) {
      const existing = await tx.organization.findFirst({ where: { id, kind: 'CONTRACTOR' } });
      if (!existing) throw new AppError('NOT_FOUND', `contractor ${id}`);
      await tx.organization.update({ where: { id }, data });
      await writeAudit(tx, actor, 'organization.update', { type: 'organization', id }, { kind: 'CONTRACTOR' });
      return ok({ id });
    }
    const created = await tx.organization.create({ data: { ...data, kind: 'CONTRACTOR' } });
    await writeAudit(tx, actor, 'organization.create', { type: 'organization', id: created.id }, { kind: 'CONTRACTOR' });
    return ok({ id: created.id });
  });
}
