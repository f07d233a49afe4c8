import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as signatureRoute } from '@/app/api/v1/signatures/[digest]/route';
import { POST as verificationsRoute } from '@/app/api/v1/verifications/route';
import { publishedKeyMap } from '@/config/signing-key';
import { getDb, type Db } from '@/db/client';
import { foundBody } from '@/domain/api-tokens/verification-api';
import { issueApiToken } from '@/domain/api-tokens/issue-api-token';
import { getApplicationForReview } from '@/domain/applications/queries';
import { findIssuedDigest } from '@/domain/certificates/verification';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { PERIOD_ENDING_CONTRACTOR_NOTICE, PERIOD_ENDING_NOTICE, sendPeriodEndingNotices } from '@/domain/confirmations/period-ending';
import { confirmedCsv, listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { CANCEL_EXPIRED, cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { keyRefusal } from '@/domain/guarantees/messages';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { listContractorGuarantees } from '@/domain/guarantees/list';
import { parseListParams } from '@/domain/guarantees/list-params';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { lookupCertificate, type LookupResult } from '@/domain/lookup/lookup';
import { startPeriodEndingSweep, stopPeriodEndingSweep } from '@/jobs/period-ending-sweep';
import { tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, formatIsoDate, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { confirm } from '../support/confirmations';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TERM, TEST_KEY_SECRET as SECRET, uid } from '../support/factories';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * 期間満了 is computed from the 保証期間（至） and the Tokyo date of the request (the database keeps
 * ACTIVE): every screen, the lookup, the API and the 確認済み一覧 agree, and the 保証期間満了 notice goes
 * out once per end date. Time moves by `now`; the factory's 保証期間 ends on END (TERM: this fiscal
 * year's 03-31, at least 60 days ahead), and every moment here is counted from it.
 */
const TODAY = todayInTokyo();
const END = TERM.guaranteeEnd;
const LAST_DAY = tokyoMoment(END, '23:59:59');
const AFTER = tokyoMoment(addDaysIso(END, 1)); // END 15:00 UTC: already the next day in Tokyo
const BEFORE = tokyoMoment(addDaysIso(TODAY, 1), '10:00');

type Made = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>>;

let db: Db;
let contractor: Made;
let admin: Made;
let orderer: Orderer;
let clerk: Made;

/** An orderer clerk with an e-mail address (makeUser's users have none), so that notices reach someone. */
async function clerkWithMail(of: Orderer, email: string): Promise<Made & { email: string }> {
  return { ...(await makeUser('ORDERER', of.id, of.departmentId, { email, name: '確認 担当' })), email };
}

const lookUp = (who: Made, number: string, key: string, now?: Date) =>
  lookupCertificate(db, { kind: 'user', actor: who.actor }, { number, key }, { secret: SECRET, clientAddress: null, now });

function found(result: LookupResult): Extract<LookupResult, { status: 'found' }> {
  if (result.status !== 'found') throw new Error(`lookup: ${result.status}`);
  return result;
}

beforeAll(async () => {
  db = await getDb();
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  clerk = await clerkWithMail(orderer, `clerk-${uid()}@city.example.jp`);
});

describe('期間満了 on the contractor side', () => {
  it('the last day is still 有効, the next day 期間満了 (stored ACTIVE); key reissue and 発注者へ送信 are refused', async () => {
    const { number, guaranteeId } = await concludedGuarantee(contractor, orderer);
    const lastDay = await getContractorCertificate(db, contractor.actor, number, LAST_DAY);
    expect(lastDay.guarantee.status).toBe('ACTIVE');
    const after = await getContractorCertificate(db, contractor.actor, number, AFTER);
    expect(after.guarantee.status).toBe('EXPIRED');
    expect(after.guarantee.statusView).toEqual({ status: 'EXPIRED', guaranteeEnd: END, periodEnd: END, ending: false, cancelledOn: null, cancelReason: null });
    expect((await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId } })).status).toBe('ACTIVE');

    // The key page still shows the key; reissuing and sending it are refused, and nothing changes.
    const page = await getKeyPage(db, contractor.actor, number, SECRET, AFTER);
    expect(page.guarantee.status).toBe('EXPIRED');
    const reason = keyRefusal(page.guarantee.statusView)!;
    expect(reason).toBe(
      `この保証は保証期間（至）${formatIsoDate(END)} を過ぎて期間満了となったため、認証キーを発注者へ提出することはできません。「認証キー等のお知らせ」（PDF）のダウンロード・発注者への送信・認証キーの再発行はできません。`,
    );
    expect(await reissueAuthKey(db, contractor.actor, number, SECRET, AFTER)).toEqual({ ok: false, fieldErrors: { '': [reason] } });
    expect(await sendKeyNoticeToOrderer(db, contractor.actor, number, SECRET, { confirmResend: true, now: AFTER })).toEqual({ ok: false, fieldErrors: { '': [reason] } });
    expect(await db.authKey.count({ where: { guaranteeId } })).toBe(1);
    expect(await db.submission.count({ where: { guaranteeId } })).toBe(0);
    // On its last day it is still in force.
    must(await reissueAuthKey(db, contractor.actor, number, SECRET, LAST_DAY));
    expect(await db.authKey.count({ where: { guaranteeId, revokedAt: null } })).toBe(1);
  });

  it('保証工事一覧 gives each row its status as of the day', async () => {
    const { number } = await concludedGuarantee(contractor, orderer);
    const row = async (now: Date) => (await listContractorGuarantees(db, contractor.actor, parseListParams({ cond: 'number', q: number }), now)).rows[0];
    expect((await row(LAST_DAY))?.status).toBe('ACTIVE');
    expect((await row(AFTER))?.status).toBe('EXPIRED');
  });
});

