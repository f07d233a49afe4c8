import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import GuaranteesPage from '@/app/contractor/guarantees/page';
import { getDb } from '@/db/client';
import { encodeCursor, PAGE_SIZE } from '@/domain/guarantees/keyset';
import { listContractorGuarantees, type GuaranteeRow } from '@/domain/guarantees/list';
import { parseListParams, SORTS, DEFAULT_DIR, type Sort } from '@/domain/guarantees/list-params';
import { Prisma } from '@/generated/prisma/client';
import { concludedGuarantee, concludedJointVentureGuarantee, makeJointVenture, makeOrderer, makeUser, uid } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * The 保証工事一覧 of a JV's companies (issue 16 B5 "List", D5): a company's page is its own guarantees
 * (a JV's it represents: 「JV代表」) merged with the JV guarantees it is a 構成員 of (「JV構成員」, from
 * GuaranteeMember), in every sort and both directions, paged forward and back with each row once; the
 * search finds member rows; a member of another JV sees none of them.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let lead: User; // the 代表者's user
let partner: User; // a 構成員's user, with guarantees of its own too
let stranger: User; // a member of another JV
const own: string[] = []; // the partner's own guarantees' numbers
const joint: string[] = []; // the JV's guarantees' numbers (the partner a 構成員)
const token = uid();

beforeAll(async () => {
  const db = await getDb();
  lead = await makeUser('CONTRACTOR');
  partner = await makeUser('CONTRACTOR');
  stranger = await makeUser('CONTRACTOR');
  const strangerLead = await makeUser('CONTRACTOR');
  const omura = await makeOrderer(`大村市${token}`);
  const ken = await makeOrderer(`〇〇県${token}`);
  const jointVentureId = await makeJointVenture(lead, [partner]);
  // Alternately the partner's own and the JV's, so the two sides interleave in every order.
  for (let i = 0; i < 13; i++) {
    const orderer = i % 3 ? omura : ken;
    const patch = (side: string) => ({
      projectName: `${side}${token}工事${String((i * 7) % 13).padStart(2, '0')}`,
      contractAmount: String(100_000_000 + ((i * 5) % 13) * 1_000_000),
      guaranteeAmount: String(30_000_000 + ((i * 3) % 13) * 100_000),
    });
    own.push((await concludedGuarantee(partner, orderer, patch('自社'))).number);
    joint.push((await concludedJointVentureGuarantee(lead, [partner], orderer, { jointVentureId, patch: patch('共同') })).number);
  }
  // A JV of others: its 構成員 is the stranger.
  const otherJv = await makeJointVenture(strangerLead, [stranger]);
  await concludedJointVentureGuarantee(strangerLead, [stranger], omura, { jointVentureId: otherJv, patch: { projectName: `他JV${token}工事` } });
  // 発行日 spread over days (both the guarantee and its members' rows keep it), some on the same day.
  const all = [...own, ...joint];
  for (const [i, number] of all.entries()) {
    const day = new Date(Date.UTC(2026, 3, 1 + ((i * 11) % 9)));
    await db.guarantee.update({ where: { number }, data: { issuedOn: day } });
    await db.guaranteeMember.updateMany({ where: { number }, data: { issuedOn: day } });
  }
});
beforeEach(() => signInAs(null));

const list = async (who: User, raw: Record<string, string> = {}) => listContractorGuarantees(await getDb(), who.actor, parseListParams(raw));

/** The partner's rows in the sort's order, as the database orders them without paging (the oracle). */
async function expected(sort: Sort, dir: 'asc' | 'desc'): Promise<string[]> {
  const expr = {
    issued: Prisma.sql`g."issuedOn"`,
    number: Prisma.sql`g."number"`,
    orderer: Prisma.sql`COALESCE(o."certificateName", o."name")`,
    project: Prisma.sql`g."projectName"`,
    contract: Prisma.sql`g."contractAmount"`,
    amount: Prisma.sql`g."guaranteeAmount"`,
  }[sort];
  const order = dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const rows = await (await getDb()).$queryRaw<{ number: string }[]>`
    SELECT g."number" FROM "Guarantee" g JOIN "Organization" o ON o."id" = g."ordererId"
    WHERE g."number" IN (${Prisma.join([...own, ...joint])})
    ORDER BY ${expr} ${order}, g."number" ${order}`;
  return rows.map((r) => r.number.trim());
}

