import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { changeGuaranteeAction } from '@/actions/admin-change-actions';
import { confirmContractImportAction, updateContractAction } from '@/actions/orderer-contract-actions';
import { getDb } from '@/db/client';
import { previewContractImport } from '@/domain/contracts/import-contracts';
import { lapseSentence } from '@/domain/contracts/lapse-labels';
import { contractLapses, guaranteeLapses, lapseKindsOfContracts, lapseKindsOfGuarantees, watchContractLapses } from '@/domain/contracts/lapses';
import { matchContract } from '@/domain/contracts/match-contract';
import { getContract } from '@/domain/contracts/queries';
import { saveContract } from '@/domain/contracts/save-contract';
import { saveDepartment } from '@/domain/organizations/save-department';
import { addDaysIso, dbDateToIso, todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { confirmedGuarantee, makeContractCast, matchedContract, slash, type ContractCast } from '../support/contracts';
import { concludedJointVentureGuarantee, makeUser, must } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
afterEach(() => signInAs(null));

/**
 * The lapse watcher (issue 17, decision 075) through the real actions: a contract's edit or import that
 * extends its 工期 or changes its 請負金額 stores the guarantee change now needed, mails the contract's
 * department's staff and the contractor once, shows on both sides, and goes away when the 変更契約 that
 * satisfies it is recorded (or the contract changes back); a 変更契約 that does not satisfy it leaves it.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let cast: ContractCast;
let orderer: ContractCast['orderer'];
let clerk: Made;
let otherDeptClerk: Made;
let otherClerk: Made;
let contractor: Made;
let otherContractor: Made;
let admin: Made;
let contractorName: string;

beforeAll(async () => {
  const db = await getDb();
  cast = await makeContractCast({ clerk: 'keiyaku-clerk@lapse.example.jp', contractor: 'koji@lapse-contractor.example.jp' });
  ({ orderer, clerk, contractor, contractorName } = cast);
  const doboku = must(await saveDepartment(db, (await makeUser('ADMIN')).actor, orderer.id, undefined, { name: '道路課', kind: 'WORKS_SECTION', email: 'doro@example.jp', active: true }));
  otherDeptClerk = await makeUser('ORDERER', orderer.id, doboku.id, { email: 'doro-clerk@lapse.example.jp' });
  otherClerk = await makeUser('ORDERER', undefined, undefined, { email: 'other-orderer@lapse.example.jp' });
  otherContractor = await makeUser('CONTRACTOR');
  admin = await makeUser('ADMIN');
});

const form = (values: Record<string, string | Blob>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

/** A guarantee of `contractor` confirmed by the clerk, and a contract of the clerk's department agreeing with it, matched. */
const matchedPair = (patch: Record<string, unknown> = {}, make?: () => Promise<{ number: string }>) => matchedContract(cast, { patch, make });

/** 保存する on the contract's edit form, as the clerk, at its current revision. */
async function edit(id: string, values: Record<string, string>) {
  const db = await getDb();
  const revision = (await db.contract.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision;
  signInAs(clerk);
  await expect(updateContractAction(id, undefined, form({ ...values, revision: String(revision) }))).rejects.toMatchObject({ digest: expect.stringContaining(`/orderer/contracts/${id}?saved=`) });
}

/** The officer's 変更契約 form (確認, then 登録 with the fingerprint). */
async function recordChangeOf(guaranteeId: string, number: string, patch: Record<string, string>) {
  const db = await getDb();
  const g = await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId }, include: { _count: { select: { changes: true } } } });
  const values = {
    guaranteeAmount: formatYen(g.guaranteeAmount),
    contractAmount: formatYen(g.contractAmount),
    periodStart: dbDateToIso(g.periodStart),
    periodEnd: dbDateToIso(g.periodEnd),
    guaranteeStart: dbDateToIso(g.guaranteeStart),
    guaranteeEnd: dbDateToIso(g.guaranteeEnd),
    projectName: g.projectName,
    changeDate: todayInTokyo(),
    reason: '工期延長による変更契約',
    basis: String(g._count.changes),
    ...patch,
  };
  signInAs(admin);
  const previewed = await changeGuaranteeAction(guaranteeId, number, {}, form({ ...values, intent: 'preview' }));
  expect(previewed.result?.error).toBeUndefined();
  await expect(changeGuaranteeAction(guaranteeId, number, {}, form({ ...values, intent: 'commit', previewed: previewed.preview!.fingerprint! }))).rejects.toMatchObject({
    digest: expect.stringContaining(`/admin/guarantees/${number}?saved=`),
  });
  signInAs(null);
}

