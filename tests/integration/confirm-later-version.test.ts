import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { confirmVersionAction } from '@/actions/confirmation-actions';
import { GET as recordRoute } from '@/app/orderer/certificates/[number]/record/[confirmationId]/route';
import { getDb } from '@/db/client';
import { confirmLaterVersion } from '@/domain/confirmations/confirm-later-version';
import { confirmationsOfGuarantee } from '@/domain/confirmations/confirmations-of-guarantee';
import { confirmedCsv, listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { MARK_LABEL } from '@/domain/confirmations/marks';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { contractNumberFromSerial } from '@/domain/guarantees/contract-number';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { addDaysIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { pdfText, squeeze } from '../support/pdf';
import { changeGuaranteeAmount, confirm } from '../support/confirmations';
import { concludedGuarantee, makeCast, makeOrderer, makeUser, must, TEST_KEY_SECRET } from '../support/factories';
import { interrupt } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let contractor: Made;
let clerk: Made;
let colleague: Made;
let admin: Made;
let otherClerk: Made;

beforeAll(async () => {
  ({ orderer, contractor, clerk, admin } = await makeCast());
  colleague = await makeUser('ORDERER', orderer.id, orderer.departmentId, { name: '同僚 二郎' });
  otherClerk = await makeUser('ORDERER');
});

/** A guarantee the clerk confirmed with number + key (第1版), then a 変更契約 issued 第2版（変更）. */
async function changedAfterConfirmation() {
  const db = await getDb();
  const g = await concludedGuarantee(contractor, orderer);
  const { key } = await getKeyPage(db, contractor.actor, g.number, TEST_KEY_SECRET);
  const found = await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number: g.number, key }, { secret: TEST_KEY_SECRET, clientAddress: null });
  expect(found.status).toBe('found');
  expect((await changeGuaranteeAmount(db, admin, g.guaranteeId, 35_000_000n)).version).toBe(2);
  return g;
}

const click = (number: string, version: number) => interrupt(confirmVersionAction(number, version, new FormData()));
const versionRows = async (guaranteeId: string, version: number) =>
  (await getDb()).confirmation.findMany({ where: { guaranteeId, organizationId: orderer.id, certificateVersion: { version } }, orderBy: { confirmedAt: 'asc' } });
const audits = async (guaranteeId: string) => (await getDb()).auditLog.findMany({ where: { action: 'confirmation.later-version', targetId: guaranteeId } });
const rowOf = async (who: Made, number: string) =>
  (await listConfirmedCertificates(await getDb(), who.actor, parseConfirmedParams({ cond: 'number', q: number }))).rows.find((r) => r.number === number);
const csvMarksOf = async (who: Made, number: string) => {
  const lines = (await confirmedCsv(await getDb(), who.actor, parseConfirmedParams({ cond: 'number', q: number }))).split('\r\n');
  // The column by its header: columns are added at the end (契約台帳, decision 072).
  const column = lines[0]!.replace(/^\uFEFF/, '').split(',').indexOf('確認後の変更');
  return lines.find((l) => l.includes(number))?.split(',')[column];
};

