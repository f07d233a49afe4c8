import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/db/client';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import type * as LockNotices from '@/domain/lookup/lock-notices';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { LOOKUP_LOCKED_TEMPLATE } from '@/domain/lookup/mail-texts';
import { LOOKUP_POLICY } from '@/domain/lookup/policy';
import { startLockNoticeSweep, stopLockNoticeSweep } from '@/jobs/lock-notice-sweep';
import { formatDateTime } from '@/lib/dates';
import type * as Stop from '@/lib/stop';
import { backgroundSettled } from '@/lib/stop';
import { concludedGuarantee, makeOrderer, makeUser, TEST_KEY_SECRET as SECRET, uid } from '../support/factories';

/**
 * Decision 060: a lookup lock's notice is owed in the lookup's own transaction (a LookupLockNotice row
 * written by "lookup_certificate"), queued right after in the background — which the orderly stop waits
 * for (src/lib/stop.ts trackBackground) — and otherwise by the sweep that catches up, exactly once.
 */

// "The process stopped before its background work ran": the lookup's own call does nothing while set.
const background = vi.hoisted(() => ({ lost: false }));
vi.mock('@/domain/lookup/lock-notices', async (importOriginal) => {
  const real = await importOriginal<typeof LockNotices>();
  return {
    ...real,
    sendOwedLockNotices: (...args: Parameters<typeof real.sendOwedLockNotices>) =>
      background.lost ? Promise.resolve({ notices: 0, mails: 0, failed: 0 }) : real.sendOwedLockNotices(...args),
  };
});
const { sendOwedLockNotices } = await vi.importActual<typeof LockNotices>('@/domain/lookup/lock-notices');
// Counts what is handed to the orderly stop (src/lib/stop.ts), which still tracks it.
const handed = vi.hoisted(() => ({ count: 0 }));
vi.mock('@/lib/stop', async (importOriginal) => {
  const real = await importOriginal<typeof Stop>();
  return {
    ...real,
    trackBackground: (work: Promise<unknown>) => {
      handed.count += 1;
      real.trackBackground(work);
    },
  };
});

type Made = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>>;
let contractor: Made;
let named: Orderer;
let octet = 0;
const nextAddress = () => `10.79.${Math.floor(++octet / 250)}.${(octet % 250) + 1}`;

beforeAll(async () => {
  contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: `keiri-${uid()}@example.jp` });
  await makeUser('ADMIN', undefined, undefined, { email: `shinsa-${uid()}@example.jp` });
  named = await makeOrderer();
});

const templates = [LOOKUP_LOCKED_TEMPLATE.CONTRACTOR, LOOKUP_LOCKED_TEMPLATE.OFFICERS];
const lockMails = async (number: string) => (await getDb()).outboxMail.count({ where: { template: { in: templates }, subject: { contains: number } } });
const owed = async (guaranteeId: string) => (await getDb()).lookupLockNotice.count({ where: { guaranteeId } });

/** A certificate of `named`, locked by 5 wrong keys of its clerks. */
async function lockOne(of: Made = contractor) {
  const db = await getDb();
  const g = await concludedGuarantee(of, named);
  const key = (await getKeyPage(db, of.actor, g.number, SECRET)).key;
  const wrong = key.slice(0, 9) + (key[9] === 'A' ? 'B' : 'A');
  for (let i = 0; i < LOOKUP_POLICY.numberFailures; i++) {
    const clerk = await makeUser('ORDERER', named.id, named.departmentId);
    const answer = await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number: g.number, key: wrong }, { secret: SECRET, clientAddress: nextAddress() });
    expect(answer.status).toBe('not-found');
  }
  const guaranteeId = (await db.guarantee.findUniqueOrThrow({ where: { number: g.number }, select: { id: true } })).id;
  return { number: g.number, guaranteeId };
}

