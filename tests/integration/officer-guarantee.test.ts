import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { listApplicationsForReview } from '@/domain/applications/queries';
import { getOfficerGuarantee } from '@/domain/guarantees/get-officer-guarantee';
import { concludedGuarantee, makeOrderer, makeCast, makeUser } from '../support/factories';

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let clerk: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

beforeAll(async () => {
  ({ orderer, contractor, clerk, admin } = await makeCast());
});

describe('保証の管理: officers find a guarantee by its number', () => {
  it('the review list finds a concluded application by the leading digits of its 保証契約番号', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const found = await listApplicationsForReview(db, admin.actor, { status: 'CONCLUDED', q: g.number });
    expect(found.rows.map((r) => r.guarantee?.number)).toEqual([g.number]);
    const prefix = await listApplicationsForReview(db, admin.actor, { status: 'CONCLUDED', q: g.number.slice(0, 9) });
    expect(prefix.rows.map((r) => r.guarantee?.number)).toContain(g.number);
  });

  it('the officer page: officers only; an unknown or malformed number is NOT_FOUND', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, orderer);
    const seen = await getOfficerGuarantee(db, admin.actor, g.number);
    expect(seen).toMatchObject({ number: g.number, status: 'ACTIVE', changeCount: 0 });
    // 期間満了 from the Tokyo date, as on every screen.
    expect((await getOfficerGuarantee(db, admin.actor, g.number, new Date('2099-01-01T00:00:00Z'))).status).toBe('EXPIRED');
    for (const who of [contractor, clerk]) await expect(getOfficerGuarantee(db, who.actor, g.number)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const bad of ['0000000000', '12345', "1' OR '1'='1"]) await expect(getOfficerGuarantee(db, admin.actor, bad)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
