import { beforeAll, describe, expect, it, vi } from 'vitest';
import { changeGuaranteeAction } from '@/actions/admin-change-actions';
import { getDb } from '@/db/client';
import { CHANGE_MESSAGES } from '@/domain/changes/messages';
import { previewChange, recordChange } from '@/domain/changes/record-change';
import { summarizeChange } from '@/domain/changes/summary';
import { formatYen } from '@/lib/money';
import { DEMO_RATE_TABLES } from '@/demo/rate-tables';
import { saveRateTable } from '@/domain/premium/save-rate-table';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { concludedGuarantee, makeOrderer, makeCast, makeUser, must } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let clerk: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

/** The officer's form as it opens: the guarantee's current terms, whatever dates the factory chose. */
async function formOf(guaranteeId: string) {
  const g = await (await getDb()).guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
  return {
    guaranteeAmount: formatYen(g.guaranteeAmount),
    contractAmount: formatYen(g.contractAmount),
    periodStart: dbDateToIso(g.periodStart),
    periodEnd: dbDateToIso(g.periodEnd),
    guaranteeStart: dbDateToIso(g.guaranteeStart),
    guaranteeEnd: dbDateToIso(g.guaranteeEnd),
    projectName: g.projectName,
    changeDate: todayInTokyo(),
    reason: '変更契約による',
  };
}

beforeAll(async () => {
  ({ orderer, contractor, clerk, admin } = await makeCast());
});

describe('登録 records only the decision the officer confirmed', () => {
  it('a rate table published between 確認 and 登録 changes the premium: nothing is written, the officer is asked again', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const input = { ...(await formOf(g.guaranteeId)), guaranteeAmount: '30,000,000' };
    const shown = JSON.stringify(summarizeChange(must(await previewChange(db, admin.actor, g.guaranteeId, input))));

    // Meanwhile an officer publishes doubled 前払 rates in force today.
    const base = DEMO_RATE_TABLES.ADVANCE;
    must(await saveRateTable(db, admin.actor, { ...base, effectiveFrom: todayInTokyo(), note: '改定', brackets: base.brackets.map((b) => ({ ...b, ratePpm: b.ratePpm * 2 })) }));

    const refused = await recordChange(db, admin.actor, g.guaranteeId, input, { confirmed: (p) => JSON.stringify(summarizeChange(p)) === shown });
    expect(refused).toEqual({ ok: false, fieldErrors: { '': [CHANGE_MESSAGES.previewOutdated] } });
    expect(await db.guaranteeChange.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
    expect(await db.certificateVersion.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);

    // Confirmed again on the new figures: recorded.
    const again = JSON.stringify(summarizeChange(must(await previewChange(db, admin.actor, g.guaranteeId, input))));
    expect(again).not.toEqual(shown);
    const done = must(await recordChange(db, admin.actor, g.guaranteeId, input, { confirmed: (p) => JSON.stringify(summarizeChange(p)) === again }));
    expect(done.version).toBe(2);
  });
});

describe('changeGuaranteeAction', () => {
  const form = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    return data;
  };

  it('refuses contractors, orderers and the signed-out, and records nothing', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const values = { ...(await formOf(g.guaranteeId)), contractAmount: '110,000,000', intent: 'commit' };
    for (const who of [contractor, clerk]) {
      signInAs(who);
      await expect(changeGuaranteeAction(g.guaranteeId, g.number, {}, form(values))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    signInAs(null);
    await expect(changeGuaranteeAction(g.guaranteeId, g.number, {}, form(values))).rejects.toMatchObject({ digest: expect.stringContaining('/login') });
    expect(await db.guaranteeChange.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
  });

  it('確認 then 登録 with the fingerprint; 登録 without it (or after an edit) answers a fresh preview and records nothing', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    signInAs(admin);
    const values = { ...(await formOf(g.guaranteeId)), guaranteeAmount: '３０，０００，０００円', basis: '0' };
    const previewed = await changeGuaranteeAction(g.guaranteeId, g.number, {}, form({ ...values, intent: 'preview' }));
    expect(previewed.preview).toMatchObject({ kind: 'NEW_VERSION', nextVersion: 2, electronic: true });
    expect(previewed.preview?.fields).toEqual([{ field: 'guaranteeAmount', label: '保証金額', before: '40,000,000円', after: '30,000,000円' }]);
    const fingerprint = previewed.preview!.fingerprint!;

    const blind = await changeGuaranteeAction(g.guaranteeId, g.number, {}, form({ ...values, intent: 'commit' }));
    expect(blind.result?.error?.['']).toEqual([CHANGE_MESSAGES.previewOutdated]);
    const edited = await changeGuaranteeAction(g.guaranteeId, g.number, {}, form({ ...values, guaranteeAmount: '31,000,000', intent: 'commit', previewed: fingerprint }));
    expect(edited.result?.error?.['']).toEqual([CHANGE_MESSAGES.previewOutdated]);
    expect(edited.preview?.fields[0]?.after).toBe('31,000,000円');
    expect(await db.guaranteeChange.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);

    await expect(changeGuaranteeAction(g.guaranteeId, g.number, {}, form({ ...values, intent: 'commit', previewed: fingerprint }))).rejects.toMatchObject({
      digest: expect.stringContaining(`/admin/guarantees/${g.number}?saved=issued-2`),
    });
    expect(await db.guaranteeChange.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);
    // A second commit of the same form: its basis (0 changes) is out of date.
    const twice = await changeGuaranteeAction(g.guaranteeId, g.number, {}, form({ ...values, intent: 'commit', previewed: fingerprint }));
    expect(twice.result?.error?.['']).toEqual([CHANGE_MESSAGES.changedMeanwhile]);
    await expect(changeGuaranteeAction('not-a-uuid', g.number, {}, form(values))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
  });
});
