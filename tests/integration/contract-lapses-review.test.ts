import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { updateContractAction } from '@/actions/orderer-contract-actions';
import { getDb } from '@/db/client';
import { LAPSE_LABELS } from '@/domain/contracts/lapse-labels';
import { contractLapses, guaranteeLapses, lapseKindsOfContracts, lapseKindsOfGuarantees } from '@/domain/contracts/lapses';
import { matchContract, unmatchContract } from '@/domain/contracts/match-contract';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { saveDepartment } from '@/domain/organizations/save-department';
import { addDaysIso, dbDateToIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { confirmedGuarantee, makeContractCast, matchedContract, slash, type ContractCast } from '../support/contracts';
import { makeUser, must } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));
afterEach(() => signInAs(null));

/**
 * The lapse watcher's review findings (issue 17, decision 075 amended 2026-12-06): an unmatch closes the
 * pair's open needs; a pair whose 受注者 differs (072) tells the contractor nothing, and the orderer's mail
 * and contract page say so; the contractor's mail
 * names the guarantee's own 工事名; a 工事担当課 with no one to mail falls back to every staff; a need of
 * a guarantee whose 保証期間 is over is shown to no one.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let cast: ContractCast;
let orderer: ContractCast['orderer'];
let clerk: Made;
let otherDeptClerk: Made;
let contractor: Made;
let contractorName: string;
let emptyDepartmentId: string;

beforeAll(async () => {
  const db = await getDb();
  cast = await makeContractCast({ clerk: 'keiyaku-clerk@review.example.jp', contractor: 'koji@review-contractor.example.jp' });
  ({ orderer, clerk, contractor, contractorName } = cast);
  const admin = (await makeUser('ADMIN')).actor;
  const doro = must(await saveDepartment(db, admin, orderer.id, undefined, { name: '道路課', kind: 'WORKS_SECTION', email: 'doro@example.jp', active: true }));
  // A 工事担当課 whose only staff member is disabled: no one of it can be mailed.
  emptyDepartmentId = must(await saveDepartment(db, admin, orderer.id, undefined, { name: '河川課', kind: 'WORKS_SECTION', email: 'kasen@example.jp', active: true })).id;
  const gone = await makeUser('ORDERER', orderer.id, emptyDepartmentId, { email: 'kasen-gone@review.example.jp' });
  await db.user.update({ where: { id: gone.actor.userId }, data: { disabled: true } });
  otherDeptClerk = await makeUser('ORDERER', orderer.id, doro.id, { email: 'doro-clerk@review.example.jp' });
});

const form = (values: Record<string, string | Blob>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};

/** A guarantee of `contractor` confirmed by the clerk. */
const confirmed = (patch: Record<string, unknown> = {}) => confirmedGuarantee(cast, { patch });

/** A contract agreeing with a confirmed guarantee (but for `valuesPatch`), matched to it. */
const matchedPair = (valuesPatch: Record<string, string> = {}) => matchedContract(cast, { values: valuesPatch });

/** 保存する on the contract's edit form, as the clerk, at its current revision. */
async function edit(id: string, values: Record<string, string>) {
  const db = await getDb();
  const revision = (await db.contract.findUniqueOrThrow({ where: { id }, select: { revision: true } })).revision;
  signInAs(clerk);
  await expect(updateContractAction(id, undefined, form({ ...values, revision: String(revision) }))).rejects.toMatchObject({ digest: expect.stringContaining(`/orderer/contracts/${id}?saved=`) });
}

const lapseMails = async (guaranteeId: string) =>
  (await getDb()).outboxMail.findMany({ where: { relatedId: guaranteeId, template: { in: ['contract-lapse-orderer', 'contract-lapse-contractor'] } }, orderBy: [{ createdAt: 'asc' }, { template: 'desc' }] });