describe('期間満了 on the orderer side', () => {
  it('the lookup records and shows it, the API answers it, the 確認済み一覧 and its CSV mark it', async () => {
    const { number, guaranteeId } = await concludedGuarantee(contractor, orderer);
    const key = (await getKeyPage(db, contractor.actor, number, SECRET)).key;
    expect(found(await lookUp(clerk, number, key, BEFORE)).guaranteeStatus).toBe('ACTIVE');

    // Confirmed while 有効, now 期間満了: the list says so and marks it.
    const listed = async (who: Made, now: Date) => (await listConfirmedCertificates(db, who.actor, parseConfirmedParams({ q: number }), now)).rows[0];
    expect(await listed(clerk, LAST_DAY)).toMatchObject({ status: 'ACTIVE', displayStatus: 'ACTIVE', marks: [] });
    expect(await listed(clerk, AFTER)).toMatchObject({ statusAtConfirmation: 'ACTIVE', status: 'EXPIRED', displayStatus: 'EXPIRED', marks: ['EXPIRED'] });
    const csv = await confirmedCsv(db, clerk.actor, parseConfirmedParams({ q: number }), AFTER);
    expect(csv).toMatch(/,期間満了,期間満了,未照合,\r\n$/);

    // The certificate page (without the key) and the status line it carries.
    const confirmed = await getConfirmedCertificate(db, clerk.actor, number, AFTER);
    expect(confirmed.status).toBe('EXPIRED');
    expect(confirmed.statusView).toMatchObject({ status: 'EXPIRED', guaranteeEnd: END });

    // The lookup still opens it, shows 期間満了 and records it as the status at that confirmation.
    const again = found(await lookUp(clerk, number, key, AFTER));
    expect(again.guaranteeStatus).toBe('EXPIRED');
    expect((await db.confirmation.findUniqueOrThrow({ where: { id: again.confirmationId } })).statusAtConfirmation).toBe('EXPIRED');
    expect(foundBody(again)).toMatchObject({ status: 'EXPIRED', statusLabel: '期間満了' });
    // Seen as 期間満了 at the latest confirmation: no mark any more, the status stays.
    expect(await listed(clerk, AFTER)).toMatchObject({ statusAtConfirmation: 'EXPIRED', status: 'EXPIRED', marks: [] });

    // An API token's lookup is the same lookup.
    const token = must(await issueApiToken(db, admin.actor, orderer.id, { name: `連携 ${uid()}` }));
    const byToken = found(
      await lookupCertificate(db, { kind: 'token', tokenId: token.id, organizationId: orderer.id }, { number, key }, { secret: SECRET, clientAddress: null, now: AFTER }),
    );
    expect(foundBody(byToken)).toMatchObject({ contractNumber: number, status: 'EXPIRED', statusLabel: '期間満了' });

    // The public verification by digest: the status of the guarantee today.
    const digest = (await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } })).digest!;
    expect(await findIssuedDigest(db, digest, publishedKeyMap(), LAST_DAY)).toMatchObject({ result: 'issued', status: 'ACTIVE' });
    expect(await findIssuedDigest(db, digest, publishedKeyMap(), AFTER)).toMatchObject({ result: 'issued', status: 'EXPIRED' });
  });

  it('the real routes, today: a guarantee whose 保証期間 ended 2026-09-30 answers 期間満了 from the JSON API and /api/v1/signatures', async () => {
    const { number, guaranteeId } = await concludedGuarantee(contractor, orderer, {
      contractDate: '2026-04-01',
      periodStart: '2026-04-02',
      periodEnd: '2026-09-30',
      guaranteeStart: '2026-04-02',
      guaranteeEnd: '2026-09-30',
    });
    const key = (await getKeyPage(db, contractor.actor, number, SECRET)).key;
    const token = must(await issueApiToken(db, admin.actor, orderer.id, { name: `連携 ${uid()}` }));
    const response = await verificationsRoute(
      new Request('http://localhost/api/v1/verifications', {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ contractNumber: number, authKey: key }),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: 'found', contractNumber: number, status: 'EXPIRED', statusLabel: '期間満了' });

    const digest = (await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } })).digest!;
    const signature = await signatureRoute(new Request(`http://localhost/api/v1/signatures/${digest}`), { params: Promise.resolve({ digest }) } as never);
    expect(await signature.json()).toMatchObject({ result: 'issued', status: 'EXPIRED', statusLabel: '期間満了', verified: true });
  });
});

