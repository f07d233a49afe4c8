import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { returnApplication } from '@/domain/applications/review';
import { saveApplication } from '@/domain/applications/save-application';
import { withdrawApplication } from '@/domain/applications/withdraw-application';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { canonicalJson, contentDigest, type CertificateContent } from '@/domain/certificates/content';
import { authKeyMatches, unsealAuthKey } from '@/domain/guarantees/auth-key';
import { isWellFormedAuthKey } from '@/lib/auth-key-format';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { computePremium, periodDays } from '@/domain/premium/calculate';
import { findRateTableInForce } from '@/domain/premium/rate-tables';
import { seedDemoRateTables } from '@/demo/rate-tables';
import { createUser } from '@/domain/users/create-user';
import { todayInTokyo } from '@/lib/dates';
import { applicationInput, makeOrderer, makeUser, must, officer, TERM, uid } from '../support/factories';

const SECRET = 'test-key-secret-not-for-production-0123456789';

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

beforeAll(async () => {
  const db = await getDb();
  await seedDemoRateTables(db, await officer(db));
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  // Two users with addresses and one without: the mail goes to the two.
  for (const email of ['keiri@maru.example.jp', 'koji@maru.example.jp']) {
    await makeUser('CONTRACTOR', contractor.actor.organizationId, undefined, { email, name: 'メール 受信' });
  }
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
});

async function submitted(patch: Record<string, unknown> = {}) {
  const db = await getDb();
  return must(await saveApplication(db, contractor.actor, undefined, applicationInput(orderer.id, orderer.departmentId, patch), { submit: true })).id;
}

async function rowsFor(applicationId: string) {
  const db = await getDb();
  const guarantees = await db.guarantee.findMany({ where: { applicationId } });
  const ids = guarantees.map((g) => g.id);
  return {
    application: await db.application.findUniqueOrThrow({ where: { id: applicationId } }),
    guarantees,
    versions: await db.certificateVersion.findMany({ where: { guaranteeId: { in: ids } } }),
    keys: await db.authKey.findMany({ where: { guaranteeId: { in: ids } }, omit: { keyHash: false, sealed: false } }),
    premiums: await db.premiumDocument.findMany({ where: { guaranteeId: { in: ids } } }),
    mails: await db.outboxMail.findMany({ where: { relatedId: { in: ids } } }),
    audits: await db.auditLog.findMany({ where: { targetId: applicationId, action: 'application.conclude' } }),
  };
}

