import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { getDb } from '@/db/client';
import { saveApplication } from '@/domain/applications/save-application';
import type { CertificateContent } from '@/domain/certificates/content';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { getCertification } from '@/domain/certifications/queries';
import { requestCertification } from '@/domain/certifications/request-certification';
import { certificationNumberLabel, halfPeriodDate } from '@/domain/certifications/rules';
import { recordChange } from '@/domain/changes/record-change';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { saveDepartment } from '@/domain/organizations/save-department';
import { tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, dbDateToIso, fiscalYearOf, todayInTokyo } from '@/lib/dates';
import { applicationInput, concludedGuarantee, makeOrderer, makeUser, must, officer, TERM, TEST_KEY_SECRET as SECRET } from '../support/factories';

/**
 * The conclusion side of a 中間前払金保証 from the orderer's 認定 (issue 16 B5, D17; decision 012): the
 * guarantee names its 認定 (one guarantee per 認定, ever), version 1 records the 認定's number, date and
 * 認定権者, which the clerk's lookup and viewer show; a 認定 no longer 認定 or already used is refused
 * in Japanese and nothing is written. Dates from the factory's contract (TERM), `now` given.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
const HALF = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
const NOW = tokyoMoment(HALF, '10:00:00');
const LATER = tokyoMoment(HALF, '15:00:00');
const pdf = new TextEncoder().encode('%PDF-1.4\n% report\n%%EOF\n');

let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let works: { id: string };
let contractor: Made;
let clerk: Made; // 土木課: certifies
let viewerClerk: Made; // 契約課 of the same orderer: looks the certificate up

beforeAll(async () => {
  const db = await getDb();
  orderer = await makeOrderer();
  works = must(await saveDepartment(db, await officer(db), orderer.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: 'doboku@city.example.jp', active: true }));
  await db.ordererRules.update({ where: { organizationId: orderer.id }, data: { combinedAdvanceNumerator: 6, combinedAdvanceDenominator: 10 } });
  contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: 'maru@kensetsu.example.jp' });
  clerk = await makeUser('ORDERER', orderer.id, works.id, { name: '大村 土木' });
  viewerClerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
});

/** A 前払金保証 of the contractor and its 認定 requested (認定待ち). */
async function requested() {
  const db = await getDb();
  const advance = await concludedGuarantee(contractor, { id: orderer.id, departmentId: works.id });
  const { id } = must(
    await requestCertification(
      db,
      contractor.actor,
      {
        guaranteeNumber: advance.number,
        reportedOn: HALF,
        plannedProgress: '48',
        actualProgress: '51.5',
        workDoneAmount: '56,000,000',
        requestedAmount: '20,000,000',
        noPartialPayment: 'on',
        files: [{ name: '工事履行報告書.pdf', type: 'application/pdf', bytes: pdf }],
      },
      { now: NOW, attachmentDir: null },
    ),
  );
  return { advance, certificationId: id };
}

/** A 前払金保証 of the contractor, its 認定 requested and certified by 土木課. */
async function certified() {
  const db = await getDb();
  const { advance, certificationId: id } = await requested();
  must(await decideCertification(db, clerk.actor, id, { decision: 'CERTIFY' }, LATER));
  const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id } });
  return { advance, certificationId: id, number: certificationNumberLabel(c.fiscalYear!, c.serial!) };
}

/** The 中間前払金保証's application from the 認定, submitted. */
async function intermediateApplication(certificationId: string | undefined) {
  const db = await getDb();
  return must(
    await saveApplication(
      db,
      contractor.actor,
      undefined,
      applicationInput(orderer.id, works.id, {
        guaranteeKind: 'INTERMEDIATE',
        certificationId,
        guaranteeAmount: '20,000,000',
        // From a 認定 the 保証期間 starts on the 認定's day; without one it covers the 工期.
        guaranteeStart: certificationId ? HALF : TERM.guaranteeStart,
      }),
      { submit: true, now: LATER },
    ),
  ).id;
}

const contentOf = async (guaranteeId: string) =>
  (await (await getDb()).certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } })).content as unknown as CertificateContent;

