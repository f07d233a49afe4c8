import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateTableAction } from '@/actions/admin-premium-actions';
import { getDb, type Db } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { computePremium } from '@/domain/premium/calculate';
import { findRateTableInForce, getRateTable, listRateTables } from '@/domain/premium/rate-tables';
import { DEMO_RATE_TABLES, seedDemoRateTables } from '@/demo/rate-tables';
import { saveRateTable } from '@/domain/premium/save-rate-table';
import type { RateTableDraft } from '@/domain/premium/schemas';
import { todayInTokyo } from '@/lib/dates';
import { makeUser, must, officer } from '../support/factories';
import { signInAs } from '../support/session';
import { interrupt } from '../support/interrupt';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;

let db: Db;
let admin: Actor;

beforeAll(async () => {
  db = await getDb();
  admin = await officer(db);
});

beforeEach(() => signInAs(null));

/**
 * 適用開始日 cannot be in the past: this file's tables start in the years after next, counted from
 * today in Tokyo (in 2026: A 2028, B 2029, C 2030, F 2031, D 2032, E 2033), so it asserts the same on any day.
 */
const A = Number(todayInTokyo().slice(0, 4)) + 2;
const [A0, B, C, F, D, E] = [A - 1, A + 1, A + 2, A + 3, A + 4, A + 5];

/** A one-cell table of `kind` from `effectiveFrom` at `ratePpm`. */
const draft = (effectiveFrom: string, ratePpm: number, kind: RateTableDraft['guaranteeKind'] = 'INTERMEDIATE'): RateTableDraft => ({
  guaranteeKind: kind,
  effectiveFrom,
  minimumPremium: 1_000n,
  roundingUnit: 1,
  rounding: 'FLOOR',
  note: `${effectiveFrom} 改定`,
  brackets: [{ amountFrom: 0n, amountTo: null, periodFromDays: 1, periodToDays: null, ratePpm }],
});

const counts = async () => ({
  tables: await db.premiumRateTable.count(),
  brackets: await db.premiumRateBracket.count(),
  audits: await db.auditLog.count({ where: { action: 'premium-rate-table.create' } }),
});

describe('saveRateTable', () => {
  it('writes the table, its brackets and an audit row together', async () => {
    const before = await counts();
    const { id } = must(await saveRateTable(db, admin, { ...DEMO_RATE_TABLES.ADVANCE, effectiveFrom: `${C}-01-01`, note: '  改定  ' }));
    expect(await counts()).toEqual({ tables: before.tables + 1, brackets: before.brackets + 8, audits: before.audits + 1 });

    const stored = await getRateTable(db, admin, id);
    expect(stored).toMatchObject({ id, guaranteeKind: 'ADVANCE', effectiveFrom: `${C}-01-01`, isDemo: false, note: '改定', createdByName: '保証 太郎' });
    expect(stored.brackets).toEqual(DEMO_RATE_TABLES.ADVANCE.brackets);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'premium-rate-table.create', targetId: id } });
    expect(audit).toMatchObject({ actorUserId: admin.userId, targetType: 'premiumRateTable' });
    expect(audit.details).toMatchObject({ guaranteeKind: 'ADVANCE', effectiveFrom: `${C}-01-01`, brackets: 8 });
  });

  it('stores nothing of an invalid table', async () => {
    const before = await counts();
    const gap = {
      ...draft(`${C}-02-01`, 100),
      brackets: [
        { amountFrom: 0n, amountTo: 1_000n, periodFromDays: 1, periodToDays: null, ratePpm: 100 },
        { amountFrom: 2_000n, amountTo: null, periodFromDays: 1, periodToDays: null, ratePpm: 100 },
      ],
    };
    const result = await saveRateTable(db, admin, gap);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors.brackets?.[0]).toMatch(/隙間/);
    const bad = await saveRateTable(db, admin, { ...draft(`${C}-02-01`, 2_000_000), roundingUnit: 3, minimumPremium: -1n, note: 'x'.repeat(501) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.fieldErrors).sort()).toEqual(['brackets', 'minimumPremium', 'note', 'roundingUnit']);
    expect(await counts()).toEqual(before);
  });

  it('rolls everything back when a step inside the transaction fails', async () => {
    const before = await counts();
    // The same database, but the audit write fails: the table and its brackets must not stay.
    const failingAudit = new Proxy(db, {
      get(target, property) {
        if (property !== '$transaction') return Reflect.get(target, property, target);
        return (run: (tx: unknown) => Promise<unknown>) =>
          target.$transaction((tx) =>
            run(
              new Proxy(tx, {
                get(inner, name) {
                  if (name === 'auditLog') return { create: () => Promise.reject(new Error('audit unavailable')) };
                  return Reflect.get(inner, name, inner);
                },
              }),
            ),
          );
      },
    });
    await expect(saveRateTable(failingAudit, admin, draft(`${C}-03-01`, 100))).rejects.toThrow('audit unavailable');
    expect(await counts()).toEqual(before);
  });

  it('refuses a second table of the same kind and effectiveFrom, but not of another kind', async () => {
    must(await saveRateTable(db, admin, draft(`${C}-04-01`, 100, 'CONTRACT')));
    const again = await saveRateTable(db, admin, draft(`${C}-04-01`, 200, 'CONTRACT'));
    expect(again).toEqual({ ok: false, fieldErrors: { effectiveFrom: [expect.stringMatching(/同じ適用開始日の料率表がすでにあります/)] } });
    must(await saveRateTable(db, admin, draft(`${C}-04-01`, 200, 'ADVANCE')));
    // Two officers at once: exactly one of them gets the date.
    const both = await Promise.all([saveRateTable(db, admin, draft(`${C}-05-01`, 100)), saveRateTable(db, admin, draft(`${C}-05-01`, 200))]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.premiumRateTable.count({ where: { guaranteeKind: 'INTERMEDIATE', effectiveFrom: new Date(`${C}-05-01T00:00:00Z`) } })).toBe(1);
  });
});