describe('unmatch', () => {
  it('closes the pair’s open needs (UNMATCHED) in its transaction: matched again, none comes back; another guarantee matched, the old need is not taken for its', async () => {
    const db = await getDb();
    const { id, values, guarantee: g1, guaranteeEnd } = await matchedPair();
    const newEnd = addDaysIso(guaranteeEnd, 60);
    await edit(id, { ...values, periodEnd: slash(newEnd) });
    const [need] = await db.contractLapse.findMany({ where: { contractId: id } });
    expect(need).toMatchObject({ guaranteeId: g1.id, resolvedAt: null });

    must(await unmatchContract(db, clerk.actor, id, { guaranteeId: g1.id }));
    expect(await db.contractLapse.findUniqueOrThrow({ where: { id: need!.id } })).toMatchObject({ resolution: 'UNMATCHED', resolvedAt: expect.any(Date) });

    // Matched again: nothing shown (072's check names the 保証期間 short of the 工期), no mail.
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: g1.number }));
    expect(await contractLapses(db, clerk.actor, id)).toEqual([]);
    expect(await guaranteeLapses(db, contractor.actor, g1.id)).toEqual([]);
    expect(await lapseMails(g1.id)).toHaveLength(2);

    // Unmatched, another certificate of the kind matched, the contract revised: the old need stays UNMATCHED,
    // the new one is the new guarantee's.
    must(await unmatchContract(db, clerk.actor, id, { guaranteeId: g1.id }));
    const g2 = await confirmed();
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: g2.number }));
    const further = addDaysIso(dbDateToIso(g2.guaranteeEnd), 90);
    await edit(id, { ...values, periodEnd: slash(further) });
    expect((await db.contractLapse.findUniqueOrThrow({ where: { id: need!.id } })).resolution).toBe('UNMATCHED');
    const open = await db.contractLapse.findMany({ where: { contractId: id, resolvedAt: null } });
    expect(open.map((l) => [l.guaranteeId, l.kind, dbDateToIso(l.neededEnd!)])).toEqual([[g2.id, 'EXTEND_PERIOD', further]]);
  });

  it('of a contract holding two certificates (one per kind): each keeps its own needs, a revision raises one per guarantee', async () => {
    const db = await getDb();
    const { id, values, guarantee: g1, guaranteeEnd } = await matchedPair({ performanceShare: '10分の1' });
    const g2 = await confirmed({ guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000' });
    must(await matchContract(db, clerk.actor, id, { guaranteeNumber: g2.number }));
    const end1 = addDaysIso(guaranteeEnd, 30);
    const end2 = addDaysIso(guaranteeEnd, 90);
    await edit(id, { ...values, performanceShare: '10分の1', periodEnd: slash(end1) });
    await edit(id, { ...values, performanceShare: '10分の1', periodEnd: slash(end2) });
    const open = await db.contractLapse.findMany({ where: { contractId: id, resolvedAt: null }, orderBy: { guaranteeId: 'asc' } });
    expect(open.map((l) => [l.guaranteeId, l.kind, dbDateToIso(l.neededEnd!)]).sort()).toEqual(
      [
        [g1.id, 'EXTEND_PERIOD', end2],
        [g2.id, 'EXTEND_PERIOD', end2],
      ].sort(),
    );
    // Unmatching one closes its needs only.
    must(await unmatchContract(db, clerk.actor, id, { guaranteeId: g2.id }));
    expect((await db.contractLapse.findMany({ where: { contractId: id, resolvedAt: null } })).map((l) => l.guaranteeId)).toEqual([g1.id]);
  });
});