describe('締結 of a 中間前払金保証 from a 認定', () => {
  it('names the 認定, records it in the certificate, and the clerk’s lookup, viewer and 認定 detail show it', async () => {
    const db = await getDb();
    const { certificationId, number } = await certified();
    expect(number).toBe(certificationNumberLabel(fiscalYearOf(HALF), 1)); // the orderer's first 認定 of the year
    const appId = await intermediateApplication(certificationId);
    // Before the conclusion the clerk's 認定 detail says nothing of a guarantee.
    expect((await getCertification(db, clerk.actor, certificationId)).guaranteeConcluded).toBe(false);

    const { guaranteeId, number: guaranteeNumber } = must(await concludeApplication(db, await officer(db), appId, SECRET, { now: LATER }));
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
    expect(g).toMatchObject({ kind: 'INTERMEDIATE', certificationId });
    const content = await contentOf(guaranteeId);
    expect(content.intermediateCertification).toEqual({ number, certifiedOn: HALF, certifier: `${orderer.name}長` });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'application.conclude', targetId: appId } });
    expect(audit.details).toMatchObject({ certificationId, certificationNumber: number });

    expect((await getCertification(db, clerk.actor, certificationId)).guaranteeConcluded).toBe(true);

    const key = (await getKeyPage(db, contractor.actor, guaranteeNumber, SECRET, LATER)).key;
    const found = await lookupCertificate(db, { kind: 'user', actor: viewerClerk.actor }, { number: guaranteeNumber, key }, { secret: SECRET, clientAddress: '10.17.0.1' });
    expect(found.status).toBe('found');
    if (found.status !== 'found') return;
    // What the API returns as `certificate` is this content (verification-api.ts: latest.content).
    expect(found.versions[0]!.content.intermediateCertification).toEqual({ number, certifiedOn: HALF, certifier: `${orderer.name}長` });
    const viewer = await getConfirmedCertificate(db, viewerClerk.actor, guaranteeNumber);
    const html = renderToStaticMarkup(createElement(CertificateDocument, { content: viewer.versions[0]!.content }));
    expect(html).toContain('<th scope="row">中間前払金認定</th>');
    expect(html).toContain(number);
    expect(html).toContain(`${orderer.name}長）`);
  });

  it('refuses a second conclusion from the same 認定 in Japanese, writing nothing (the unique index behind it)', async () => {
    const db = await getDb();
    const { certificationId, number } = await certified();
    const first = await intermediateApplication(certificationId);
    // A second application that reached the officers with the same 認定 (as a race past the
    // application's own check would): the conclusion is the last word.
    const second = await intermediateApplication(undefined);
    await db.application.update({ where: { id: second }, data: { certificationId } });
    const concluded = must(await concludeApplication(db, await officer(db), first, SECRET, { now: LATER }));
    const guarantees = await db.guarantee.count();
    const mails = await db.outboxMail.count();
    const refused = concludeApplication(db, await officer(db), second, SECRET, { now: LATER });
    await expect(refused).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: `この申込の中間前払金の認定（${number}）に基づく保証契約はすでに締結されています（保証契約番号 ${concluded.number}）。同じ認定で二つの保証契約は締結できません。申込を差し戻してください。`,
    });
    expect(await db.guarantee.count()).toBe(guarantees);
    expect(await db.outboxMail.count()).toBe(mails);
    expect((await db.application.findUniqueOrThrow({ where: { id: second } })).status).toBe('SUBMITTED');
  });

  it('refuses a 認定 that is not 認定 in Japanese', async () => {
    const db = await getDb();
    // The application's own check never lets such a 認定 through; the conclusion checks again (a
    // 認定 keeps its status once given, the database's check says so, so a waiting one stands in).
    const { certificationId } = await requested();
    const appId = await intermediateApplication(undefined);
    await db.application.update({ where: { id: appId }, data: { certificationId } });
    await expect(concludeApplication(db, await officer(db), appId, SECRET, { now: LATER })).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: 'この申込の中間前払金の認定は現在「認定」の状態ではないため締結できません。申込を差し戻してください。',
    });
    expect(await db.guarantee.count({ where: { applicationId: appId } })).toBe(0);
    expect((await db.application.findUniqueOrThrow({ where: { id: appId } })).status).toBe('SUBMITTED');
  });
});

