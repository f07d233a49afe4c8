import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { reissueKeyAction, sendToOrdererAction } from '@/actions/guarantee-actions';
import { GET as keyNoticeRoute } from '@/app/contractor/guarantees/[number]/key/notice/route';
import { GUARANTEE_LABELS as G } from '@/app/contractor/guarantees/labels';
import { getDb, type Db } from '@/db/client';
import { PERIOD_ENDING_CONTRACTOR_NOTICE, PERIOD_ENDING_NOTICE, sendPeriodEndingNotices } from '@/domain/confirmations/period-ending';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { keyRefusal } from '@/domain/guarantees/messages';
import { CONTRACTOR_NOTICE_TEMPLATE } from '@/domain/guarantees/notify-contractor';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { keyNoticePdf } from '@/domain/guarantees/render-key-notice';
import { sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { listContractorPremiums } from '@/domain/premium/list-contractor-premiums';
import { parsePremiumListParams } from '@/domain/premium/premium-list-params';
import { setUserDisabled } from '@/domain/users/set-user-disabled';
import { tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, formatIsoDate, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { confirm } from '../support/confirmations';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TERM, TEST_KEY_SECRET as SECRET, uid } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * 解除 and 期間満了 reach the contractor (issue 13, finding 3): 解除 mails the contractor's users in its
 * transaction; for a guarantee 解除 or 期間満了 the key notice's download, 発注者へ送信 and 認証キーの再発行
 * refuse with the reason, and the key page says it; 保証料一覧 gives each guarantee's status; the
 * 保証期間満了間近 notice mails the contractor's users too, on an occasion of their own.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>>;

const TODAY = todayInTokyo();
const END = TERM.guaranteeEnd;
const AFTER = tokyoMoment(addDaysIso(END, 1)); // the day after the factory's 保証期間 ends, in Tokyo

let db: Db;
let admin: Made;
let orderer: Orderer;
let clerk: Made & { email: string };
/** A company with two users that have an address, one without, and one disabled. */
let company: Made;
const companyMail = { first: `koumu-${uid()}@kensetsu.example.jp`, second: `keiri-${uid()}@kensetsu.example.jp`, disabled: `old-${uid()}@kensetsu.example.jp` };
let stranger: Made;
let strangerMail: string;

const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;
const form = (entries: Record<string, string> = {}) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(entries)) data.set(k, v);
  return data;
};

beforeAll(async () => {
  db = await getDb();
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  orderer = await makeOrderer();
  const clerkEmail = `clerk-${uid()}@city.example.jp`;
  clerk = { ...(await makeUser('ORDERER', orderer.id, orderer.departmentId, { email: clerkEmail })), email: clerkEmail };
  company = await makeUser('CONTRACTOR', undefined, undefined, { email: companyMail.first, name: '工務 担当' });
  await makeUser('CONTRACTOR', company.actor.organizationId, undefined, { email: companyMail.second });
  await makeUser('CONTRACTOR', company.actor.organizationId); // no address
  const gone = await makeUser('CONTRACTOR', company.actor.organizationId, undefined, { email: companyMail.disabled });
  await setUserDisabled(db, admin.actor, gone.id, true);
  strangerMail = `other-${uid()}@koumuten.example.jp`;
  stranger = await makeUser('CONTRACTOR', undefined, undefined, { email: strangerMail });
});

const contractorMails = (guaranteeId: string, template: string) => db.outboxMail.findMany({ where: { relatedId: guaranteeId, template }, orderBy: { createdAt: 'asc' } });
/** The guarantee's mails since its conclusion (whose 電子証書・認証キー登録のお知らせ is not counted). */
const mailsAfterConclusion = (guaranteeId: string) => db.outboxMail.count({ where: { relatedId: guaranteeId, template: { not: 'certificate-registered' } } });