describe('findRateTableInForce and the history', () => {
  it('picks the latest table on or before the date; a later table supersedes, and both stay in the history', async () => {
    // INTERMEDIATE tables of this file start in year C (above); these come first in time.
    const kind = 'INTERMEDIATE';
    expect(await findRateTableInForce(db, kind, `${A0}-12-31`)).toBeNull();
    const first = must(await saveRateTable(db, admin, draft(`${A}-01-01`, 1_000)));
    const second = must(await saveRateTable(db, admin, draft(`${B}-01-01`, 2_000)));

    expect(await findRateTableInForce(db, kind, `${A0}-12-31`)).toBeNull();
    expect((await findRateTableInForce(db, kind, `${A}-01-01`))?.id).toBe(first.id);
    expect((await findRateTableInForce(db, kind, `${A}-12-31`))?.id).toBe(first.id);
    const later = await findRateTableInForce(db, kind, `${B}-01-01`);
    expect(later?.id).toBe(second.id);
    expect(later).toMatchObject({ effectiveFrom: `${B}-01-01`, minimumPremium: 1_000n, roundingUnit: 1, rounding: 'FLOOR', isDemo: false });
    // The table is ready for the computation, and the result names it.
    expect(computePremium(later!, { guaranteeAmount: 10_000_000n, periodDays: 100 })).toMatchObject({ premiumYen: 20_000n, tableId: second.id });

    const history = await listRateTables(db, admin, kind);
    const dates = history.map((t) => t.effectiveFrom);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates).toEqual(expect.arrayContaining([`${A}-01-01`, `${B}-01-01`]));
    expect(history.find((t) => t.id === first.id)).toMatchObject({ createdByName: '保証 太郎', note: `${A}-01-01 改定` });
    expect(history.every((t) => t.guaranteeKind === kind)).toBe(true);
  });

  it('refuses a 適用開始日 in the past (demo data excepted): past days keep the rates they had', async () => {
    const past = await saveRateTable(db, admin, { ...DEMO_RATE_TABLES.CONTRACT, effectiveFrom: '2026-05-01' });
    expect(!past.ok && past.fieldErrors.effectiveFrom?.[0]).toContain('本日以降');
  });

  it('rejects a date that is not a calendar date', async () => {
    await expect(findRateTableInForce(db, 'ADVANCE', '2026-02-30')).rejects.toThrow(RangeError);
  });
});

describe('demo rate tables', () => {
  it('seeds one demo table per kind from 2026-04-01', async () => {
    const ids = await seedDemoRateTables(db, admin);
    for (const kind of ['ADVANCE', 'INTERMEDIATE', 'CONTRACT'] as const) {
      const table = await findRateTableInForce(db, kind, '2026-04-01');
      expect(table?.id).toBe(ids[kind]);
      expect(table?.isDemo).toBe(true);
      expect(computePremium(table!, { guaranteeAmount: 40_000_000n, periodDays: 180 }).isDemo).toBe(true);
    }
    // 前払金保証 40,000,000円, 180日: 0.16% = 64,000円
    expect(computePremium((await findRateTableInForce(db, 'ADVANCE', '2026-04-01'))!, { guaranteeAmount: 40_000_000n, periodDays: 180 }).premiumYen).toBe(64_000n);
  });
});

