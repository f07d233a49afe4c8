import 'server-only';
import type { Db } from '@/db/client';
import { isoDateToDb, todayInTokyo } from '@/lib/dates';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { fail, ok, type FieldErrors, type Result } from '../result';
import { assertAdmin } from '../system';
import { validateRateTable, type RateTableInput } from './calculate';
import type { RateTableDraft } from './schemas';

class Rejected extends Error {
  constructor(readonly fieldErrors: FieldErrors) {
    super('rate table rejected');
  }
}

/**
 * Stores a new table of `input.guaranteeKind` with its brackets and an audit row, in one transaction.
 * The table is checked again here (validateRateTable), whatever the form did; a second table of the
 * same kind and effectiveFrom is refused (at 'effectiveFrom'). `isDemo` is for demo data only.
 */
export async function saveRateTable(
  db: Db,
  actor: Actor,
  input: RateTableDraft & { isDemo?: boolean },
): Promise<Result<{ id: string }>> {
  assertAdmin(actor);
  const table: RateTableInput = { ...input, isDemo: input.isDemo ?? false };
  const errors = validateRateTable(table);
  const note = input.note?.trim() || null;
  if (note && note.length > 500) (errors.note ??= []).push('備考は500文字以内で入力してください。');
  // A table dated in the past would rewrite which rates "were in force" on days already gone (and
  // take over from today's table at once). Demo data alone may start in the past.
  if (!table.isDemo && table.effectiveFrom < todayInTokyo()) {
    (errors.effectiveFrom ??= []).push('適用開始日は本日以降の日付を入力してください（過去にさかのぼって料率を変えることはできません）。');
  }
  if (Object.keys(errors).length > 0) return fail(errors);

  return db
    .$transaction(async (tx) => {
      // One writer per kind at a time, so that two officers cannot both add the same 適用開始日.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`premium-rate-table:${table.guaranteeKind}`}))`;
      const effectiveFrom = isoDateToDb(table.effectiveFrom);
      const same = await tx.premiumRateTable.findFirst({
        where: { guaranteeKind: table.guaranteeKind, effectiveFrom },
        select: { id: true },
      });
      if (same) {
        throw new Rejected({
          effectiveFrom: ['この保証の種類には、同じ適用開始日の料率表がすでにあります。別の適用開始日を指定してください。'],
        });
      }
      const created = await tx.premiumRateTable.create({
        data: {
          guaranteeKind: table.guaranteeKind,
          effectiveFrom,
          minimumPremium: table.minimumPremium,
          roundingUnit: table.roundingUnit,
          rounding: table.rounding,
          isDemo: table.isDemo,
          note,
          createdById: actor.userId,
          brackets: {
            create: table.brackets.map((b) => ({
              amountFrom: b.amountFrom,
              amountTo: b.amountTo,
              periodFromDays: b.periodFromDays,
              periodToDays: b.periodToDays,
              ratePpm: b.ratePpm,
            })),
          },
        },
        select: { id: true },
      });
      await writeAudit(tx, actor, 'premium-rate-table.create', { type: 'premiumRateTable', id: created.id }, {
        guaranteeKind: table.guaranteeKind,
        effectiveFrom: table.effectiveFrom,
        isDemo: table.isDemo,
        brackets: table.brackets.length,
      });
      return ok({ id: created.id });
    })
    .catch((error: unknown) => {
      if (error instanceof Rejected) return fail(error.fieldErrors);
      throw error;
    });
}