describe('「この版を確認しました」: a later version confirmed without the key', () => {
  it('records one Confirmation of 第2版（変更） (clerk, department, status now) and its audit row; the page tells which version was confirmed', async () => {
    const db = await getDb();
    const g = await changedAfterConfirmation();
    const before = await getConfirmedCertificate(db, clerk.actor, g.number);
    expect(before.versionConfirmations.map((c) => c.version)).toEqual([1]);

    signInAs(clerk);
    expect(await click(g.number, 2)).toBe(`redirect:/orderer/certificates/${g.number}?version=2&saved=version-confirmed`);
    const rows = await versionRows(g.guaranteeId, 2);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      organizationId: orderer.id,
      departmentId: orderer.departmentId,
      userId: clerk.id,
      statusAtConfirmation: 'ACTIVE',
    });
    expect(await audits(g.guaranteeId)).toEqual([
      expect.objectContaining({
        actorUserId: clerk.id,
        organizationId: orderer.id,
        targetType: 'guarantee',
        details: expect.objectContaining({ number: g.number, version: 2, previousVersion: 1, confirmationId: rows[0]!.id, statusAtConfirmation: 'ACTIVE' }),
      }),
    ]);
    // No lookup attempt: the key was not asked for, and no budget was spent.
    expect(await db.lookupAttempt.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);

    const after = await getConfirmedCertificate(db, clerk.actor, g.number);
    expect(after.versionConfirmations.find((c) => c.version === 2)).toMatchObject({ id: rows[0]!.id, userName: clerk.actor.name, departmentName: '契約課' });
    // The contractor's 「発注者の確認状況」: the department now confirmed 第2版 (no personal name).
    expect(await confirmationsOfGuarantee(db, contractor.actor, g.guaranteeId)).toEqual([
      expect.objectContaining({ organizationName: orderer.name, departmentName: '契約課', version: 2, lastConfirmedAt: rows[0]!.confirmedAt }),
    ]);
  });

  it('a second click, a colleague, or two clicks at once: one row, and the answer says nothing new was recorded', async () => {
    const db = await getDb();
    const g = await changedAfterConfirmation();
    signInAs(clerk);
    const both = await Promise.all([click(g.number, 2), click(g.number, 2)]);
    expect(both.sort()).toEqual([
      `redirect:/orderer/certificates/${g.number}?version=2&saved=version-already`,
      `redirect:/orderer/certificates/${g.number}?version=2&saved=version-confirmed`,
    ]);
    expect(await versionRows(g.guaranteeId, 2)).toHaveLength(1);
    expect(await click(g.number, 2)).toBe(`redirect:/orderer/certificates/${g.number}?version=2&saved=version-already`);
    signInAs(colleague);
    expect(await click(g.number, 2)).toBe(`redirect:/orderer/certificates/${g.number}?version=2&saved=version-already`);
    expect(await versionRows(g.guaranteeId, 2)).toHaveLength(1);
    expect(await audits(g.guaranteeId)).toHaveLength(1);
    // The use case itself, concurrently from two clerks: one confirmed, one already.
    const h = await changedAfterConfirmation();
    const results = await Promise.all([confirmLaterVersion(db, clerk.actor, h.number, 2), confirmLaterVersion(db, colleague.actor, h.number, 2)]);
    expect(results.map((r) => r.status).sort()).toEqual(['already', 'confirmed']);
    expect(new Set(results.map((r) => (r as { confirmationId: string }).confirmationId)).size).toBe(1);
    expect(await versionRows(h.guaranteeId, 2)).toHaveLength(1);
  });

  it('anyone else gets what an unknown number gets, and nothing is recorded', async () => {
    const db = await getDb();
    const g = await changedAfterConfirmation();
    const neverConfirmed = await concludedGuarantee(contractor, orderer);
    await changeGuaranteeAmount(db, admin, neverConfirmed.guaranteeId, 35_000_000n);
    // A stray confirmation row of another orderer on this guarantee opens nothing either.
    await confirm(db, { guaranteeId: g.guaranteeId, clerk: otherClerk });
    const unknownNumber = contractNumberFromSerial(BigInt(g.number.slice(0, 9)) + 500_000n);

    signInAs(clerk);
    const notFound = await click(unknownNumber, 2);
    expect(notFound).toBe('not-found');
    for (const [number, version] of [
      [neverConfirmed.number, 2], // this orderer's guarantee, but never confirmed with the key
      ['12345', 2], // malformed
      [g.number, 3], // no such version
      [g.number, Number.NaN],
      [g.number, 0],
    ] as const) {
      expect(await click(number, version)).toBe(notFound);
    }
    signInAs(otherClerk);
    expect(await click(g.number, 2)).toBe(notFound);
    await expect(confirmLaterVersion(db, otherClerk.actor, g.number, 2)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Other sides: the action's guard (decision 007); signed out: the sign-in page.
    for (const who of [contractor, admin]) {
      signInAs(who);
      expect(await click(g.number, 2)).toBe('app-error:FORBIDDEN');
      await expect(confirmLaterVersion(db, who.actor, g.number, 2)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    signInAs(null);
    expect(await click(g.number, 2)).toBe('redirect:/login');

    expect(await versionRows(g.guaranteeId, 2)).toHaveLength(0);
    expect(await versionRows(neverConfirmed.guaranteeId, 2)).toHaveLength(0);
    expect(await audits(g.guaranteeId)).toHaveLength(0);
  });

  it('a version superseded since the page was opened is not recorded: the clerk is sent to the latest', async () => {
    const db = await getDb();
    const g = await changedAfterConfirmation();
    expect((await changeGuaranteeAmount(db, admin, g.guaranteeId, 30_000_000n)).version).toBe(3);
    signInAs(clerk);
    expect(await click(g.number, 2)).toBe(`redirect:/orderer/certificates/${g.number}?version=3&saved=version-superseded`);
    expect(await versionRows(g.guaranteeId, 2)).toHaveLength(0);
    expect(await click(g.number, 3)).toBe(`redirect:/orderer/certificates/${g.number}?version=3&saved=version-confirmed`);
    // 第1版 was confirmed already; 第2版 is past: neither records anything.
    expect(await click(g.number, 1)).toBe(`redirect:/orderer/certificates/${g.number}?version=1&saved=version-already`);
    expect(await click(g.number, 2)).toBe(`redirect:/orderer/certificates/${g.number}?version=3&saved=version-superseded`);
    expect(await db.confirmation.count({ where: { guaranteeId: g.guaranteeId, organizationId: orderer.id } })).toBe(2);
  });

  it('the status at confirmation is the one in effect, as the lookup records it: 解除, 期間満了', async () => {
    const db = await getDb();
    const cancelled = await changedAfterConfirmation();
    must(await cancelGuarantee(db, admin.actor, cancelled.guaranteeId, { cancelledOn: todayInTokyo(), reason: '工事の中止' }));
    const expired = await changedAfterConfirmation();
    await db.guarantee.update({ where: { id: expired.guaranteeId }, data: { guaranteeEnd: isoDateToDb(addDaysIso(todayInTokyo(), -1)) } });
    signInAs(clerk);
    await click(cancelled.number, 2);
    await click(expired.number, 2);
    expect((await versionRows(cancelled.guaranteeId, 2))[0]!.statusAtConfirmation).toBe('CANCELLED');
    expect((await versionRows(expired.guaranteeId, 2))[0]!.statusAtConfirmation).toBe('EXPIRED');
  });
});

describe('確認済み一覧: 「新しい版を未確認」 until the latest version is confirmed', () => {
  it('marked (list and CSV) after the 変更契約, with the version confirmed and the latest; gone once 第2版 is confirmed without the key', async () => {
    const g = await changedAfterConfirmation();
    expect(MARK_LABEL.CHANGED).toBe('新しい版を未確認');
    expect(await rowOf(clerk, g.number)).toMatchObject({ marks: ['CHANGED'], confirmedVersion: 1, latestVersion: 2, displayStatus: 'CHANGED' });
    expect(await csvMarksOf(clerk, g.number)).toBe('新しい版を未確認');
    // A colleague sees the organisation's list: the same mark.
    expect((await rowOf(colleague, g.number))?.marks).toEqual(['CHANGED']);

    signInAs(clerk);
    await click(g.number, 2);
    expect(await rowOf(clerk, g.number)).toMatchObject({ marks: [], confirmedVersion: 2, latestVersion: 2, displayStatus: 'CHANGED', userName: clerk.actor.name });
    expect(await rowOf(colleague, g.number)).toMatchObject({ marks: [] });
    expect(await csvMarksOf(clerk, g.number)).toBe('なし');
  });

  it('the other marks stay: 解除 after the confirmation of 第1版 shows with 新しい版を未確認, then alone', async () => {
    const db = await getDb();
    const g = await changedAfterConfirmation();
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: todayInTokyo(), reason: '工事の中止' }));
    expect((await rowOf(clerk, g.number))?.marks).toEqual(['CHANGED', 'CANCELLED']);
    signInAs(clerk);
    await click(g.number, 2);
    // Confirmed while 解除: the clerk saw that status, as after a lookup.
    expect((await rowOf(clerk, g.number))?.marks).toEqual([]);
  });

  it('another orderer never sees the row', async () => {
    const g = await changedAfterConfirmation();
    expect(await rowOf(otherClerk, g.number)).toBeUndefined();
  });
});