describe('解除 mails the contractor', () => {
  it("in the cancel's transaction: one mail to the company's enabled users with an address — with no orderer having confirmed", async () => {
    const g = await concludedGuarantee(company, orderer);
    const key = (await getKeyPage(db, company.actor, g.number, SECRET)).key;
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: TODAY, reason: '工事の中止による契約解除' }));

    const mails = await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.CANCELLED);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to.sort()).toEqual([companyMail.first, companyMail.second].sort());
    expect(mails[0]!.to).not.toContain(companyMail.disabled);
    expect(mails[0]!.to).not.toContain(strangerMail);
    expect(mails[0]!.subject).toBe(`保証契約解除のお知らせ（保証契約番号 ${g.number}）`);
    expect(mails[0]!.bodyText).toContain(`下記の保証契約を ${formatIsoDate(TODAY)} 付けで解除しました。`);
    expect(mails[0]!.bodyText).toContain('解除の理由　：工事の中止による契約解除');
    expect(mails[0]!.bodyText).toContain('認証キーは、今後発注者へ提出しないでください');
    expect(mails[0]!.bodyText).not.toContain(key);
    // Nobody confirmed it: no orderer's mail, and the audit counts the contractor's.
    expect(await db.outboxMail.count({ where: { relatedId: g.guaranteeId, template: 'confirmed-cancelled' } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'guarantee.cancel', targetId: g.guaranteeId } });
    expect(audit.details).toMatchObject({ mails: 1 });
  });

  it('with a confirming orderer: both are told; a refused second 解除 sends nothing more', async () => {
    const g = await concludedGuarantee(company, orderer);
    await confirm(db, { guaranteeId: g.guaranteeId, clerk });
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    expect(await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.CANCELLED)).toHaveLength(1);
    expect((await contractorMails(g.guaranteeId, 'confirmed-cancelled')).map((m) => m.to)).toEqual([[clerk.email]]);
    expect((await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: TODAY, reason: 'もう一度' })).ok).toBe(false);
    expect(await mailsAfterConclusion(g.guaranteeId)).toBe(2);
  });

  it('書面: the mail says the paper 保証証書 is no longer to be submitted, and nothing of a key', async () => {
    const g = await concludedGuarantee(company, orderer, { deliveryMethod: 'PAPER' });
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    const mails = await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.CANCELLED);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.bodyText).toContain('この保証契約の保証証書（書面）は、解除により効力を失いました。今後、発注者へ提出しないでください。');
    expect(mails[0]!.bodyText).not.toContain('認証キー');
    expect(mails[0]!.bodyText).not.toContain('電子証書');
  });
});