describe('a pair whose 受注者 differs (072)', () => {
  it('mails and shows the need to the orderer only: the contractor gets no mail and sees nothing', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair({ contractorName: '別会社建設株式会社' });
    const newEnd = addDaysIso(guaranteeEnd, 60);
    await edit(id, { ...values, periodEnd: slash(newEnd) });
    expect(await db.contractLapse.findMany({ where: { contractId: id } })).toMatchObject([{ kind: 'EXTEND_PERIOD', resolvedAt: null, mails: 1 }]);
    const mails = await lapseMails(g.id);
    expect(mails.map((m) => [m.template, m.to])).toEqual([['contract-lapse-orderer', ['keiyaku-clerk@review.example.jp']]]);
    // The orderer's mail does not say the contractor was told; it says why not, and to check the match.
    expect(mails[0]!.bodyText).not.toContain('受注者にも同じ内容をお知らせしました。');
    expect(mails[0]!.bodyText).toContain('契約台帳の受注者と保証証書の受注者が異なるため、受注者にはお知らせしていません。照合が正しいかご確認ください。');
    expect(await contractLapses(db, clerk.actor, id)).toMatchObject([{ kind: 'EXTEND_PERIOD', neededEnd: newEnd, contractorSees: false }]);
    // The contract's page says so under the need.
    signInAs(clerk);
    const { default: DetailPage } = await import('@/app/orderer/contracts/[id]/page');
    const page = async () => renderToStaticMarkup(await DetailPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never));
    expect(await page()).toContain(LAPSE_LABELS.contractorNotShown);
    expect(await lapseKindsOfContracts(db, clerk.actor, [id])).toEqual(new Map([[id, ['EXTEND_PERIOD']]]));
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toEqual([]);
    expect(await lapseKindsOfGuarantees(db, contractor.actor, [g.id])).toEqual(new Map());

    // The register corrected to the guarantee's contractor (written otherwise, folded equal): shown to the contractor.
    await edit(id, { ...values, contractorName: `　${contractorName}　`, periodEnd: slash(newEnd) });
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toMatchObject([{ lapses: [{ kind: 'EXTEND_PERIOD', neededEnd: newEnd }] }]);
    expect(await contractLapses(db, clerk.actor, id)).toMatchObject([{ kind: 'EXTEND_PERIOD', contractorSees: true }]);
    signInAs(clerk);
    expect(await page()).not.toContain(LAPSE_LABELS.contractorNotShown);
  });

  it('otherwise, the contractor’s mail names the guarantee’s own 工事名, not the register’s', async () => {
    const db = await getDb();
    const registerName = `台帳上の工事名${Math.random().toString(36).slice(2, 7)}`;
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair({ projectName: registerName });
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 60)) });
    const mails = await lapseMails(g.id);
    expect(mails.map((m) => m.template)).toEqual(['contract-lapse-orderer', 'contract-lapse-contractor']);
    expect(mails[0]!.subject).toContain(registerName);
    expect(mails[0]!.bodyText).toContain('受注者にも同じ内容をお知らせしました。');
    expect(mails[1]!.subject).toContain(g.projectName);
    expect(`${mails[1]!.subject}${mails[1]!.bodyText}`).not.toContain(registerName);
    expect(await db.contractLapse.count({ where: { contractId: id, mails: 2 } })).toBe(1);
  });
});

describe('the orderer’s mail', () => {
  it('goes to every staff of the orderer when the contract’s 工事担当課 has no one to mail', async () => {
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair({ departmentId: emptyDepartmentId });
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 60)) });
    const mails = await lapseMails(g.id);
    expect(mails[0]!.template).toBe('contract-lapse-orderer');
    expect(mails[0]!.to).toEqual(expect.arrayContaining(['keiyaku-clerk@review.example.jp', 'doro-clerk@review.example.jp']));
    expect(mails[0]!.to).not.toContain('kasen-gone@review.example.jp');
    expect(otherDeptClerk.actor.organizationId).toBe(orderer.id);
  });
});

describe('a guarantee whose 保証期間 is over (期間満了), or 解除', () => {
  it('its open needs are shown to no one (a change would be refused)', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair();
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 60)) });
    expect(await contractLapses(db, clerk.actor, id)).toHaveLength(1);
    // The 保証期間 ended yesterday (Tokyo).
    await db.guarantee.update({ where: { id: g.id }, data: { guaranteeEnd: isoDateToDb(addDaysIso(todayInTokyo(), -1)) } });
    expect(await contractLapses(db, clerk.actor, id)).toEqual([]);
    expect(await lapseKindsOfContracts(db, clerk.actor, [id])).toEqual(new Map());
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toEqual([]);
    expect(await lapseKindsOfGuarantees(db, contractor.actor, [g.id])).toEqual(new Map());
  });

  it('a 解除 guarantee: its open needs are shown to no one either (the need stays open in the table)', async () => {
    const db = await getDb();
    const { id, values, guarantee: g, guaranteeEnd } = await matchedPair();
    await edit(id, { ...values, periodEnd: slash(addDaysIso(guaranteeEnd, 60)) });
    expect(await contractLapses(db, clerk.actor, id)).toHaveLength(1);
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toHaveLength(1);
    must(await cancelGuarantee(db, (await makeUser('ADMIN')).actor, g.id, { cancelledOn: todayInTokyo(), reason: '契約解除のため' }));
    expect(await contractLapses(db, clerk.actor, id)).toEqual([]);
    expect(await lapseKindsOfContracts(db, clerk.actor, [id])).toEqual(new Map());
    expect(await guaranteeLapses(db, contractor.actor, g.id)).toEqual([]);
    expect(await lapseKindsOfGuarantees(db, contractor.actor, [g.id])).toEqual(new Map());
    expect(await db.contractLapse.count({ where: { contractId: id, resolvedAt: null } })).toBe(1);
  });
});
