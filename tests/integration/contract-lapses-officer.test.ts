import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateContractAction } from '@/actions/orderer-contract-actions';
import OfficerGuaranteesPage from '@/app/admin/guarantees/page';
import OfficerGuaranteePage from '@/app/admin/guarantees/[number]/page';
import { OFFICER_GUARANTEE_LABELS as O } from '@/app/admin/guarantees/labels';
import { OFFICER_GUARANTEE_LIST_LABELS as LL } from '@/app/admin/guarantees/list-labels';
import { getDb } from '@/db/client';
import { recordChange } from '@/domain/changes/record-change';
import { LAPSE_KIND_LABEL, lapseSentence } from '@/domain/contracts/lapse-labels';
import { officerGuaranteeLapses } from '@/domain/contracts/lapses';
import { unmatchContract } from '@/domain/contracts/match-contract';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { listOfficerGuarantees, officerGuaranteeListSql } from '@/domain/guarantees/officer-list';
import { parseOfficerListParams } from '@/domain/guarantees/officer-list-params';
import { addDaysIso, dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { matchedContract, slash } from '../support/contracts';
import { makeOrderer, makeUser, must } from '../support/factories';
import { interrupt } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
afterEach(() => signInAs(null));

/**
 * The lapse watcher on the officers' screens (decision 075, amended: the officers see it): 保証の管理 lists
 * each open need of the guarantee (which orderer's register, the sentence the other sides read, since
 * when); 保証一覧 marks the row 「要変更契約」, computed in the list's one statement (EXISTS on the
 * ContractLapse (guaranteeId, resolvedAt) index). Closed needs, and needs of a guarantee 解除 or past its
 * 保証期間, are shown to no one. Officers only (the portal is one surety company's: every guarantee is theirs).
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let clerk: Made;
let contractor: Made;
let admin: Made;
let secondOfficer: Made;
let contractorName: string;

beforeAll(async () => {
  const db = await getDb();
  orderer = await makeOrderer();
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId, { email: 'keiyaku-clerk@officer-lapse.example.jp' });
  contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: 'koji@officer-lapse.example.jp' });
  admin = await makeUser('ADMIN');
  secondOfficer = await makeUser('ADMIN');
  contractorName = (await db.organization.findUniqueOrThrow({ where: { id: contractor.actor.organizationId }, select: { name: true } })).name;
});

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

/** A guarantee of `contractor` confirmed by the clerk, and a contract agreeing with it (but for `valuesPatch`), matched. */
async function matchedPair(valuesPatch: Record<string, string> = {}) {
  const pair = await matchedContract({ contractor, orderer, clerk, contractorName }, { values: valuesPatch, patch: { projectName: `管理側の工事${Math.random().toString(36).slice(2, 8)}` } });
  return { ...pair, number: pair.guarantee.number };
}

/** 保存する on the contract's edit form, as the clerk, at its current revision (the real action). */
async function edit(id: string, values: Record<string, string>) {
  const db = await getDb();
  const revision = (await db.contract.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision;
  signInAs(clerk);
  await expect(updateContractAction(id, undefined, form({ ...values, revision: String(revision) }))).rejects.toMatchObject({ digest: expect.stringContaining(`/orderer/contracts/${id}?saved=`) });
  signInAs(null);
}

/** 保証の管理 as `who` sees it (the page through its guard), as HTML. */
async function detail(who: Made, number: string): Promise<string> {
  signInAs(who);
  return renderToStaticMarkup(await OfficerGuaranteePage({ params: Promise.resolve({ number }), searchParams: Promise.resolve({}) } as never));
}

/** The officers' 保証一覧 searched by 保証契約番号, as HTML: the row of `number`. */
async function listRow(number: string): Promise<string> {
  signInAs(admin);
  const html = renderToStaticMarkup(await OfficerGuaranteesPage({ searchParams: Promise.resolve({ number }) } as never));
  const rows = [...html.matchAll(/<tr[^>]*>(.*?)<\/tr>/g)].map((m) => m[1]!).filter((r) => r.includes(`>${number}<`));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

const mark = (row: string) => row.includes(LL.lapse);
const listed = async (number: string) => (await listOfficerGuarantees(await getDb(), admin.actor, parseOfficerListParams({ number }))).rows.find((r) => r.number === number)!;

describe('保証の管理: the open needs of the guarantee', () => {
  it('lists each need, per orderer, in the other sides’ sentence, with the day it was raised; a 変更契約 that satisfies it takes it away', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, number, guaranteeEnd } = await matchedPair();
    expect(await detail(admin, number)).not.toContain(O.lapse.title);
    expect(mark(await listRow(number))).toBe(false);

    const newEnd = addDaysIso(guaranteeEnd, 60);
    await edit(id, { ...values, periodEnd: slash(newEnd) });
    const need = await db.contractLapse.findFirstOrThrow({ where: { contractId: id, resolvedAt: null } });

    const groups = await officerGuaranteeLapses(db, admin.actor, g.id);
    expect(groups).toMatchObject([{ ordererName: orderer.name, lapses: [{ kind: 'EXTEND_PERIOD', neededEnd: newEnd, contractorSees: true }] }]);
    const html = await detail(admin, number);
    const sentence = lapseSentence({ kind: 'EXTEND_PERIOD', neededEnd: newEnd, neededAmount: null, guaranteeEnd, guaranteeAmount: g.guaranteeAmount, contractAmount: g.contractAmount });
    expect(html).toContain(O.lapse.title);
    expect(html).toContain(O.lapse.lead(orderer.name));
    expect(html).toContain(LAPSE_KIND_LABEL.EXTEND_PERIOD);
    expect(html).toContain(sentence);
    expect(html).toContain(O.lapse.raisedOn(formatJapaneseDateShort(todayInTokyo(need.raisedAt))));
    expect(html).not.toContain(O.lapse.contractorNotShown);
    // Any officer (the portal is one surety company's), and the 保証一覧 marks the row.
    expect(await detail(secondOfficer, number)).toContain(sentence);
    expect((await listed(number)).lapseOpen).toBe(true);
    expect(mark(await listRow(number))).toBe(true);

    // A 変更契約 a day short leaves it; one to the new end resolves it: gone from both screens.
    const change = (end: string) =>
      recordChange(db, admin.actor, g.id, {
        contractAmount: formatYen(g.contractAmount),
        guaranteeAmount: formatYen(g.guaranteeAmount),
        periodStart: dbDateToIso(g.periodStart),
        periodEnd: end,
        guaranteeStart: dbDateToIso(g.guaranteeStart),
        guaranteeEnd: end,
        changeDate: todayInTokyo(),
        projectName: g.projectName,
        reason: '工期延長',
      });
    const changeAudit = async () =>
      (await db.auditLog.findFirstOrThrow({ where: { action: 'guarantee.change', targetId: g.id }, orderBy: { createdAt: 'desc' }, select: { details: true } })).details as Record<string, unknown>;
    must(await change(addDaysIso(newEnd, -1)));
    expect(await detail(admin, number)).toContain(sentence);
    expect(await changeAudit()).not.toHaveProperty('lapsesResolved');
    must(await change(newEnd));
    expect(await db.contractLapse.count({ where: { id: need.id, resolution: 'CHANGE_RECORDED' } })).toBe(1);
    // The audit row of the 変更契約 says how many needs it resolved.
    expect(await changeAudit()).toMatchObject({ lapsesResolved: 1 });
    expect(await officerGuaranteeLapses(db, admin.actor, g.id)).toEqual([]);
    expect(await detail(admin, number)).not.toContain(O.lapse.title);
    expect((await listed(number)).lapseOpen).toBe(false);
    expect(mark(await listRow(number))).toBe(false);
  });

  it('an amount need reads as the other sides’ sentence (保証金額 … 以下に減額)', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, number } = await matchedPair();
    // 請負金額 halved: the 前払金保証's 40 % of it is below the 保証金額.
    const half = g.contractAmount / 2n;
    await edit(id, { ...values, contractAmount: formatYen(half) });
    const [need] = await db.contractLapse.findMany({ where: { contractId: id, resolvedAt: null } });
    expect(need).toMatchObject({ kind: 'LOWER_AMOUNT' });
    const html = await detail(admin, number);
    expect(html).toContain(LAPSE_KIND_LABEL.LOWER_AMOUNT);
    expect(html).toContain(
      lapseSentence({ kind: 'LOWER_AMOUNT', neededEnd: null, neededAmount: need!.neededAmount, guaranteeEnd: dbDateToIso(g.guaranteeEnd), guaranteeAmount: g.guaranteeAmount, contractAmount: half }),
    );
    expect(mark(await listRow(number))).toBe(true);
  });

  it('a pair whose 受注者 differs (072): the officer sees the need, and that the contractor is not shown it', async () => {
    const { id, values, number, guaranteeEnd } = await matchedPair({ contractorName: '別会社建設株式会社' });
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 30)) });
    const html = await detail(admin, number);
    expect(html).toContain(O.lapse.title);
    expect(html).toContain(O.lapse.contractorNotShown);
    expect(mark(await listRow(number))).toBe(true);
  });
});

