import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { matchContractAction, rejectMatchSuggestionAction, unmatchContractAction } from '@/actions/orderer-contract-actions';
import { getDb } from '@/db/client';
import { matchContract, rejectMatchSuggestion, unmatchContract } from '@/domain/contracts/match-contract';
import { FINDING_TEXT, MATCH_KIND_LABEL, MATCH_MESSAGES as M } from '@/domain/contracts/match-labels';
import { getContractMatching, marksOfContracts } from '@/domain/contracts/match-queries';
import { unconfirmedGuarantees } from '@/domain/contracts/match-report';
import { getContract } from '@/domain/contracts/queries';
import { todayInTokyo } from '@/lib/dates';
import { confirmedGuarantee, makeContract, makeContractCast, type ContractCast } from '../support/contracts';
import { concludedGuarantee, makeOrderer, makeUser, must } from '../support/factories';
import { interrupt, outcome } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
afterEach(() => signInAs(null));

/**
 * 契約台帳 ↔ 保証証書 (issue 17, decision 072): suggestions among the orderer's confirmed certificates,
 * the clerk's match (one ↔ one), unmatch and rejection with their audit rows, the consistency check on
 * the contract's page and for the register's marks, and who may do any of it.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let orderer: ContractCast['orderer'];
let clerk: Made;
let otherClerk: Made;
let contractor: Made;
let admin: Made;
let contractorName: string;

beforeAll(async () => {
  ({ orderer, clerk, contractor, contractorName } = await makeContractCast());
  otherClerk = await makeUser('ORDERER');
  admin = await makeUser('ADMIN');
});

/** A guarantee of `contractor` for `orderer`, confirmed by `by` through the lookup (number and key): its row. */
const confirmed = (by: Made, ordererOf: { id: string; departmentId: string } = orderer, patch: Record<string, unknown> = {}) =>
  confirmedGuarantee({ contractor, orderer: ordererOf, clerk: by }, { patch });

/** A contract agreeing with applicationInput's guarantee (請負金額 100,000,000, 前払金 40,000,000 at 10分の4, its 工期). */
const contractFor = (projectName: string, patch: Record<string, string> = {}) => makeContract(clerk, projectName, contractorName, patch);

const matchingOf = async (id: string, who: Made = clerk) => {
  const db = await getDb();
  return getContractMatching(db, who.actor, id, (await getContract(db, who.actor, id)).values, todayInTokyo());
};

