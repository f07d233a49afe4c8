import { generateKeyPairSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, todayInTokyo } from '@/lib/dates';
import { publishedKeyMap } from '@/config/signing-key';
import { resolveActor } from '@/domain/auth/resolve-actor';
import type { CertificateContent } from '@/domain/certificates/content';
import { isIntact, verifyVersion } from '@/domain/certificates/signature';
import { changeHistory, guaranteeHistory } from '@/domain/changes/queries';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { CHANGE_MESSAGES, previewChange, recordChange } from '@/domain/changes/record-change';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { createUser } from '@/domain/users/create-user';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TERM, TEST_KEY_SECRET as SECRET, uid } from '../support/factories';

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let otherContractor: Made;
let clerk: Made;
let otherClerk: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

/** The officer's form as it is opened: every term prefilled with the guarantee's current value. */
const unchanged = {
  guaranteeAmount: '40,000,000',
  contractAmount: '100,000,000',
  periodStart: TERM.periodStart,
  periodEnd: TERM.periodEnd,
  guaranteeStart: TERM.guaranteeStart,
  guaranteeEnd: TERM.guaranteeEnd,
  changeDate: todayInTokyo(),
  reason: '変更契約による',
};

async function clerkOf(org: { id: string; departmentId: string }, email: string): Promise<Made> {
  const db = await getDb();
  const created = must(
    await createUser(db, await officer(db), { loginId: `clerk-${uid()}`, name: '確認 担当', role: 'ORDERER', organizationId: org.id, departmentId: org.departmentId, email }, { password: 'x'.repeat(12) }),
  );
  return { ...created, loginId: '', actor: (await resolveActor(db, { userId: created.id, sessionVersion: 1 }))! } as Made;
}

/** A concluded guarantee the clerk confirmed through the real lookup (number + key). */
async function confirmedGuarantee() {
  const db = await getDb();
  const g = await concludedGuarantee(contractor, orderer);
  const key = (await getKeyPage(db, contractor.actor, g.number, SECRET)).key;
  const found = await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number: g.number, key }, { secret: SECRET, clientAddress: null });
  expect(found.status).toBe('found');
  const app = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId }, select: { projectName: true } });
  return { ...g, key, form: { ...unchanged, projectName: app.projectName } };
}

beforeAll(async () => {
  const db = await getDb();
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  // A colleague with an e-mail address (makeUser's users have none): the contractor's mails go there.
  await makeUser('CONTRACTOR', contractor.actor.organizationId, undefined, { email: 'koumu@kensetsu.example.jp', name: '工務 担当' });
  otherContractor = await makeUser('CONTRACTOR');
  clerk = await clerkOf(orderer, 'clerk@city.example.jp');
  otherClerk = await clerkOf(await makeOrderer(), 'other@town.example.jp');
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
});

describe('変更契約 【注1】: a new version', () => {
  it('in one transaction: version 2 (変更) signed, same number and key, terms, history, premium difference, audit, mails', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    const preview = must(await previewChange(db, admin.actor, g.guaranteeId, { ...g.form, guaranteeAmount: '45,000,000', contractAmount: '120,000,000' }));
    expect(preview.decision).toMatchObject({ kind: 'NEW_VERSION', reasonNote: '注1' });
    expect(await db.certificateVersion.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);

    const done = must(await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, guaranteeAmount: '４５，０００，０００円', contractAmount: '120,000,000' }, { expectedChanges: 0 }));
    expect(done).toMatchObject({ number: g.number, version: 2 });
    expect(done.premium?.differenceYen).toBe(done.premium!.newPremiumYen - g.premiumYen);
    expect(done.premium!.differenceYen > 0n).toBe(true);

    const v2 = await db.certificateVersion.findUniqueOrThrow({ where: { guaranteeId_version: { guaranteeId: g.guaranteeId, version: 2 } } });
    const content = v2.content as unknown as CertificateContent;
    expect(content).toMatchObject({ number: g.number, version: 2, changed: true, guaranteeAmount: '45000000', contractAmount: '120000000' });
    expect(v2.changeKind).toBe('CHANGE');
    expect(isIntact(verifyVersion(v2, publishedKeyMap()))).toBe(true);

    const row = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId } });
    expect(row).toMatchObject({ latestVersion: 2, changed: true, guaranteeAmount: 45_000_000n, premiumYen: done.premium!.newPremiumYen });
    const change = await db.guaranteeChange.findFirstOrThrow({ where: { guaranteeId: g.guaranteeId } });
    expect(change).toMatchObject({ reasonNote: '注1', certificateVersionId: v2.id, premiumDifference: done.premium!.differenceYen, reason: '変更契約による' });
    expect(change.fields).toEqual([
      { field: 'guaranteeAmount', label: '保証金額', before: '40000000', after: '45000000' },
      { field: 'contractAmount', label: '請負金額', before: '100000000', after: '120000000' },
    ]);
    const doc = await db.premiumDocument.findUniqueOrThrow({ where: { changeId: change.id } });
    expect(doc).toMatchObject({ kind: 'CALCULATION', amount: done.premium!.differenceYen });
    expect(await db.auditLog.count({ where: { action: 'guarantee.change', targetId: g.guaranteeId } })).toBe(1);

    const toOrderer = await db.outboxMail.findFirstOrThrow({ where: { relatedId: g.guaranteeId, template: 'confirmed-changed' } });
    expect(toOrderer.to).toEqual(['clerk@city.example.jp']);
    expect(toOrderer.bodyText).toContain('第2版（変更）');
    expect(toOrderer.bodyText).not.toContain(g.key);
    const toContractor = await db.outboxMail.findFirstOrThrow({ where: { relatedId: g.guaranteeId, template: 'guarantee-changed' } });
    expect(toContractor.to).toEqual(['koumu@kensetsu.example.jp']);
    expect(toContractor.subject).toContain('保証証書（変更）');
    expect(toContractor.bodyText).toContain('保証金額　40,000,000円 → 45,000,000円');

    // The same key opens the new version; the old version stays readable.
    const again = await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number: g.number, key: g.key }, { secret: SECRET, clientAddress: null });
    expect(again.status === 'found' && again.versions.map((v) => v.version)).toEqual([2, 1]);
  });

  it('工事名 changes issue a version too; a 保証期間 moved on its own is 【注1】', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    const renamed = must(await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, projectName: '〇〇道路改良工事（その2）' }));
    expect(renamed).toMatchObject({ version: 2, premium: null });
    const extended = must(await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, projectName: '〇〇道路改良工事（その2）', guaranteeEnd: addDaysIso(TERM.guaranteeEnd, 30) }));
    expect(extended.version).toBe(3);
    expect(extended.premium).not.toBeNull();
  });
});

