import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { todayInTokyo } from '@/lib/dates';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TEST_KEY_SECRET as SECRET } from '../support/factories';

type Made = Awaited<ReturnType<typeof makeUser>>;
/** The 解除日: today (a 解除日 must not be in the future; the factory's guarantees are in force today). */
const TODAY = todayInTokyo();
let contractor: Made;
let clerk: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

beforeAll(async () => {
  const db = await getDb();
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId, { email: 'clerk@city.example.jp', name: '確認 担当' });
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
});

describe('解除', () => {
  it('in one transaction: status, audit, and a mail to the orderer that confirmed; the lookup still opens it with its status', async () => {
    const db = await getDb();
    const { number, guaranteeId } = await concludedGuarantee(contractor, orderer);
    const key = (await getKeyPage(db, contractor.actor, number, SECRET)).key;
    expect((await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number, key }, { secret: SECRET, clientAddress: null })).status).toBe('found');

    must(await cancelGuarantee(db, admin.actor, guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
    expect(g).toMatchObject({ status: 'CANCELLED', cancelReason: '契約解除のため' });
    expect(await db.auditLog.count({ where: { action: 'guarantee.cancel', targetId: guaranteeId } })).toBe(1);
    const mail = await db.outboxMail.findFirstOrThrow({ where: { relatedId: guaranteeId, to: { has: 'clerk@city.example.jp' } } });
    expect(mail.subject).toContain(number);
    expect(mail.bodyText).not.toContain(key);

    const confirmed = await listConfirmedCertificates(db, clerk.actor, parseConfirmedParams({}));
    expect(confirmed.rows.find((r) => r.number === number)?.marks).toContain('CANCELLED');
    const again = await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number, key }, { secret: SECRET, clientAddress: null });
    expect(again).toMatchObject({ status: 'found', guaranteeStatus: 'CANCELLED' });
  });

  it('twice, a future date, a missing reason, or not an officer: refused', async () => {
    const db = await getDb();
    const { guaranteeId } = await concludedGuarantee(contractor, orderer);
    const future = await cancelGuarantee(db, admin.actor, guaranteeId, { cancelledOn: '2099-01-01', reason: 'x' });
    expect(!future.ok && future.fieldErrors.cancelledOn).toBeTruthy();
    const noReason = await cancelGuarantee(db, admin.actor, guaranteeId, { cancelledOn: TODAY, reason: ' ' });
    expect(!noReason.ok && noReason.fieldErrors.reason).toEqual(['解除の理由を入力してください。']);
    await expect(cancelGuarantee(db, contractor.actor, guaranteeId, { cancelledOn: TODAY, reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(cancelGuarantee(db, clerk.actor, guaranteeId, { cancelledOn: TODAY, reason: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    must(await cancelGuarantee(db, admin.actor, guaranteeId, { cancelledOn: TODAY, reason: 'x' }));
    expect((await cancelGuarantee(db, admin.actor, guaranteeId, { cancelledOn: TODAY, reason: 'x' })).ok).toBe(false);
  });
});