describe('suggestions and the match', () => {
  it('suggests the confirmed certificate agreeing on 工事名 (全角/半角, spaces), 受注者 and 請負金額; the clerk matches it, audited; one ↔ one; unmatch', async () => {
    const db = await getDb();
    const g = await confirmed(clerk);
    const spaced = `　${g.projectName.normalize('NFKC').replace('道路', '道路 ')}`.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const id = await contractFor(spaced);
    const before = await matchingOf(id);
    expect(before.matches).toEqual([]);
    expect(before.suggestions.map((s) => [s.candidate.number, s.score])).toContainEqual([g.number, 3]);

    // 全角 digits are read; the match is one row and one audit row.
    const wide = g.number.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(await matchContract(db, clerk.actor, id, { guaranteeNumber: wide })).toEqual({ ok: true, value: { guaranteeNumber: g.number } });
    const after = await matchingOf(id);
    expect(after.matches.map((m) => m.guarantee.number)).toEqual([g.number]);
    expect(after.matches[0]?.matchedBy).toBe(clerk.actor.name);
    expect(after.matches[0]?.findings).toEqual([]);
    expect(await db.auditLog.count({ where: { organizationId: orderer.id, action: 'contract.match' } })).toBe(1);

    // The same certificate to another contract, another certificate of the same kind to this one: refused at the field.
    const second = await contractFor(g.projectName);
    const contractNumber = (await getContract(db, clerk.actor, id)).values.contractNumber;
    expect(await matchContract(db, clerk.actor, second, { guaranteeNumber: g.number })).toEqual({ ok: false, fieldErrors: { guaranteeNumber: [M.guaranteeTaken.replace('{number}', contractNumber)] } });
    const other = await confirmed(clerk);
    expect(await matchContract(db, clerk.actor, id, { guaranteeNumber: other.number })).toEqual({ ok: false, fieldErrors: { guaranteeNumber: [M.kindTaken('前払金保証', g.number)] } });
    // A matched certificate is no longer suggested for another contract.
    expect((await matchingOf(second)).suggestions.map((s) => s.candidate.number)).not.toContain(g.number);

    // Unmatch names the certificate the page showed: another is refused; then the row goes, audited.
    expect(await unmatchContract(db, clerk.actor, id, { guaranteeId: other.id })).toEqual({ ok: false, fieldErrors: { '': [M.stale] } });
    expect(await unmatchContract(db, clerk.actor, id, { guaranteeId: g.id })).toEqual({ ok: true, value: null });
    expect(await db.contractMatch.count({ where: { contractId: id } })).toBe(0);
    expect(await unmatchContract(db, clerk.actor, id, { guaranteeId: g.id })).toEqual({ ok: false, fieldErrors: { '': [M.notMatched] } });
    expect(await db.auditLog.count({ where: { organizationId: orderer.id, action: 'contract.unmatch' } })).toBe(1);
    // Now free: the second contract takes it.
    must(await matchContract(db, clerk.actor, second, { guaranteeNumber: g.number }));
  });

  it('only the orderer’s confirmed certificates: one never looked up, another orderer’s, a malformed number — refused in Japanese, nothing written', async () => {
    const db = await getDb();
    const id = await contractFor('△△橋梁補修工事');
    const unconfirmed = await concludedGuarantee(contractor, orderer);
    expect(await matchContract(db, clerk.actor, id, { guaranteeNumber: unconfirmed.number })).toEqual({ ok: false, fieldErrors: { guaranteeNumber: [M.notConfirmed] } });
    const elsewhere = await makeOrderer();
    const theirs = await confirmed(await makeUser('ORDERER', elsewhere.id, elsewhere.departmentId), elsewhere);
    expect(await matchContract(db, clerk.actor, id, { guaranteeNumber: theirs.number })).toEqual({ ok: false, fieldErrors: { guaranteeNumber: [M.notConfirmed] } });
    for (const bad of ['12345', 'abcdefghij', '', null]) {
      expect(await matchContract(db, clerk.actor, id, { guaranteeNumber: bad })).toEqual({ ok: false, fieldErrors: { guaranteeNumber: [M.numberFormat] } });
    }
    expect(await db.contractMatch.count({ where: { contractId: id } })).toBe(0);
  });

  it('a suggestion turned down is not suggested again (audited once); it can still be chosen by number', async () => {
    const db = await getDb();
    const g = await confirmed(clerk);
    const id = await contractFor(g.projectName);
    expect((await matchingOf(id)).suggestions.map((s) => s.candidate.number)).toContain(g.number);
    must(await rejectMatchSuggestion(db, clerk.actor, id, { guaranteeNumber: g.number }));
    must(await rejectMatchSuggestion(db, clerk.actor, id, { guaranteeNumber: g.number }));
    expect((await matchingOf(id)).suggestions.map((s) => s.candidate.number)).not.toContain(g.number);
    expect(await db.auditLog.count({ where: { organizationId: orderer.id, action: 'contract.match.reject', details: { path: ['contractId'], equals: id } } })).toBe(1);
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: g.number }));
    expect(await db.contractMatchRejection.count({ where: { contractId: id } })).toBe(0);
  });
});

describe('the consistency check', () => {
  it('a contract whose 請負金額 and 工事名 differ: each finding as a sentence on the page and in the register’s marks', async () => {
    const db = await getDb();
    const g = await confirmed(clerk);
    const good = await contractFor(g.projectName);
    const bad = await contractFor(`${g.projectName}（その2）`, { contractAmount: '90,000,000' });
    must(await matchContract(db, clerk.actor, good, { guaranteeNumber: g.number }));
    // The good contract holds the certificate: the bad one is given another with the same values.
    const h = await confirmed(clerk);
    must(await matchContract(db, clerk.actor, bad, { guaranteeNumber: h.number }));
    const found = (await matchingOf(bad)).matches[0]?.findings ?? [];
    expect(found.map((f) => f.text)).toEqual([
      FINDING_TEXT.amount(90_000_000n, 100_000_000n),
      FINDING_TEXT.advanceOver(40_000_000n, 4000, 36_000_000n),
      FINDING_TEXT.projectName(`${g.projectName}（その2）`, h.projectName),
    ]);
    const marks = await marksOfContracts(db, clerk.actor, [good, bad, await contractFor('未照合の工事')], todayInTokyo());
    expect(marks.get(good)).toEqual({ kinds: ['ADVANCE'], problems: 0, partial: false });
    expect(marks.get(bad)).toEqual({ kinds: ['ADVANCE'], problems: 3, partial: false });
    expect(marks.size).toBe(2);

    signInAs(clerk);
    const { default: DetailPage } = await import('@/app/orderer/contracts/[id]/page');
    const html = renderToStaticMarkup(await DetailPage({ params: Promise.resolve({ id: bad }), searchParams: Promise.resolve({}) } as never));
    expect(html).toContain('請負金額が異なります（契約台帳 90,000,000円、保証証書 100,000,000円）。');
    expect(html).toContain(h.number);
  });
});