describe('解除 of a guarantee already 期間満了', () => {
  it('is refused with the end date, nothing written; on its last day 解除 still works', async () => {
    const expired = await concludedGuarantee(contractor, orderer);
    const refused = await cancelGuarantee(db, admin.actor, expired.guaranteeId, { cancelledOn: END, reason: '契約解除のため' }, AFTER);
    expect(refused).toEqual({ ok: false, fieldErrors: { '': [CANCEL_EXPIRED(END)] } });
    expect(CANCEL_EXPIRED('2027-03-31')).toBe('この保証は保証期間（至）2027/03/31 を過ぎて期間満了のため、解除できません。');
    expect((await db.guarantee.findUniqueOrThrow({ where: { id: expired.guaranteeId } })).status).toBe('ACTIVE');
    expect(await db.auditLog.count({ where: { action: 'guarantee.cancel', targetId: expired.guaranteeId } })).toBe(0);

    // The officer's review page shows 期間満了 (and so no cancel form).
    const app = await db.guarantee.findUniqueOrThrow({ where: { id: expired.guaranteeId }, select: { applicationId: true } });
    expect((await getApplicationForReview(db, admin.actor, app.applicationId, AFTER)).guarantee?.status).toBe('EXPIRED');
    expect((await getApplicationForReview(db, admin.actor, app.applicationId, LAST_DAY)).guarantee?.status).toBe('ACTIVE');

    must(await cancelGuarantee(db, admin.actor, expired.guaranteeId, { cancelledOn: END, reason: '契約解除のため' }, LAST_DAY));
    // 解除 outranks 期間満了 afterwards.
    expect((await getContractorCertificate(db, contractor.actor, expired.number, AFTER)).guarantee.statusView).toMatchObject({
      status: 'CANCELLED',
      cancelledOn: END,
      cancelReason: '契約解除のため',
    });
  });
});

