import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import LookupLogPage from '@/app/admin/lookups/page';
import OutboxPage from '@/app/admin/outbox/page';
import { getDb, type Db } from '@/db/client';
import { COUNT_CAP, encodeCursor, PAGE_SIZE, type KeysetPage } from '@/domain/guarantees/keyset';
import { listLookupAttempts, lookupAttemptStatements } from '@/domain/lookup/attempt-list';
import { parseLookupLogParams } from '@/domain/lookup/attempt-list-params';
import { numberBudgetKey } from '@/domain/lookup/policy';
import { listLocks } from '@/domain/lookup/queries';
import { listOutbox, outboxStatements } from '@/domain/mail/outbox-list';
import { parseOutboxListParams } from '@/domain/mail/outbox-list-params';
import { sweepExpired } from '@/domain/retention/sweep';
import type { LookupOutcome, MailStatus } from '@/generated/prisma/enums';
import { Prisma } from '@/generated/prisma/client';
import { makeOrderer, makeUser, uid } from '../support/factories';
import { interrupt } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * The officers' 照会記録 and 送信メール at any size (decision 062): keyset pages (no row skipped or
 * repeated, forward and back, whatever the moments share), the capped count, each search served as
 * the page says, only officers; and opening 照会記録 writes nothing (the retention sweep removes what
 * has ended). On PGlite, and on PostgreSQL with TEST_DATABASE_URL.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let admin: Made;
let contractor: Made;
let clerk: Made;

beforeAll(async () => {
  admin = await makeUser('ADMIN');
  contractor = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER');
});

afterEach(() => signInAs(null));

const ids = (page: KeysetPage<{ id: string }>) => page.rows.map((r) => r.id);
const START = Date.parse('2026-11-01T00:00:00.000Z');

/**
 * Every page of a list from the first by 次へ, then back by 前へ from the last: the same pages, each
 * row once, in the order asked. Returns the rows in page order.
 */
async function walk(read: (raw: Record<string, string>) => Promise<KeysetPage<{ id: string }>>, base: Record<string, string>): Promise<string[][]> {
  let page = await read(base);
  expect(page.hasPrevious).toBe(false);
  expect(page.page).toBe(1);
  const forward = [ids(page)];
  while (page.hasNext) {
    page = await read({ ...base, after: encodeCursor(page.last!), p: String(page.page + 1) });
    expect(page.hasPrevious).toBe(true);
    forward.push(ids(page));
  }
  expect(page.page).toBe(forward.length);
  const back = [ids(page)];
  while (page.hasPrevious) {
    page = await read({ ...base, before: encodeCursor(page.first!), p: String(page.page - 1) });
    expect(page.hasNext).toBe(true);
    back.unshift(ids(page));
  }
  expect(page.page).toBe(1);
  expect(back).toEqual(forward);
  for (const rows of forward.slice(0, -1)) expect(rows).toHaveLength(PAGE_SIZE);
  return forward;
}

/**
 * The plan of a statement on these small tables, with sequential reads off (and, `bitmap`, plain index
 * scans too, which would otherwise walk the date index): which index a search can be served by.
 */