describe('one certificate per guarantee kind (decision 072 amended)', () => {
  it('a contract requiring 前払金 and 契約保証 holds both: each on its page with its own check, off 保証未確認, marked once; a second 前払金保証 refused naming the kind', async () => {
    const db = await getDb();
    const advance = await confirmed(clerk);
    const performance = await confirmed(clerk, orderer, { guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000', projectName: advance.projectName });
    const id = await contractFor(advance.projectName, { performanceShare: '10分の1' });

    // Both are suggested; the 前払金保証 is matched from its suggestion, then the 契約保証 is still offered.
    expect((await matchingOf(id)).suggestions.map((s) => s.candidate.number)).toEqual(expect.arrayContaining([advance.number, performance.number]));
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: advance.number }));
    const half = await matchingOf(id);
    expect(half.missing).toEqual(['performance']);
    expect(half.suggestions.map((s) => s.candidate.number)).toContain(performance.number);
    expect(half.suggestions.map((s) => s.candidate.kind)).not.toContain('ADVANCE');
    // Partly matched: 「一部照合」 on the register, still on 保証未確認 for the 契約保証 alone.
    expect((await marksOfContracts(db, clerk.actor, [id], todayInTokyo())).get(id)).toEqual({ kinds: ['ADVANCE'], problems: 0, partial: true });
    const listed = (await unconfirmedGuarantees(db, clerk.actor, 0, todayInTokyo())).find((r) => r.contractId === id);
    expect(listed).toMatchObject({ missing: ['performance'], matchedNumber: advance.number });

    // The 契約保証 by its number: matched beside the 前払金保証.
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: performance.number }));
    const both = await matchingOf(id);
    expect(both.matches.map((m) => [m.guarantee.kind, m.guarantee.number, m.findings])).toEqual([
      ['ADVANCE', advance.number, []],
      ['CONTRACT', performance.number, []],
    ]);
    expect(both.missing).toEqual([]);
    expect(await db.contractMatch.findMany({ where: { contractId: id }, select: { kind: true }, orderBy: { kind: 'asc' } })).toEqual([{ kind: 'ADVANCE' }, { kind: 'CONTRACT' }]);
    expect((await marksOfContracts(db, clerk.actor, [id], todayInTokyo())).get(id)).toEqual({ kinds: ['ADVANCE', 'CONTRACT'], problems: 0, partial: false });
    expect((await unconfirmedGuarantees(db, clerk.actor, 0, todayInTokyo())).map((r) => r.contractId)).not.toContain(id);

    // A second 前払金保証: refused, naming the kind and the certificate the contract holds; nothing written.
    const second = await confirmed(clerk);
    expect(await matchContract(db, clerk.actor, id, { guaranteeNumber: second.number })).toEqual({
      ok: false,
      fieldErrors: { guaranteeNumber: [M.kindTaken(MATCH_KIND_LABEL.ADVANCE, advance.number)] },
    });
    expect(M.kindTaken(MATCH_KIND_LABEL.ADVANCE, advance.number)).toContain('前払金保証');
    expect(await db.contractMatch.count({ where: { contractId: id } })).toBe(2);

    // The page lists each certificate with its own check and its own 照合を解除する.
    signInAs(clerk);
    const { default: DetailPage } = await import('@/app/orderer/contracts/[id]/page');
    const html = renderToStaticMarkup(await DetailPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never));
    expect(html).toContain('照合している保証証書（前払金保証）');
    expect(html).toContain('照合している保証証書（契約保証）');
    expect(html).toContain(advance.number);
    expect(html).toContain(performance.number);
    expect(html.split('契約台帳と保証証書の内容に食い違いはありません。')).toHaveLength(3);
    expect(html.split('照合を解除する').length - 1).toBe(2);
    signInAs(null);

    // Unmatching the 契約保証 leaves the 前払金保証.
    must(await unmatchContract(db, clerk.actor, id, { guaranteeId: performance.id }));
    expect((await matchingOf(id)).matches.map((m) => m.guarantee.number)).toEqual([advance.number]);
    expect(await db.auditLog.count({ where: { organizationId: orderer.id, action: 'contract.unmatch', details: { path: ['guaranteeId'], equals: performance.id } } })).toBe(1);
  });

  it('each certificate is checked by its own kind’s share: a 契約保証 short of its share is found, the 前払金保証 beside it is not', async () => {
    const db = await getDb();
    const advance = await confirmed(clerk);
    const short = await confirmed(clerk, orderer, { guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000', projectName: advance.projectName });
    // The register requires 10分の2 for 契約保証: the 10,000,000 guarantee is short; the 前払金保証 within 10分の4.
    const id = await contractFor(advance.projectName, { performanceShare: '10分の2' });
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: advance.number }));
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: short.number }));
    const m = await matchingOf(id);
    expect(m.matches.map((x) => [x.guarantee.kind, x.findings.map((f) => f.code)])).toEqual([
      ['ADVANCE', []],
      ['CONTRACT', ['performanceShort']],
    ]);
    expect((await marksOfContracts(db, clerk.actor, [id], todayInTokyo())).get(id)).toEqual({ kinds: ['ADVANCE', 'CONTRACT'], problems: 1, partial: false });
  });
});

