import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createGatewayRangeAction, removeGatewayRangeAction, updateGatewayRangeAction } from '@/actions/admin-gateway-actions';
import GatewayRangePage from '@/app/admin/gateways/[id]/page';
import GatewayRangesPage from '@/app/admin/gateways/page';
import { getDb } from '@/db/client';
import { issueApiToken } from '@/domain/api-tokens/issue-api-token';
import { signInWithPassword } from '@/domain/auth/sign-in';
import { signInPolicy } from '@/domain/auth/throttle';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { listGatewayRanges } from '@/domain/gateways/queries';
import { removeGatewayRange } from '@/domain/gateways/remove-gateway-range';
import { saveGatewayRange } from '@/domain/gateways/save-gateway-range';
import { GATEWAY_MESSAGES } from '@/domain/gateways/schemas';
import { lookupCertificate, type LookupCaller } from '@/domain/lookup/lookup';
import { LOOKUP_MESSAGES } from '@/domain/lookup/messages';
import { LOOKUP_POLICY, lookupPolicy } from '@/domain/lookup/policy';
import { listLocks } from '@/domain/lookup/queries';
import { numberLock } from '@/domain/lookup/throttle';
import { concludedGuarantee, makeOrderer, makeUser, must, TEST_KEY_SECRET as SECRET, TEST_PASSWORD, uid } from '../support/factories';
import { interrupt, outcome } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * Decision 041 (issue 13, findings 6 and 9): a number's budget is spent only by the orderer named on
 * the certificate; anyone else spends their own account, organisation (and, per number, their own)
 * budgets; known gateway ranges have a budget of their own or are exempt from the address budget.
 */
type Made = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>>;
let contractor: Made;
let admin: Made;
let named: Orderer;
let octet = 0;
/** A fresh address per attempt unless one is given: only the budgets a test means to spend are spent. */
const nextAddress = () => `10.77.${Math.floor(++octet / 250)}.${(octet % 250) + 1}`;

beforeAll(async () => {
  // With an address: a lock's notice goes to the contractor's users who have one.
  contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: `keiri-${uid()}@example.jp` });
  admin = await makeUser('ADMIN');
  named = await makeOrderer();
});
beforeEach(() => signInAs(null));

