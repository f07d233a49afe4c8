import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { CHANGE_MESSAGES } from '@/domain/changes/messages';
import { previewChange, recordChange } from '@/domain/changes/record';
import { summarizeChange } from '@/domain/changes/summary';
import { formatYen } from '@/domain/applications/fields';
import { DEMO_RATE_TABLES, saveRateTable } from '@/domain/premium/rate-tables';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { concludedGuarantee, makeOrderer, makeUser, must, officer } from '../support/factories';

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
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
  const db = await getDb();
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
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