describe('shown only while the guarantee can be changed', () => {
  it('期間満了 and 解除 hide the need from the page and the list, as on the other sides (it stays open in the table)', async () => {
    const db = await getDb();
    const expiring = await matchedPair();
    await edit(expiring.id, { ...expiring.values, periodEnd: slash(addDaysIso(expiring.guaranteeEnd, 60)) });
    const cancelled = await matchedPair();
    await edit(cancelled.id, { ...cancelled.values, periodEnd: slash(addDaysIso(cancelled.guaranteeEnd, 60)) });
    for (const p of [expiring, cancelled]) {
      expect(await detail(admin, p.number)).toContain(O.lapse.title);
      expect(mark(await listRow(p.number))).toBe(true);
    }
    // The 保証期間 ended yesterday (Tokyo); the other one 解除.
    await db.guarantee.update({ where: { id: expiring.guarantee.id }, data: { guaranteeEnd: isoDateToDb(addDaysIso(todayInTokyo(), -1)) } });
    must(await cancelGuarantee(db, admin.actor, cancelled.guarantee.id, { cancelledOn: todayInTokyo(), reason: '契約解除のため' }));
    for (const p of [expiring, cancelled]) {
      expect(await officerGuaranteeLapses(db, admin.actor, p.guarantee.id)).toEqual([]);
      expect(await detail(admin, p.number)).not.toContain(O.lapse.title);
      expect((await listed(p.number)).lapseOpen).toBe(false);
      expect(mark(await listRow(p.number))).toBe(false);
      expect(await db.contractLapse.count({ where: { guaranteeId: p.guarantee.id, resolvedAt: null } })).toBe(1);
    }
  });
});