const as = (who: Made): LookupCaller => ({ kind: 'user', actor: who.actor });
async function look(who: Made, number: string, key: string, clientAddress: string | null = nextAddress(), policy = lookupPolicy()) {
  return lookupCertificate(await getDb(), as(who), { number, key }, { secret: SECRET, clientAddress, policy });
}
async function certificate(orderer: Orderer = named) {
  const number = (await concludedGuarantee(contractor, orderer)).number;
  const key = (await getKeyPage(await getDb(), contractor.actor, number, SECRET)).key;
  return { number, key, wrong: key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A') };
}
const clerkOf = (o: Orderer) => makeUser('ORDERER', o.id, o.departmentId);
const lockMails = async (number: string) => (await getDb()).outboxMail.count({ where: { template: 'lookup-locked', subject: { contains: number } } });

describe('the number budget belongs to the orderer named on the certificate (finding 6)', () => {
  it("another orderer's wrong keys never lock the number: the named orderer's right key still opens it, nobody is told of a lock", async () => {
    const db = await getDb();
    const c = await certificate();
    const stranger = await makeOrderer();
    // Several clerks of the other orderer, the right key and wrong ones alike: 8 failures on the number.
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push((await look(await clerkOf(stranger), c.number, i % 2 ? c.key : c.wrong)).status);
    expect(answers.slice(0, LOOKUP_POLICY.numberFailures)).toEqual(Array(LOOKUP_POLICY.numberFailures).fill('not-found'));
    // Past 5, the other orderer is refused — on its own budget for this number, which locks only itself.
    expect(answers.slice(LOOKUP_POLICY.numberFailures)).toEqual(['throttled', 'throttled', 'throttled']);
    expect(await numberLock(db, { number: c.number, ordererId: named.id })).toBeNull();
    const found = await look(await clerkOf(named), c.number, c.key);
    expect(found.status).toBe('found');
    expect(await lockMails(c.number)).toBe(0);
  });

  it('the named orderer’s 5 failures do lock it (even its right key waits); the contractor and the officers are told', async () => {
    const db = await getDb();
    const c = await certificate();
    for (let i = 0; i < LOOKUP_POLICY.numberFailures; i++) expect((await look(await clerkOf(named), c.number, c.wrong)).status).toBe('not-found');
    expect(await look(await clerkOf(named), c.number, c.key)).toMatchObject({ status: 'throttled', scope: 'number' });
    expect(await numberLock(db, { number: c.number, ordererId: named.id })).toBeInstanceOf(Date);
    await expect.poll(() => lockMails(c.number), { timeout: 60_000 }).toBe(1);
    const lock = (await listLocks(db, admin.actor)).find((l) => l.about.scope === 'number' && l.about.number === c.number);
    expect(lock?.about).toMatchObject({ named: true, organizationName: named.name });
  });

  it('answers stay uniform: to another orderer, a certificate of someone else and a number that does not exist answer alike, with the same budget keys', async () => {
    const db = await getDb();
    const c = await certificate();
    const stranger = await makeOrderer();
    const clerk = await clerkOf(stranger);
    const unknown = contractNumberFromSerial(BigInt(900_000_000 + Math.floor(Math.random() * 1_000_000)));
    const onExisting = [];
    const onUnknown = [];
    for (let i = 0; i < LOOKUP_POLICY.numberFailures + 1; i++) {
      onExisting.push(await look(clerk, c.number, c.key, '10.78.0.1'));
      onUnknown.push(await look(clerk, unknown, c.key, '10.78.0.2'));
    }
    expect(onUnknown.map((a) => a.status)).toEqual(onExisting.map((a) => a.status));
    expect(onExisting[0]).toEqual({ status: 'not-found', message: LOOKUP_MESSAGES.notFound });
    expect(onExisting.at(-1)).toMatchObject({ status: 'throttled', scope: 'number' });
    const keysOf = async (n: string) => (await db.rateLimit.findMany({ where: { key: { startsWith: `lookup:number:${n}` } }, select: { key: true } })).map((r) => r.key.replace(n, 'N'));
    expect(await keysOf(unknown)).toEqual(await keysOf(c.number));
  });

  it("an organisation's failures exhaust its own budget (50 an hour), not anyone else's", async () => {
    const noisy = await makeOrderer();
    let failures = 0;
    // Accounts of one organisation, each under its own budget (9 of 10), different numbers and addresses.
    while (failures < LOOKUP_POLICY.organizationFailures) {
      const clerk = await clerkOf(noisy);
      for (let i = 0; i < 9 && failures < LOOKUP_POLICY.organizationFailures; i++, failures++) {
        expect((await look(clerk, contractNumberFromSerial(BigInt(800_000_000 + failures)), 'WRNGKEY222')).status).toBe('not-found');
      }
    }
    const fresh = await clerkOf(noisy);
    expect(await look(fresh, contractNumberFromSerial(888_888_888n), 'WRNGKEY222')).toMatchObject({ status: 'throttled', scope: 'organization' });
    const c = await certificate();
    expect((await look(await clerkOf(named), c.number, c.key)).status).toBe('found');
    const locks = await listLocks(await getDb(), admin.actor);
    expect(locks.find((l) => l.about.scope === 'organization' && l.about.organizationName === noisy.name)?.failures).toBe(LOOKUP_POLICY.organizationFailures);
  });

  it('an API token of another orderer cannot lock the number either', async () => {
    const c = await certificate();
    const stranger = await makeOrderer();
    const issued = must(await issueApiToken(await getDb(), admin.actor, stranger.id, { name: `連携 ${uid()}` }));
    const token: LookupCaller = { kind: 'token', tokenId: issued.id, organizationId: stranger.id };
    for (let i = 0; i < LOOKUP_POLICY.numberFailures + 2; i++) {
      await lookupCertificate(await getDb(), token, { number: c.number, key: c.wrong }, { secret: SECRET, clientAddress: nextAddress() });
    }
    expect((await look(await clerkOf(named), c.number, c.key)).status).toBe('found');
  });
});

describe('client addresses and known gateway ranges (finding 9)', () => {
  it('the default address budget is configuration (LOOKUP_ADDRESS_FAILURES_PER_HOUR); an IPv6 client is one /64', async () => {
    const policy = lookupPolicy({ LOOKUP_ADDRESS_FAILURES_PER_HOUR: '3' });
    expect(policy.addressFailures).toBe(3);
    expect(() => lookupPolicy({ LOOKUP_ADDRESS_FAILURES_PER_HOUR: 'many' })).toThrow(/LOOKUP_ADDRESS_FAILURES_PER_HOUR/);
    const prefix = `2001:db8:${(Date.now() % 65_000).toString(16)}:7`;
    for (let i = 1; i <= 3; i++) expect((await look(await makeUser('ORDERER'), contractNumberFromSerial(BigInt(700_000_000 + i)), 'WRNGKEY222', `${prefix}::${i}`, policy)).status).toBe('not-found');
    // Another address of the same /64, another account of another organisation: the same client.
    expect(await look(await makeUser('ORDERER'), contractNumberFromSerial(700_000_009n), 'WRNGKEY222', `${prefix}:ffff::1`, policy)).toMatchObject({ status: 'throttled', scope: 'address' });
  });

  it('a registered range with a budget of its own: its addresses share it, whoever they are; outside, each address has its own', async () => {
    const db = await getDb();
    const range = must(await saveGatewayRange(db, admin.actor, undefined, { name: `テスト県 セキュリティクラウド ${uid()}`, cidr: '198.51.100.0/24', mode: 'BUDGET', failuresPerHour: '6' }));
    for (let i = 1; i <= 6; i++) {
      // A different account of a different organisation each time, each from its own address in the range.
      expect((await look(await makeUser('ORDERER'), contractNumberFromSerial(BigInt(710_000_000 + i)), 'WRNGKEY222', `198.51.100.${i}`)).status).toBe('not-found');
    }
    expect(await look(await makeUser('ORDERER'), contractNumberFromSerial(710_000_009n), 'WRNGKEY222', '::ffff:198.51.100.200')).toMatchObject({ status: 'throttled', scope: 'range' });
    expect((await look(await makeUser('ORDERER'), contractNumberFromSerial(710_000_009n), 'WRNGKEY222', '198.51.101.1')).status).toBe('not-found');
    const lock = (await listLocks(db, admin.actor)).find((l) => l.scope === 'range');
    expect(lock?.about).toMatchObject({ scope: 'range', cidr: '198.51.100.0/24' });
    // Removing the range removes its budget: the addresses are counted one by one again.
    await removeGatewayRange(db, admin.actor, range.id);
    expect((await look(await makeUser('ORDERER'), contractNumberFromSerial(710_000_010n), 'WRNGKEY222', '198.51.100.200')).status).toBe('not-found');
  });

  it('an exempt range has no address budget, while the account, organisation and number budgets hold', async () => {
    const db = await getDb();
    const range = must(await saveGatewayRange(db, admin.actor, undefined, { name: `テスト県 出口 ${uid()}`, cidr: '203.0.113.0/24', mode: 'EXEMPT' }));
    const gateway = '203.0.113.9';
    const policy = lookupPolicy({ LOOKUP_ADDRESS_FAILURES_PER_HOUR: '5' });
    // Well past the address budget from one address: 4 organisations × 4 failures.
    for (let o = 0; o < 4; o++) {
      const clerk = await makeUser('ORDERER');
      for (let i = 0; i < 4; i++) expect((await look(clerk, contractNumberFromSerial(BigInt(720_000_000 + o * 10 + i)), 'WRNGKEY222', gateway, policy)).status).toBe('not-found');
    }
    // The account budget still holds…
    const clerk = await makeUser('ORDERER');
    for (let i = 0; i < LOOKUP_POLICY.accountFailures; i++) await look(clerk, contractNumberFromSerial(BigInt(721_000_000 + i)), 'WRNGKEY222', gateway, policy);
    expect(await look(clerk, contractNumberFromSerial(721_000_099n), 'WRNGKEY222', gateway, policy)).toMatchObject({ status: 'throttled', scope: 'account' });
    // …and so does the number's.
    const c = await certificate();
    for (let i = 0; i < LOOKUP_POLICY.numberFailures; i++) await look(await clerkOf(named), c.number, c.wrong, gateway, policy);
    expect(await look(await clerkOf(named), c.number, c.key, gateway, policy)).toMatchObject({ status: 'throttled', scope: 'number' });
    await removeGatewayRange(db, admin.actor, range.id);
  });

  it('a range saved through another copy of the code applies at once to the lookup (Next bundles the officers\' action and the lookup apart)', async () => {
    const db = await getDb();
    const { addressRule } = await import('@/domain/gateways/ranges');
    expect((await addressRule(db, '100.127.201.9')).kind).toBe('address'); // read, and kept for RANGES_TTL_MS
    vi.resetModules();
    const copy = await import('@/domain/gateways/save-gateway-range');
    expect(copy.saveGatewayRange).not.toBe(saveGatewayRange);
    const range = must(await copy.saveGatewayRange(db, admin.actor, undefined, { name: `別の写し ${uid()}`, cidr: '100.127.201.0/24', mode: 'EXEMPT' }));
    try {
      expect((await addressRule(db, '100.127.201.9')).kind).toBe('exempt');
    } finally {
      await removeGatewayRange(db, admin.actor, range.id);
    }
    expect((await addressRule(db, '100.127.201.9')).kind).toBe('address');
  });

  it('sign-in by address follows the same ranges: a shared budget, or (exempt) no address budget', async () => {
    const db = await getDb();
    const budget = must(await saveGatewayRange(db, admin.actor, undefined, { name: `ログイン 共有 ${uid()}`, cidr: '192.0.2.0/28', mode: 'BUDGET', failuresPerHour: '4' }));
    for (let i = 1; i <= 4; i++) expect(await signInWithPassword(db, { loginId: `ghost-${uid()}`, password: 'x', clientAddress: `192.0.2.${i}` })).toEqual({ ok: false, reason: 'invalid' });
    const user = await makeUser('ORDERER');
    expect(await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '192.0.2.14' })).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '192.0.2.16' })).toMatchObject({ ok: true });

    must(await saveGatewayRange(db, admin.actor, budget.id, { name: `ログイン 除外 ${uid()}`, cidr: '192.0.2.0/28', mode: 'EXEMPT' }));
    const small = { accountAttempts: 5, addressAttempts: 3, exemptRangeAttempts: 20, windowSeconds: 900 };
    for (let i = 0; i < 6; i++) expect(await signInWithPassword(db, { loginId: `ghost-${uid()}`, password: 'x', clientAddress: '192.0.2.5' }, small)).toEqual({ ok: false, reason: 'invalid' });
    // The account's own budget still holds inside an exempt range.
    for (let i = 0; i < 5; i++) await signInWithPassword(db, { loginId: user.loginId, password: 'wrong', clientAddress: '192.0.2.5' }, small);
    expect(await signInWithPassword(db, { loginId: user.loginId, password: TEST_PASSWORD, clientAddress: '192.0.2.5' }, small)).toMatchObject({ reason: 'throttled' });
    await removeGatewayRange(db, admin.actor, budget.id);
  });

  it('password spraying from inside an exempt range stops at the range\'s sign-in ceiling (SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES), not at 5 tries per account', async () => {
    const db = await getDb();
    const range = must(await saveGatewayRange(db, admin.actor, undefined, { name: `ログイン 除外 上限 ${uid()}`, cidr: '198.18.0.0/16', mode: 'EXEMPT' }));
    const policy = signInPolicy({ SIGN_IN_EXEMPT_RANGE_FAILURES_PER_15_MINUTES: '8' });
    expect(policy.exemptRangeAttempts).toBe(8);
    // One password against many accounts, each from another address of the range: each account and
    // each address far below its own budget.
    const accounts = await Promise.all(Array.from({ length: 9 }, () => makeUser('CONTRACTOR')));
    for (let i = 0; i < 8; i++) {
      expect(await signInWithPassword(db, { loginId: accounts[i]!.loginId, password: 'Password1!', clientAddress: `198.18.${i}.7` }, policy)).toEqual({ ok: false, reason: 'invalid' });
    }
    // The ceiling is spent: the range is refused, even the right password of an untouched account from a fresh address.
    const refused = await signInWithPassword(db, { loginId: accounts[8]!.loginId, password: TEST_PASSWORD, clientAddress: '198.18.200.1' }, policy);
    expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
    if (!refused.ok && refused.reason === 'throttled') expect(refused.retryAfterSeconds).toBeLessThanOrEqual(policy.windowSeconds);
    expect(await db.rateLimit.count({ where: { key: `signin:exempt-range:${range.id}` } })).toBe(1);
    // Outside the range nothing changed.
    expect(await signInWithPassword(db, { loginId: accounts[8]!.loginId, password: TEST_PASSWORD, clientAddress: '198.19.0.1' }, policy)).toMatchObject({ ok: true });
    // Removing the range removes its ceiling: its addresses are counted one by one again.
    await removeGatewayRange(db, admin.actor, range.id);
    expect(await db.rateLimit.count({ where: { key: `signin:exempt-range:${range.id}` } })).toBe(0);
    expect(await signInWithPassword(db, { loginId: accounts[8]!.loginId, password: TEST_PASSWORD, clientAddress: '198.18.200.1' }, policy)).toMatchObject({ ok: true });
  });
});

