import 'server-only';
import type { Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { fail, ok, type Result } from '@/domain/result';
import { assertRole } from '@/domain/system';
import { todayInTokyo } from '@/lib/dates';
import { confirmedNumbers, countPackVersions } from './contents';
import { fiscalYearChoices, fiscalYearLabel } from './fiscal-year';
import { EVIDENCE_PACK_MESSAGES as M } from './labels';
import { evidencePackFormSchema, MAX_NUMBERS, MAX_OPEN_PACKS, splitNumbers } from './schemas';

/**
 * 作成を開始する (decision 074): queues a pack of the clerk's orderer — a 年度 among the choices, or the
 * 保証契約番号 typed (each a valid number the orderer confirmed) — for the background builder. Refused at
 * the field, nothing written: a malformed or unconfirmed number, a 年度 with nothing confirmed, more
 * than MAX_OPEN_PACKS packs of the orderer waiting or being built. The count and the insert run under
 * a lock of the orderer's row, so two clicks at once queue at most the allowed number.
 */
export async function requestEvidencePack(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<Result<{ id: string }>> {
  assertRole(actor, 'ORDERER', 'an evidence pack');
  const parsed = evidencePackFormSchema.safeParse(input);
  if (!parsed.success) return fail({ scope: [M.scopeRequired] });
  const form = parsed.data;
  let fiscalYear: number | null = null;
  let numbers: string[] = [];
  if (form.scope === 'year') {
    const text = form.fiscalYear ?? '';
    if (text === '') return fail({ fiscalYear: [M.fiscalYearRequired] });
    const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
    if (!fiscalYearChoices(todayInTokyo(now)).includes(year)) return fail({ fiscalYear: [M.fiscalYearOutOfRange] });
    fiscalYear = year;
  } else {
    const typed = splitNumbers(form.numbers ?? '');
    if (typed.length === 0) return fail({ numbers: [M.numbersRequired] });
    if (typed.length > MAX_NUMBERS) return fail({ numbers: [M.numbersTooMany(MAX_NUMBERS)] });
    const errors: string[] = [];
    for (const t of typed) {
      const check = checkContractNumber(t);
      if (check.ok) numbers.push(check.number);
      else if (errors.length < 5) errors.push(M.numberInvalid(t.slice(0, 20)));
    }
    if (errors.length) return fail({ numbers: errors });
    numbers = [...new Set(numbers)].sort();
    const confirmed = await confirmedNumbers(db, actor.organizationId, numbers);
    const missing = numbers.filter((n) => !confirmed.has(n));
    if (missing.length) return fail({ numbers: [M.numbersNotConfirmed(missing.slice(0, 20).join('、') + (missing.length > 20 ? ` ほか${missing.length - 20}件` : ''))] });
  }
  const scope = { ordererId: actor.organizationId, fiscalYear, numbers };
  if (fiscalYear !== null && (await countPackVersions(db, scope)) === 0) return fail({ fiscalYear: [M.nothingConfirmed(fiscalYearLabel(fiscalYear))] });
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE "id" = CAST(${actor.organizationId} AS uuid) FOR UPDATE`;
    const open = await tx.evidencePack.count({ where: { ordererId: actor.organizationId, status: { in: ['QUEUED', 'RUNNING'] } } });
    if (open >= MAX_OPEN_PACKS) return fail({ '': [M.busy(MAX_OPEN_PACKS)] });
    const pack = await tx.evidencePack.create({ data: { ordererId: actor.organizationId, requestedById: actor.userId, fiscalYear, numbers } });
    return ok({ id: pack.id });
  });
}
