import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as companiesRoute } from '@/app/admin/joint-ventures/companies/route';
import { getDb } from '@/db/client';
import { COMPANY_SEARCH_LIMIT, searchMemberCompanies } from '@/domain/joint-ventures/queries';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { makeContractor, makeUser, must, officer, uid } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * The company box of the 共同企業体 form (decision 065): officers only (the route answers 401 to the
 * signed-out and 404 to anyone else, the use case FORBIDDEN), at most COMPANY_SEARCH_LIMIT companies
 * with `more` past it, by name or kana folded (全角/半角, case), `%` `_` `\` searched as themselves,
 * active contractors only, a name beginning with the text first.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let admin: User;
let contractor: User;
let clerk: User;

beforeAll(async () => {
  admin = await makeUser('ADMIN');
  contractor = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER');
});
beforeEach(() => signInAs(null));

const ask = (q: string) => companiesRoute(new Request(`http://x/admin/joint-ventures/companies?q=${encodeURIComponent(q)}`));

async function contractorNamed(name: string, nameKana?: string) {
  const db = await getDb();
  return must(await saveContractor(db, await officer(db), undefined, { name, nameKana, address: '長崎県大村市玖島1丁目1番1号' }));
}

describe('the company box', () => {
  it('answers officers only: 401 signed out, 404 for a contractor or an orderer, FORBIDDEN in the use case', async () => {
    const db = await getDb();
    const res = await ask('建設');
    expect(res.status).toBe(401);
    for (const who of [contractor, clerk]) {
      signInAs(who);
      const answer = await ask('建設');
      expect(answer.status).toBe(404);
      expect(JSON.stringify(await answer.json())).not.toContain('companies');
      await expect(searchMemberCompanies(db, who.actor, '建設')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    signInAs(admin);
    const ok = await ask('建設');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    expect(await ok.json()).toMatchObject({ companies: expect.any(Array), more: expect.any(Boolean) });
  });

  it('answers at most 20, with more past them; a name beginning with the text first, then by name', async () => {
    const token = `上限${uid()}`;
    for (let i = 0; i < COMPANY_SEARCH_LIMIT + 2; i++) await contractorNamed(`株式会社${token}建設${String(i).padStart(2, '0')}`);
    const first = await contractorNamed(`${token}工務店`);
    signInAs(admin);
    const answer = (await (await ask(token)).json()) as { companies: { id: string; name: string }[]; more: boolean };
    expect(answer.companies).toHaveLength(COMPANY_SEARCH_LIMIT);
    expect(answer.more).toBe(true);
    expect(answer.companies[0]).toEqual({ id: first.id, name: `${token}工務店` });
    expect(answer.companies[1]!.name).toBe(`株式会社${token}建設00`);
    expect(Object.keys(answer.companies[0]!).sort()).toEqual(['id', 'name']);
    const few = await searchMemberCompanies(await getDb(), admin.actor, `${token}建設0`);
    expect(few.companies).toHaveLength(10);
    expect(few.more).toBe(false);
  });

  it('finds by a part of the name or the kana, folded; `%`, `_` and `\\` typed are themselves', async () => {
    const db = await getDb();
    const token = uid();
    const percent = await contractorNamed(`株式会社100%建設${token}`, `ヒャクパーセントケンセツ${token}`);
    const underscore = await contractorNamed(`株式会社A_B${token}`);
    const backslash = await contractorNamed(`株式会社C\\D${token}`);
    const plain = await contractorNamed(`株式会社100X建設${token}`);
    // Decoys holding every pair of characters of the text (so the index lets them through) that an
    // unescaped LIKE would match — `%` and `_` as wildcards, `\` as an escape — and an escaped one never.
    const percentDecoy = await contractorNamed(`株式会社100Y建設${token}・0%・%建`);
    const underscoreDecoy = await contractorNamed(`株式会社AXB${token}・A_・_B`);
    const backslashDecoy = await contractorNamed(`株式会社CD${token}・C\\・\\D`);
    const ids = async (q: string) => (await searchMemberCompanies(db, admin.actor, q)).companies.map((c) => c.id);
    expect(await ids(`100%建設${token}`)).toEqual([percent.id]);
    expect(await ids(`%建設${token}`)).toEqual([percent.id]);
    expect(await ids(`0%建`)).not.toContain(plain.id);
    expect(await ids(`A_B${token}`)).toEqual([underscore.id]);
    expect(await ids(`_B${token}`)).toEqual([underscore.id]);
    expect(await ids(`A_B`)).not.toContain(backslash.id);
    expect(await ids(`C\\D${token}`)).toEqual([backslash.id]);
    for (const decoy of [percentDecoy, underscoreDecoy, backslashDecoy]) expect(await ids(token)).toContain(decoy.id);
    expect(await ids(`１００Ｘ建設${token.toUpperCase()}`)).toEqual([plain.id]);
    expect(await ids('ﾋｬｸﾊﾟｰｾﾝﾄ')).toContain(percent.id);
    expect(await ids(`パーセントケンセツ${token}`)).toEqual([percent.id]);
    // Nothing typed, spaces or control characters only: nothing, and never an error.
    for (const q of ['', '   ', '\u0000\n\t']) expect(await searchMemberCompanies(db, admin.actor, q)).toEqual({ companies: [], more: false });
    signInAs(admin);
    expect((await ask(`\u0000${token}`)).status).toBe(200);
    expect((await ask('x'.repeat(5000))).status).toBe(200);
  });

  it('finds a company renamed by its new name only (the trigger keeps the grams the index serves)', async () => {
    const db = await getDb();
    const token = uid();
    const company = await contractorNamed(`株式会社旧名${token}`);
    await db.organization.update({ where: { id: company.id }, data: { name: `株式会社新名${token}`, nameKana: `シンメイ${token}` } });
    const ids = async (q: string) => (await searchMemberCompanies(db, admin.actor, q)).companies.map((c) => c.id);
    expect(await ids(`旧名${token}`)).toEqual([]);
    expect(await ids(`新名${token}`)).toEqual([company.id]);
    expect(await ids(`ｼﾝﾒｲ${token}`)).toEqual([company.id]);
    const row = await db.organization.findUniqueOrThrow({ where: { id: company.id }, select: { searchNameGrams: true } });
    expect(row.searchNameGrams).toEqual(expect.arrayContaining(['新', '新名', 'シン']));
  });

  it('offers active contractors only: no orderer, no disabled company', async () => {
    const db = await getDb();
    const token = uid();
    const active = await contractorNamed(`株式会社有効${token}`);
    const disabled = await makeContractor(`株式会社無効${token}`);
    await db.organization.update({ where: { id: disabled.id }, data: { active: false } });
    const orderer = await db.organization.findUniqueOrThrow({ where: { id: clerk.actor.organizationId } });
    expect((await searchMemberCompanies(db, admin.actor, token)).companies.map((c) => c.id)).toEqual([active.id]);
    expect((await searchMemberCompanies(db, admin.actor, orderer.name)).companies).toEqual([]);
  });
});