describe('保証期間満了のお知らせ (sendPeriodEndingNotices)', () => {
  // A 変更契約 of the 工期 alone (【注2】) moves the 工期（至） past the 保証期間; the use case is built
  // elsewhere, so the row is moved as it would move it.
  const WORKS_END = addDaysIso(END, 91); // the 工期 extended by a quarter (2027-03-31 → 2027-06-30)
  const extendWorks = (guaranteeId: string, periodEnd = WORKS_END) => db.guarantee.update({ where: { id: guaranteeId }, data: { periodEnd: isoDateToDb(periodEnd) } });
  const moveEnd = (guaranteeId: string, guaranteeEnd: string) => db.guarantee.update({ where: { id: guaranteeId }, data: { guaranteeEnd: isoDateToDb(guaranteeEnd) } });
  const SWEEP = tokyoMoment(addDaysIso(END, -26), '09:00'); // window: END - 26 days … END + 4 days
  const mailsOf = (guaranteeId: string) => db.outboxMail.findMany({ where: { relatedId: guaranteeId, template: 'confirmed-period-ending' }, orderBy: { createdAt: 'asc' } });

  let city: Orderer;
  let cityClerk: Made & { email: string };
  let colleague: Made & { email: string };
  beforeAll(async () => {
    city = await makeOrderer();
    cityClerk = await clerkWithMail(city, `a-${uid()}@city.example.jp`);
    colleague = await clerkWithMail(city, `b-${uid()}@city.example.jp`);
  });

  const ending = async (patch: Record<string, unknown> = {}) => {
    const g = await concludedGuarantee(contractor, city, patch);
    await extendWorks(g.guaranteeId);
    return g;
  };

  it('one mail per confirmed orderer, once; the unconfirmed only for its contractor; skips the 工期 ending no later, the ended, the cancelled; marks the list', async () => {
    const announced = await ending();
    await confirm(db, { guaranteeId: announced.guaranteeId, clerk: cityClerk });
    await confirm(db, { guaranteeId: announced.guaranteeId, clerk: colleague });
    const unconfirmed = await ending();
    const worksEndTogether = await concludedGuarantee(contractor, city);
    await confirm(db, { guaranteeId: worksEndTogether.guaranteeId, clerk: cityClerk });
    const ended = await ending({ periodEnd: addDaysIso(END, -30), guaranteeEnd: addDaysIso(END, -30) });
    await confirm(db, { guaranteeId: ended.guaranteeId, clerk: cityClerk });
    const cancelled = await ending();
    await confirm(db, { guaranteeId: cancelled.guaranteeId, clerk: cityClerk });
    must(await cancelGuarantee(db, admin.actor, cancelled.guaranteeId, { cancelledOn: TODAY, reason: '工事の中止' }, BEFORE));
    const cancelMails = await db.outboxMail.count();

    // The unconfirmed one is announced too, to its contractor only (whose users here have no address:
    // contractor-notices.test.ts reads those mails). Three notices: the confirmed one's orderers and
    // contractor, the unconfirmed one's contractor.
    expect(await sendPeriodEndingNotices(db, SWEEP)).toEqual({ notified: 3, mails: 1, failed: 0 });
    const mails = await mailsOf(announced.guaranteeId);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to.sort()).toEqual([cityClerk.email, colleague.email].sort());
    expect(mails[0]!.subject).toBe(`【電子保証】確認済みの電子証書の保証期間満了のお知らせ（保証契約番号 ${announced.number}）`);
    expect(mails[0]!.bodyText).toContain(`保証期間は ${formatIsoDate(END)} までです`);
    expect(mails[0]!.bodyText).toContain(`工期（至）は ${formatIsoDate(WORKS_END)}`);
    const noticesOf = (guaranteeId: string) =>
      db.guaranteeNotice.findMany({ where: { guaranteeId }, select: { kind: true, occasion: true, mails: true }, orderBy: { kind: 'asc' } });
    expect(await noticesOf(announced.guaranteeId)).toEqual([
      { kind: PERIOD_ENDING_NOTICE, occasion: END, mails: 1 },
      { kind: PERIOD_ENDING_CONTRACTOR_NOTICE, occasion: END, mails: 0 },
    ]);
    expect(await mailsOf(unconfirmed.guaranteeId)).toHaveLength(0);
    // Not confirmed: only the contractor's occasion; the orderers' stays open for a later confirmation.
    expect(await noticesOf(unconfirmed.guaranteeId)).toEqual([{ kind: PERIOD_ENDING_CONTRACTOR_NOTICE, occasion: END, mails: 0 }]);
    for (const skipped of [worksEndTogether, ended, cancelled]) {
      expect(await mailsOf(skipped.guaranteeId)).toHaveLength(0);
      expect(await db.guaranteeNotice.count({ where: { guaranteeId: skipped.guaranteeId } })).toBe(0);
    }
    expect(await db.outboxMail.count()).toBe(cancelMails + 1);

    // A second run, and one the next day, send nothing more.
    expect(await sendPeriodEndingNotices(db, SWEEP)).toEqual({ notified: 0, mails: 0, failed: 0 });
    expect(await sendPeriodEndingNotices(db, tokyoMoment(addDaysIso(END, -25), '09:00'))).toEqual({ notified: 0, mails: 0, failed: 0 });
    expect(await mailsOf(announced.guaranteeId)).toHaveLength(1);

    // The mark, computed from the day whether or not the sweep ran.
    const marks = async (number: string, now: Date) => (await listConfirmedCertificates(db, cityClerk.actor, parseConfirmedParams({ q: number }), now)).rows[0]?.marks;
    expect(await marks(announced.number, SWEEP)).toEqual(['ENDING']);
    expect(await marks(announced.number, tokyoMoment(addDaysIso(END, -31), '12:00'))).toEqual([]); // 31 days ahead
    expect(await marks(announced.number, tokyoMoment(addDaysIso(END, -30)))).toEqual(['ENDING']); // 30 days ahead
    expect(await marks(announced.number, LAST_DAY)).toEqual(['ENDING']);
    expect(await marks(announced.number, AFTER)).toEqual(['EXPIRED']);
    expect(await marks(worksEndTogether.number, SWEEP)).toEqual([]);
    expect(await marks(cancelled.number, SWEEP)).toEqual(['CANCELLED']);
    const csv = await confirmedCsv(db, cityClerk.actor, parseConfirmedParams({ q: announced.number }), SWEEP);
    expect(csv).toContain('保証期間満了間近');
    // The banner's facts on both sides.
    expect((await getConfirmedCertificate(db, cityClerk.actor, announced.number, SWEEP)).statusView).toMatchObject({ status: 'ACTIVE', ending: true, periodEnd: WORKS_END });
    expect((await getContractorCertificate(db, contractor.actor, announced.number, SWEEP)).guarantee.statusView.ending).toBe(true);
  });

  it('the edges of the window: 31 days ahead not yet, 30 days ahead yes; the last day yes, the day after no', async () => {
    const g = await ending({ guaranteeEnd: addDaysIso(END, 5) });
    await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityClerk });
    await sendPeriodEndingNotices(db, SWEEP); // END - 26 days: 31 days ahead
    expect(await mailsOf(g.guaranteeId)).toHaveLength(0);
    await sendPeriodEndingNotices(db, tokyoMoment(addDaysIso(END, -25))); // 30 days ahead
    expect(await mailsOf(g.guaranteeId)).toHaveLength(1);

    const late = await ending();
    await confirm(db, { guaranteeId: late.guaranteeId, clerk: cityClerk });
    await sendPeriodEndingNotices(db, AFTER); // the day after its end: already 期間満了
    expect(await mailsOf(late.guaranteeId)).toHaveLength(0);
    await sendPeriodEndingNotices(db, LAST_DAY); // its last day: still told
    expect(await mailsOf(late.guaranteeId)).toHaveLength(1);
  });

  it('concurrent runs send exactly one mail; a moved 保証期間（至） is a new occasion', async () => {
    const g = await ending();
    await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityClerk });
    const reports = await Promise.all(Array.from({ length: 5 }, () => sendPeriodEndingNotices(db, SWEEP)));
    expect(reports.reduce((n, r) => n + r.mails, 0)).toBeGreaterThanOrEqual(1);
    expect(reports.every((r) => r.failed === 0)).toBe(true);
    expect(await mailsOf(g.guaranteeId)).toHaveLength(1);
    expect(await db.guaranteeNotice.count({ where: { guaranteeId: g.guaranteeId, kind: PERIOD_ENDING_NOTICE } })).toBe(1);

    // A 変更契約 extends the 保証期間 by two days (still short of the 工期): told again, once.
    await moveEnd(g.guaranteeId, addDaysIso(END, 2));
    await Promise.all([sendPeriodEndingNotices(db, SWEEP), sendPeriodEndingNotices(db, SWEEP)]);
    const mails = await mailsOf(g.guaranteeId);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.bodyText).toContain(`保証期間は ${formatIsoDate(addDaysIso(END, 2))} までです`);
    expect((await db.guaranteeNotice.findMany({ where: { guaranteeId: g.guaranteeId, kind: PERIOD_ENDING_NOTICE }, orderBy: { occasion: 'asc' } })).map((n) => n.occasion)).toEqual([END, addDaysIso(END, 2)]);

    // Extended to cover the 工期: nothing more to say.
    await moveEnd(g.guaranteeId, WORKS_END);
    expect((await sendPeriodEndingNotices(db, tokyoMoment(addDaysIso(WORKS_END, -20), '09:00'))).notified).toBe(0);
    expect(await mailsOf(g.guaranteeId)).toHaveLength(2);
  });

  it('the server runs it at start (then hourly): a guarantee ending in 10 days is announced without anyone asking', async () => {
    const end = addDaysIso(todayInTokyo(), 10);
    const g = await concludedGuarantee(contractor, city, { periodEnd: end, guaranteeEnd: end });
    await extendWorks(g.guaranteeId, addDaysIso(end, 60));
    await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityClerk });
    startPeriodEndingSweep(async () => db, { intervalMs: 3_600_000 });
    try {
      await vi.waitFor(async () => expect(await mailsOf(g.guaranteeId)).toHaveLength(1), { timeout: 60_000, interval: 100 });
    } finally {
      await stopPeriodEndingSweep();
    }
  });
});