describe('a lookup lock’s notice (decision 060)', () => {
  it('is written by the background work the orderly stop waits for: done once that work has settled, nothing left owed', async () => {
    background.lost = false;
    const before = handed.count;
    const { number, guaranteeId } = await lockOne();
    // The lock's lookup handed its notice to the stop: scripts/server/shutdown.mjs waits for it (within
    // its bound) before it closes the database — here, as the stop does.
    expect(handed.count - before).toBe(1);
    await backgroundSettled();
    expect(await lockMails(number)).toBe(2); // the contractor's users, the officers
    expect(await owed(guaranteeId)).toBe(0);
    const audit = await (await getDb()).auditLog.findMany({ where: { action: 'lookup.locked', targetId: guaranteeId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ number, mails: 2 });
  });

  it('is owed in the lookup’s own transaction when the process stops before its background work: the sweep sends it, once', async () => {
    background.lost = true;
    const { number, guaranteeId } = await lockOne();
    await backgroundSettled();
    expect(await lockMails(number)).toBe(0);
    expect(await owed(guaranteeId)).toBe(1); // written by lookup_certificate with the 5th failure
    const lockedAt = (await (await getDb()).lookupLockNotice.findFirstOrThrow({ where: { guaranteeId } })).lockedAt;
    background.lost = false;

    // The sweep (at the next start, or within a minute on another instance).
    startLockNoticeSweep(getDb, { intervalMs: 3_600_000 });
    try {
      await expect.poll(() => lockMails(number), { timeout: 60_000 }).toBe(2);
    } finally {
      await stopLockNoticeSweep();
    }
    expect(await owed(guaranteeId)).toBe(0);
    // The mail says when the lock began, not when the notice was caught up.
    const mail = await (await getDb()).outboxMail.findFirstOrThrow({ where: { template: LOOKUP_LOCKED_TEMPLATE.CONTRACTOR, subject: { contains: number } } });
    expect(mail.bodyText).toContain(`（${formatDateTime(lockedAt)} 時点）`);
    // Once: nothing is owed any more, a second run and two at once send nothing.
    const again = await Promise.all([sendOwedLockNotices(await getDb()), sendOwedLockNotices(await getDb())]);
    expect(again.map((r) => r.notices)).toEqual([0, 0]);
    expect(await lockMails(number)).toBe(2);
  });

  it('is not sent again when an instance of the earlier release already told it (a rolling upgrade): the row goes, no mail, one audit row', async () => {
    background.lost = true;
    const { number, guaranteeId } = await lockOne();
    await backgroundSettled();
    background.lost = false;
    const db = await getDb();
    // What the earlier release's notifyLocked wrote right after the lookup: the mails and the audit row.
    await db.auditLog.create({ data: { action: 'lookup.locked', targetType: 'guarantee', targetId: guaranteeId, details: { number, mails: 2 } } });
    expect(await owed(guaranteeId)).toBe(1);
    const report = await sendOwedLockNotices(db);
    expect(report.mails).toBe(0);
    expect(await owed(guaranteeId)).toBe(0);
    expect(await lockMails(number)).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'lookup.locked', targetId: guaranteeId } })).toBe(1);
  });

  it('stays owed when its mails cannot be queued, without holding back the others', async () => {
    const db = await getDb();
    background.lost = true;
    const broken = await lockOne(await makeUser('CONTRACTOR', undefined, undefined, { email: `keiri-${uid()}@example.jp` }));
    const fine = await lockOne();
    background.lost = false;
    // The contractor of the first gets a user whose address enqueueMail refuses (written around the forms).
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: broken.guaranteeId }, select: { contractorId: true } });
    const bad = await db.user.create({ data: { loginId: `bad-${uid()}`, name: '宛先不正', email: 'not an address', role: 'CONTRACTOR', organizationId: g.contractorId, passwordHash: 'x' } });
    try {
      const report = await sendOwedLockNotices(db);
      expect(report).toMatchObject({ failed: 1 });
      expect(report.notices).toBeGreaterThanOrEqual(1);
      expect(await owed(broken.guaranteeId)).toBe(1);
      expect(await lockMails(broken.number)).toBe(0);
      expect(await owed(fine.guaranteeId)).toBe(0);
      expect(await lockMails(fine.number)).toBe(2);
    } finally {
      await db.user.update({ where: { id: bad.id }, data: { disabled: true } });
    }
    // Once the address is put right (here: the account disabled), the next run sends it.
    expect(await sendOwedLockNotices(db)).toMatchObject({ failed: 0 });
    expect(await owed(broken.guaranteeId)).toBe(0);
  });
});