/** Every page from the first, by 次へ; then back by 前へ from the last. */
async function walk(who: User, raw: Record<string, string>) {
  const forward: GuaranteeRow[][] = [];
  let page = await list(who, raw);
  forward.push(page.rows);
  while (page.hasNext) {
    page = await list(who, { ...raw, after: encodeCursor(page.last!), p: String(page.page + 1) });
    forward.push(page.rows);
  }
  const backward: GuaranteeRow[][] = [page.rows];
  while (page.hasPrevious) {
    page = await list(who, { ...raw, before: encodeCursor(page.first!), p: String(Math.max(1, page.page - 1)) });
    backward.unshift(page.rows);
  }
  return { forward, backward };
}

describe('保証工事一覧 of a JV 構成員', () => {
  it('merges its own guarantees and its member rows in every sort, both ways, each row once, 次へ and 前へ meeting', async () => {
    for (const sort of SORTS) {
      for (const dir of ['asc', 'desc'] as const) {
        const raw = { sort, dir };
        const { forward, backward } = await walk(partner, raw);
        const numbers = forward.flat().map((r) => r.number);
        expect(numbers, `${sort} ${dir}`).toEqual(await expected(sort, dir));
        expect(forward.length).toBe(Math.ceil(26 / PAGE_SIZE));
        expect(backward.map((p) => p.map((r) => r.number)), `${sort} ${dir} back`).toEqual(forward.map((p) => p.map((r) => r.number)));
      }
    }
    expect(DEFAULT_DIR('issued')).toBe('desc');
  });

  it('marks each row: its own none, the JV’s 構成員; the 代表者 sees the same guarantees as JV代表', async () => {
    const rows = (await walk(partner, {})).forward.flat();
    expect(rows.filter((r) => r.jvRole === 'MEMBER').map((r) => r.number).sort()).toEqual([...joint].sort());
    expect(rows.filter((r) => r.jvRole === null).map((r) => r.number).sort()).toEqual([...own].sort());
    const first = await list(partner);
    expect(first.total).toBe(26);
    const leads = (await walk(lead, {})).forward.flat();
    expect(leads.map((r) => r.number).sort()).toEqual([...joint].sort());
    expect(leads.every((r) => r.jvRole === 'REPRESENTATIVE')).toBe(true);
    expect((await list(lead)).total).toBe(13);
  });

  it('searches member rows by 工事名, 発注者 and number; a member of another JV sees none of them; a forged cursor is page 1', async () => {
    const byProject = await list(partner, { cond: 'project', q: `共同${token}工事0` });
    expect(byProject.rows.length).toBeGreaterThan(0);
    expect(byProject.rows.every((r) => r.jvRole === 'MEMBER' && r.projectName.startsWith('共同'))).toBe(true);
    const byOrderer = await list(partner, { cond: 'orderer', q: `〇〇県${token}` });
    expect(byOrderer.rows.map((r) => r.number).sort()).toEqual([...own, ...joint].filter((_, i) => (i % 13) % 3 === 0).sort());
    const byNumber = await list(partner, { cond: 'number', q: joint[4]! });
    expect(byNumber.rows.map((r) => [r.number, r.jvRole])).toEqual([[joint[4], 'MEMBER']]);
    const strangers = (await walk(stranger, {})).forward.flat();
    expect(strangers.map((r) => r.projectName)).toEqual([`他JV${token}工事`]);
    expect(strangers[0]!.jvRole).toBe('MEMBER');
    const forged = await list(partner, { after: 'WyIyMDI2LTA0LTAxIiwiOTk5OTk5OTk5OSJd-x', p: '7' });
    expect(forged.page).toBe(1);
    expect(forged.rows.map((r) => r.number)).toEqual((await list(partner)).rows.map((r) => r.number));
  });

  it('the page shows 「JV構成員」 after 区分 with its full words, and 「代表者が管理」 in place of the key for member rows', async () => {
    signInAs(partner);
    const html = renderToStaticMarkup(await GuaranteesPage({ searchParams: Promise.resolve({ cond: 'project', q: `共同${token}` }) } as never));
    expect(html).toContain(L.jvMark.MEMBER);
    expect(html).toContain(L.jvMarkLong.MEMBER);
    expect(html).toContain(L.keyByRepresentative);
    expect(html).not.toMatch(/\/contractor\/guarantees\/\d{10}\/key/);
    signInAs(lead);
    const leads = renderToStaticMarkup(await GuaranteesPage({ searchParams: Promise.resolve({}) } as never));
    expect(leads).toContain(L.jvMark.REPRESENTATIVE);
    expect(leads).not.toContain(L.keyByRepresentative);
    expect(leads).toMatch(/\/contractor\/guarantees\/\d{10}\/key/);
  });
});