const lapseMails = async (guaranteeId: string) =>
  (await getDb()).outboxMail.findMany({ where: { relatedId: guaranteeId, template: { in: ['contract-lapse-orderer', 'contract-lapse-contractor'] } }, orderBy: [{ createdAt: 'asc' }, { template: 'desc' }] });

describe('a 工期 extension by hand edit', () => {
  it('stores the need with the revision, mails the department’s staff and the contractor once, shows on both sides until a 変更契約 that satisfies it', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair();
    const newEnd = addDaysIso(guaranteeEnd, 60);

    await edit(id, { ...values, periodEnd: slash(newEnd) });
    const rows = await db.contractLapse.findMany({ where: { contractId: id } });
    expect(rows).toMatchObject([{ guaranteeId: g.id, kind: 'EXTEND_PERIOD', raisedRevision: 2, resolvedAt: null, mails: 2 }]);
    expect(dbDateToIso(rows[0]!.neededEnd!)).toBe(newEnd);

    // One mail to the staff of the contract's 工事担当課 (not another 課's), one to the contractor's users.
    const mails = await lapseMails(g.id);
    expect(mails.map((m) => [m.template, m.to])).toEqual([
      ['contract-lapse-orderer', ['keiyaku-clerk@lapse.example.jp']],
      ['contract-lapse-contractor', ['koji@lapse-contractor.example.jp']],
    ]);
    const sentence = lapseSentence({ kind: 'EXTEND_PERIOD', neededEnd: newEnd, neededAmount: null, guaranteeEnd, guaranteeAmount: g.guaranteeAmount, contractAmount: g.contractAmount });
    for (const m of mails) expect(m.bodyText).toContain(sentence);
    expect(mails[0]!.bodyText).toContain(values.contractNumber);
    expect(mails[1]!.bodyText).not.toContain(values.contractNumber);
    expect(mails.flatMap((m) => m.to)).not.toContain('doro-clerk@lapse.example.jp');
    expect(await db.auditLog.count({ where: { organizationId: orderer.id, action: 'contract.update', details: { path: ['lapseMails'], equals: 2 } } })).toBe(1);

    // Both sides see it.
    expect((await contractLapses(db, clerk.actor, id)).map((l) => [l.kind, l.neededEnd, l.raisedRevision])).toEqual([['EXTEND_PERIOD', newEnd, 2]]);
    expect(await lapseKindsOfContracts(db, clerk.actor, [id])).toEqual(new Map([[id, ['EXTEND_PERIOD']]]));
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toMatchObject([{ ordererName: orderer.name, lapses: [{ kind: 'EXTEND_PERIOD', neededEnd: newEnd }] }]);
    expect(await lapseKindsOfGuarantees(db, contractor.actor, [g.id])).toEqual(new Map([[g.id, ['EXTEND_PERIOD']]]));

    // Saved again unchanged, or with another field changed: no second need, no second mail.
    expect(must(await saveContract(db, clerk.actor, id, { ...values, periodEnd: slash(newEnd) })).changed).toBe(false);
    await edit(id, { ...values, periodEnd: slash(newEnd), projectName: `${values.projectName}（その2）` });
    expect(await db.contractLapse.count({ where: { contractId: id } })).toBe(1);
    expect(await lapseMails(g.id)).toHaveLength(2);

    // A 変更契約 one day short: recorded, the need stays.
    await recordChangeOf(g.id, g.number, { periodEnd: addDaysIso(newEnd, -1), guaranteeEnd: addDaysIso(newEnd, -1) });
    expect((await contractLapses(db, clerk.actor, id)).map((l) => l.kind)).toEqual(['EXTEND_PERIOD']);
    // The one reaching the new 工期（至）: resolved by it, gone from both sides.
    await recordChangeOf(g.id, g.number, { periodEnd: newEnd, guaranteeEnd: newEnd });
    const change = await db.guaranteeChange.findFirstOrThrow({ where: { guaranteeId: g.id }, orderBy: { createdAt: 'desc' } });
    expect(await db.contractLapse.findFirstOrThrow({ where: { contractId: id } })).toMatchObject({ resolution: 'CHANGE_RECORDED', resolvedByChangeId: change.id });
    expect(await contractLapses(db, clerk.actor, id)).toEqual([]);
    expect(await lapseKindsOfContracts(db, clerk.actor, [id])).toEqual(new Map());
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toEqual([]);
    expect(await lapseKindsOfGuarantees(db, contractor.actor, [g.id])).toEqual(new Map());
  });

  it('changed back, the need goes away (no mail); moved further, it is superseded and announced again', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair();
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 30)) });
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 90)) });
    const rows = await db.contractLapse.findMany({ where: { contractId: id }, orderBy: { raisedRevision: 'asc' } });
    expect(rows.map((r) => [r.raisedRevision, r.resolution, r.resolvedRevision])).toEqual([
      [2, 'SUPERSEDED', 3],
      [3, null, null],
    ]);
    expect(await lapseMails(g.id)).toHaveLength(4);
    await edit(id, values);
    expect((await db.contractLapse.findFirstOrThrow({ where: { contractId: id, raisedRevision: 3 } })).resolution).toBe('CONTRACT_REVERTED');
    expect(await contractLapses(db, clerk.actor, id)).toEqual([]);
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toEqual([]);
    expect(await lapseMails(g.id)).toHaveLength(4);
  });
});