async function plan(db: Db, sql: Prisma.Sql, { bitmap = true } = {}): Promise<string> {
  const rows = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
    if (bitmap) await tx.$executeRawUnsafe('SET LOCAL enable_indexscan = off');
    return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql.text}`, ...sql.values);
  });
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

// ───────────── 照会記録 ─────────────

describe('照会記録', () => {
  let dbHandle: Db | undefined;
  const list = (raw: Record<string, string>) => listLookupAttempts(dbHandle!, admin.actor, parseLookupLogParams(raw));
  let orderer: Awaited<ReturnType<typeof makeOrderer>>;
  let staff: Made;

  /** Attempts of `orderer`, `count` of them, seven to a moment (so pages end inside a run of equal moments), oldest first. */
  async function attempts(count: number, patch: (i: number) => { numberInput?: string; outcome?: LookupOutcome } = () => ({})) {
    await dbHandle!.lookupAttempt.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        userId: staff.id,
        organizationId: orderer.id,
        numberInput: '1000000018',
        outcome: 'FOUND' as const,
        clientAddress: '192.0.2.1',
        createdAt: new Date(START + Math.floor(i / 7) * 1000),
        ...patch(i),
      })),
    });
  }

  beforeAll(async () => {
    dbHandle = await getDb();
    orderer = await makeOrderer(`照会市${uid()}`);
    staff = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  });

  it('pages by cursor, newest first: every attempt once, forward and back, when many share a moment; the count stops past 200', async () => {
    const db = dbHandle!;
    await attempts(47);
    const mine = { organization: orderer.name };
    const expected = await db.lookupAttempt.findMany({ where: { organizationId: orderer.id }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    const pages = await walk(list, mine);
    expect(pages.map((p) => p.length)).toEqual([20, 20, 7]);
    expect(pages.flat()).toEqual(expected.map((r) => r.id));
    expect((await list({ ...mine, after: encodeCursor({ v: new Date(START).toISOString(), n: expected[19]!.id }), p: '2' })).total).toBe(47);

    // The whole log (every attempt of this file), past the count's cap: 「200件以上」.
    await attempts(190, () => ({ outcome: 'NOT_FOUND' }));
    const all = await db.lookupAttempt.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    expect(all.length).toBeGreaterThan(COUNT_CAP);
    const first = await list({});
    expect(first.total).toBe(COUNT_CAP + 1);
    expect((await walk(list, {})).flat()).toEqual(all.map((r) => r.id));
  });

  it('a cursor not written for this list, or forged, shows the first page; a short 前へ page falls back to it', async () => {
    const first = ids(await list({}));
    for (const after of ['%%%', encodeCursor({ v: '2026-04-01', n: '1000000018' }), encodeCursor({ v: 'not-a-moment', n: '00000000-0000-4000-8000-000000000000' }), encodeCursor({ v: '0000-01-01T00:00:00.000Z', n: '00000000-0000-4000-8000-000000000000' }), encodeCursor({ v: '9999-12-31T23:59:59.999Z', n: '00000000-0000-4000-8000-000000000000' }), 'x'.repeat(5000)]) {
      const page = await list({ after, p: '7' });
      expect(ids(page)).toEqual(first);
      expect(page.page).toBe(1);
    }
    // Before the newest attempt there is nothing: the first page.
    const newest = (await list({})).rows[0]!;
    expect(ids(await list({ before: encodeCursor({ v: newest.createdAt.toISOString(), n: newest.id }), p: '2' }))).toEqual(first);
  });

  it('保証契約番号 from its start, as typed (全角, hyphens, spaces): the digits of what the clerk typed, served by their index', async () => {
    const db = dbHandle!;
    const typed = ['9876-5432-10', '９８７６５４３２１０', '9876543210', ' 98765 4321 ', 'x98765', '987654321012345', '1987654321', '98764', '９ー８７６'];
    await attempts(typed.length, (i) => ({ numberInput: typed[i]!, outcome: 'INVALID_NUMBER' }));
    const digitsOf = (text: string) => text.normalize('NFKC').replace(/[^0-9]/g, '');
    for (const box of ['9876', '98765', '９８７６５', '9876-54', '9876 5432 10', '9876543210', '98765432101', '1987', '9', '0']) {
      const prefix = digitsOf(box);
      const expected = typed.filter((t) => digitsOf(t).startsWith(prefix)).sort();
      const found = await list({ number: box, organization: orderer.name, outcome: 'INVALID_NUMBER' });
      expect(found.rows.map((r) => r.numberInput).sort(), box).toEqual(expected);
    }
    // Not a number's beginning: nothing (not every attempt).
    for (const box of ['abc', '98a', '%']) expect(await list({ number: box }), box).toMatchObject({ rows: [], total: 0 });
    // A beginning of few attempts: all of them from the number's index (the count was taken there too).
    const sql = await lookupAttemptStatements(db, parseLookupLogParams({ number: '98765' }));
    expect(sql!.pages).toHaveLength(1);
    expect(await plan(db, sql!.pages[0]!, { bitmap: false })).toContain('LookupAttempt_numberDigits_createdAt_id_idx');
    expect(sql!.count).toBe(6);
  });

  it('a common beginning of the number: the newest attempts first, the index when they do not fill the page; the same pages either way', async () => {
    const db = dbHandle!;
    // 30 attempts of 4242… with older ones among them, and newer ones of other numbers in between.
    const mine: string[] = [];
    for (let i = 0; i < 30; i++) mine.push(`4242${String(i).padStart(6, '0')}`);
    await attempts(30, (i) => ({ numberInput: mine[i]!, outcome: 'FOUND' }));
    await db.lookupAttempt.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({ userId: staff.id, organizationId: orderer.id, numberInput: '1000000018', outcome: 'NOT_FOUND' as const, createdAt: new Date(START + 3_000 + i) })),
    });
    const expected = await db.lookupAttempt.findMany({ where: { numberInput: { startsWith: '4242' } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    const byNumber = (limits: { readWhole: number; window: number }) => (raw: Record<string, string>) => listLookupAttempts(db, admin.actor, parseLookupLogParams(raw), limits);
    // Read whole (30 ≤ 100); from a window of 50 newest (fills the pages); a window of 5 (never fills: the index).
    for (const limits of [{ readWhole: 100, window: 50 }, { readWhole: 3, window: 1_000 }, { readWhole: 3, window: 5 }]) {
      const pages = await walk(byNumber(limits), { number: '4242' });
      expect(pages.flat(), JSON.stringify(limits)).toEqual(expected.map((r) => r.id));
      // Counted in the number's index.
      expect((await byNumber(limits)({ number: '4242', after: encodeCursor({ v: new Date(START + 10_000).toISOString(), n: expected[0]!.id }) })).total).toBe(30);
    }
  });

  it('several orderers named by the box: each one\'s own index, merged, every attempt once in date order', async () => {
    const db = dbHandle!;
    const tag = uid();
    const towns = [await makeOrderer(`合算町${tag}一`), await makeOrderer(`合算町${tag}二`), await makeOrderer(`合算町${tag}三`)];
    for (const [t, town] of towns.entries()) {
      await db.lookupAttempt.createMany({
        data: Array.from({ length: 9 + t * 4 }, (_, i) => ({ organizationId: town.id, numberInput: '1000000018', outcome: 'FOUND' as const, createdAt: new Date(START + Math.floor(i / 3) * 1000) })),
      });
    }
    const expected = await db.lookupAttempt.findMany({ where: { organizationId: { in: towns.map((t) => t.id) } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    expect(expected).toHaveLength(39);
    expect((await walk(list, { organization: `合算町${tag}` })).flat()).toEqual(expected.map((r) => r.id));
    expect((await list({ organization: `合算町${tag}`, after: encodeCursor({ v: new Date(START + 60_000).toISOString(), n: expected[0]!.id }) })).total).toBe(39);
  });

  it('発注者 by a part of its name, resolved to the orderers first; 結果; conditions combine', async () => {
    const db = dbHandle!;
    const other = await makeOrderer(`照会町${uid()}`);
    const otherStaff = await makeUser('ORDERER', other.id, other.departmentId);
    await db.lookupAttempt.create({ data: { userId: otherStaff.id, organizationId: other.id, numberInput: '1000000018', outcome: 'THROTTLED', createdAt: new Date(START) } });
    expect((await list({ organization: other.name })).rows.map((r) => r.organization?.name)).toEqual([other.name]);
    // 被保証者 (certificateName) names it too; a name no orderer has names nothing.
    expect((await list({ organization: `${other.name}長` })).total).toBe(1);
    expect(await list({ organization: `存在しない町${uid()}` })).toMatchObject({ rows: [], total: 0 });
    const throttled = await list({ outcome: 'THROTTLED' });
    expect(throttled.rows.every((r) => r.outcome === 'THROTTLED')).toBe(true);
    expect(throttled.rows.map((r) => r.organization?.name)).toContain(other.name);
    expect(await list({ outcome: 'THROTTLED', organization: orderer.name })).toMatchObject({ rows: [], total: 0 });
    // Each row named: who, the organisation, the guarantee when there was one.
    expect((await list({ organization: other.name })).rows[0]).toMatchObject({ user: { name: otherStaff.actor.name, loginId: otherStaff.loginId }, apiToken: null, guarantee: null });
    for (const [raw, index] of [[{ organization: other.name }, 'organizationId'], [{ outcome: 'THROTTLED' }, 'outcome']] as const) {
      const sql = await lookupAttemptStatements(db, parseLookupLogParams(raw));
      expect(await plan(db, sql!.pages[0]!, { bitmap: false }), index).toContain(`LookupAttempt_${index}_createdAt_id_idx`);
    }
  });

  it('opening the page writes nothing: an ended lookup window stays until the retention sweep removes it, an hour after it ended', async () => {
    const db = dbHandle!;
    const key = numberBudgetKey('1000000018', orderer.id);
    const ended = new Date(Date.now() - 60_000);
    await db.rateLimit.create({ data: { key, points: 5, expire: ended } });
    signInAs(admin);
    expect(await interrupt(LookupLogPage({ searchParams: Promise.resolve({}) } as never))).toBe('passed');
    expect((await listLocks(db, admin.actor)).map((l) => l.key)).not.toContain(key);
    expect(await db.rateLimit.count({ where: { key } })).toBe(1);
    await sweepExpired(db, { now: new Date(ended.getTime() + 60 * 60_000) });
    expect(await db.rateLimit.count({ where: { key } })).toBe(0);
  });
});

// ───────────── 送信メール ─────────────

describe('送信メール', () => {
  let dbHandle: Db | undefined;
  const list = (raw: Record<string, string>) => listOutbox(dbHandle!, admin.actor, parseOutboxListParams(raw));
  const tag = uid().toLowerCase();

  /** Mails written as the outbox holds them, `count` of them, five to a moment, oldest first. */
  async function mails(count: number, patch: (i: number) => { to?: string[]; cc?: string[]; subject?: string; status?: MailStatus } = () => ({})) {
    await dbHandle!.outboxMail.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        template: 'lookup-locked',
        to: [`keiyaku-${tag}-${i}@example.jp`],
        subject: `一覧${tag} ${i}`,
        bodyText: '本文',
        createdAt: new Date(START + Math.floor(i / 5) * 1000),
        ...patch(i),
      })),
    });
  }

  beforeAll(async () => {
    dbHandle = await getDb();
  });

  it('pages by cursor, newest first: every mail once, forward and back, when many share a moment; the count stops past 200', async () => {
    const db = dbHandle!;
    await mails(43);
    const expected = await db.outboxMail.findMany({ where: { subject: { startsWith: `一覧${tag}` } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    const pages = await walk(list, { q: `一覧${tag}` });
    expect(pages.map((p) => p.length)).toEqual([20, 20, 3]);
    expect(pages.flat()).toEqual(expected.map((r) => r.id));
    // The same pages when the newest mails never fill one (the grams index every time).
    const narrow = (raw: Record<string, string>) => listOutbox(db, admin.actor, parseOutboxListParams(raw), { window: 3 });
    expect(await walk(narrow, { q: `一覧${tag}` })).toEqual(pages);
    await mails(180, (i) => ({ subject: `件名 ${i}`, status: i % 3 === 0 ? 'FAILED' : 'SENT' }));
    const all = await db.outboxMail.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    expect((await list({})).total).toBe(COUNT_CAP + 1);
    expect((await walk(list, {})).flat()).toEqual(all.map((r) => r.id));
    const failed = await db.outboxMail.findMany({ where: { status: 'FAILED' }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
    expect((await walk(list, { status: 'FAILED' })).flat()).toEqual(failed.map((r) => r.id));
    // In order from the status's own index: no sort.
    await db.$executeRawUnsafe('ANALYZE "OutboxMail"');
    expect(await plan(db, outboxStatements(parseOutboxListParams({ status: 'FAILED' })).pages[0]!, { bitmap: false })).toMatch(/Index Scan using "OutboxMail_status_createdAt_id_idx"/);
  });

  it('the box finds a part of the subject or of any address (To or Cc), without case, 全角 or 半角, exactly as LIKE on the folded text, through the index', async () => {
    const db = dbHandle!;
    const rows = [
      { to: [`Omura-${tag}@City.Example.lg.jp`], cc: [], subject: '電子証書・認証キー登録のお知らせ（保証契約番号 1000000018）' },
      { to: ['other@example.jp'], cc: [`omura-${tag}@city.example.lg.jp`, 'x@y.jp'], subject: `変更契約登録のお知らせ ${tag}` },
      { to: [`a_b%c\\${tag}@example.jp`], cc: [], subject: `ＡＢＣ全角 ${tag}` },
      { to: [`z${tag}@example.jp`], cc: [], subject: `保証期間満了のお知らせ ${tag}` },
    ];
    await mails(rows.length, (i) => rows[i]!);
    const fold = (t: string) => t.normalize('NFKC').toLowerCase();
    const every = await db.outboxMail.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
    const boxes = [
      `omura-${tag}`, `OMURA-${tag}`, `ｏｍｕｒａ-${tag}`, '@city.example.lg.jp', 'city.example', `${tag}@`, '1000000018', '満了', '全角', 'abc', 'ＡＢＣ', 'a', '件', '%', '_', '\\', 'a_b%c',
      // Never across a line: the subject's end and an address, two addresses.
      `${tag}\nother`, `1000000018）omura`, `lg.jpx@y`,
    ];
    for (const box of boxes) {
      const q = fold(box).replace(/\s+/g, ' ').trim();
      const expected = every.filter((m) => [m.subject, ...m.to, ...m.cc].some((text) => fold(text).includes(q))).map((m) => m.id);
      const found = await list({ q: box });
      expect(ids(found), box).toEqual(expected.slice(0, PAGE_SIZE));
      expect(found.total, box).toBe(Math.min(expected.length, COUNT_CAP + 1));
    }
    expect((await list({ q: `omura-${tag}` })).rows).toHaveLength(2);
    expect((await list({ q: `omura-${tag}`, status: 'FAILED' })).total).toBe(0);
    // After the newest mails, the grams index (whatever the planner would have preferred).
    for (const box of [`omura-${tag}`, '満了', 'a']) {
      const sql = outboxStatements(parseOutboxListParams({ q: box }));
      expect(await plan(db, sql.pages[1]!), box).toContain('OutboxMail_searchGrams_idx');
      expect(await plan(db, sql.count), box).toContain('OutboxMail_searchGrams_idx');
    }
    // A window of three mails: the same rows and counts, from the index.
    for (const box of [`omura-${tag}`, 'a', '%']) {
      const expected = await list({ q: box });
      const narrow = await listOutbox(db, admin.actor, parseOutboxListParams({ q: box }), { window: 3 });
      expect(ids(narrow), box).toEqual(ids(expected));
      expect(narrow.total, box).toBe(expected.total);
    }
  });
});

// ───────────── who may see them ─────────────

describe('access', () => {
  const lookupPage = (raw: Record<string, string | string[]>) => interrupt(LookupLogPage({ searchParams: Promise.resolve(raw) } as never));
  const outboxPage = (raw: Record<string, string | string[]>) => interrupt(OutboxPage({ searchParams: Promise.resolve(raw) } as never));

  it('only officers: contractors and orderers get the 404 of a page that does not exist (007), the signed-out the sign-in page; the use cases refuse them', async () => {
    const db = await getDb();
    for (const who of [contractor, clerk]) {
      signInAs(who);
      expect(await lookupPage({})).toBe('not-found');
      expect(await outboxPage({})).toBe('not-found');
      await expect(listLookupAttempts(db, who.actor, parseLookupLogParams({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listOutbox(db, who.actor, parseOutboxListParams({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    signInAs(null);
    expect(await lookupPage({})).toBe('redirect:/login');
    expect(await outboxPage({})).toBe('redirect:/login');
  });

  it('an officer gets a page whatever the query string holds (NUL, markup, LIKE\'s characters, length, repeats, forged cursors)', async () => {
    signInAs(admin);
    for (const value of ['\u0000', "\u202e'<script>", '%_\\', '-1e309', 'x'.repeat(3000), ['1', '2'], '９８７６-', '\n']) {
      const lookups = Object.fromEntries(['number', 'organization', 'outcome', 'after', 'before', 'p', 'saved'].map((k) => [k, value]));
      expect(await lookupPage(lookups)).toBe('passed');
      const outbox = Object.fromEntries(['q', 'status', 'after', 'before', 'p'].map((k) => [k, value]));
      expect(await outboxPage(outbox)).toBe('passed');
    }
  });
});
