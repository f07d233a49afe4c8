import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { lookupAction } from '@/actions/lookup-actions';
import { GET as recordRoute } from '@/app/orderer/certificates/[number]/record/[confirmationId]/route';
import { getDb } from '@/db/client';
import { formatAuthKey } from '@/lib/auth-key-format';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { addressRule } from '@/domain/gateways/ranges';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { liftLock } from '@/domain/lookup/lift-lock';
import { listLookupAttempts } from '@/domain/lookup/attempt-list';
import { parseLookupLogParams } from '@/domain/lookup/attempt-list-params';
import { listLocks } from '@/domain/lookup/queries';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { lookupCertificate, type LookupCaller } from '@/domain/lookup/lookup';
import { LOOKUP_LOCKED_TEMPLATE } from '@/domain/lookup/mail-texts';
import { LOOKUP_MESSAGES } from '@/domain/lookup/messages';
import { LOOKUP_POLICY, yearlyGuessProbability } from '@/domain/lookup/policy';
import { numberLock } from '@/domain/lookup/throttle';
import { createUser } from '@/domain/users/create-user';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TEST_KEY_SECRET as SECRET, uid } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-portal-client-address': '192.0.2.10', 'x-portal-front': process.env.PORTAL_FRONT_SECRET ?? '' }) }));

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let clerkA: Made;
let clerkB: Made;
let admin: Made;
let ordererA: Awaited<ReturnType<typeof makeOrderer>>;
let number: string;
let key: string;
let address = 0;

beforeAll(async () => {
  const db = await getDb();
  ordererA = await makeOrderer();
  const ordererB = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  must(await createUser(db, await officer(db), { loginId: `c-${uid()}`, name: '受注 通知', role: 'CONTRACTOR', organizationId: contractor.actor.organizationId, email: 'keiri@maru.example.jp' }, { password: 'x'.repeat(12) }));
  clerkA = await makeUser('ORDERER', ordererA.id, ordererA.departmentId);
  clerkB = await makeUser('ORDERER', ordererB.id, ordererB.departmentId);
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  must(await createUser(db, await officer(db), { loginId: `a-${uid()}`, name: '保証 通知', role: 'ADMIN', organizationId: (await officer(db)).organizationId, email: 'officer@wjcs.example.jp' }, { password: 'x'.repeat(12) }));
  number = (await concludedGuarantee(contractor, ordererA)).number;
  key = (await getKeyPage(db, contractor.actor, number, SECRET)).key;
});
beforeEach(() => signInAs(null));

// Each test looks up from its own address, so that only the budgets it means to spend are spent.
const as = (who: Made): LookupCaller => ({ kind: 'user', actor: who.actor });
async function look(who: Made, n: string, k: string, clientAddress = `10.0.0.${++address}`) {
  return lookupCertificate(await getDb(), as(who), { number: n, key: k }, { secret: SECRET, clientAddress });
}
const toWide = (s: string) => [...s].map((c) => (c === '-' ? '－' : String.fromCharCode(c.charCodeAt(0) + 0xfee0))).join('');

