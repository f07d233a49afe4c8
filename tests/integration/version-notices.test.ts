import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import type { Actor } from '@/domain/actor';
import { changeHistory, guaranteeHistory, versionViews } from '@/domain/changes/queries';
import { recordChange } from '@/domain/changes/record-change';
import { versionNotice } from '@/domain/changes/version-notice';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { addDaysIso, dbDateToIso, todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { changeGuaranteeAmount, confirm } from '../support/confirmations';
import { concludedGuarantee, makeCast, makeUser, must } from '../support/factories';

/**
 * The version notices read from stored data as the screens read it: the contractor's certificate page
 * and print view (getContractorCertificate + changeHistory), the orderer's (getConfirmedCertificate +
 * changeHistory) and the officer's 保証の管理 (guaranteeHistory): a 【注2】 change before 第2版（変更）
 * does not count, a 【注3】 change after it does, for the latest version and for 第1版.
 */

type Cast = Awaited<ReturnType<typeof makeCast>>;
let cast: Cast;
let number: string;

/** The officer's form as it opens, with `patch` (the terms as they stand). */
async function changeTerms(admin: { actor: Actor }, guaranteeId: string, patch: Record<string, string>, reason: string) {
  const db = await getDb();
  const g = await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
  return must(
    await recordChange(db, admin.actor, guaranteeId, {
      guaranteeAmount: formatYen(g.guaranteeAmount),
      contractAmount: formatYen(g.contractAmount),
      periodStart: dbDateToIso(g.periodStart),
      periodEnd: dbDateToIso(g.periodEnd),
      guaranteeStart: dbDateToIso(g.guaranteeStart),
      guaranteeEnd: dbDateToIso(g.guaranteeEnd),
      projectName: g.projectName,
      changeDate: todayInTokyo(),
      reason,
      ...patch,
    }),
  );
}

beforeAll(async () => {
  const db = await getDb();
  cast = await makeCast();
  const g = await concludedGuarantee(cast.contractor, cast.orderer);
  number = g.number;
  await confirm(db, { guaranteeId: g.guaranteeId, clerk: cast.clerk });
  // 【注2】 on 第1版, then 【注1】 (第2版（変更）), then 【注3】 on 第2版.
  const stored = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId } });
  const later = addDaysIso(dbDateToIso(stored.guaranteeEnd), 30);
  const works = await changeTerms(cast.admin, g.guaranteeId, { periodEnd: later, guaranteeEnd: later }, '工期延長');
  expect(works.version).toBeUndefined();
  await changeGuaranteeAmount(db, cast.admin, g.guaranteeId, 30_000_000n);
  const amount = await changeTerms(cast.admin, g.guaranteeId, { contractAmount: '120,000,000' }, '請負金額の変更');
  expect(amount.version).toBeUndefined();
});

describe('version notices from stored data', () => {
  it("the contractor's pages: 第2版（変更） says the 【注3】 change after it, 第1版 the newer version and that change", async () => {
    const db = await getDb();
    const { guarantee } = await getContractorCertificate(db, cast.contractor.actor, number);
    const versions = versionViews(guarantee.versions);
    const changes = await changeHistory(db, cast.contractor.actor, number);
    expect(changes).toHaveLength(3);

    const latest = versionNotice(versions, changes, 2);
    expect(latest.newer).toBeNull();
    expect(latest.recordedAfterLatest).toEqual([{ id: expect.any(String), changeDate: todayInTokyo(), reasonNote: '注3', subjects: ['contractAmount'] }]);
    expect(latest.staleLines).toEqual(['contractAmount']);

    const first = versionNotice(versions, changes, 1);
    expect(first.newer).toMatchObject({ version: 2, changed: true, issuedOn: todayInTokyo() });
    expect(first.recordedAfterLatest).toEqual(latest.recordedAfterLatest);
  });

  it("the orderer's pages and the officer's 保証の管理 read the same", async () => {
    const db = await getDb();
    const confirmed = await getConfirmedCertificate(db, cast.clerk.actor, number);
    const ordererNotice = versionNotice(versionViews(confirmed.versions), await changeHistory(db, cast.clerk.actor, number), 1);
    expect(ordererNotice.newer?.version).toBe(2);
    expect(ordererNotice.recordedAfterLatest.map((c) => c.subjects)).toEqual([['contractAmount']]);

    const history = await guaranteeHistory(db, cast.admin.actor, number);
    const officerNotice = versionNotice(history.versions, history.changes, history.latestVersion);
    expect(officerNotice.newer).toBeNull();
    expect(officerNotice.recordedAfterLatest.map((c) => c.subjects)).toEqual([['contractAmount']]);
  });

  it('a 【注2】 change on the only version: 工期・保証期間, the 工事末日 and 保証期間 out of date', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(cast.contractor, cast.orderer);
    const stored = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId } });
    const later = addDaysIso(dbDateToIso(stored.guaranteeEnd), 30);
    await changeTerms(cast.admin, g.guaranteeId, { periodEnd: later, guaranteeEnd: later }, '工期延長');
    const { guarantee } = await getContractorCertificate(db, cast.contractor.actor, g.number);
    const notice = versionNotice(versionViews(guarantee.versions), await changeHistory(db, cast.contractor.actor, g.number), undefined);
    expect(notice.recordedAfterLatest.map((c) => [c.reasonNote, c.subjects])).toEqual([['注2', ['period', 'guaranteePeriod']]]);
    expect(notice.staleLines).toEqual(['guaranteePeriod', 'projectEndDate']);
  });

  it('the history behind the notices: another contractor, another orderer, an orderer that never confirmed → NOT_FOUND as an unknown number', async () => {
    const db = await getDb();
    const stranger = await makeUser('CONTRACTOR');
    const otherOrderer = await makeUser('ORDERER');
    const sameOrdererUnconfirmed = await concludedGuarantee(cast.contractor, cast.orderer);
    for (const [actor, n] of [
      [stranger.actor, number],
      [otherOrderer.actor, number],
      [cast.clerk.actor, sameOrdererUnconfirmed.number],
      [cast.contractor.actor, '0000000000'],
    ] as const) {
      await expect(changeHistory(db, actor, n)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});