describe('変更契約 【注2】【注3】: recorded, no certificate', () => {
  it('工期 and 保証期間 together: history, terms updated, no version, the orderer told no certificate follows', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    const later = addDaysIso(TERM.periodEnd, 61); // 2027-03-31 → 2027-05-31
    const done = must(await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, periodEnd: later, guaranteeEnd: later }));
    expect(done.version).toBeUndefined();
    expect(done.decision).toMatchObject({ kind: 'RECORD_ONLY', reasonNote: '注2' });
    expect(await db.certificateVersion.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);
    const row = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId } });
    expect(row).toMatchObject({ latestVersion: 1, changed: true });
    expect(row.guaranteeEnd.toISOString().slice(0, 10)).toBe(later);
    expect(row.periodEnd.toISOString().slice(0, 10)).toBe(later);

    const history = await guaranteeHistory(db, contractor.actor, g.number);
    expect(history.changes).toHaveLength(1);
    expect(history.changes[0]).toMatchObject({ reasonNote: '注2', version: null });
    expect(history.changes[0]!.fields.map((f) => f.field)).toEqual(['periodEnd', 'guaranteeEnd']);
    const mail = await db.outboxMail.findFirstOrThrow({ where: { relatedId: g.guaranteeId, template: 'confirmed-changed' } });
    expect(mail.bodyText).toContain('電子証書は発行されません');
    // The clerk's 確認済み一覧 marks it: the certificate is unchanged, the contract is not.
    const confirmed = await listConfirmedCertificates(db, clerk.actor, parseConfirmedParams({ cond: 'number', q: g.number }));
    expect(confirmed.rows[0]).toMatchObject({ number: g.number, marks: ['RECORDED'], latestVersion: 1 });

    // The next change starts from the recorded terms, not from the certificate's.
    const next = must(await previewChange(db, admin.actor, g.guaranteeId, { ...g.form, periodEnd: later, guaranteeEnd: later, contractAmount: '110,000,000' }));
    expect(next.decision.fields.map((f) => f.field)).toEqual(['contractAmount']);
    expect(next.decision.reasonNote).toBe('注3');
  });

  it('請負金額 only: 【注3】, no premium computed', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    const done = must(await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, contractAmount: '120,000,000' }));
    expect(done).toMatchObject({ premium: null, decision: { kind: 'RECORD_ONLY', reasonNote: '注3' } });
    expect(await db.premiumDocument.count({ where: { guaranteeId: g.guaranteeId, changeId: { not: null } } })).toBe(0);
  });
});