describe('closed by the register', () => {
  it('the contract changed back (CONTRACT_REVERTED): gone from 保証の管理 and 保証一覧', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, number, guaranteeEnd } = await matchedPair();
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 60)) });
    expect(await officerGuaranteeLapses(db, admin.actor, g.id)).toHaveLength(1);
    expect((await listed(number)).lapseOpen).toBe(true);
    await edit(id, values);
    expect(await db.contractLapse.findMany({ where: { contractId: id }, select: { resolution: true } })).toEqual([{ resolution: 'CONTRACT_REVERTED' }]);
    expect(await officerGuaranteeLapses(db, admin.actor, g.id)).toEqual([]);
    expect((await listed(number)).lapseOpen).toBe(false);
    expect(mark(await listRow(number))).toBe(false);
  });

  it('the contract unmatched from the guarantee (UNMATCHED): gone from 保証の管理 and 保証一覧', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, number, guaranteeEnd } = await matchedPair();
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 60)) });
    expect(await officerGuaranteeLapses(db, admin.actor, g.id)).toHaveLength(1);
    expect((await listed(number)).lapseOpen).toBe(true);
    must(await unmatchContract(db, clerk.actor, id, { guaranteeId: g.id }));
    expect(await db.contractLapse.findMany({ where: { contractId: id }, select: { resolution: true } })).toEqual([{ resolution: 'UNMATCHED' }]);
    expect(await officerGuaranteeLapses(db, admin.actor, g.id)).toEqual([]);
    expect((await listed(number)).lapseOpen).toBe(false);
    expect(mark(await listRow(number))).toBe(false);
  });
});