describe('access: only the orderer’s own staff', () => {
  it('use cases: another orderer’s staff find nothing (NOT_FOUND), other roles are FORBIDDEN', async () => {
    const db = await getDb();
    const g = await confirmed(clerk);
    const id = await contractFor(g.projectName);
    const today = todayInTokyo();
    const values = (await getContract(db, clerk.actor, id)).values;
    await expect(getContractMatching(db, otherClerk.actor, id, values, today)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(matchContract(db, otherClerk.actor, id, { guaranteeNumber: g.number })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(matchContract(db, otherClerk.actor, id, { guaranteeNumber: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rejectMatchSuggestion(db, otherClerk.actor, id, { guaranteeNumber: g.number })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(unmatchContract(db, otherClerk.actor, id, { guaranteeId: g.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await marksOfContracts(db, otherClerk.actor, [id], today)).size).toBe(0);
    for (const who of [contractor, admin]) {
      await expect(getContractMatching(db, who.actor, id, values, today)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(matchContract(db, who.actor, id, { guaranteeNumber: g.number })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(rejectMatchSuggestion(db, who.actor, id, { guaranteeNumber: g.number })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(unmatchContract(db, who.actor, id, { guaranteeId: g.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(marksOfContracts(db, who.actor, [id], today)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.contractMatch.count({ where: { contractId: id } })).toBe(0);
  });

  it('actions: the signed-out go to /login, other sides are FORBIDDEN, another orderer’s contract is 404; the staff’s succeed', async () => {
    const db = await getDb();
    const g = await confirmed(clerk);
    const id = await contractFor(g.projectName);
    const form = (values: Record<string, string>) => {
      const data = new FormData();
      for (const [k, v] of Object.entries(values)) data.append(k, v);
      return data;
    };
    const calls = {
      match: () => matchContractAction(id, undefined, form({ guaranteeNumber: g.number })),
      reject: () => rejectMatchSuggestionAction(id, undefined, form({ guaranteeNumber: g.number })),
      unmatch: () => unmatchContractAction(id, undefined, form({ guaranteeId: g.id })),
    };
    for (const call of Object.values(calls)) {
      signInAs(null);
      expect(await interrupt(call())).toBe('redirect:/login');
      for (const who of [contractor, admin]) {
        signInAs(who);
        expect(await interrupt(call())).toBe('app-error:FORBIDDEN');
      }
      signInAs(otherClerk);
      expect(await interrupt(call())).toBe('not-found');
    }
    expect(await db.contractMatch.count({ where: { contractId: id } })).toBe(0);
    signInAs(clerk);
    const bad = (await outcome(matchContractAction(id, undefined, form({ guaranteeNumber: '123' })))) as { error?: Record<string, string[]> };
    expect(bad.error?.guaranteeNumber).toEqual([M.numberFormat]);
    expect(await interrupt(calls.reject())).toBe(`redirect:/orderer/contracts/${id}?saved=rejected`);
    expect(await interrupt(calls.match())).toBe(`redirect:/orderer/contracts/${id}?saved=matched`);
    expect(await interrupt(calls.unmatch())).toBe(`redirect:/orderer/contracts/${id}?saved=unmatched`);
  });

  it('the contract’s page: the signed-out go to /login, other sides and another orderer 404', async () => {
    const id = await contractFor('□□公園整備工事');
    const { default: DetailPage } = await import('@/app/orderer/contracts/[id]/page');
    const render = () => DetailPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never);
    signInAs(null);
    expect(await interrupt(render())).toBe('redirect:/login');
    for (const who of [contractor, admin, otherClerk]) {
      signInAs(who);
      expect(await interrupt(render())).toBe('not-found');
    }
    signInAs(clerk);
    expect(await interrupt(render())).toBe('passed');
  });
});