describe('concluding an application', () => {
  it('writes the guarantee, certificate v1, its key, the premium document and the mail together', async () => {
    const db = await getDb();
    const id = await submitted();
    const result = must(await concludeApplication(db, admin.actor, id, SECRET));
    expect(checkContractNumber(result.number)).toEqual({ ok: true, number: result.number });

    const rows = await rowsFor(id);
    expect(rows.application.status).toBe('CONCLUDED');
    expect(rows.guarantees).toHaveLength(1);
    const g = rows.guarantees[0]!;
    expect(g).toMatchObject({ number: result.number, kind: 'ADVANCE', guaranteeAmount: 40_000_000n, contractAmount: 100_000_000n, status: 'ACTIVE', latestVersion: 1 });

    // Certificate v1: the snapshot of everything the certificate shows, with its digest.
    expect(rows.versions).toHaveLength(1);
    const v = rows.versions[0]!;
    const content = v.content as unknown as CertificateContent;
    expect(content).toMatchObject({
      version: 1,
      changed: false,
      issuedOn: todayInTokyo(),
      title: '保証証書（前払金保証）',
      number: result.number,
      contractor: { name: contractor.actor.organizationName, address: '▲▲市▲▲区▲▲1丁目1番1号' },
      obligee: { name: `${orderer.name}長` },
      guaranteeAmount: '40000000',
      contractAmount: '100000000',
      guaranteePeriod: { from: TERM.guaranteeStart, to: TERM.guaranteeEnd },
      projectEndDate: TERM.periodEnd,
      depositBank: { bank: '〇〇銀行', branch: '▲▲支店' },
      undertaking: '当会社は、前払金保証契約に基づき上記のとおり前払金保証契約を締結し、その責に任じます。',
      issuer: { companyName: '西日本建設業保証株式会社', representativeTitle: '取締役社長' },
      branch: { name: '大阪支店' },
    });
    expect(content.notes).toHaveLength(3);
    expect(v.digest).toBe(contentDigest(content));
    expect(canonicalJson(content)).not.toContain(' "');

    // The key: hash and seal only; the seal opens to a key that matches the hash.
    expect(rows.keys).toHaveLength(1);
    const key = unsealAuthKey(SECRET, rows.keys[0]!.sealed!, g.id);
    expect(isWellFormedAuthKey(key)).toBe(true);
    expect(authKeyMatches(SECRET, key, rows.keys[0]!.keyHash)).toBe(true);
    expect(rows.keys[0]!.keyHash).not.toContain(key);

    // The premium: fixed with every line, from the table in force today.
    const table = (await findRateTableInForce(db, 'ADVANCE', todayInTokyo()))!;
    const expected = computePremium(table, { guaranteeAmount: 40_000_000n, periodDays: periodDays(TERM.guaranteeStart, TERM.guaranteeEnd) });
    expect(g.premiumYen).toBe(expected.premiumYen);
    expect(rows.premiums).toHaveLength(1);
    expect(rows.premiums[0]).toMatchObject({ kind: 'CALCULATION', amount: expected.premiumYen, rateTableId: table.id, lines: expected.lines });

    // The mail: to the company's users with an address, no key, where to sign in.
    expect(rows.mails).toHaveLength(1);
    const mail = rows.mails[0]!;
    expect(mail.status).toBe('PENDING');
    expect(mail.to.sort()).toEqual(['keiri@maru.example.jp', 'koji@maru.example.jp']);
    expect(mail.subject).toBe(`電子証書・認証キー登録のお知らせ（保証契約番号 ${result.number}）`);
    expect(mail.bodyText).toContain(result.number);
    expect(mail.bodyText).toContain('/login');
    expect(mail.bodyText).not.toContain(key);
    expect(mail.bodyText.replace(/-/g, '')).not.toContain(key);
    expect(rows.audits).toHaveLength(1);
  });

  it('書面: a guarantee and its certificate, no key, and the paper mail', async () => {
    const db = await getDb();
    const id = await submitted({ contractDate: '2026-03-31', periodStart: '2026-04-01', guaranteeStart: '2026-04-01', deliveryMethod: 'PAPER' });
    must(await concludeApplication(db, admin.actor, id, SECRET));
    const rows = await rowsFor(id);
    expect(rows.guarantees[0]!.deliveryMethod).toBe('PAPER');
    expect(rows.versions).toHaveLength(1);
    expect(rows.keys).toHaveLength(0);
    expect(rows.mails[0]!.subject).toContain('保証契約締結のお知らせ');
  });

  it('concluding twice answers "already concluded" with the number', async () => {
    const db = await getDb();
    const id = await submitted();
    const first = must(await concludeApplication(db, admin.actor, id, SECRET));
    const second = await concludeApplication(db, admin.actor, id, SECRET);
    expect(second).toEqual({ ok: false, fieldErrors: { '': [`この申込はすでに保証契約が締結されています。（保証契約番号 ${first.number}）`] } });
  });

  it('20 concurrent conclusions of one application: one guarantee, one certificate, one key, one mail', async () => {
    const db = await getDb();
    const id = await submitted();
    const results = await Promise.all(Array.from({ length: 20 }, () => concludeApplication(db, admin.actor, id, SECRET)));
    const wins = results.filter((r) => r.ok);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) {
      expect(r.ok ? '' : r.fieldErrors['']?.[0]).toContain('すでに保証契約が締結されています');
    }
    const rows = await rowsFor(id);
    expect([rows.guarantees.length, rows.versions.length, rows.keys.length, rows.mails.length, rows.premiums.length, rows.audits.length]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('50 applications concluded concurrently get 50 distinct valid numbers', async () => {
    const db = await getDb();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) ids.push(await submitted());
    const results = await Promise.all(ids.map((id) => concludeApplication(db, admin.actor, id, SECRET)));
    const numbers = results.map((r) => must(r).number);
    expect(new Set(numbers).size).toBe(50);
    for (const n of numbers) expect(checkContractNumber(n).ok).toBe(true);
  }, 120_000);

  it('a failure after the number is allocated leaves nothing half written, and the number is never reused', async () => {
    const db = await getDb();
    const id = await submitted();
    let lost = '';
    await expect(
      concludeApplication(db, admin.actor, id, SECRET, {
        afterNumberAllocated: async (n) => {
          lost = n;
          throw new Error('injected failure');
        },
      }),
    ).rejects.toThrow('injected failure');
    const rows = await rowsFor(id);
    expect(rows.application.status).toBe('SUBMITTED');
    expect(rows.guarantees).toHaveLength(0);
    expect(rows.audits).toHaveLength(0);
    expect(await db.guarantee.count({ where: { number: lost } })).toBe(0);
    const retry = must(await concludeApplication(db, admin.actor, id, SECRET));
    expect(retry.number).not.toBe(lost);
    expect(BigInt(retry.number.slice(0, 9))).toBeGreaterThan(BigInt(lost.slice(0, 9)));
  });

  it('without a rate table in force the conclusion is refused and the application stays submitted', async () => {
    const db = await getDb();
    const id = await submitted();
    await expect(concludeApplication(db, admin.actor, id, SECRET, { now: new Date('2020-01-01T00:00:00Z') })).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: expect.stringContaining('保証料率'),
    });
    expect((await rowsFor(id)).application.status).toBe('SUBMITTED');
  });

  it('a page older than the application (returned and resubmitted meanwhile) cannot conclude it', async () => {
    const db = await getDb();
    const id = await submitted();
    const seen = (await db.application.findUniqueOrThrow({ where: { id } })).revision;
    must(await returnApplication(db, admin.actor, id, { reason: '金額の確認' }, seen));
    must(await saveApplication(db, contractor.actor, id, applicationInput(orderer.id, orderer.departmentId, { guaranteeAmount: '30,000,000' }), { submit: true }));
    const stale = await concludeApplication(db, admin.actor, id, SECRET, { expectedRevision: seen });
    expect(stale).toEqual({ ok: false, fieldErrors: { '': [expect.stringContaining('申込内容が更新されています')] } });
    expect(await returnApplication(db, admin.actor, id, { reason: 'x' }, seen)).toEqual(stale);
    const fresh = (await db.application.findUniqueOrThrow({ where: { id } })).revision;
    must(await concludeApplication(db, admin.actor, id, SECRET, { expectedRevision: fresh }));
  });

  it("the orderer's rules are checked again: a limit tightened after submission refuses the conclusion", async () => {
    const db = await getDb();
    const strict = await makeOrderer();
    const id = must(await saveApplication(db, contractor.actor, undefined, applicationInput(strict.id, strict.departmentId), { submit: true })).id;
    must(
      await saveOrderer(db, await officer(db), strict.id, {
        name: strict.name,
        certificateName: `${strict.name}長`,
        electronicFrom: '2026-04-01',
        electronicWorkTypes: ['WORKS', 'CONSULTING'],
        subjectTemplate: '{保証契約番号}',
        limitAdvanceWorks: '3/10',
      }),
    );
    await expect(concludeApplication(db, admin.actor, id, SECRET)).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: expect.stringContaining('3/10（30,000,000円）以下'),
    });
    expect((await rowsFor(id)).application.status).toBe('SUBMITTED');
  });

  it('withdrawal racing a conclusion: exactly one of them happens', async () => {
    const db = await getDb();
    for (let i = 0; i < 5; i++) {
      const id = await submitted();
      const [concluded, withdrawn] = await Promise.all([concludeApplication(db, admin.actor, id, SECRET), withdrawApplication(db, contractor.actor, id)]);
      expect([concluded.ok, withdrawn.ok].filter(Boolean)).toHaveLength(1);
      const rows = await rowsFor(id);
      expect(rows.guarantees).toHaveLength(concluded.ok ? 1 : 0);
      expect(rows.application.status).toBe(concluded.ok ? 'CONCLUDED' : 'WITHDRAWN');
    }
  });

  it('a company with more users than one mail takes gets several mails, never a failed conclusion', async () => {
    const db = await getDb();
    const big = await makeUser('CONTRACTOR');
    for (let i = 0; i < 55; i++) {
      must(await createUser(db, await officer(db), { loginId: `many-${uid()}`, name: '多数 利用者', role: 'CONTRACTOR', organizationId: big.actor.organizationId, email: `u${i}@big.example.jp` }, { password: 'x'.repeat(12) }));
    }
    const id = must(await saveApplication(db, big.actor, undefined, applicationInput(orderer.id, orderer.departmentId), { submit: true })).id;
    const { guaranteeId } = must(await concludeApplication(db, admin.actor, id, SECRET));
    const mails = await db.outboxMail.findMany({ where: { relatedId: guaranteeId } });
    expect(mails.map((m) => m.to.length).sort()).toEqual([5, 50]);
  });

  it('only officers conclude', async () => {
    const db = await getDb();
    const id = await submitted();
    await expect(concludeApplication(db, contractor.actor, id, SECRET)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const clerk = await makeUser('ORDERER');
    await expect(concludeApplication(db, clerk.actor, id, SECRET)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the conclusion mail through a real SMTP server', () => {
  it('arrives with its Japanese subject and body intact, to the company’s users, without the key', async () => {
    const { startSmtp } = await import('../support/smtp');
    const { createMailTransport } = await import('@/mail/transport');
    const { deliverPending } = await import('@/mail/worker');
    const db = await getDb();
    const smtp = await startSmtp();
    try {
      // Mails of the earlier tests wait for later; this one is due now.
      await db.outboxMail.updateMany({ where: { status: 'PENDING' }, data: { nextAttemptAt: new Date('2100-01-01T00:00:00Z') } });
      const id = await submitted();
      const { number, guaranteeId } = must(await concludeApplication(db, admin.actor, id, SECRET));
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!, new Date(Date.now() + 60_000));
      const mail = smtp.received.find((m) => m.parsed.subject?.includes(number));
      expect(mail?.parsed.subject).toBe(`電子証書・認証キー登録のお知らせ（保証契約番号 ${number}）`);
      expect(mail?.parsed.text).toContain(`${contractor.actor.organizationName} 様`);
      expect(mail?.parsed.text).toContain('このメールには認証キーを記載していません');
      expect(mail?.envelopeTo.sort()).toEqual(['keiri@maru.example.jp', 'koji@maru.example.jp']);
      const key = unsealAuthKey(SECRET, (await db.authKey.findFirstOrThrow({ where: { guaranteeId }, omit: { sealed: false } })).sealed!, guaranteeId);
      expect(mail?.raw).not.toContain(key);
      expect(mail?.parsed.text).not.toContain(key);
      expect((await db.outboxMail.findFirstOrThrow({ where: { relatedId: guaranteeId } })).status).toBe('SENT');
    } finally {
      await smtp.close();
    }
  });
});

describe('certificate versions are immutable', () => {
  it('the database refuses to update or delete one', async () => {
    const db = await getDb();
    const id = await submitted();
    const { guaranteeId } = must(await concludeApplication(db, admin.actor, id, SECRET));
    await expect(db.certificateVersion.updateMany({ where: { guaranteeId }, data: { issuedOn: new Date('2020-01-01') } })).rejects.toThrow(/immutable/);
    await expect(db.certificateVersion.deleteMany({ where: { guaranteeId } })).rejects.toThrow(/immutable/);
    expect(await db.certificateVersion.count({ where: { guaranteeId } })).toBe(1);
  });
});