describe('接続元の範囲: officers only, field errors, audited', () => {
  const form = (fields: Record<string, string>) => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    return fd;
  };

  it('refuses orderers, contractors and the signed-out, and stores nothing', async () => {
    const db = await getDb();
    const existing = must(await saveGatewayRange(db, admin.actor, undefined, { name: `既存 ${uid()}`, cidr: '100.64.0.0/24', mode: 'EXEMPT' }));
    const before = await db.gatewayRange.count();
    const fields = { name: '侵入', cidr: '100.64.9.0/24', mode: 'EXEMPT' };
    for (const who of [await makeUser('ORDERER'), contractor, null]) {
      signInAs(who);
      const expected = who ? 'app-error:FORBIDDEN' : 'redirect:/login';
      expect(await interrupt(createGatewayRangeAction(undefined, form(fields)))).toBe(expected);
      expect(await interrupt(updateGatewayRangeAction(existing.id, undefined, form(fields)))).toBe(expected);
      expect(await interrupt(removeGatewayRangeAction(existing.id, undefined, form({ confirmRemove: 'on' })))).toBe(expected);
      const page = who ? 'not-found' : 'redirect:/login';
      expect(await interrupt(GatewayRangesPage({ searchParams: Promise.resolve({}) } as never))).toBe(page);
      expect(await interrupt(GatewayRangePage({ params: Promise.resolve({ id: existing.id }) } as never))).toBe(page);
      if (who) await expect(listGatewayRanges(db, who.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await db.gatewayRange.count()).toBe(before);
    expect(await db.gatewayRange.findUnique({ where: { id: existing.id } })).toMatchObject({ cidr: '100.64.0.0/24', mode: 'EXEMPT' });
    // An unknown or malformed id is the same 404 for an officer.
    signInAs(admin);
    expect(await interrupt(GatewayRangePage({ params: Promise.resolve({ id: crypto.randomUUID() }) } as never))).toBe('not-found');
    expect(await interrupt(GatewayRangePage({ params: Promise.resolve({ id: 'nope' }) } as never))).toBe('not-found');
    expect(await interrupt(removeGatewayRangeAction(crypto.randomUUID(), undefined, form({ confirmRemove: 'on' })))).toBe('not-found');
    await removeGatewayRange(db, admin.actor, existing.id);
  });

  it('an officer adds, edits and removes a range; a bad range is a field error; each change is audited', async () => {
    const db = await getDb();
    signInAs(admin);
    const name = `〇〇県 自治体情報セキュリティクラウド ${uid()}`;
    const bad = await outcome(createGatewayRangeAction(undefined, form({ name, cidr: '10.0.0.0/33', mode: 'BUDGET', failuresPerHour: '' })));
    expect(bad).toMatchObject({ status: 'error', error: { cidr: [GATEWAY_MESSAGES.cidrPrefix] } });
    const hostBits = await outcome(createGatewayRangeAction(undefined, form({ name, cidr: '192.0.2.77/24', mode: 'BUDGET', failuresPerHour: '100' })));
    expect(hostBits).toMatchObject({ error: { cidr: [GATEWAY_MESSAGES.cidrHostBits('192.0.2.0/24')] } });
    const noBudget = await outcome(createGatewayRangeAction(undefined, form({ name, cidr: '192.0.2.0/24', mode: 'BUDGET', failuresPerHour: '' })));
    expect(noBudget).toMatchObject({ error: { failuresPerHour: [GATEWAY_MESSAGES.failuresRequired] } });

    expect(await interrupt(createGatewayRangeAction(undefined, form({ name, cidr: '１９２.０.２.０/２４', mode: 'BUDGET', failuresPerHour: '１，２００' })))).toBe('redirect:/admin/gateways?saved=created');
    const row = await db.gatewayRange.findFirstOrThrow({ where: { name } });
    expect(row).toMatchObject({ cidr: '192.0.2.0/24', mode: 'BUDGET', failuresPerHour: 1200 });
    const taken = await outcome(createGatewayRangeAction(undefined, form({ name: 'もう一つ', cidr: '192.0.2.0/24', mode: 'EXEMPT' })));
    expect(taken).toMatchObject({ error: { cidr: [GATEWAY_MESSAGES.cidrTaken] } });

    expect(await interrupt(updateGatewayRangeAction(row.id, undefined, form({ name, cidr: '2001:DB8:10::/48', mode: 'EXEMPT', failuresPerHour: '50' })))).toBe('redirect:/admin/gateways?saved=updated');
    expect(await db.gatewayRange.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ cidr: '2001:db8:10::/48', mode: 'EXEMPT', failuresPerHour: null });

    expect(await removeGatewayRangeAction(row.id, undefined, form({}))).toEqual({ error: GATEWAY_MESSAGES.confirmRemove });
    expect(await db.gatewayRange.count({ where: { id: row.id } })).toBe(1);
    expect(await interrupt(removeGatewayRangeAction(row.id, undefined, form({ confirmRemove: 'on' })))).toBe('redirect:/admin/gateways?saved=removed');
    expect(await db.gatewayRange.count({ where: { id: row.id } })).toBe(0);

    const audit = await db.auditLog.findMany({ where: { targetType: 'gatewayRange', targetId: row.id }, orderBy: { createdAt: 'asc' } });
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([
      ['gateway-range.create', admin.id],
      ['gateway-range.update', admin.id],
      ['gateway-range.remove', admin.id],
    ]);
    expect(audit[1]!.details).toMatchObject({ before: { cidr: '192.0.2.0/24', mode: 'BUDGET' }, after: { cidr: '2001:db8:10::/48', mode: 'EXEMPT' } });
  });
});