describe('確認記録 of the version on the screen', () => {
  it("the record of 第2版（変更）'s confirmation names 第2版（変更）, the one of 第1版 names 第1版; another orderer gets 404", async () => {
    const db = await getDb();
    const g = await changedAfterConfirmation();
    signInAs(clerk);
    await click(g.number, 2);
    const page = await getConfirmedCertificate(db, clerk.actor, g.number);
    const byVersion = new Map(page.versionConfirmations.map((c) => [c.version, c.id]));
    const dir = mkdtempSync(path.join(tmpdir(), 'h2-record-'));
    for (const [version, name] of [
      [2, '第2版（変更）'],
      [1, '第1版'],
    ] as const) {
      const confirmationId = byVersion.get(version)!;
      const res = await recordRoute(new Request(`http://x/orderer/certificates/${g.number}/record/${confirmationId}`), {
        params: Promise.resolve({ number: g.number, confirmationId }),
      });
      expect(res.status).toBe(200);
      const file = path.join(dir, `v${version}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = squeeze(pdfText(file));
      expect(text).toContain(`確認した証書の版${name}`);
      if (version === 2) expect(text).toContain('35,000,000');
    }
    signInAs(otherClerk);
    const id = byVersion.get(2)!;
    expect((await recordRoute(new Request('http://x/'), { params: Promise.resolve({ number: g.number, confirmationId: id }) })).status).toBe(404);
  });
});
