import { parse } from 'csv-parse/sync';
import pg from 'pg';
import { isValidElement, type ReactNode } from 'react';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as csvRoute } from '@/app/orderer/confirmed/csv/route';
import { getDb } from '@/db/client';
import { CSV_HEADER } from '@/domain/confirmations/csv';
import { encodeCursor } from '@/domain/guarantees/keyset';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { confirmationsOfGuarantee, latestConfirmationByGuarantee } from '@/domain/confirmations/confirmations-of-guarantee';
import { confirmedCsv, confirmedCsvChunks, listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { notifyConfirmedOrderers } from '@/domain/confirmations/notify-confirmed-orderers';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { saveDepartment } from '@/domain/organizations/save-department';
import type { Prisma } from '@/generated/prisma/client';
import { addDaysIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { changeGuaranteeAmount, confirm } from '../support/confirmations';
import { concludedGuarantee, makeContractor, makeOrderer, makeUser, must, officer, TEST_KEY_SECRET } from '../support/factories';
import { signInAs } from '../support/session';
import { postgresUrl, withDatabase } from '../setup/test-database';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;
type Concluded = Awaited<ReturnType<typeof concludedGuarantee>>;

let omura: Awaited<ReturnType<typeof makeOrderer>>;
let company: Made;
let rival: Made;
let clerk: Made;
let colleague: Made;
let otherClerk: Made;
let admin: Made;
/** 22 guarantees of company, confirmed in order (gs[0] first, then again last by a colleague). */
const gs: Concluded[] = [];
let rivals: Concluded;
let unconfirmed: Concluded;

const T0 = Date.parse('2026-04-01T00:00:00Z');
const minute = (n: number) => new Date(T0 + n * 60_000);
const SURNAME = '-田中 花子'; // a user name that starts like a formula

beforeAll(async () => {
  const db = await getDb();
  const o = await officer(db);
  omura = await makeOrderer();
  const doboku = must(await saveDepartment(db, o, omura.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: 'doboku@example.jp', active: true }));
  const companyOrg = await makeContractor('株式会社髙﨑建設①');
  company = await makeUser('CONTRACTOR', companyOrg.id);
  rival = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER', omura.id, omura.departmentId);
  colleague = await makeUser('ORDERER', omura.id, doboku.id);
  otherClerk = await makeUser('ORDERER');
  admin = await makeUser('ADMIN', o.organizationId);

  for (let i = 0; i < 22; i++) {
    gs.push(await concludedGuarantee(company, omura, { projectName: i === 0 ? '髙﨑①②トンネル工事' : `〇〇道路改良工事${String(i).padStart(2, '0')}` }));
  }
  rivals = await concludedGuarantee(rival, omura, { projectName: '他社の橋梁工事' });
  unconfirmed = await concludedGuarantee(company, omura, { projectName: '未確認の工事' });

  // Text that Excel would run: a project name, a company name, a user name.
  await db.guarantee.update({ where: { id: gs[2]!.guaranteeId }, data: { projectName: '=HYPERLINK("http://example.com","x")' } });
  await db.organization.update({ where: { id: rival.actor.organizationId }, data: { name: '@悪意建設' } });
  await db.user.update({ where: { id: colleague.id }, data: { name: SURNAME } });

  for (let i = 0; i < 22; i++) await confirm(db, { guaranteeId: gs[i]!.guaranteeId, clerk, at: minute(i) });
  await confirm(db, { guaranteeId: rivals.guaranteeId, clerk, at: minute(25) });
  await confirm(db, { guaranteeId: gs[0]!.guaranteeId, clerk: colleague, at: minute(30) });
  // A row the lookup never writes (another orderer confirming omura's guarantee): shown to nobody.
  await confirm(db, { guaranteeId: gs[5]!.guaranteeId, clerk: otherClerk, at: minute(40) });
});
beforeEach(() => signInAs(null));

const list = async (raw: Record<string, string> = {}, who: Made = clerk) => listConfirmedCertificates(await getDb(), who.actor, parseConfirmedParams(raw), new Date());
/** Every row of the list, page after page through the 次へ links' cursors. */
const allRows = async (raw: Record<string, string> = {}, who: Made = clerk) => {
  let page = await list(raw, who);
  const rows = [...page.rows];
  while (page.hasNext) {
    page = await list({ ...raw, after: encodeCursor(page.last!), p: String(page.page + 1) }, who);
    rows.push(...page.rows);
  }
  return rows;
};
const csvOf = async (raw: Record<string, string> = {}, who: Made = clerk) => {
  const text = await confirmedCsv(await getDb(), who.actor, parseConfirmedParams(raw));
  return { text, rows: parse(text, { bom: true }) as string[][] };
};

describe('確認済み一覧 (orderer)', () => {
  it("one row per guarantee with its latest confirmation by any of the orderer's staff, newest first, 20 a page", async () => {
    const p1 = await list();
    expect(p1.total).toBe(23);
    expect(p1).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    expect(p1.rows).toHaveLength(20);
    expect(p1.rows[0]).toMatchObject({
      number: gs[0]!.number,
      userName: SURNAME,
      departmentName: '土木課',
      confirmedAt: minute(30),
      projectName: '髙﨑①②トンネル工事',
      contractorName: '株式会社髙﨑建設①',
      kind: 'ADVANCE',
      guaranteeAmount: 40_000_000n,
      confirmedVersion: 1,
      latestVersion: 1,
      displayStatus: 'ACTIVE',
      marks: [],
    });
    expect(p1.rows[1]).toMatchObject({ number: rivals.number, contractorName: '@悪意建設', userName: clerk.actor.name, departmentName: '契約課' });
    expect(p1.rows.slice(2).map((r) => r.number)).toEqual(gs.slice(4).map((g) => g.number).reverse());
    const p2 = await list({ after: encodeCursor(p1.last!), p: '2' });
    expect(p2.rows.map((r) => r.number)).toEqual([gs[3]!.number, gs[2]!.number, gs[1]!.number]);
    expect(p2).toMatchObject({ page: 2, hasPrevious: true, hasNext: false, total: 23 });
    // 前へ: the 20 rows before the first of page 2, in list order.
    const back = await list({ before: encodeCursor(p2.first!), p: '1' });
    expect(back.rows.map((r) => r.number)).toEqual(p1.rows.map((r) => r.number));
    expect(back).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    // A numbered link of the former paging, a forged cursor, one of another list: the first page.
    const oddLinks: Record<string, string>[] = [{ page: '2' }, { after: '%%%' }, { after: encodeCursor({ v: '2026-04-01', n: gs[3]!.number }) }, { after: encodeCursor({ v: '0000-01-01T00:00:00.000Z', n: gs[3]!.number }) }, { before: encodeCursor({ v: '9999-12-31T23:59:59.999Z', n: gs[3]!.number }) }, { after: 'x'.repeat(5000) }];
    for (const raw of oddLinks) {
      const p = await list(raw);
      expect(p.rows.map((r) => r.number)).toEqual(p1.rows.map((r) => r.number));
      expect(p.page).toBe(1);
    }
  });

  it('pages forward and back: each guarantee once, in order, ties on the moment broken by number; a cursor from another orderer shows only its own rows', async () => {
    const db = await getDb();
    const city = await makeOrderer();
    const cityClerk = await makeUser('ORDERER', city.id, city.departmentId);
    const made: Concluded[] = [];
    for (let i = 0; i < 25; i++) made.push(await concludedGuarantee(company, city, { projectName: `同時刻の工事${i}` }));
    // Three moments only: 12, 12 and 1 guarantees confirmed at the same millisecond (page 1 ends inside the second).
    for (let i = 0; i < made.length; i++) await confirm(db, { guaranteeId: made[i]!.guaranteeId, clerk: cityClerk, at: minute(100 + Math.floor(i / 12)) });
    const expected = made
      .map((g, i) => ({ number: g.number, at: 100 + Math.floor(i / 12) }))
      .sort((a, b) => b.at - a.at || b.number.localeCompare(a.number))
      .map((g) => g.number);

    const pages: string[][] = [];
    let page = await list({}, cityClerk);
    expect(page.total).toBe(25);
    pages.push(page.rows.map((r) => r.number));
    while (page.hasNext) {
      page = await list({ after: encodeCursor(page.last!), p: String(page.page + 1) }, cityClerk);
      pages.push(page.rows.map((r) => r.number));
    }
    expect(pages.map((p) => p.length)).toEqual([20, 5]);
    expect(page.page).toBe(2);
    expect(pages.flat()).toEqual(expected);
    // Back from the last page to the first.
    page = await list({ before: encodeCursor(page.first!), p: '1' }, cityClerk);
    expect(page.rows.map((r) => r.number)).toEqual(pages[0]);
    expect(page).toMatchObject({ page: 1, hasPrevious: false, hasNext: true });
    // omura's clerk with a cursor taken from the city's list: omura's rows only.
    const foreign = await list({ after: encodeCursor({ v: minute(101).toISOString(), n: expected[10]! }) }, clerk);
    expect(foreign.rows.every((r) => !expected.includes(r.number))).toBe(true);
  });

  it("a clerk of another orderer sees nothing — not even a confirmation of its own on another orderer's guarantee", async () => {
    expect(await list({}, otherClerk)).toEqual({ rows: [], hasPrevious: false, hasNext: false, total: 0, page: 1 });
    expect((await csvOf({}, otherClerk)).rows).toEqual([[...CSV_HEADER]]);
    // gs[5] is listed once for omura, with omura's confirmation.
    expect((await list({ cond: 'number', q: gs[5]!.number })).rows).toMatchObject([{ userName: clerk.actor.name, confirmedAt: minute(5) }]);
  });

  it('refuses contractors and officers', async () => {
    for (const who of [company, admin]) {
      await expect(list({}, who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(csvOf({}, who)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('searches by 保証契約番号 (prefix, 全角, hyphen), 工事名 and 保証契約者', async () => {
    const n = gs[7]!.number;
    expect((await list({ cond: 'number', q: n.slice(0, 9) })).rows.map((r) => r.number)).toEqual([n]);
    const wide = n.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    expect((await list({ cond: 'number', q: `${wide.slice(0, 4)}-${wide.slice(4)}` })).rows.map((r) => r.number)).toEqual([n]);
    expect((await list({ cond: 'number', q: '道路' })).total).toBe(0);
    expect((await list({ cond: 'project', q: '髙﨑' })).rows.map((r) => r.number)).toEqual([gs[0]!.number]);
    expect((await list({ cond: 'project', q: '道路改良' })).total).toBe(20);
    expect((await list({ cond: 'project', q: '%' })).total).toBe(0);
    expect((await list({ cond: 'contractor', q: '髙﨑建設' })).total).toBe(22);
    expect((await list({ cond: 'contractor', q: '悪意' })).rows.map((r) => r.number)).toEqual([rivals.number]);
    expect((await list({ cond: 'contractor', q: 'どこにもない' })).total).toBe(0);
    // By the kana too, typed in 半角; the searched names follow a change of the company's record.
    const db = await getDb();
    await db.organization.update({ where: { id: company.actor.organizationId }, data: { nameKana: 'タカサキケンセツ' } });
    expect((await list({ cond: 'contractor', q: 'ﾀｶｻｷ' })).total).toBe(22);
    expect((await list({ cond: 'contractor', q: 'ＫＥＮ' })).total).toBe(0);
  });

  it('工事名: the rows and count a plain reading of every confirmed guarantee gives, page after page; 前へ returns; a 変更契約 of 工事名 follows into the list', async () => {
    const db = await getDb();
    const everyRow = await allRows();
    const names = new Map(
      (await db.guarantee.findMany({ where: { id: { in: everyRow.map((r) => r.guaranteeId) } }, select: { number: true, projectNameFolded: true } })).map((g) => [g.number.trim(), g.projectNameFolded]),
    );
    for (const q of ['道路改良', '道路改良工事1', '髙﨑', 'トンネル', '工事', '橋梁', 'どこにもない', '%', '_']) {
      const raw = { cond: 'project', q };
      const folded = q.normalize('NFKC').toLowerCase();
      const expected = everyRow.map((r) => r.number).filter((n) => names.get(n)!.includes(folded));
      expect((await allRows(raw)).map((r) => r.number), q).toEqual(expected);
      expect((await list(raw)).total, q).toBe(expected.length);
    }
    // 前へ from the second page of a search of more than 20 rows.
    const raw = { cond: 'project', q: '工事' };
    const p1 = await list(raw);
    const p2 = await list({ ...raw, after: encodeCursor(p1.last!), p: '2' });
    const back = await list({ ...raw, before: encodeCursor(p2.first!), p: '1' });
    expect(back.rows.map((r) => r.number)).toEqual(p1.rows.map((r) => r.number));
    expect(back.total).toBe(p1.total);
    // The kept 工事名 follows the guarantee's (a 変更契約 may change it), for every orderer's row.
    const g = gs[7]!;
    await db.guarantee.update({ where: { id: g.guaranteeId }, data: { projectName: '〇〇橋ＡＢＣ補修工事' } });
    try {
      expect((await list({ cond: 'project', q: '橋abc' })).rows.map((r) => r.number)).toEqual([g.number]);
      expect((await db.confirmedGuarantee.findMany({ where: { guaranteeId: g.guaranteeId }, select: { projectNameFolded: true } })).every((r) => r.projectNameFolded === '〇〇橋abc補修工事')).toBe(true);
    } finally {
      await db.guarantee.update({ where: { id: g.guaranteeId }, data: { projectName: `〇〇道路改良工事07` } });
    }
  });

  it('marks a certificate changed, cancelled or expired since its confirmation; a new confirmation clears 新しい版を未確認', async () => {
    const db = await getDb();
    const [changed, cancelled, expired] = [gs[1]!, gs[2]!, gs[3]!];
    // A change contract: version 2 inserted (versions are never updated), the guarantee pointed at it.
    const v1 = await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: changed.guaranteeId, version: 1 } });
    await db.certificateVersion.create({
      data: {
        guaranteeId: changed.guaranteeId,
        version: 2,
        changeKind: 'CHANGE',
        issuedOn: new Date('2026-06-01T00:00:00Z'),
        content: { ...(v1.content as Prisma.JsonObject), guaranteeAmount: '45000000' },
      },
    });
    await db.guarantee.update({ where: { id: changed.guaranteeId }, data: { latestVersion: 2, changed: true, guaranteeAmount: 45_000_000n } });
    await db.guarantee.update({ where: { id: cancelled.guaranteeId }, data: { status: 'CANCELLED', cancelledOn: new Date('2026-06-02T00:00:00Z') } });
    // 期間満了 is never stored: it follows from a 保証期間 that ended yesterday (Asia/Tokyo).
    await db.guarantee.update({ where: { id: expired.guaranteeId }, data: { guaranteeEnd: isoDateToDb(addDaysIso(todayInTokyo(), -1)) } });

    const byNumber = new Map((await allRows()).map((r) => [r.number, r]));
    expect(byNumber.get(changed.number)).toMatchObject({ marks: ['CHANGED'], displayStatus: 'CHANGED', confirmedVersion: 1, latestVersion: 2, guaranteeAmount: 45_000_000n });
    expect(byNumber.get(cancelled.number)).toMatchObject({ marks: ['CANCELLED'], displayStatus: 'CANCELLED', statusAtConfirmation: 'ACTIVE' });
    expect(byNumber.get(expired.number)).toMatchObject({ marks: ['EXPIRED'], displayStatus: 'EXPIRED' });
    const csv = await csvOf({ cond: 'number', q: changed.number });
    expect(csv.rows[1]!.slice(8)).toEqual(['1', '2', '変更済', '新しい版を未確認', '未照合', '']);

    // Confirmed again (version 2, cancelled): nothing new since.
    await confirm(db, { guaranteeId: changed.guaranteeId, clerk, at: minute(50) });
    await confirm(db, { guaranteeId: cancelled.guaranteeId, clerk, at: minute(51) });
    const again = await list();
    expect(again.rows[0]).toMatchObject({ number: cancelled.number, marks: [], displayStatus: 'CANCELLED', statusAtConfirmation: 'CANCELLED' });
    expect(again.rows[1]).toMatchObject({ number: changed.number, marks: [], displayStatus: 'CHANGED', confirmedVersion: 2 });
  });

  it('CSV: every matching row (not one page), BOM, Japanese intact, formula cells neutralised', async () => {
    const { text, rows } = await csvOf();
    expect(text.startsWith('\ufeff')).toBe(true);
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(1 + 23);
    const byNumber = new Map(rows.slice(1).map((r) => [r[3], r]));
    expect(byNumber.get(gs[0]!.number)).toEqual([
      '2026/04/01 09:30',
      `'${SURNAME}`,
      '土木課',
      gs[0]!.number,
      '前払金保証',
      '髙﨑①②トンネル工事',
      '株式会社髙﨑建設①',
      '40000000',
      '1',
      '1',
      '有効',
      'なし',
      '未照合',
      '',
    ]);
    expect(byNumber.get(gs[2]!.number)![5]).toBe(`'=HYPERLINK("http://example.com","x")`);
    expect(byNumber.get(rivals.number)![6]).toBe(`'@悪意建設`);
    // The search of the page applies.
    expect((await csvOf({ cond: 'contractor', q: '悪意' })).rows.map((r) => r[3])).toEqual(['保証契約番号', rivals.number]);
    expect((await csvOf({ cond: 'number', q: 'abc' })).rows).toEqual([[...CSV_HEADER]]);
  });

  it('CSV in keyset batches (5 rows a statement, 23 rows): the same bytes as one batch, in list order, each row once', async () => {
    const db = await getDb();
    const params = parseConfirmedParams({});
    const whole = await confirmedCsv(db, clerk.actor, params, new Date(), 1000);
    const batched = await confirmedCsv(db, clerk.actor, params, new Date(), 5);
    expect(batched).toBe(whole);
    const numbers = (parse(batched, { bom: true }) as string[][]).slice(1).map((r) => r[3]);
    const listed = (await allRows()).map((r) => r.number);
    expect(numbers).toEqual(listed);
    // A 工事名 search: the same rows, whatever the batch (the window moves on over rows that do not match).
    const project = parseConfirmedParams({ cond: 'project', q: '道路改良' });
    const searched = await confirmedCsv(db, clerk.actor, project, new Date(), 1);
    expect(searched).toBe(await confirmedCsv(db, clerk.actor, project, new Date(), 1000));
    expect((parse(searched, { bom: true }) as string[][]).slice(1).map((r) => r[3])).toEqual((await allRows({ cond: 'project', q: '道路改良' })).map((r) => r.number));
    // A batch size that divides the count exactly ends with an empty statement, not a repeated row.
    expect(await confirmedCsv(db, clerk.actor, parseConfirmedParams({ cond: 'contractor', q: '悪意' }), new Date(), 1)).toBe(
      await confirmedCsv(db, clerk.actor, parseConfirmedParams({ cond: 'contractor', q: '悪意' }), new Date(), 1000),
    );
  });
});

describe('ConfirmedGuarantee: the latest confirmation, kept by the database', () => {
  const kept = async (guaranteeId: string) =>
    (await getDb()).$queryRaw<{ organizationId: string; confirmationId: string; confirmedAt: Date; confirmedVersion: number; highestVersion: number; lastSeq: bigint; userId: string; number: string; contractorId: string }[]>`
      SELECT "organizationId", "confirmationId", "confirmedAt", "confirmedVersion", "highestVersion", "lastSeq", "userId", "number", "contractorId"
      FROM "ConfirmedGuarantee" WHERE "guaranteeId" = CAST(${guaranteeId} AS uuid)`;

  it('the trigger keeps the newest by (moment, id), the highest version and the last number; no row for an orderer the guarantee does not name', async () => {
    const db = await getDb();
    const city = await makeOrderer();
    const cityClerk = await makeUser('ORDERER', city.id, city.departmentId);
    const cityColleague = await makeUser('ORDERER', city.id, city.departmentId);
    const g = await concludedGuarantee(company, city, { projectName: '記録を保つ工事' });
    const c1 = await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityClerk, at: minute(10) });
    const row = { organizationId: city.id, number: g.number, contractorId: company.actor.organizationId };
    expect(await kept(g.guaranteeId)).toEqual([{ ...row, confirmationId: c1.id, confirmedAt: minute(10), confirmedVersion: 1, highestVersion: 1, lastSeq: c1.seq, userId: cityClerk.id }]);

    // 第2版, confirmed by a colleague.
    await changeGuaranteeAmount(db, admin, g.guaranteeId, 35_000_000n);
    const c2 = await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityColleague, at: minute(20) });
    expect(await kept(g.guaranteeId)).toEqual([{ ...row, confirmationId: c2.id, confirmedAt: minute(20), confirmedVersion: 2, highestVersion: 2, lastSeq: c2.seq, userId: cityColleague.id }]);

    // Written later with an earlier moment (an instance whose clock is behind): the row keeps c2; the number rises.
    const c3 = await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityClerk, at: minute(15) });
    expect(await kept(g.guaranteeId)).toMatchObject([{ confirmationId: c2.id, confirmedAt: minute(20), userId: cityColleague.id, lastSeq: c3.seq }]);
    expect(c3.seq).toBeGreaterThan(c2.seq);

    // The same moment: the greater id, as the list always ordered them.
    const c4 = await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityClerk, at: minute(30) });
    const c5 = await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityColleague, at: minute(30) });
    expect((await kept(g.guaranteeId))[0]!.confirmationId).toBe([c4.id, c5.id].sort().at(-1));

    // Another orderer's confirmation of the city's guarantee (the lookup never writes one): no row of its own.
    await confirm(db, { guaranteeId: g.guaranteeId, clerk: otherClerk, at: minute(40) });
    expect((await kept(g.guaranteeId)).map((r) => r.organizationId)).toEqual([city.id]);
  });

  it('a row of a guarantee that does not name the orderer (which the trigger never writes) is shown to nobody, and cuts no page or file short', async () => {
    const db = await getDb();
    const city = await makeOrderer();
    const cityClerk = await makeUser('ORDERER', city.id, city.departmentId);
    const made: Concluded[] = [];
    for (let i = 0; i < 3; i++) made.push(await concludedGuarantee(company, city, { projectName: `迷い行の工事${i}` }));
    for (let i = 0; i < 3; i++) await confirm(db, { guaranteeId: made[i]!.guaranteeId, clerk: cityClerk, at: minute(500 + 2 * i) });
    // Written by hand between made[0] and made[1]: omura's guarantee gs[9] listed for the city.
    const c = await db.confirmation.findFirstOrThrow({ where: { guaranteeId: gs[9]!.guaranteeId } });
    await db.$executeRaw`
      INSERT INTO "ConfirmedGuarantee" ("organizationId", "guaranteeId", "number", "contractorId", "confirmationId", "confirmedAt", "confirmedVersion",
                                        "statusAtConfirmation", "highestVersion", "lastSeq")
      VALUES (CAST(${city.id} AS uuid), CAST(${gs[9]!.guaranteeId} AS uuid), ${gs[9]!.number}, CAST(${company.actor.organizationId} AS uuid), CAST(${c.id} AS uuid),
              ${minute(501)}, 1, 'ACTIVE', 1, ${c.seq})`;
    const expected = [made[2]!.number, made[1]!.number, made[0]!.number];
    expect((await list({}, cityClerk)).rows.map((r) => r.number)).toEqual(expected);
    for (const batch of [1, 2, 1000]) {
      const text = await confirmedCsv(db, cityClerk.actor, parseConfirmedParams({}), new Date(), batch);
      expect((parse(text, { bom: true }) as string[][]).slice(1).map((r) => r[3])).toEqual(expected);
    }
  });

  it('confirmations are never changed or removed (the rows the list and the CSV are derived from)', async () => {
    const db = await getDb();
    const c = await db.confirmation.findFirstOrThrow({ where: { guaranteeId: gs[10]!.guaranteeId } });
    await expect(db.confirmation.update({ where: { id: c.id }, data: { confirmedAt: minute(99) } })).rejects.toThrow(/never changed or removed/);
    await expect(db.confirmation.delete({ where: { id: c.id } })).rejects.toThrow(/never changed or removed/);
    expect(await db.confirmation.findUniqueOrThrow({ where: { id: c.id } })).toEqual(c);
  });

  it('the CSV is the list as of its start: confirmations written between two batches change nothing in that file', async () => {
    const db = await getDb();
    const city = await makeOrderer();
    const cityClerk = await makeUser('ORDERER', city.id, city.departmentId);
    const made: Concluded[] = [];
    for (let i = 0; i < 8; i++) made.push(await concludedGuarantee(company, city, { projectName: `一覧の時点の工事${i}` }));
    const fresh = await concludedGuarantee(company, city, { projectName: 'ダウンロード中に初めて確認する工事' });
    for (let i = 0; i < made.length; i++) await confirm(db, { guaranteeId: made[i]!.guaranteeId, clerk: cityClerk, at: minute(200 + i) });
    // 第2版 of made[0] and made[2], issued before the file: both rows read 新しい版を未確認.
    for (const g of [made[0]!, made[2]!]) await changeGuaranteeAmount(db, admin, g.guaranteeId, 35_000_000n);

    const params = parseConfirmedParams({});
    const expected = await confirmedCsv(db, cityClerk.actor, params, new Date(), 1000);
    const marked = (text: string, number: string) => (parse(text, { bom: true }) as string[][]).find((r) => r[3] === number)![11];
    expect(marked(expected, made[0]!.number)).toBe('新しい版を未確認');

    // Batches of 3: made[7..5], made[4..2], made[1..0]. The writes come after the first batch.
    const chunks = confirmedCsvChunks(db, cityClerk.actor, params, new Date(), 3);
    const got: string[] = [];
    for (let i = 0; i < 2; i++) got.push((await chunks.next()).value as string);
    // made[0], not yet written, confirmed again in 第2版: it would move to the top, out of the file's way.
    await confirm(db, { guaranteeId: made[0]!.guaranteeId, clerk: cityClerk, at: minute(300) });
    // made[6], written already, confirmed again: it would be read again at the top of nothing (no duplicate either way).
    await confirm(db, { guaranteeId: made[6]!.guaranteeId, clerk: cityClerk, at: minute(301) });
    // A guarantee confirmed for the first time: not in this file.
    await confirm(db, { guaranteeId: fresh.guaranteeId, clerk: cityClerk, at: minute(302) });
    // made[2], not yet written, 第2版 confirmed with an earlier moment: the row stays, but its mark would go.
    await confirm(db, { guaranteeId: made[2]!.guaranteeId, clerk: cityClerk, at: minute(150) });
    for await (const chunk of chunks) got.push(chunk);
    expect(got.join('')).toBe(expected);

    // The next file shows them all.
    const next = await confirmedCsv(db, cityClerk.actor, params);
    expect((parse(next, { bom: true }) as string[][]).slice(1, 4).map((r) => r[3])).toEqual([fresh.number, made[6]!.number, made[0]!.number]);
    expect(marked(next, made[0]!.number)).toBe('なし');
    expect(marked(next, made[2]!.number)).toBe('なし');
  });

  it.skipIf(!postgresUrl())('a confirmation still being written when the file starts is waited for: it is in the file, once, where it belongs (PostgreSQL)', async () => {
    const db = await getDb();
    const city = await makeOrderer();
    const cityClerk = await makeUser('ORDERER', city.id, city.departmentId);
    const made: Concluded[] = [];
    for (let i = 0; i < 6; i++) made.push(await concludedGuarantee(company, city, { projectName: `書き込み中の確認${i}` }));
    for (let i = 0; i < made.length; i++) await confirm(db, { guaranteeId: made[i]!.guaranteeId, clerk: cityClerk, at: minute(400 + i) });
    // A lookup in flight on a connection of its own: made[0] confirmed again, its number taken, not committed.
    const { name } = (await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0]!;
    const writer = new pg.Client({ connectionString: withDatabase(postgresUrl()!, name), options: '-c TimeZone=UTC' });
    await writer.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(
        `INSERT INTO "Confirmation" ("id", "guaranteeId", "certificateVersionId", "organizationId", "departmentId", "userId", "statusAtConfirmation", "confirmedAt")
         SELECT gen_random_uuid(), "guaranteeId", "certificateVersionId", "organizationId", "departmentId", "userId", "statusAtConfirmation", $2
         FROM "Confirmation" WHERE "guaranteeId" = $1 LIMIT 1`,
        [made[0]!.guaranteeId, minute(500).toISOString()],
      );
      const file = confirmedCsv(db, cityClerk.actor, parseConfirmedParams({}), new Date(), 2);
      const waiting = async () =>
        (await writer.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'relation' AND relation = CAST('"Confirmation"' AS regclass) AND NOT granted`)).rows[0]!.n;
      await expect.poll(waiting, { timeout: 60_000 }).toBe(1);
      await writer.query('COMMIT');
      const rows = (parse(await file, { bom: true }) as string[][]).slice(1).map((r) => r[3]);
      // Committed before the file's cutoff: made[0] at the top, once, and every other row once.
      expect(rows).toEqual([made[0]!, ...made.slice(1).reverse()].map((g) => g.number));
    } finally {
      await writer.end();
    }
  });
});

describe("the contractor's view", () => {
  it('who confirmed: orderer and department with first and last time and version, no personal name; only own guarantees', async () => {
    const db = await getDb();
    const seen = await confirmationsOfGuarantee(db, company.actor, gs[0]!.guaranteeId);
    expect(seen).toEqual([
      { organizationName: omura.name, departmentName: '土木課', firstConfirmedAt: minute(30), lastConfirmedAt: minute(30), version: 1 },
      { organizationName: omura.name, departmentName: '契約課', firstConfirmedAt: minute(0), lastConfirmedAt: minute(0), version: 1 },
    ]);
    expect(JSON.stringify(seen)).not.toContain(SURNAME);
    expect(JSON.stringify(seen)).not.toContain(clerk.actor.name);
    expect(await confirmationsOfGuarantee(db, company.actor, unconfirmed.guaranteeId)).toEqual([]);
    for (const id of [rivals.guaranteeId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      await expect(confirmationsOfGuarantee(db, company.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(confirmationsOfGuarantee(db, clerk.actor, gs[0]!.guaranteeId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it("the list column: the latest confirmation per guarantee in one query, only the company's own", async () => {
    const db = await getDb();
    const ids = [gs[0]!.guaranteeId, gs[4]!.guaranteeId, unconfirmed.guaranteeId, rivals.guaranteeId, 'junk'];
    const map = await latestConfirmationByGuarantee(db, company.actor.organizationId, ids);
    expect([...map.keys()].sort()).toEqual([gs[0]!.guaranteeId, gs[4]!.guaranteeId].sort());
    // gs[0]'s latest is the colleague's; another company's guarantee is never answered.
    expect(map.get(gs[0]!.guaranteeId)).toEqual(minute(30));
    expect(map.get(gs[4]!.guaranteeId)).toEqual(minute(4));
    expect((await latestConfirmationByGuarantee(db, rival.actor.organizationId, ids)).get(rivals.guaranteeId)).toEqual(minute(25));
    expect(await latestConfirmationByGuarantee(db, company.actor.organizationId, [])).toEqual(new Map());
  });
});

describe('telling the orderers (notifyConfirmedOrderers)', () => {
  it("one mail to the confirming orderer's active staff with an address, inside the caller's transaction", async () => {
    const db = await getDb();
    await db.user.update({ where: { id: clerk.id }, data: { email: 'clerk@city.example.jp' } });
    await db.user.update({ where: { id: colleague.id }, data: { email: 'doboku-staff@city.example.jp' } });
    await db.user.update({ where: { id: otherClerk.id }, data: { email: 'other@pref.example.jp' } });
    const retired = await makeUser('ORDERER', omura.id, omura.departmentId);
    await db.user.update({ where: { id: retired.id }, data: { email: 'retired@city.example.jp', disabled: true } });
    await makeUser('ORDERER', omura.id, omura.departmentId); // no address

    // gs[5] also carries the other orderer's stray confirmation: it is not told.
    const target = gs[5]!;
    const key = (await getKeyPage(db, company.actor, target.number, TEST_KEY_SECRET)).key;
    const ids = await db.$transaction((tx) => notifyConfirmedOrderers(tx, target.guaranteeId, 'CANCELLED', { date: '2026-07-01', note: '工事の中止' }));
    expect(ids).toHaveLength(1);
    const mail = await db.outboxMail.findUniqueOrThrow({ where: { id: ids[0]! } });
    expect(mail).toMatchObject({
      template: 'confirmed-cancelled',
      to: ['clerk@city.example.jp', 'doboku-staff@city.example.jp'],
      cc: [],
      status: 'PENDING',
      relatedType: 'guarantee',
      relatedId: target.guaranteeId,
    });
    expect(mail.subject).toContain(target.number);
    expect(mail.subject).toContain('解除');
    expect(mail.bodyText).toContain(`${omura.name} ご担当者様`);
    expect(mail.bodyText).toContain(`保証契約番号：${target.number}`);
    expect(mail.bodyText).toContain('2026/07/01 付けで解除されました');
    expect(mail.bodyText).toContain('ログイン画面：http://localhost:3000/login');
    expect(mail.bodyText).not.toContain(key);
    expect(mail.bodyText).not.toMatch(/https?:\/\/\S*[?#]/);

    const changed = await db.$transaction((tx) => notifyConfirmedOrderers(tx, target.guaranteeId, 'PERIOD_ENDING', { date: '2027-03-31' }));
    expect((await db.outboxMail.findUniqueOrThrow({ where: { id: changed[0]! } })).template).toBe('confirmed-period-ending');
  });

  it('nothing when the transaction rolls back, and nothing for a certificate nobody confirmed', async () => {
    const db = await getDb();
    const before = await db.outboxMail.count();
    await expect(
      db.$transaction(async (tx) => {
        expect(await notifyConfirmedOrderers(tx, gs[6]!.guaranteeId, 'CHANGED', { date: '2026-05-10', version: 2 })).toHaveLength(1);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.outboxMail.count()).toBe(before);
    expect(await db.$transaction((tx) => notifyConfirmedOrderers(tx, unconfirmed.guaranteeId, 'CHANGED', { date: '2026-05-10' }))).toEqual([]);
    expect(await db.outboxMail.count()).toBe(before);
    await expect(db.$transaction((tx) => notifyConfirmedOrderers(tx, '00000000-0000-4000-8000-000000000000', 'CHANGED', { date: '2026-05-10' }))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

/** The text of a rendered server component's element tree (elements only, not nested components). */
/**
 * The text a server-rendered page shows: elements' children, and what plain function components
 * (the shared list table, its cells) return. A component that uses hooks (a client component) cannot
 * be called outside React: its children stand for it.
 */
function textOf(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  if (isValidElement(node)) {
    if (typeof node.type === 'function') {
      try {
        return textOf((node.type as (props: unknown) => ReactNode)(node.props));
      } catch {
        // a component with hooks: fall through to its children
      }
    }
    return textOf((node.props as { children?: ReactNode }).children);
  }
  return '';
}

describe('access to the URLs', () => {
  it('the CSV route: the clerk gets the file; contractors and officers 404; signed-out 401', async () => {
    signInAs(clerk);
    const res = await csvRoute(new Request(`http://x/orderer/confirmed/csv?cond=project&q=${encodeURIComponent('髙﨑')}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="[^"]+"; filename\\*=UTF-8''${encodeURIComponent('確認済み一覧_')}\\d{8}\\.csv$`),
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows.map((r) => r[5])).toEqual(['工事名', '髙﨑①②トンネル工事']);
    for (const who of [company, admin]) {
      signInAs(who);
      expect((await csvRoute(new Request('http://x/orderer/confirmed/csv'))).status).toBe(404);
    }
    signInAs(null);
    expect((await csvRoute(new Request('http://x/orderer/confirmed/csv'))).status).toBe(401);
  });

  it('the 確認済み一覧 page refuses the other sides and renders for the clerk', async () => {
    const { default: ConfirmedPage } = await import('@/app/orderer/confirmed/page');
    const props = { params: Promise.resolve({}), searchParams: Promise.resolve({ cond: 'project', q: '髙﨑' }) } as never;
    for (const who of [company, admin]) {
      signInAs(who);
      await expect(ConfirmedPage(props)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    }
    signInAs(null);
    await expect(ConfirmedPage(props)).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
    signInAs(clerk);
    const text = textOf(await ConfirmedPage(props));
    expect(text).toContain('確認済み一覧');
    expect(text).toContain(gs[0]!.number);
    expect(text).toContain('髙﨑①②トンネル工事');
  });

  it("the contractor's pages show the confirmations: the list's 発注者確認 column and the certificate's 確認状況", async () => {
    const { default: ListPage } = await import('@/app/contractor/guarantees/page');
    const { default: CertificatePage } = await import('@/app/contractor/guarantees/[number]/page');
    signInAs(company);
    const listText = textOf(await ListPage({ params: Promise.resolve({}), searchParams: Promise.resolve({ cond: 'project', q: '髙﨑' }) } as never));
    expect(listText).toContain('発注者確認');
    expect(listText).toContain('2026/04/01');
    const none = textOf(await ListPage({ params: Promise.resolve({}), searchParams: Promise.resolve({ cond: 'project', q: '未確認の工事' }) } as never));
    expect(none).toContain('未確認');
    const certificate = textOf(await CertificatePage({ params: Promise.resolve({ number: gs[0]!.number }), searchParams: Promise.resolve({}) } as never));
    expect(certificate).toContain('発注者の確認状況');
    expect(certificate).toContain(omura.name);
    expect(certificate).toContain('土木課');
    expect(certificate).toContain('2026/04/01 09:30');
    expect(certificate).not.toContain(SURNAME);
    const notYet = textOf(await CertificatePage({ params: Promise.resolve({ number: unconfirmed.number }), searchParams: Promise.resolve({}) } as never));
    expect(notYet).toContain('まだ発注者による確認はありません。');
    signInAs(clerk);
    await expect(ListPage({ params: Promise.resolve({}), searchParams: Promise.resolve({}) } as never)).rejects.toMatchObject({ digest: expect.stringContaining('404') });
  });
});