describe('access', () => {
  let contractor: Made;
  let orderer: Made;
  beforeAll(async () => {
    contractor = await makeUser('CONTRACTOR');
    orderer = await makeUser('ORDERER');
  });

  it('the use cases refuse everyone but officers', async () => {
    for (const who of [contractor, orderer]) {
      await expect(saveRateTable(db, who.actor, draft(`${F}-01-01`, 100))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listRateTables(db, who.actor, 'ADVANCE')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getRateTable(db, who.actor, '00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.premiumRateTable.count({ where: { effectiveFrom: new Date(`${F}-01-01T00:00:00Z`) } })).toBe(0);
  });

  const form = (effectiveFrom: string) => {
    const data = new FormData();
    data.set('guaranteeKind', 'CONTRACT');
    data.set('effectiveFrom', effectiveFrom);
    data.set('minimumPremium', '５，０００');
    data.set('roundingUnit', '1');
    data.set('rounding', 'HALF_UP');
    data.set('grid.tiers[0].upTo', '１００，０００，０００');
    data.set('grid.tiers[0].rates[0]', '０．２５');
    data.set('grid.tiers[0].rates[1]', '0.38');
    data.set('grid.tiers[1].upTo', '');
    data.set('grid.tiers[1].rates[0]', '0.2');
    data.set('grid.tiers[1].rates[1]', '0.3');
    data.set('grid.tiers[2].upTo', '');
    data.set('grid.tiers[2].rates[0]', '');
    data.set('grid.tiers[2].rates[1]', '');
    data.set('grid.bands[0].upTo', '３６５');
    data.set('grid.bands[1].upTo', '');
    data.set('note', '改定');
    return data;
  };

  it('the action refuses contractors and orderers, and stores nothing', async () => {
    for (const who of [contractor, orderer]) {
      signInAs(who);
      expect(await interrupt(createRateTableAction(undefined, form(`${D}-01-01`)))).toBe('app-error:FORBIDDEN');
    }
    signInAs(null);
    expect(await interrupt(createRateTableAction(undefined, form(`${D}-01-01`)))).toBe('redirect:/login');
    expect(await db.premiumRateTable.count({ where: { effectiveFrom: new Date(`${D}-01-01T00:00:00Z`) } })).toBe(0);
  });

  it('the action creates a table for an officer from 全角 input, and keeps what was typed on errors', async () => {
    const officerUser = await makeUser('ADMIN');
    signInAs(officerUser);
    const outcome = await interrupt(createRateTableAction(undefined, form(`${E}-01-01`)));
    expect(outcome).toMatch(/^redirect:\/admin\/premium-rates\/[0-9a-f-]{36}\?saved=created$/);
    const table = await findRateTableInForce(db, 'CONTRACT', `${E}-01-01`);
    expect(table).toMatchObject({ effectiveFrom: `${E}-01-01`, minimumPremium: 5_000n, rounding: 'HALF_UP', isDemo: false });
    expect(table?.brackets).toEqual([
      { amountFrom: 0n, amountTo: 100_000_000n, periodFromDays: 1, periodToDays: 366, ratePpm: 2_500 },
      { amountFrom: 0n, amountTo: 100_000_000n, periodFromDays: 366, periodToDays: null, ratePpm: 3_800 },
      { amountFrom: 100_000_000n, amountTo: null, periodFromDays: 1, periodToDays: 366, ratePpm: 2_000 },
      { amountFrom: 100_000_000n, amountTo: null, periodFromDays: 366, periodToDays: null, ratePpm: 3_000 },
    ]);

    // The same date again: refused at the date, the typed values come back.
    const again = await createRateTableAction(undefined, form(`${E}-01-01`));
    expect(again.error?.effectiveFrom?.[0]).toMatch(/同じ適用開始日/);
    expect((again.initialValue as { minimumPremium?: string }).minimumPremium).toBe('５，０００');

    // A bad cell: the error is at that cell.
    const bad = form(`${E}-02-01`);
    bad.set('grid.tiers[1].rates[1]', '');
    const rejected = await createRateTableAction(undefined, bad);
    expect(rejected.error?.['grid.tiers[1].rates[1]']).toEqual(['料率を入力してください。']);
    expect(await findRateTableInForce(db, 'CONTRACT', `${E}-02-01`)).toMatchObject({ effectiveFrom: `${E}-01-01` });
  });
});
