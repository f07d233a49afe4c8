import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { officerGuaranteeListSql } from '@/domain/guarantees/officer-list';
import { parseOfficerListParams, type OfficerListParams } from '@/domain/guarantees/officer-list-params';
import { addDaysIso, todayInTokyo } from '@/lib/dates';

/**
 * 保証一覧's 満了間近 (decision 059): the statements read the partial index of the guarantees in force
 * whose 工期 runs past their 保証期間 (migration officer_list_ending_index), not every guarantee of the
 * 30-day window with a filter on the table's rows — at 4 M guarantees 224 ms p99 before. Which rows it
 * lists is held by officer-desk.test.ts (states as every screen computes them).
 */
describe('保証一覧, 満了間近: served by its own index', () => {
  it('page 1, a page after a cursor and the capped count read Guarantee_ending_guaranteeEnd_number_idx, with no filter left on the table', async () => {
    const db = await getDb();
    const today = todayInTokyo();
    const first = parseOfficerListParams({ state: 'ENDING' });
    const later: OfficerListParams = { ...first, after: { v: addDaysIso(today, 5), n: '1000000010' }, page: 2 };
    for (const [label, params] of [['page 1', first], ['after a cursor', later]] as const) {
      const sql = officerGuaranteeListSql(params, today)!;
      for (const [part, statement] of [['page', sql.page], ['count', sql.count]] as const) {
        // A small table is read whole unless sequential reads are off: this asks which index the statement can use.
        const plan = await db.$transaction(async (tx) => {
          await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
          return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${statement.text}`, ...statement.values);
        });
        const text = plan.map((r) => r['QUERY PLAN']).join('\n');
        expect(text, `${label}, ${part}`).toContain('Guarantee_ending_guaranteeEnd_number_idx');
        expect(text, `${label}, ${part}`).not.toMatch(/Filter: .*periodEnd/);
      }
    }
  });
});