describe('the test helper and the real lookup', () => {
  it('confirm() writes the row lookupCertificate writes, and a real lookup shows in both lists', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(company, omura, { projectName: '照会で確認する工事' });
    const { key } = await getKeyPage(db, company.actor, g.number, TEST_KEY_SECRET);
    const found = await lookupCertificate(db, { kind: 'user', actor: colleague.actor }, { number: g.number, key }, { secret: TEST_KEY_SECRET, clientAddress: null });
    expect(found.status).toBe('found');
    const fields = { guaranteeId: true, certificateVersionId: true, organizationId: true, departmentId: true, userId: true, statusAtConfirmation: true } as const;
    const real = await db.confirmation.findFirstOrThrow({ where: { guaranteeId: g.guaranteeId }, select: fields });
    const mirrored = await confirm(db, { guaranteeId: g.guaranteeId, clerk: colleague });
    expect(await db.confirmation.findUniqueOrThrow({ where: { id: mirrored.id }, select: fields })).toEqual(real);

    expect((await list()).rows[0]).toMatchObject({ number: g.number, userName: SURNAME, departmentName: '土木課', marks: [] });
    expect((await latestConfirmationByGuarantee(db, company.actor.organizationId, [g.guaranteeId])).has(g.guaranteeId)).toBe(true);
  });
});
