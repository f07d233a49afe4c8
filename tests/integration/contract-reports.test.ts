import { renderToStaticMarkup } from 'react-dom/server';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lookupAction } from '@/actions/lookup-actions';
import { GET as reportCsvRoute } from '@/app/orderer/contracts/report/csv/route';
import { GET as unconfirmedCsvRoute } from '@/app/orderer/contracts/unconfirmed/csv/route';
import { GET as confirmedCsvRoute } from '@/app/orderer/confirmed/csv/route';
import { getDb } from '@/db/client';
import { CONTRACT_MATCH_LABEL } from '@/domain/confirmations/csv';
import { listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { LOOKUP_MATCH_MESSAGES, LOOKUP_MATCH_NOTICE, MATCH_VIA_FACT, MATCH_VIA_LABEL } from '@/domain/contracts/lookup-match-labels';
import { contractForLookup, matchAtLookup } from '@/domain/contracts/match-at-lookup';
import { matchContract } from '@/domain/contracts/match-contract';
import { FINDING_TEXT } from '@/domain/contracts/match-labels';
import { matchReport, readUnconfirmedDays, unconfirmedGuarantees } from '@/domain/contracts/match-report';
import { REPORT_CSV_HEADER, UNCONFIRMED_CSV_HEADER } from '@/domain/contracts/report-csv';
import { saveContract } from '@/domain/contracts/save-contract';
import { LOOKUP_MESSAGES } from '@/domain/lookup/messages';
import { addDaysIso, todayInTokyo } from '@/lib/dates';
import { contractInput, contractNumberOf, issuedGuarantee, makeContract, makeContractCast, slash, type ContractCast } from '../support/contracts';
import { makeOrderer, makeUser, must } from '../support/factories';
import { interrupt, outcome } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-portal-client-address': '192.0.2.31', 'x-portal-front': process.env.PORTAL_FRONT_SECRET ?? '' }) }));
afterEach(() => signInAs(null));

/**
 * 契約台帳 ↔ 保証証書, what decision 072's amendment adds (issue 17): matching by the 契約番号 typed at
 * lookup (an unknown one refused before the lookup, no attempt spent; the match after a found answer,
 * or the page saying why not), the 契約台帳 column of the 確認済み一覧 and its CSV (one statement a
 * page), 照合結果の一覧 and 保証未確認 with their CSVs, and who may see any of it.
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

/** A concluded guarantee of `contractor` for the orderer, its number and key (not looked up yet). */
const issued = (patch: Record<string, unknown> = {}) => issuedGuarantee(contractor, orderer, patch);

let serial = 0;
/** A contract agreeing with applicationInput's guarantee (請負金額 100,000,000, 前払金 10分の4, its 工期). */
async function contractFor(projectName: string, patch: Record<string, string> = {}) {
  serial += 1;
  const contractNumber = `R8-照会-${String(serial).padStart(3, '0')}-${Math.random().toString(36).slice(2, 6)}`;
  return { id: await makeContract(clerk, projectName, contractorName, { contractNumber, ...patch }), contractNumber };
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

/** The lookup form sent by `who` (signed in), with an optional 契約番号. */
async function lookUp(who: Made, number: string, key: string, contractNumber = '') {
  signInAs(who);
  return outcome(lookupAction(undefined, form({ number, key, contractNumber })));
}

async function certificatePage(number: string, query: Record<string, string>) {
  const { default: Page } = await import('@/app/orderer/certificates/[number]/page');
  return renderToStaticMarkup(await Page({ params: Promise.resolve({ number }), searchParams: Promise.resolve(query) } as never));
}

const queryOf = (redirect: string) => Object.fromEntries(new URL(redirect.replace(/^redirect:/, ''), 'http://x').searchParams);

describe('matching by the 契約番号 typed at lookup', () => {
  it('an unknown 契約番号 is refused at its field before the lookup: no attempt logged, nothing confirmed; with the number’s own errors', async () => {
    const db = await getDb();
    const g = await issued();
    const attempts = await db.lookupAttempt.count();
    const answer = await lookUp(clerk, g.number, g.key, 'R8-存在しない-999');
    expect(answer).toEqual({ values: { number: g.number, key: g.key, contractNumber: 'R8-存在しない-999' }, fieldErrors: { contractNumber: [LOOKUP_MATCH_MESSAGES.unknown] } });
    // Another orderer's contract number is the same answer.
    const theirs = must(await saveContract(db, otherClerk.actor, undefined, contractInput(g.projectName, contractorName, { contractNumber: 'R8-他団体-001' })));
    expect(theirs.id).toBeTruthy();
    expect(((await lookUp(clerk, g.number, g.key, 'R8-他団体-001')) as { fieldErrors: unknown }).fieldErrors).toEqual({ contractNumber: [LOOKUP_MATCH_MESSAGES.unknown] });
    // A malformed key and an unknown 契約番号: both errors at once.
    const both = (await lookUp(clerk, g.number, 'xx', 'nope')) as { fieldErrors: Record<string, string[]> };
    expect(Object.keys(both.fieldErrors).sort()).toEqual(['contractNumber', 'key']);
    expect(await db.lookupAttempt.count()).toBe(attempts);
    expect(await db.confirmation.count({ where: { guaranteeId: g.id } })).toBe(0);
  });

  it('a found lookup with the 契約番号 (全角 read) matches the certificate to it (via LOOKUP, audited) and the certificate’s page says so', async () => {
    const db = await getDb();
    const g = await issued();
    const c = await contractFor(g.projectName);
    const wide = c.contractNumber.replace(/[0-9A-Za-z-]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
    const answer = (await lookUp(clerk, g.number, g.key, ` ${wide} `)) as string;
    expect(answer).toMatch(new RegExp(`^redirect:/orderer/certificates/${g.number}\\?confirmed=[0-9a-f-]+&contract=${c.id}&match=matched$`));
    expect(await db.contractMatch.findUnique({ where: { contractId_kind: { contractId: c.id, kind: 'ADVANCE' } }, select: { guaranteeId: true, via: true, matchedById: true, kind: true } })).toEqual({
      guaranteeId: g.id,
      via: 'LOOKUP',
      matchedById: clerk.actor.userId,
      kind: 'ADVANCE',
    });
    const audit = await db.auditLog.findFirstOrThrow({ where: { organizationId: orderer.id, action: 'contract.match', details: { path: ['contractId'], equals: c.id } } });
    expect(audit.details).toMatchObject({ guaranteeNumber: g.number, via: 'lookup', contractNumber: c.contractNumber });
    const html = await certificatePage(g.number, queryOf(answer));
    expect(html).toContain(LOOKUP_MATCH_NOTICE.matched(c.contractNumber));
    expect(html).toContain(`/orderer/contracts/${c.id}`);
    // The contract's page says how it was matched.
    const { default: ContractPage } = await import('@/app/orderer/contracts/[id]/page');
    const detail = renderToStaticMarkup(await ContractPage({ params: Promise.resolve({ id: c.id }), searchParams: Promise.resolve({}) } as never));
    expect(detail).toContain(MATCH_VIA_FACT);
    expect(detail).toContain(MATCH_VIA_LABEL.LOOKUP);
    // Looked up again with the same 契約番号: nothing new, 「すでに照合されています」.
    const again = (await lookUp(clerk, g.number, g.key, c.contractNumber)) as string;
    expect(again).toContain('&match=already');
    expect(await certificatePage(g.number, queryOf(again))).toContain(LOOKUP_MATCH_NOTICE.already(c.contractNumber));
    expect(await db.auditLog.count({ where: { organizationId: orderer.id, action: 'contract.match', details: { path: ['contractId'], equals: c.id } } })).toBe(1);
  });

  it('a contract holding another certificate, or a certificate matched to another contract: confirmed, nothing matched, the page says which', async () => {
    const db = await getDb();
    const first = await issued();
    const second = await issued();
    const c = await contractFor(first.projectName);
    const d = await contractFor(second.projectName);
    expect(await lookUp(clerk, first.number, first.key, c.contractNumber)).toContain('match=matched');

    const taken = (await lookUp(clerk, second.number, second.key, c.contractNumber)) as string;
    expect(taken).toContain('match=contractTaken');
    expect(await db.confirmation.count({ where: { guaranteeId: second.id } })).toBe(1);
    expect(await db.contractMatch.count({ where: { guaranteeId: second.id } })).toBe(0);
    expect(await certificatePage(second.number, queryOf(taken))).toContain(LOOKUP_MATCH_NOTICE.contractTaken(c.contractNumber, first.number, '前払金保証'));

    const elsewhere = (await lookUp(clerk, first.number, first.key, d.contractNumber)) as string;
    expect(elsewhere).toContain('match=guaranteeTaken');
    expect(await db.contractMatch.count({ where: { contractId: d.id } })).toBe(0);
    expect(await certificatePage(first.number, queryOf(elsewhere))).toContain(LOOKUP_MATCH_NOTICE.guaranteeTaken(d.contractNumber, c.contractNumber));
    // The link cannot lie: a `match=matched` edited into it still reads the matches as they are.
    expect(await certificatePage(first.number, { ...queryOf(elsewhere), match: 'matched' })).toContain(LOOKUP_MATCH_NOTICE.guaranteeTaken(d.contractNumber, c.contractNumber));
  });

  it('a contract holding a 前払金保証 takes its 契約保証 by the same 契約番号 at lookup (one certificate per kind, decision 072 amended)', async () => {
    const db = await getDb();
    const advance = await issued();
    const performance = await issued({ guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000' });
    const c = await contractFor(advance.projectName, { performanceShare: '10分の1' });
    expect(await lookUp(clerk, advance.number, advance.key, c.contractNumber)).toContain('match=matched');
    expect(await lookUp(clerk, performance.number, performance.key, c.contractNumber)).toContain('match=matched');
    expect(await db.contractMatch.findMany({ where: { contractId: c.id }, select: { guaranteeId: true, kind: true, via: true }, orderBy: { kind: 'asc' } })).toEqual([
      { guaranteeId: advance.id, kind: 'ADVANCE', via: 'LOOKUP' },
      { guaranteeId: performance.id, kind: 'CONTRACT', via: 'LOOKUP' },
    ]);
  });

  it('a wrong key with a known 契約番号: the one uniform answer, nothing matched', async () => {
    const db = await getDb();
    const g = await issued();
    const c = await contractFor(g.projectName);
    const wrongKey = g.key.slice(0, 9) + (g.key[9] === 'A' ? 'B' : 'A');
    expect(await lookUp(clerk, g.number, wrongKey, c.contractNumber)).toEqual({ values: { number: g.number, key: wrongKey, contractNumber: c.contractNumber }, message: LOOKUP_MESSAGES.notFound });
    expect(await db.contractMatch.count({ where: { contractId: c.id } })).toBe(0);
  });

  it('access: the use cases are the orderer staff’s; another orderer’s contract id on the page says nothing', async () => {
    const db = await getDb();
    const g = await issued();
    const c = await contractFor(g.projectName);
    for (const who of [contractor, admin]) {
      await expect(contractForLookup(db, who.actor, c.contractNumber)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(matchAtLookup(db, who.actor, c.id, g.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      signInAs(who);
      expect(await interrupt(lookupAction(undefined, form({ number: g.number, key: g.key, contractNumber: c.contractNumber })))).toBe('app-error:FORBIDDEN');
    }
    signInAs(null);
    expect(await interrupt(lookupAction(undefined, form({ number: g.number, key: g.key, contractNumber: c.contractNumber })))).toBe('redirect:/login');
    // Another orderer cannot match to this orderer's contract by id.
    expect(await matchAtLookup(db, otherClerk.actor, c.id, g.id)).toBe('contractTaken');
    expect(await db.contractMatch.count({ where: { contractId: c.id } })).toBe(0);
  });
});

describe('the 確認済み一覧’s 契約台帳 column', () => {
  it('未照合 / 照合済み・食い違いなし / 要確認 N件 with the contract, in one statement a page; the CSV has the same column', async () => {
    const base = await getDb();
    const own = await makeOrderer();
    const ownClerk = await makeUser('ORDERER', own.id, own.departmentId);
    const made = async () => {
      const g = await issuedGuarantee(contractor, own);
      expect(await lookUp(ownClerk, g.number, g.key)).toMatch(/^redirect:/);
      return g.number;
    };
    const [good, bad, none] = [await made(), await made(), await made()];
    const contract = async (amount: string) =>
      makeContract(ownClerk, (await base.guarantee.findUniqueOrThrow({ where: { number: amount === '100,000,000' ? good : bad } })).projectName, contractorName, {
        contractNumber: `C-${amount}-${Math.random().toString(36).slice(2, 6)}`,
        contractAmount: amount,
      });
    const goodContract = await contract('100,000,000');
    const badContract = await contract('90,000,000');
    must(await matchContract(base, ownClerk.actor, goodContract, { guaranteeNumber: good }));
    must(await matchContract(base, ownClerk.actor, badContract, { guaranteeNumber: bad }));

    let statements = 0;
    const counted = base.$extends({
      query: {
        $allOperations({ args, query }) {
          statements++;
          return query(args);
        },
      },
    }) as unknown as typeof base;
    const page = await listConfirmedCertificates(counted, ownClerk.actor, parseConfirmedParams({}));
    expect(statements).toBe(1);
    const byNumber = new Map(page.rows.map((r) => [r.number, r.contractMatch]));
    expect(byNumber.get(good)).toEqual({ contractId: goodContract, contractNumber: expect.any(String), problems: 0 });
    // 請負金額 differs and 前払金 40,000,000 is over 10分の4 of 90,000,000: two to act on.
    expect(byNumber.get(bad)).toEqual({ contractId: badContract, contractNumber: expect.any(String), problems: 2 });
    expect(byNumber.get(none)).toBeNull();

    signInAs(ownClerk);
    const { default: ConfirmedPage } = await import('@/app/orderer/confirmed/page');
    const html = renderToStaticMarkup(await ConfirmedPage({ searchParams: Promise.resolve({}) } as never));
    expect(html).toContain(CONTRACT_MATCH_LABEL.problems(2));
    expect(html).toContain(CONTRACT_MATCH_LABEL.consistent);
    expect(html).toContain(CONTRACT_MATCH_LABEL.unmatched);
    expect(html).toContain(`/orderer/contracts/${badContract}`);

    const response = await confirmedCsvRoute(new Request('http://x/orderer/confirmed/csv'));
    const rows = parse(await response.text(), { bom: true }) as string[][];
    const csv = new Map(rows.slice(1).map((r) => [r[3], r.slice(12)]));
    expect(csv.get(good)?.[0]).toBe(CONTRACT_MATCH_LABEL.consistent);
    expect(csv.get(bad)?.[0]).toBe(CONTRACT_MATCH_LABEL.problems(2));
    expect(csv.get(none)).toEqual([CONTRACT_MATCH_LABEL.unmatched, '']);
  });
});

describe('照合結果の一覧 and 保証未確認', () => {
  it('the report: every finding a line, to act on first; counts; CSV with formula cells neutralised', async () => {
    const db = await getDb();
    const own = await makeOrderer();
    const ownClerk = await makeUser('ORDERER', own.id, own.departmentId);
    const g1 = await issuedGuarantee(contractor, own);
    const g2 = await issuedGuarantee(contractor, own);
    for (const g of [g1, g2]) {
      expect(await lookUp(ownClerk, g.number, g.key)).toMatch(/^redirect:/);
    }
    const save = (projectName: string, patch: Record<string, string> = {}) => makeContract(ownClerk, projectName, contractorName, { contractNumber: contractNumberOf('RP', 6), ...patch });
    const consistent = await save(g1.projectName);
    const differing = await save(`${g2.projectName}（その2）`, { contractAmount: '90,000,000' });
    must(await matchContract(db, ownClerk.actor, consistent, { guaranteeNumber: g1.number }));
    must(await matchContract(db, ownClerk.actor, differing, { guaranteeNumber: g2.number }));

    const report = await matchReport(db, ownClerk.actor, todayInTokyo());
    expect(report.counts).toEqual({ matched: 2, consistent: 1, problems: 1 });
    expect(report.lines.map((l) => [l.contractId, l.code, l.problem])).toEqual([
      [differing, 'amount', true],
      [differing, 'advanceOver', true],
      [differing, 'projectName', true],
    ]);
    expect(report.lines[0]!.text).toBe(FINDING_TEXT.amount(90_000_000n, 100_000_000n));
    // Another orderer's report holds none of it.
    expect((await matchReport(db, otherClerk.actor, todayInTokyo())).counts.matched).toBe(0);

    signInAs(ownClerk);
    const response = await reportCsvRoute();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.toString('utf8'), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...REPORT_CSV_HEADER]);
    expect(rows.slice(1).map((r) => [r[0], r[4], r[6]])).toEqual(report.lines.map((l) => ['要確認', g2.number, l.text]));

    const { default: ReportPage } = await import('@/app/orderer/contracts/report/page');
    const html = renderToStaticMarkup(await ReportPage({ searchParams: Promise.resolve({}) } as never));
    expect(html).toContain(FINDING_TEXT.amount(90_000_000n, 100_000_000n));
    expect(html).toContain(`/orderer/contracts/${differing}`);
  });

  it('the report counts contracts, not certificates: a 前払金保証 without a finding and a 契約保証 with one make 1 matched, 0 食い違いなし, 1 要確認', async () => {
    const db = await getDb();
    const own = await makeOrderer();
    const ownClerk = await makeUser('ORDERER', own.id, own.departmentId);
    const advance = await issuedGuarantee(contractor, own);
    // Its own 工事名 (applicationInput's, another than the 前払金保証's): a finding to act on.
    const performance = await issuedGuarantee(contractor, own, { guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000' });
    for (const g of [advance, performance]) {
      expect(await lookUp(ownClerk, g.number, g.key)).toMatch(/^redirect:/);
    }
    const contractId = await makeContract(ownClerk, advance.projectName, contractorName, { contractNumber: contractNumberOf('RP', 6), performanceShare: '10分の1' });
    must(await matchContract(db, ownClerk.actor, contractId, { guaranteeNumber: advance.number }));
    must(await matchContract(db, ownClerk.actor, contractId, { guaranteeNumber: performance.number }));
    expect(await db.contractMatch.count({ where: { contractId } })).toBe(2);

    const report = await matchReport(db, ownClerk.actor, todayInTokyo());
    expect(report.counts).toEqual({ matched: 1, consistent: 0, problems: 1 });
    expect(report.lines.map((l) => [l.guaranteeNumber, l.code, l.problem])).toEqual([[performance.number, 'projectName', true]]);
  });

  it('保証未確認: contracts past N days (default 14, ?days=) whose required 前払金 / 契約保証 has no certificate of that kind matched; CSV', async () => {
    const db = await getDb();
    const own = await makeOrderer();
    const ownClerk = await makeUser('ORDERER', own.id, own.departmentId);
    const today = todayInTokyo();
    const save = async (contractNumber: string, daysAgo: number, advanceShare: string, performanceShare: string) =>
      must(
        await saveContract(db, ownClerk.actor, undefined, {
          contractNumber,
          projectName: `${contractNumber}工事`,
          contractorName,
          contractAmount: '10,000,000',
          contractDate: slash(addDaysIso(today, -daysAgo)),
          periodStart: slash(addDaysIso(today, -daysAgo + 1)),
          periodEnd: slash(addDaysIso(today, 200)),
          advanceShare,
          performanceShare,
        }),
      ).id;
    const old = await save('U-old', 30, '10分の4', '10分の1');
    await save('U-recent', 5, '10分の4', '');
    await save('U-none', 40, '', '');
    const matched = await save('U-matched', 20, '10分の4', '');
    const g = await issuedGuarantee(contractor, own);
    expect(await lookUp(ownClerk, g.number, g.key)).toMatch(/^redirect:/);
    must(await matchContract(db, ownClerk.actor, matched, { guaranteeNumber: g.number }));

    const list = await unconfirmedGuarantees(db, ownClerk.actor, 14, today);
    expect(list.map((r) => [r.contractNumber, r.daysSince, r.missing])).toEqual([['U-old', 30, ['advance', 'performance']]]);
    expect((await unconfirmedGuarantees(db, ownClerk.actor, 0, today)).map((r) => r.contractNumber)).toEqual(['U-old', 'U-recent']);
    expect((await unconfirmedGuarantees(db, otherClerk.actor, 0, today)).filter((r) => r.contractNumber.startsWith('U-'))).toEqual([]);
    expect(old).toBeTruthy();

    expect(readUnconfirmedDays(undefined)).toEqual({ days: 14, invalid: false });
    expect(readUnconfirmedDays('３０')).toEqual({ days: 30, invalid: false });
    expect(readUnconfirmedDays('30日')).toEqual({ days: 30, invalid: false });
    for (const bad of ['abc', '-1', '366', '1e3']) expect(readUnconfirmedDays(bad)).toEqual({ days: 14, invalid: true });

    signInAs(ownClerk);
    const rows = parse(await (await unconfirmedCsvRoute(new Request('http://x/orderer/contracts/unconfirmed/csv?days=0'))).text(), { bom: true }) as string[][];
    expect(rows[0]).toEqual([...UNCONFIRMED_CSV_HEADER]);
    expect(rows.slice(1).map((r) => [r[0], r[5], r[7]])).toEqual([
      ['U-old', '30', '前払金保証・契約保証'],
      ['U-recent', '5', '前払金保証'],
    ]);
    const { default: UnconfirmedPage } = await import('@/app/orderer/contracts/unconfirmed/page');
    const html = renderToStaticMarkup(await UnconfirmedPage({ searchParams: Promise.resolve({ days: 'abc' }) } as never));
    expect(html).toContain('日数は0〜365の数字で入力してください');
    expect(html).toContain('U-old');
    expect(html).not.toContain('U-recent');
  });

  it('access: pages and CSV routes — the signed-out to /login (401), contractors and officers 404, another orderer sees only its own', async () => {
    const { default: ReportPage } = await import('@/app/orderer/contracts/report/page');
    const { default: UnconfirmedPage } = await import('@/app/orderer/contracts/unconfirmed/page');
    const pages = [
      () => ReportPage({ searchParams: Promise.resolve({}) } as never),
      () => UnconfirmedPage({ searchParams: Promise.resolve({}) } as never),
    ];
    const routes = [() => reportCsvRoute(), () => unconfirmedCsvRoute(new Request('http://x/orderer/contracts/unconfirmed/csv'))];
    signInAs(null);
    for (const page of pages) expect(await interrupt(page())).toBe('redirect:/login');
    for (const route of routes) expect((await route()).status).toBe(401);
    for (const who of [contractor, admin]) {
      signInAs(who);
      for (const page of pages) expect(await interrupt(page())).toBe('not-found');
      for (const route of routes) expect((await route()).status).toBe(404);
    }
    // The clerk of this file's orderer has matches and old contracts; another orderer's clerk sees none of them.
    const g = await issued();
    const c = await contractFor(g.projectName, { contractNumber: 'R8-見えない-001', contractDate: slash(addDaysIso(todayInTokyo(), -60)), periodStart: slash(addDaysIso(todayInTokyo(), -59)) });
    expect(c.id).toBeTruthy();
    signInAs(otherClerk);
    for (const page of pages) {
      const html = renderToStaticMarkup((await page()) as never);
      expect(html).not.toContain('R8-見えない-001');
    }
    for (const route of routes) expect(await (await route()).text()).not.toContain('R8-見えない-001');
  });
});