describe('refusals', () => {
  it('bad input at its field, nothing to change, a stale form, a cancelled guarantee; nothing written', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    const bad = await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, guaranteeAmount: '四千万', periodEnd: '2027-02-30', reason: ' ' });
    expect(!bad.ok && Object.keys(bad.fieldErrors).sort()).toEqual(['guaranteeAmount', 'periodEnd', 'reason']);
    const over = await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, guaranteeAmount: '100,000,001' });
    expect(!over.ok && over.fieldErrors.guaranteeAmount).toBeTruthy();
    const early = await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, contractAmount: '110,000,000', changeDate: '2020-01-01' });
    expect(!early.ok && early.fieldErrors.changeDate?.[0]).toMatch(/締結日（\d{4}\/\d{2}\/\d{2}）以降/);
    const nothing = await recordChange(db, admin.actor, g.guaranteeId, g.form);
    expect(!nothing.ok && nothing.fieldErrors['']).toEqual(['変更する項目がありません（入力された内容はすべて現在の内容と同じです）。']);
    const stale = await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, contractAmount: '110,000,000' }, { expectedChanges: 3 });
    expect(!stale.ok && stale.fieldErrors['']).toEqual([CHANGE_MESSAGES.changedMeanwhile]);
    expect(await db.guaranteeChange.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);

    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: todayInTokyo(), reason: '解除' }));
    const cancelled = await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, contractAmount: '110,000,000' });
    expect(!cancelled.ok && cancelled.fieldErrors['']).toEqual([CHANGE_MESSAGES.notActive('解除済み')]);
  });

  it('after the 保証期間 ended (期間満了, from the Tokyo date): refused', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    // The day after the 保証期間（至） begins at 15:00 UTC on its last day.
    const late = await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, contractAmount: '110,000,000' }, { now: tokyoMoment(addDaysIso(TERM.guaranteeEnd, 1)) });
    expect(!late.ok && late.fieldErrors['']).toEqual([CHANGE_MESSAGES.notActive('期間満了')]);
    // 23:59 in Tokyo on the last day is still the last day.
    const lastDay = await previewChange(db, admin.actor, g.guaranteeId, { ...g.form, contractAmount: '110,000,000' }, { now: tokyoMoment(TERM.guaranteeEnd, '23:59') });
    expect(lastDay.ok).toBe(true);
  });

  it('only officers record or preview a change', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    for (const who of [contractor, clerk]) {
      await expect(recordChange(db, who.actor, g.guaranteeId, { ...g.form, contractAmount: '110,000,000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(previewChange(db, who.actor, g.guaranteeId, { ...g.form, contractAmount: '110,000,000' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(recordChange(db, admin.actor, '00000000-0000-4000-8000-000000000000', g.form)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a failure after the version is written leaves nothing half written', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    const broken = { keyId: 'broken', privateKey: generateKeyPairSync('x25519').privateKey };
    await expect(recordChange(db, admin.actor, g.guaranteeId, { ...g.form, guaranteeAmount: '35,000,000' }, { signer: broken })).rejects.toThrow();
    expect(await db.certificateVersion.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);
    expect(await db.guaranteeChange.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
    expect((await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId } })).guaranteeAmount).toBe(40_000_000n);
    expect(await db.outboxMail.count({ where: { relatedId: g.guaranteeId, template: { in: ['guarantee-changed', 'confirmed-changed'] } } })).toBe(0);
  });

  it('two officers on the same form at once: exactly one change is recorded', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => recordChange(db, admin.actor, g.guaranteeId, { ...g.form, guaranteeAmount: `${31 + i},000,000` }, { expectedChanges: 0 })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.guaranteeChange.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);
    expect(await db.certificateVersion.count({ where: { guaranteeId: g.guaranteeId } })).toBe(2);
  });
});

describe('who sees the history and the versions', () => {
  it('officers, the contractor and a confirming orderer; the orderer without the premium; anyone else NOT_FOUND', async () => {
    const db = await getDb();
    const g = await confirmedGuarantee();
    must(await recordChange(db, admin.actor, g.guaranteeId, { ...g.form, guaranteeAmount: '35,000,000' }));
    const asContractor = await guaranteeHistory(db, contractor.actor, g.number);
    expect(asContractor.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(asContractor.changes[0]!.premiumDifference).not.toBeNull();
    expect(asContractor.changes[0]!.recordedBy).toBeNull();
    const asOrderer = await guaranteeHistory(db, clerk.actor, g.number);
    expect(asOrderer.changes[0]!.premiumDifference).toBeNull();
    // The history alone (the certificate pages, which load the versions themselves): the same rules.
    expect((await changeHistory(db, clerk.actor, g.number))[0]!.premiumDifference).toBeNull();
    expect(await changeHistory(db, contractor.actor, g.number)).toEqual(asContractor.changes);
    expect((await guaranteeHistory(db, admin.actor, g.number)).changes[0]!.recordedBy).toBeTruthy();

    const unconfirmed = await concludedGuarantee(contractor, orderer);
    for (const [who, number] of [
      [otherContractor, g.number],
      [otherClerk, g.number],
      [clerk, unconfirmed.number],
      [contractor, '0000000000'],
      [contractor, "1' OR 1=1"],
    ] as const) {
      await expect(guaranteeHistory(db, who.actor, number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(changeHistory(db, who.actor, number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