describe('the key of a guarantee 解除 or 期間満了 is no longer to be submitted', () => {
  it('解除: the download answers 409 with the reason; 発注者へ送信 and 再発行 answer it in the page; nothing is sent or reissued', async () => {
    const g = await concludedGuarantee(company, orderer);
    signInAs(company);
    expect((await keyNoticeRoute(new Request('http://x'), ctx({ number: g.number }))).status).toBe(200);
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    const reason = `この保証契約は ${formatIsoDate(TODAY)} 付けで解除されたため、認証キーを発注者へ提出することはできません。「認証キー等のお知らせ」（PDF）のダウンロード・発注者への送信・認証キーの再発行はできません。`;
    expect(keyRefusal((await getKeyPage(db, company.actor, g.number, SECRET)).guarantee.statusView)).toBe(reason);

    const refused = await keyNoticeRoute(new Request('http://x'), ctx({ number: g.number }));
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(refused.headers.get('content-disposition')).toBeNull();
    expect(await refused.text()).toBe(reason);
    await expect(keyNoticePdf(db, company.actor, g.number, SECRET)).rejects.toMatchObject({ code: 'CONFLICT', userMessage: reason });

    expect(await sendToOrdererAction(g.number, undefined, form({ confirmResend: 'on' }))).toEqual({ error: reason, field: '' });
    expect(await reissueKeyAction(g.number, undefined, form({ confirmReissue: 'on' }))).toEqual({ error: reason });
    expect(await db.submission.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
    expect(await db.outboxMail.count({ where: { relatedId: g.guaranteeId, template: 'key-notice-submission' } })).toBe(0);
    expect(await db.authKey.count({ where: { guaranteeId: g.guaranteeId } })).toBe(1);

    // Another company and an orderer still get the 404 of an unknown number (not the reason); signed out, the 401 as before.
    for (const who of [stranger, clerk, admin]) {
      signInAs(who);
      const answer = await keyNoticeRoute(new Request('http://x'), ctx({ number: g.number }));
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toContain('解除');
    }
    signInAs(stranger);
    await expect(sendToOrdererAction(g.number, undefined, form({ confirmResend: 'on' }))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    await expect(reissueKeyAction(g.number, undefined, form({ confirmReissue: 'on' }))).rejects.toMatchObject({ digest: expect.stringContaining('404') });
    signInAs(clerk);
    await expect(sendToOrdererAction(g.number, undefined, form({ confirmResend: 'on' }))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    signInAs(null);
    expect((await keyNoticeRoute(new Request('http://x'), ctx({ number: g.number }))).status).toBe(401);
    await expect(sendToOrdererAction(g.number, undefined, form())).rejects.toMatchObject({ digest: expect.stringContaining('/login') });
  });

  it('the key page of a cancelled guarantee says why, in place of the guidance, and offers no download, sending or reissue', async () => {
    const { default: KeyPage } = await import('@/app/contractor/guarantees/[number]/key/page');
    const g = await concludedGuarantee(company, orderer);
    const props = { params: Promise.resolve({ number: g.number }), searchParams: Promise.resolve({}) } as never;
    signInAs(company);
    const before = renderToStaticMarkup(await KeyPage(props));
    expect(before).toContain(G.keyLead);
    expect(before).toContain(`/contractor/guarantees/${g.number}/key/notice`);
    expect(before).toContain(G.send);

    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    const html = renderToStaticMarkup(await KeyPage(props));
    const reason = keyRefusal({ status: 'CANCELLED', guaranteeEnd: END, cancelledOn: TODAY })!;
    expect(html).toContain(G.keyWithdrawnTitle);
    expect(html.split(reason).length - 1).toBe(3); // at the top, in 発注者への提出 and in 再発行
    expect(html.indexOf(G.keyWithdrawnTitle)).toBeLessThan(html.indexOf(G.keyTable));
    for (const gone of [G.keyLead, G.important, G.guidance, G.download, G.send, G.reissue, `/contractor/guarantees/${g.number}/key/notice`]) {
      expect(html, gone).not.toContain(gone);
    }
  });

  it('期間満了: the same refusals, with the end of the 保証期間', async () => {
    const g = await concludedGuarantee(company, orderer);
    const page = await getKeyPage(db, company.actor, g.number, SECRET, AFTER);
    const reason = keyRefusal(page.guarantee.statusView)!;
    expect(reason).toContain(`保証期間（至）${formatIsoDate(END)} を過ぎて期間満了となったため`);
    await expect(keyNoticePdf(db, company.actor, g.number, SECRET, AFTER)).rejects.toMatchObject({ code: 'CONFLICT', userMessage: reason });
    expect(await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: true, now: AFTER })).toEqual({ ok: false, fieldErrors: { '': [reason] } });
    expect(await reissueAuthKey(db, company.actor, g.number, SECRET, AFTER)).toEqual({ ok: false, fieldErrors: { '': [reason] } });
    // The route, today, for a guarantee whose 保証期間 ended 2026-09-30.
    const ended = await concludedGuarantee(company, orderer, {
      contractDate: '2026-04-01',
      periodStart: '2026-04-02',
      periodEnd: '2026-09-30',
      guaranteeStart: '2026-04-02',
      guaranteeEnd: '2026-09-30',
    });
    signInAs(company);
    const refused = await keyNoticeRoute(new Request('http://x'), ctx({ number: ended.number }));
    expect(refused.status).toBe(409);
    expect(await refused.text()).toBe(keyRefusal({ status: 'EXPIRED', guaranteeEnd: '2026-09-30', cancelledOn: null }));
  });

  it('a 解除 committed after the page was read is not outrun: 発注者へ送信 and 再発行 check again under the row lock', async () => {
    const g = await concludedGuarantee(company, orderer);
    // Between the first check and the transaction, the row becomes what a 解除 leaves (as if one committed meanwhile).
    let cancelledMeanwhile = false;
    const spy = vi.spyOn(db, '$transaction').mockImplementationOnce(async (run: unknown) => {
      await db.guarantee.update({ where: { id: g.guaranteeId }, data: { status: 'CANCELLED', cancelledOn: isoDateToDb(TODAY), cancelReason: 'x' } });
      cancelledMeanwhile = true;
      spy.mockRestore();
      return db.$transaction(run as never);
    });
    const result = await sendKeyNoticeToOrderer(db, company.actor, g.number, SECRET, { confirmResend: true });
    expect(cancelledMeanwhile).toBe(true);
    expect(result).toEqual({ ok: false, fieldErrors: { '': [keyRefusal({ status: 'CANCELLED', guaranteeEnd: END, cancelledOn: TODAY })] } });
    expect(await db.submission.count({ where: { guaranteeId: g.guaranteeId } })).toBe(0);
    expect(await db.outboxMail.count({ where: { relatedId: g.guaranteeId, template: 'key-notice-submission' } })).toBe(0);
  });
});

describe('保証料一覧 gives each guarantee its status', () => {
  it('有効 plain, 解除 with its date, 期間満了 as of the day', async () => {
    const own = await makeUser('CONTRACTOR');
    const active = await concludedGuarantee(own, orderer);
    const cancelled = await concludedGuarantee(own, orderer);
    must(await cancelGuarantee(db, admin.actor, cancelled.guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    const rows = async (now?: Date) => new Map((await listContractorPremiums(db, own.actor, parsePremiumListParams({}), now)).rows.map((r) => [r.number, r.statusView]));
    const today = await rows();
    expect(today.get(active.number)).toMatchObject({ status: 'ACTIVE', cancelledOn: null });
    expect(today.get(cancelled.number)).toMatchObject({ status: 'CANCELLED', cancelledOn: TODAY });
    const later = await rows(AFTER);
    expect(later.get(active.number)).toMatchObject({ status: 'EXPIRED', guaranteeEnd: END });
    expect(later.get(cancelled.number)).toMatchObject({ status: 'CANCELLED' }); // 解除 outranks 期間満了
  });

  it('the page marks 解除 and 期間満了 in words and leaves 有効 plain', async () => {
    const { default: PremiumsPage } = await import('@/app/contractor/premiums/page');
    const own = await makeUser('CONTRACTOR');
    await concludedGuarantee(own, orderer);
    const cancelled = await concludedGuarantee(own, orderer);
    must(await cancelGuarantee(db, admin.actor, cancelled.guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    await concludedGuarantee(own, orderer, { contractDate: '2026-04-01', periodStart: '2026-04-02', periodEnd: '2026-09-30', guaranteeStart: '2026-04-02', guaranteeEnd: '2026-09-30' });
    signInAs(own);
    const html = renderToStaticMarkup(await PremiumsPage({ searchParams: Promise.resolve({}) } as never));
    expect(html).toMatch(new RegExp(`<th scope="col"[^>]*>${G.premiumColumns.status}</th>`));
    expect(html).toContain(`<strong class="status-tag status-tag-CANCELLED">${G.status.CANCELLED}</strong>`);
    expect(html).toContain(G.statusDate.CANCELLED(TODAY));
    expect(html).toContain(`<strong class="status-tag status-tag-EXPIRED">${G.status.EXPIRED}</strong>`);
    expect(html).toContain(G.statusDate.EXPIRED('2026-09-30'));
    expect(html).not.toContain('status-tag-ACTIVE');
    expect(html.split(`>${G.status.ACTIVE}<`).length - 1).toBe(1);
  });
});

describe('保証期間満了間近 mails the contractor too', () => {
  const WORKS_END = addDaysIso(END, 91);
  const SWEEP = tokyoMoment(addDaysIso(END, -26), '09:00');
  /** A guarantee whose 工期 runs past its 保証期間 (as a relaxed rule could leave it: status.test.ts). */
  const ending = async () => {
    const g = await concludedGuarantee(company, orderer);
    await db.guarantee.update({ where: { id: g.guaranteeId }, data: { periodEnd: isoDateToDb(WORKS_END) } });
    return g;
  };

  const notices = async (guaranteeId: string) =>
    db.guaranteeNotice.findMany({ where: { guaranteeId }, select: { kind: true, occasion: true, mails: true }, orderBy: { kind: 'asc' } });

  it('on an occasion of its own, apart from the orderers; once; also when no orderer confirmed', async () => {
    const confirmed = await ending();
    await confirm(db, { guaranteeId: confirmed.guaranteeId, clerk });
    const unconfirmed = await ending();

    await sendPeriodEndingNotices(db, SWEEP);
    for (const g of [confirmed, unconfirmed]) {
      const mails = await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.PERIOD_ENDING);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to.sort()).toEqual([companyMail.first, companyMail.second].sort());
      expect(mails[0]!.subject).toBe(`保証期間満了間近のお知らせ（保証契約番号 ${g.number}）`);
      expect(mails[0]!.bodyText).toContain(`保証期間は ${formatIsoDate(END)} までです`);
      expect(mails[0]!.bodyText).toContain(`工期（至）は ${formatIsoDate(WORKS_END)}`);
      expect(mails[0]!.bodyText).toContain('変更契約');
    }
    expect(await contractorMails(confirmed.guaranteeId, 'confirmed-period-ending')).toHaveLength(1);
    expect(await contractorMails(unconfirmed.guaranteeId, 'confirmed-period-ending')).toHaveLength(0);
    expect(await notices(confirmed.guaranteeId)).toEqual([
      { kind: PERIOD_ENDING_NOTICE, occasion: END, mails: 1 },
      { kind: PERIOD_ENDING_CONTRACTOR_NOTICE, occasion: END, mails: 1 },
    ]);
    // Nobody confirmed it: the orderers' occasion is not spent.
    expect(await notices(unconfirmed.guaranteeId)).toEqual([{ kind: PERIOD_ENDING_CONTRACTOR_NOTICE, occasion: END, mails: 1 }]);

    // Again, and concurrently: nothing more to anyone.
    await Promise.all([sendPeriodEndingNotices(db, SWEEP), sendPeriodEndingNotices(db, SWEEP)]);
    expect(await mailsAfterConclusion(confirmed.guaranteeId)).toBe(2);
    expect(await mailsAfterConclusion(unconfirmed.guaranteeId)).toBe(1);
  });

  it('the contractor told while no orderer had confirmed; the orderer confirms within the 30 days: the next run mails the orderer, once', async () => {
    const g = await ending();
    expect(await sendPeriodEndingNotices(db, SWEEP)).toMatchObject({ notified: 1, failed: 0 });
    expect(await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.PERIOD_ENDING)).toHaveLength(1);
    expect(await contractorMails(g.guaranteeId, 'confirmed-period-ending')).toHaveLength(0);

    // The clerk confirms it a week later, still before the end.
    await confirm(db, { guaranteeId: g.guaranteeId, clerk });
    const LATER = tokyoMoment(addDaysIso(END, -19), '09:00');
    expect(await sendPeriodEndingNotices(db, LATER)).toMatchObject({ notified: 1, failed: 0 });
    const toOrderer = await contractorMails(g.guaranteeId, 'confirmed-period-ending');
    expect(toOrderer).toHaveLength(1);
    expect(toOrderer[0]!.to).toEqual([clerk.email]);
    expect(toOrderer[0]!.bodyText).toContain(`保証期間は ${formatIsoDate(END)} までです`);
    expect(await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.PERIOD_ENDING)).toHaveLength(1);
    expect(await notices(g.guaranteeId)).toEqual([
      { kind: PERIOD_ENDING_NOTICE, occasion: END, mails: 1 },
      { kind: PERIOD_ENDING_CONTRACTOR_NOTICE, occasion: END, mails: 1 },
    ]);

    // A third run sends nothing to anyone.
    expect(await sendPeriodEndingNotices(db, tokyoMoment(addDaysIso(END, -18), '09:00'))).toMatchObject({ notified: 0, mails: 0, failed: 0 });
    expect(await mailsAfterConclusion(g.guaranteeId)).toBe(2);
  });

  it("the orderers' failure neither rolls back nor holds up the contractor's mail; the next run sends the orderers' alone", async () => {
    // The orderer's mail fails (an address the outbox refuses, as a bug would leave it).
    const city = await makeOrderer();
    const cityClerk = await makeUser('ORDERER', city.id, city.departmentId, { email: `a-${uid()}@city.example.jp` });
    const g = await concludedGuarantee(company, city);
    await db.guarantee.update({ where: { id: g.guaranteeId }, data: { periodEnd: isoDateToDb(WORKS_END) } });
    await confirm(db, { guaranteeId: g.guaranteeId, clerk: cityClerk });
    await db.user.update({ where: { id: cityClerk.id }, data: { email: 'not an address' } });
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await sendPeriodEndingNotices(db, SWEEP)).toMatchObject({ notified: 1, failed: 1 });
    } finally {
      quiet.mockRestore();
    }
    expect(await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.PERIOD_ENDING)).toHaveLength(1);
    expect(await contractorMails(g.guaranteeId, 'confirmed-period-ending')).toHaveLength(0);
    expect(await notices(g.guaranteeId)).toEqual([{ kind: PERIOD_ENDING_CONTRACTOR_NOTICE, occasion: END, mails: 1 }]);
    await db.user.update({ where: { id: cityClerk.id }, data: { email: `a-${uid()}@city.example.jp` } });
    expect(await sendPeriodEndingNotices(db, SWEEP)).toMatchObject({ notified: 1, failed: 0 });
    expect(await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.PERIOD_ENDING)).toHaveLength(1);
    expect(await contractorMails(g.guaranteeId, 'confirmed-period-ending')).toHaveLength(1);
  });

  it('a cancelled guarantee gets no 満了間近 mail', async () => {
    const g = await ending();
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: TODAY, reason: '契約解除のため' }));
    await sendPeriodEndingNotices(db, SWEEP);
    expect(await contractorMails(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.PERIOD_ENDING)).toHaveLength(0);
  });
});