describe('a 請負金額 change', () => {
  it('lowered: the 前払金 above its share must be lowered; a 変更契約 to the bound resolves it', async () => {
    const db = await getDb();
    const { id, values, guarantee: g } = await matchedPair();
    await edit(id, { ...values, contractAmount: '80,000,000' });
    expect(await contractLapses(db, clerk.actor, id)).toMatchObject([{ kind: 'LOWER_AMOUNT', neededAmount: 32_000_000n, contractAmount: 80_000_000n }]);
    await recordChangeOf(g.id, g.number, { contractAmount: '80,000,000', guaranteeAmount: '32,000,000', reason: '請負金額の減額による変更契約' });
    expect(await contractLapses(db, clerk.actor, id)).toEqual([]);
  });

  it('raised: a 契約保証 below its share must be raised', async () => {
    const db = await getDb();
    const { id, values, guarantee: g } = await matchedPair({ guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000' });
    expect(g.kind).toBe('CONTRACT');
    await edit(id, { ...values, contractAmount: '120,000,000' });
    expect(await contractLapses(db, clerk.actor, id)).toMatchObject([{ kind: 'RAISE_AMOUNT', neededAmount: 12_000_000n }]);
    expect(await lapseKindsOfGuarantees(db, contractor.actor, [g.id])).toEqual(new Map([[g.id, ['RAISE_AMOUNT']]]));
  });
});

describe('a contract holding a certificate per kind (decision 072 amended)', () => {
  it('every matched certificate is watched: a 工期 extension needs both extended, a price rise raises the 契約保証 only; each resolved by its own 変更契約', async () => {
    const db = await getDb();
    const { id, values, guarantee: advance, guaranteeEnd } = await matchedPair();
    const performance = await confirmedGuarantee(cast, { patch: { guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000' } });
    const both = { ...values, performanceShare: '10分の1' };
    must(await saveContract(db, clerk.actor, id, both));
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: performance.number }));
    expect(await db.contractMatch.count({ where: { contractId: id } })).toBe(2);

    const newEnd = addDaysIso(guaranteeEnd, 60);
    await edit(id, { ...both, periodEnd: slash(newEnd), contractAmount: '120,000,000' });
    const open = async () =>
      (await db.contractLapse.findMany({ where: { contractId: id, resolvedAt: null }, orderBy: [{ guaranteeId: 'asc' }, { kind: 'asc' }] })).map((l) => [l.guaranteeId === advance.id ? 'ADVANCE' : 'CONTRACT', l.kind]);
    expect((await open()).sort()).toEqual([
      ['ADVANCE', 'EXTEND_PERIOD'],
      ['CONTRACT', 'EXTEND_PERIOD'],
      ['CONTRACT', 'RAISE_AMOUNT'],
    ]);
    expect(await lapseMails(advance.id)).toHaveLength(2);
    expect(await lapseMails(performance.id)).toHaveLength(2);
    expect((await contractLapses(db, clerk.actor, id)).map((l) => [l.guaranteeId, l.kind]).sort()).toEqual(
      [
        [advance.id, 'EXTEND_PERIOD'],
        [performance.id, 'EXTEND_PERIOD'],
        [performance.id, 'RAISE_AMOUNT'],
      ].sort(),
    );

    // Extended further: each guarantee's own need superseded and raised anew — one open per guarantee and kind.
    const furtherEnd = addDaysIso(newEnd, 30);
    await edit(id, { ...both, periodEnd: slash(furtherEnd), contractAmount: '120,000,000' });
    expect((await open()).sort()).toEqual([
      ['ADVANCE', 'EXTEND_PERIOD'],
      ['CONTRACT', 'EXTEND_PERIOD'],
      ['CONTRACT', 'RAISE_AMOUNT'],
    ]);
    for (const l of await db.contractLapse.findMany({ where: { contractId: id, resolvedAt: null, kind: 'EXTEND_PERIOD' } })) expect(dbDateToIso(l.neededEnd!)).toBe(furtherEnd);
    expect(await db.contractLapse.count({ where: { contractId: id, resolution: 'SUPERSEDED' } })).toBe(2);

    // The 契約保証's 変更契約 (period and amount) resolves its needs only; the 前払金保証's stays.
    await recordChangeOf(performance.id, performance.number, { periodEnd: furtherEnd, guaranteeEnd: furtherEnd, contractAmount: '120,000,000', guaranteeAmount: '12,000,000' });
    expect(await open()).toEqual([['ADVANCE', 'EXTEND_PERIOD']]);
  });
});

describe('by re-import', () => {
  const HEADER = '契約番号,工事名,受注者,請負金額,契約日,工期（自）,工期（至）,前払金の割合,契約保証の割合,工事担当課';
  const file = (v: Record<string, string>, periodEnd: string) =>
    new TextEncoder().encode(`${HEADER}\r\n${[v.contractNumber, v.projectName, v.contractorName, `"${v.contractAmount}"`, v.contractDate, v.periodStart, periodEnd, v.advanceShare, v.performanceShare || 'なし', '契約課'].join(',')}\r\n`);

  it('raises the need in the import’s transaction, once: the same file again writes and mails nothing', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair();
    const newEnd = slash(addDaysIso(guaranteeEnd, 45));
    signInAs(clerk);
    const first = must(await previewContractImport(db, clerk.actor, { filename: '契約台帳.csv', bytes: file(values, newEnd), encoding: 'auto' }));
    await expect(confirmContractImportAction(first.id, undefined, new FormData())).rejects.toMatchObject({ digest: expect.stringContaining('saved=imported') });
    expect((await contractLapses(db, clerk.actor, id)).map((l) => [l.kind, l.raisedRevision])).toEqual([['EXTEND_PERIOD', 2]]);
    expect(await lapseMails(g.id)).toHaveLength(2);
    const imported = await db.auditLog.findFirstOrThrow({ where: { organizationId: orderer.id, action: 'contract.import' }, orderBy: { createdAt: 'desc' } });
    expect(imported.details).toMatchObject({ importId: first.id, updated: 1, lapseMails: 2 });

    const again = must(await previewContractImport(db, clerk.actor, { filename: '契約台帳.csv', bytes: file(values, newEnd), encoding: 'auto' }));
    await expect(confirmContractImportAction(again.id, undefined, new FormData())).rejects.toMatchObject({ digest: expect.stringContaining('saved=imported') });
    expect(await db.contractLapse.count({ where: { contractId: id } })).toBe(1);
    expect(await lapseMails(g.id)).toHaveLength(2);
  });
});

describe('who sees it', () => {
  it('the contractor only its own guarantees’, the orderer only its own contracts’; other sides refused', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair();
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 10)) });
    expect(await guaranteeLapses(db, otherContractor.actor, g.id)).toEqual([]);
    expect(await lapseKindsOfGuarantees(db, otherContractor.actor, [g.id])).toEqual(new Map());
    await expect(contractLapses(db, otherClerk.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await lapseKindsOfContracts(db, otherClerk.actor, [id])).toEqual(new Map());
    // Another 課 of the same orderer reads the register (068): it sees the need too.
    expect(await contractLapses(db, otherDeptClerk.actor, id)).toHaveLength(1);
    await expect(contractLapses(db, contractor.actor, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(contractLapses(db, admin.actor, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guaranteeLapses(db, clerk.actor, g.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(guaranteeLapses(db, admin.actor, g.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Unmatched, the need is no longer shown (the match is what tied them).
    await db.contractMatch.deleteMany({ where: { contractId: id } });
    expect(await contractLapses(db, clerk.actor, id)).toEqual([]);
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toEqual([]);
  });

  it('a JV guarantee: the 代表者’s users are mailed and see it; a 構成員 neither', async () => {
    const db = await getDb();
    const member = await makeUser('CONTRACTOR', undefined, undefined, { email: 'member@lapse-member.example.jp' });
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair({}, () => concludedJointVentureGuarantee(contractor, [member], orderer));
    expect(g.jointVentureId).not.toBeNull();
    // The register names the JV as its 受注者 (072's check: otherwise the contractor is told nothing, 075 amended).
    const jvName = (await db.jointVenture.findUniqueOrThrow({ where: { id: g.jointVentureId! }, select: { name: true } })).name;
    await edit(id, { ...values, contractorName: jvName, periodEnd: slash(addDaysIso(guaranteeEnd, 40)) });
    const mails = await lapseMails(g.id);
    expect(mails.map((m) => m.to)).toEqual([['keiyaku-clerk@lapse.example.jp'], ['koji@lapse-contractor.example.jp']]);
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toHaveLength(1);
    expect(await guaranteeLapses(db, member.actor, g.id)).toEqual([]);
    expect(await lapseKindsOfGuarantees(db, member.actor, [g.id])).toEqual(new Map());
  });

  it('one transaction: when a mail cannot be queued, neither the revision nor the need is stored', async () => {
    const db = await getDb();
    const { id, values, guaranteeEnd } = await matchedPair();
    // A contractor user with an address the outbox refuses: the edit fails as a whole.
    const bad = await db.user.findFirstOrThrow({ where: { organizationId: contractor.actor.organizationId, email: { not: null } } });
    await db.user.update({ where: { id: bad.id }, data: { email: 'not an address' } });
    try {
      await expect(saveContract(db, clerk.actor, id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 20)) })).rejects.toThrow();
    } finally {
      await db.user.update({ where: { id: bad.id }, data: { email: bad.email } });
    }
    expect((await getContract(db, clerk.actor, id)).history).toHaveLength(1);
    expect(await db.contractLapse.count({ where: { contractId: id } })).toBe(0);
    // The watcher with nothing to watch does nothing.
    expect(await watchContractLapses(db, new Map())).toBe(0);
  });
});

describe('the mails through a real SMTP server', () => {
  it('arrive in Japanese, each side its own', async () => {
    const { startSmtp } = await import('../support/smtp');
    const { createMailTransport } = await import('@/mail/transport');
    const { deliverPending } = await import('@/mail/worker');
    const db = await getDb();
    const smtp = await startSmtp();
    try {
      await db.outboxMail.updateMany({ where: { status: 'PENDING' }, data: { nextAttemptAt: new Date('2100-01-01T00:00:00Z') } });
      const { id, values, guarantee: g, guaranteeEnd } = await matchedPair();
      await db.outboxMail.updateMany({ where: { status: 'PENDING' }, data: { nextAttemptAt: new Date('2100-01-01T00:00:00Z') } });
      await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 15)) });
      await deliverPending(db, createMailTransport(`smtp://127.0.0.1:${smtp.port}`)!, new Date(Date.now() + 60_000));
      const toOrderer = smtp.received.find((m) => m.parsed.subject === `【電子保証】保証の変更契約が必要です（${g.projectName}）`);
      const toContractor = smtp.received.find((m) => m.parsed.subject === `【電子保証】保証の変更契約のお願い（${g.projectName}）`);
      expect(toOrderer?.envelopeTo).toEqual(['keiyaku-clerk@lapse.example.jp']);
      expect(toContractor?.envelopeTo).toEqual(['koji@lapse-contractor.example.jp']);
      expect(toOrderer?.parsed.text).toContain('保証期間（至）');
      expect(toContractor?.parsed.text).toContain(`${contractorName} 様`);
      expect(toContractor?.parsed.text).toContain(g.number.trim());
    } finally {
      await smtp.close();
    }
  });
});