describe('access', () => {
  it('officers only: the contractor and the orderer’s clerk are refused by the read and get 404 for the page', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, number, guaranteeEnd } = await matchedPair();
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 30)) });
    for (const who of [contractor, clerk]) {
      await expect(officerGuaranteeLapses(db, who.actor, g.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      signInAs(who);
      expect(await interrupt(OfficerGuaranteePage({ params: Promise.resolve({ number }), searchParams: Promise.resolve({}) } as never))).toBe('not-found');
      expect(await interrupt(OfficerGuaranteesPage({ searchParams: Promise.resolve({ number }) } as never))).toBe('not-found');
    }
    // Another guarantee's page shows nothing of this one's need.
    const other = await matchedPair();
    expect(await detail(admin, other.number)).not.toContain(O.lapse.title);
    expect(mark(await listRow(other.number))).toBe(false);
  });
});

describe('保証一覧: the mark in the list’s one statement', () => {
  it('the page statement asks ContractLapse by an index on guaranteeId, per listed row, never reading the table whole', async () => {
    const db = await getDb();
    const { guarantee: g } = await matchedPair();
    const sql = officerGuaranteeListSql(parseOfficerListParams({}), todayInTokyo())!;
    class Explained extends Error {
      constructor(readonly plan: { 'QUERY PLAN': string }[]) {
        super('rolled back');
      }
    }
    // At a handful of rows every index is one page and the planner may take any of them; 3000 open needs (of
    // 3000 contracts, in this transaction, rolled back) give the table a size where the index's leading column
    // matters, as in service.
    const plan = await db
      .$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`
          INSERT INTO "Contract" ("id", "ordererId", "contractNumber", "projectName", "contractorName", "projectNameFolded", "contractorNameFolded",
                                  "contractAmount", "contractDate", "periodStart", "periodEnd", "updatedAt")
          SELECT gen_random_uuid(), c."ordererId", 'PLAN-' || n, c."projectName", c."contractorName", c."projectNameFolded", c."contractorNameFolded",
                 c."contractAmount", c."contractDate", c."periodStart", c."periodEnd", now()
          FROM (SELECT * FROM "Contract" LIMIT 1) c CROSS JOIN generate_series(1, 3000) n`);
        await tx.$executeRawUnsafe(
          `INSERT INTO "ContractLapse" ("id", "contractId", "guaranteeId", "kind", "raisedRevision", "neededEnd", "contractAmount", "guaranteeEnd", "guaranteeAmount")
           SELECT gen_random_uuid(), c."id", g."id", 'EXTEND_PERIOD', 1, c."periodEnd", c."contractAmount", g."guaranteeEnd", g."guaranteeAmount"
           FROM "Contract" c CROSS JOIN "Guarantee" g WHERE c."contractNumber" LIKE 'PLAN-%' AND g."id" = CAST($1 AS uuid)`,
          g.id,
        );
        await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
        throw new Explained(await tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql.page.text}`, ...sql.page.values));
      })
      .then(
        () => expect.unreachable(),
        (e: unknown) => {
          if (e instanceof Explained) return e.plan;
          throw e;
        },
      );
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    // An index whose leading column is guaranteeId: the partial one of the open needs
    // (ContractLapse_open_guaranteeId_idx), or (guaranteeId, resolvedAt), whichever the planner finds cheaper for
    // the table's size; its Index Cond names the row's guarantee. Not ContractLapse_open_key: its leading column is
    // contractId, so a plan through it would not be a lookup by the guarantee.
    expect(text).toMatch(/Index (Only )?Scan using "ContractLapse_(open_guaranteeId_idx|guaranteeId_resolvedAt_idx)" on "ContractLapse" l[^\n]*\n\s*Index Cond: \(\(?"guaranteeId" = g\.id\)/);
    expect(text).not.toContain('ContractLapse_open_key');
    expect(text).not.toMatch(/Seq Scan on "ContractLapse"/);
    // The Guarantee rows are still picked from the sort's index, with the LIMIT inside.
    expect(text).toMatch(/Limit[\s\S]*Index Scan[^\n]*"Guarantee_issuedOn_number_idx"/);
  });
});