describe('変更契約 of a 中間前払金保証 from a 認定, and of its 前払金保証', () => {
  /** The 前払金保証 and the 中間前払金保証 concluded from its 認定 (保証期間 from the 認定日 HALF). */
  async function both() {
    const db = await getDb();
    const { advance, certificationId } = await certified();
    const { guaranteeId } = must(await concludeApplication(db, await officer(db), await intermediateApplication(certificationId), SECRET, { now: LATER }));
    return { advance, intermediateId: guaranteeId };
  }
  /**
   * The officer's form: every term as it stands, then `patch`; dated the 中間前払金保証's conclusion day
   * (HALF, the 認定's), or today for the 前払金保証 (the factory concludes it today).
   */
  async function form(guaranteeId: string, patch: Record<string, string>, changeDate = HALF) {
    const g = await (await getDb()).guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
    return {
      guaranteeAmount: g.guaranteeAmount.toString(),
      contractAmount: g.contractAmount.toString(),
      periodStart: dbDateToIso(g.periodStart),
      periodEnd: dbDateToIso(g.periodEnd),
      guaranteeStart: dbDateToIso(g.guaranteeStart),
      guaranteeEnd: dbDateToIso(g.guaranteeEnd),
      projectName: g.projectName,
      changeDate,
      reason: '変更契約による',
      ...patch,
    };
  }
  const combined = expect.stringContaining('の前払金と中間前払金の合計は、請負金額の6/10（59,400,000円）以下にしてください');

  it('a 工期延長 is recorded: the 保証期間 starts on the 認定日, after 工期（自）, as the application had it', async () => {
    const db = await getDb();
    const { intermediateId } = await both();
    const extended = addDaysIso(TERM.guaranteeEnd, 30);
    const done = must(await recordChange(db, await officer(db), intermediateId, await form(intermediateId, { periodEnd: extended, guaranteeEnd: extended }), { now: LATER }));
    expect(done.decision).toMatchObject({ kind: 'RECORD_ONLY', reasonNote: '注2' });
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: intermediateId } });
    expect([dbDateToIso(g.guaranteeStart), dbDateToIso(g.guaranteeEnd), dbDateToIso(g.periodEnd)]).toEqual([HALF, extended, extended]);
  });

  it('前払金 + 中間前払金 within the orderer’s combined limit: a change of either guarantee past it is refused, nothing written', async () => {
    const db = await getDb();
    const { advance, intermediateId } = await both();
    const changes = await db.guaranteeChange.count();
    // 6/10 of 99,000,000 is 59,400,000: 39,600,000 + 20,000,000 and 40,000,000 + 19,800,000 are both above
    // it, while each stays within its own kind's limit (4/10, 2/10).
    const advanceRaised = await recordChange(db, await officer(db), advance.guaranteeId, await form(advance.guaranteeId, { contractAmount: '99,000,000', guaranteeAmount: '39,600,000' }, todayInTokyo()));
    expect(advanceRaised).toEqual({ ok: false, fieldErrors: { guaranteeAmount: [combined] } });
    const intermediateRaised = await recordChange(db, await officer(db), intermediateId, await form(intermediateId, { contractAmount: '99,000,000', guaranteeAmount: '19,800,000' }), { now: LATER });
    expect(intermediateRaised).toEqual({ ok: false, fieldErrors: { guaranteeAmount: [combined] } });
    expect(await db.guaranteeChange.count()).toBe(changes);
    expect((await db.guarantee.findUniqueOrThrow({ where: { id: advance.guaranteeId } })).guaranteeAmount).toBe(40_000_000n);

    // Once the 中間前払金保証 is no longer there to add up (解除), the 前払金保証's change is its own.
    await db.guarantee.update({ where: { id: intermediateId }, data: { status: 'CANCELLED' } });
    const alone = must(await recordChange(db, await officer(db), advance.guaranteeId, await form(advance.guaranteeId, { contractAmount: '99,000,000', guaranteeAmount: '39,600,000' }, todayInTokyo())));
    expect(alone.decision.kind).toBe('NEW_VERSION');
  });
});

describe('締結 of a 中間前払金保証 whose 前払金保証 is no longer 有効', () => {
  /** What a refused conclusion must leave as it was. */
  async function unchanged(appId: string) {
    const db = await getDb();
    return { guarantees: await db.guarantee.count(), mails: await db.outboxMail.count(), audits: await db.auditLog.count({ where: { targetId: appId } }) };
  }

  it('refuses it in Japanese once the 前払金保証 is 解除, writing nothing', async () => {
    const db = await getDb();
    const { advance, certificationId } = await certified();
    const appId = await intermediateApplication(certificationId);
    must(await cancelGuarantee(db, await officer(db), advance.guaranteeId, { cancelledOn: todayInTokyo(), reason: '契約解除のため' }));
    const before = await unchanged(appId);
    await expect(concludeApplication(db, await officer(db), appId, SECRET, { now: LATER })).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: `この申込の前払金保証（保証契約番号 ${advance.number.trim()}）は解除されているため、中間前払金保証は締結できません。申込を差し戻してください。`,
    });
    expect(await unchanged(appId)).toEqual(before);
    expect(await db.guarantee.count({ where: { applicationId: appId } })).toBe(0);
    expect((await db.application.findUniqueOrThrow({ where: { id: appId } })).status).toBe('SUBMITTED');
  });

  it('refuses it once the 前払金保証 is 期間満了 (as the submission would), writing nothing', async () => {
    const db = await getDb();
    const { advance, certificationId } = await certified();
    const appId = await intermediateApplication(certificationId);
    const before = await unchanged(appId);
    const dayAfter = tokyoMoment(addDaysIso(TERM.guaranteeEnd, 1), '10:00:00');
    await expect(concludeApplication(db, await officer(db), appId, SECRET, { now: dayAfter })).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: `この申込の前払金保証（保証契約番号 ${advance.number.trim()}）は保証期間が満了しているため、中間前払金保証は締結できません。申込を差し戻してください。`,
    });
    expect(await unchanged(appId)).toEqual(before);
    expect((await db.application.findUniqueOrThrow({ where: { id: appId } })).status).toBe('SUBMITTED');
  });
});