describe('電子証書の確認', () => {
  it('the right pair, in any case or width, shows the certificate and records the confirmation', async () => {
    const db = await getDb();
    for (const typed of [key, formatAuthKey(key).toLowerCase(), toWide(formatAuthKey(key)), ` ${key.slice(0, 5)} ${key.slice(5)} `]) {
      const result = await look(clerkA, number, typed);
      expect(result.status, typed).toBe('found');
      if (result.status !== 'found') continue;
      expect(result.versions[0]!.content.number).toBe(number);
      expect(result.guaranteeStatus).toBe('ACTIVE');
      const confirmation = await db.confirmation.findUniqueOrThrow({ where: { id: result.confirmationId } });
      expect(confirmation).toMatchObject({ organizationId: ordererA.id, userId: clerkA.id, departmentId: ordererA.departmentId, statusAtConfirmation: 'ACTIVE' });
    }
    // The number typed with 全角 digits and hyphens is the same number.
    expect((await look(clerkA, toWide(`${number.slice(0, 4)}-${number.slice(4)}`), key)).status).toBe('found');
  });

  it('a typo in the number or a malformed key is a field error that costs no attempt', async () => {
    const db = await getDb();
    const typo = number.slice(0, 3) + String((Number(number[3]) + 1) % 10) + number.slice(4);
    const result = await look(clerkA, typo, key, '10.9.9.9');
    expect(result).toEqual({ status: 'invalid', fieldErrors: { number: [LOOKUP_MESSAGES.numberCheckDigit] } });
    expect(await look(clerkA, number, 'ABC', '10.9.9.9')).toEqual({ status: 'invalid', fieldErrors: { key: [LOOKUP_MESSAGES.keyLength(3)] } });
    // The right key with one character misread as 0: which character, and that 0/O/1/I/L are never used.
    const misread = `0${key.slice(1)}`;
    expect(await look(clerkA, number, misread, '10.9.9.9')).toEqual({ status: 'invalid', fieldErrors: { key: [LOOKUP_MESSAGES.keyUnused(['0'])] } });
    expect(await look(clerkA, '', '', '10.9.9.9')).toEqual({ status: 'invalid', fieldErrors: { number: [LOOKUP_MESSAGES.numberRequired], key: [LOOKUP_MESSAGES.keyRequired] } });
    expect(await db.rateLimit.count({ where: { key: 'lookup:address:10.9.9.9' } })).toBe(0);
    const logged = await db.lookupAttempt.findMany({ where: { clientAddress: '10.9.9.9' }, select: { outcome: true } });
    expect(logged.map((l) => l.outcome).sort()).toEqual(['INVALID_KEY', 'INVALID_KEY', 'INVALID_NUMBER', 'INVALID_NUMBER']);
  });

  it('wrong number, wrong key, old key and another orderer all get the same answer, and are logged', async () => {
    const db = await getDb();
    const unknown = contractNumberFromSerial(999_999_998n);
    const wrongKey = key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A');
    const answers = [await look(clerkA, unknown, key), await look(clerkA, number, wrongKey), await look(clerkB, number, key)];
    // A reissued key: the old one stops working at once, even for the orderer named on it.
    const other = (await concludedGuarantee(contractor, ordererA)).number;
    const oldKey = (await getKeyPage(db, contractor.actor, other, SECRET)).key;
    must(await reissueAuthKey(db, contractor.actor, other, SECRET));
    answers.push(await look(clerkA, other, oldKey));
    for (const a of answers) expect(a).toEqual({ status: 'not-found', message: LOOKUP_MESSAGES.notFound });
    const log = await listLookupAttempts(db, admin.actor, parseLookupLogParams({ number: unknown }));
    expect(log.rows[0]).toMatchObject({ outcome: 'NOT_FOUND', numberInput: unknown, organization: { name: ordererA.name } });
    // Clerk B's attempt is logged against the certificate it tried (officers can see who probes what).
    expect((await listLookupAttempts(db, admin.actor, parseLookupLogParams({ number, organization: clerkB.actor.organizationName }))).rows[0]).toMatchObject({ outcome: 'NOT_FOUND', guarantee: { number } });
  });

  it('a clerk of another orderer can never open the certificate', async () => {
    const db = await getDb();
    await expect(getConfirmedCertificate(db, clerkB.actor, number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getConfirmedCertificate(db, clerkA.actor, number)).number).toBe(number);
    await expect(lookupCertificate(db, as(contractor), { number, key }, { secret: SECRET, clientAddress: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('throttling and lock-out', () => {
  // Tests that spend many failures do it as a clerk of an orderer of their own: every failure also
  // spends its organisation's budget (50 an hour), which ordererA's other tests need.
  it('an account: 10 failures an hour, then even the right pair waits, with the time to wait', async () => {
    const clerk = await makeUser('ORDERER');
    // Different numbers each time: one number's own budget (5) would end it sooner.
    for (let i = 0; i < LOOKUP_POLICY.accountFailures; i++) expect((await look(clerk, contractNumberFromSerial(999_999_900n - BigInt(i)), key)).status).toBe('not-found');
    const refused = await look(clerk, number, key);
    expect(refused).toMatchObject({ status: 'throttled', scope: 'account' });
    if (refused.status === 'throttled') {
      expect(refused.retryAfterSeconds).toBeGreaterThan(3000);
      expect(refused.message).toMatch(/約\d+分後/);
      expect(LOOKUP_MESSAGES.throttled(1440)).toContain('約24時間後');
    }
  });

  it('a number: 5 failures (from the orderer named on it) lock it; the contractor and the officers are told; an officer lifts it', async () => {
    const db = await getDb();
    const target = (await concludedGuarantee(contractor, ordererA)).number;
    const targetKey = (await getKeyPage(db, contractor.actor, target, SECRET)).key;
    const wrong = targetKey.slice(0, 9) + (targetKey[9] === 'A' ? 'B' : 'A');
    for (let i = 0; i < LOOKUP_POLICY.numberFailures; i++) {
      const someone = await makeUser('ORDERER', ordererA.id, ordererA.departmentId);
      expect((await look(someone, target, wrong)).status).toBe('not-found');
    }
    expect(await look(clerkA, target, targetKey)).toMatchObject({ status: 'throttled', scope: 'number' });
    expect(await numberLock(db, { number: target, ordererId: ordererA.id })).toBeInstanceOf(Date);
    // The notice goes out in the background: wait for it. One mail per audience: the contractor's users
    // and the officers never see each other's addresses.
    const templates = [LOOKUP_LOCKED_TEMPLATE.CONTRACTOR, LOOKUP_LOCKED_TEMPLATE.OFFICERS];
    await expect.poll(async () => db.outboxMail.count({ where: { template: { in: templates }, subject: { contains: target } } }), { timeout: 60_000 }).toBe(2);
    const mails = await db.outboxMail.findMany({ where: { template: { in: templates }, subject: { contains: target } } });
    const contractorAddresses = (await db.user.findMany({ where: { organizationId: contractor.actor.organizationId, disabled: false, email: { not: null } } })).map((u) => u.email!);
    const officerAddresses = (await db.user.findMany({ where: { role: 'ADMIN', disabled: false, email: { not: null } } })).map((u) => u.email!);
    expect(contractorAddresses).toContain('keiri@maru.example.jp');
    expect(officerAddresses).toContain('officer@wjcs.example.jp');
    const toContractor = mails.find((m) => m.template === LOOKUP_LOCKED_TEMPLATE.CONTRACTOR)!;
    const toOfficers = mails.find((m) => m.template === LOOKUP_LOCKED_TEMPLATE.OFFICERS)!;
    expect([...toContractor.to, ...toContractor.cc].sort()).toEqual([...contractorAddresses].sort());
    expect([...toOfficers.to, ...toOfficers.cc].sort()).toEqual([...officerAddresses].sort());
    for (const mail of mails) {
      const everyone = [...mail.to, ...mail.cc];
      expect(everyone.every((a) => contractorAddresses.includes(a)) || everyone.every((a) => officerAddresses.includes(a)), mail.template).toBe(true);
      expect(mail.bodyText).not.toContain(targetKey);
    }
    expect(toOfficers.bodyText).toContain('照会記録');

    const locks = await listLocks(db, admin.actor);
    const lock = locks.find((l) => l.about.scope === 'number' && l.about.number === target && l.about.named)!;
    expect(lock.failures).toBeGreaterThanOrEqual(LOOKUP_POLICY.numberFailures);
    await expect(liftLock(db, clerkA.actor, lock.key)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await liftLock(db, admin.actor, lock.key);
    expect(await numberLock(db, { number: target, ordererId: ordererA.id })).toBeNull();
    expect((await look(clerkA, target, targetKey)).status).toBe('found');
  });

  it('a refused request costs nothing: a blocked account cannot lock other numbers', async () => {
    const db = await getDb();
    const own = await makeOrderer();
    const clerk = await makeUser('ORDERER', own.id, own.departmentId);
    for (let i = 0; i < LOOKUP_POLICY.accountFailures; i++) await look(clerk, contractNumberFromSerial(999_999_700n - BigInt(i)), key);
    const victim = (await concludedGuarantee(contractor, own)).number;
    for (let i = 0; i < LOOKUP_POLICY.numberFailures + 3; i++) expect(await look(clerk, victim, 'WRNGKEY222')).toMatchObject({ status: 'throttled', scope: 'account' });
    expect(await numberLock(db, { number: victim, ordererId: own.id })).toBeNull();
    expect(await db.rateLimit.count({ where: { key: { startsWith: `lookup:number:${victim}` } } })).toBe(0);
  });

  it('the longest wait is the one reported', async () => {
    const own = await makeOrderer();
    const clerk = await makeUser('ORDERER', own.id, own.departmentId);
    const target = (await concludedGuarantee(contractor, own)).number;
    for (let i = 0; i < LOOKUP_POLICY.numberFailures; i++) await look(clerk, target, 'WRNGKEY222');
    for (let i = 0; i < LOOKUP_POLICY.accountFailures - LOOKUP_POLICY.numberFailures; i++) await look(clerk, contractNumberFromSerial(999_999_600n - BigInt(i)), key);
    const refused = await look(clerk, target, key);
    expect(refused).toMatchObject({ status: 'throttled', scope: 'number' });
    if (refused.status === 'throttled') expect(refused.retryAfterSeconds).toBeGreaterThan(23 * 3600);
  });

  it('parallel guesses cannot overrun a budget', async () => {
    const clerk = await makeUser('ORDERER');
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => look(clerk, contractNumberFromSerial(999_999_800n - BigInt(i)), key, `10.1.${i}.1`)));
    expect(results.filter((r) => r.status === 'not-found')).toHaveLength(LOOKUP_POLICY.accountFailures);
  });

  it('the policy bounds guessing one key in a year below 1e-9', () => {
    expect(yearlyGuessProbability(LOOKUP_POLICY)).toBeLessThan(1e-9);
  });
});

describe('the same work', () => {
  it('an unknown number and a wrong key cost the same statements', async () => {
    const db = await getDb();
    const count = async (n: string, k: string) => {
      const before = await db.lookupAttempt.count();
      const started = process.hrtime.bigint();
      const result = await look(clerkA, n, k);
      expect(result.status).toBe('not-found');
      expect(await db.lookupAttempt.count()).toBe(before + 1);
      return process.hrtime.bigint() - started;
    };
    // The read is one LEFT JOIN from a single row (the same statement whether or not the number exists),
    // and an unknown number is compared with a stand-in hash: inside the lookup's database function.
    // The definition in force (the newest migration that replaced it), as the database holds it.
    const [{ sql }] = await db.$queryRaw<[{ sql: string }]>`SELECT pg_get_functiondef(CAST('lookup_certificate' AS regproc)) AS "sql"`;
    expect(sql).toMatch(/FROM \(SELECT 1\) AS one\s+LEFT JOIN "Guarantee" g/);
    expect(sql).toMatch(/"key_hash_equal"\(p_key_hash, coalesce\(v_row."keyHash", 'h1:' \|\| repeat\('A', 43\)\)\)/);
    await count(contractNumberFromSerial(999_999_500n), key);
    await count(number, key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A'));
  });

  it('one database round trip for each answer: found, not found, a field error, refused', async () => {
    const base = await getDb();
    const clerk = await makeUser('ORDERER', ordererA.id, ordererA.departmentId);
    let statements = 0;
    const counted = base.$extends({
      query: {
        $allOperations({ args, query }) {
          statements++;
          return query(args);
        },
      },
    }) as unknown as typeof base;
    const statementsOf = async (n: string, k: string, clientAddress: string, policy = LOOKUP_POLICY) => {
      await addressRule(counted, clientAddress); // the gateway ranges, read every few seconds per instance
      statements = 0;
      const result = await lookupCertificate(counted, as(clerk), { number: n, key: k }, { secret: SECRET, clientAddress, policy });
      return { status: result.status, statements };
    };
    const wrongKey = key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A');
    expect(await statementsOf(number, key, '10.7.0.1')).toEqual({ status: 'found', statements: 1 });
    expect(await statementsOf(contractNumberFromSerial(999_999_401n), key, '10.7.0.2')).toEqual({ status: 'not-found', statements: 1 });
    expect(await statementsOf(number, wrongKey, '10.7.0.3')).toEqual({ status: 'not-found', statements: 1 });
    expect(await statementsOf(number, 'ABC', '10.7.0.4')).toEqual({ status: 'invalid', statements: 1 });
    // An address budget of one failure, spent: the next lookup from there is refused.
    expect(await statementsOf(number, key, '10.7.0.3', { ...LOOKUP_POLICY, addressFailures: 1 })).toEqual({ status: 'throttled', statements: 1 });
  });
});

describe('hostile input', () => {
  it('property: a field error or the uniform answer, never a throw, nothing leaked', async () => {
    const clerk = await makeUser('ORDERER', ordererA.id, ordererA.departmentId);
    // A guarantee of its own: the random pairs spend its number's budget (5 failures a day), not the
    // one the other tests look up.
    const own = (await concludedGuarantee(contractor, ordererA)).number;
    const ownKey = (await getKeyPage(await getDb(), contractor.actor, own, SECRET)).key;
    const hostile = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ minLength: 1000, maxLength: 5000 }),
      fc.constantFrom("' OR '1'='1", '1; DROP TABLE "Guarantee"', '<script>alert(1)</script>', '\u0000\u202e', '𠮷𠮷', '１２３４５６７８９０', own, ownKey),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(hostile, hostile, async (n, k) => {
        const result = await look(clerk, n, k);
        expect(['invalid', 'not-found', 'throttled', 'found']).toContain(result.status);
        if (result.status !== 'found') expect(JSON.stringify(result)).not.toContain(ownKey);
      }),
      { numRuns: 80 },
    );
  });

  it('the action answers with the values kept and the same message', async () => {
    signInAs(clerkB);
    const fd = new FormData();
    fd.set('number', number);
    fd.set('key', key);
    expect(await lookupAction(undefined, fd)).toEqual({ values: { number, key, contractNumber: '' }, message: LOOKUP_MESSAGES.notFound });
    signInAs(contractor);
    await expect(lookupAction(undefined, fd)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('確認記録', () => {
  it('the PDF for the orderer that confirmed; 404 for anyone else', async () => {
    const found = await look(clerkA, number, key);
    expect(found.status).toBe('found');
    const id = found.status === 'found' ? found.confirmationId : '';
    const ctx = { params: Promise.resolve({ number, confirmationId: id }) } as never;
    signInAs(clerkA);
    const ok = await recordRoute(new Request('http://x'), ctx);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    for (const who of [clerkB, contractor, admin]) {
      signInAs(who);
      expect((await recordRoute(new Request('http://x'), ctx)).status).toBe(404);
    }
  });
});
