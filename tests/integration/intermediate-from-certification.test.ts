import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ReviewPage from '@/app/admin/applications/[id]/page';
import ContractorApplicationPage from '@/app/contractor/applications/[id]/page';
import { getDb } from '@/db/client';
import { applicationReviewExtras } from '@/domain/applications/review';
import { CERTIFICATION_APPLICATION_MESSAGES as C, certificationPrefill, usableCertifications } from '@/domain/applications/from-certification';
import { getApplicationForReview, getContractorApplication } from '@/domain/applications/queries';
import { INTERMEDIATE_MESSAGES } from '@/domain/applications/rules';
import { saveApplication } from '@/domain/applications/save-application';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { requestCertification } from '@/domain/certifications/request-certification';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';
import { saveDepartment } from '@/domain/organizations/save-department';
import { tokyoMoment } from '@/demo/term-dates';
import { formatListDate, isoDateToDb } from '@/lib/dates';
import { applicationInput, concludedGuarantee, makeOrderer, makeUser, must, officer, TERM, uid } from '../support/factories';
import { interrupt } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * The application side of a 中間前払金 from a 認定 (issue 16, D15, D16, B5): the form starts from the
 * 認定 (prefilled from it and its 前払金保証), the use case writes the contract over what was sent, the
 * orderer's rule asks for a 認定, 2/10 and the combined bound apply, and a 認定 is used once only and by
 * its own company only. Dates come from the factory's contract (TERM); the 認定 is decided on the
 * day its half passes.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>> & { works: string; clerk: User };

const HALF = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
const NOW = tokyoMoment(HALF, '10:00:00');
const LATER = tokyoMoment(HALF, '15:00:00');

let contractor: User;
let colleague: User;
let stranger: User;
let partner: User; // the JV's 構成員
let ruled: Orderer; // 認定 required, 前払金 + 中間前払金 ≤ 6/10
let tight: Orderer; // 認定 required, ≤ 5/10
let free: Orderer; // no rule, no combined limit

async function orderer(rules: { intermediateRequiresCertification: boolean; combinedAdvanceNumerator: number | null; combinedAdvanceDenominator: number | null }): Promise<Orderer> {
  const db = await getDb();
  const o = await makeOrderer();
  const works = must(await saveDepartment(db, await officer(db), o.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: `doboku-${uid()}@city.example.jp`, active: true }));
  await db.ordererRules.update({ where: { organizationId: o.id }, data: rules });
  const clerk = await makeUser('ORDERER', o.id, works.id);
  return { ...o, works: works.id, clerk };
}

beforeAll(async () => {
  contractor = await makeUser('CONTRACTOR');
  colleague = await makeUser('CONTRACTOR', contractor.actor.organizationId);
  stranger = await makeUser('CONTRACTOR');
  partner = await makeUser('CONTRACTOR');
  ruled = await orderer({ intermediateRequiresCertification: true, combinedAdvanceNumerator: 6, combinedAdvanceDenominator: 10 });
  tight = await orderer({ intermediateRequiresCertification: true, combinedAdvanceNumerator: 5, combinedAdvanceDenominator: 10 });
  free = await orderer({ intermediateRequiresCertification: false, combinedAdvanceNumerator: null, combinedAdvanceDenominator: null });
});

/** A 前払金保証 (請負金額 100,000,000, 前払金 40,000,000) of `who` for `o`, and its CERTIFIED 認定. */
async function certified(o: Orderer = ruled, who: User = contractor, patch: Record<string, unknown> = {}, decision: 'CERTIFY' | 'REFUSE' | null = 'CERTIFY', requestedAmount = '20,000,000') {
  const db = await getDb();
  const g = await concludedGuarantee(who, { id: o.id, departmentId: o.works }, patch);
  const r = must(
    await requestCertification(
      db,
      who.actor,
      {
        guaranteeNumber: g.number,
        reportedOn: HALF,
        plannedProgress: '48',
        actualProgress: '51.5',
        workDoneAmount: '56,000,000',
        requestedAmount,
        noPartialPayment: 'on',
        files: [{ name: '工事履行報告書.pdf', type: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') }],
      },
      { now: NOW, attachmentDir: null },
    ),
  );
  if (decision) must(await decideCertification(db, o.clerk.actor, r.id, { decision, note: decision === 'REFUSE' ? '出来高の根拠が不足しています。' : undefined }, LATER));
  return { guarantee: g, certificationId: r.id };
}

/** An INTERMEDIATE application as a user would type it for `o` (its 工事担当課 土木課). */
const intermediate = (o: Orderer, patch: Record<string, unknown> = {}) =>
  applicationInput(o.id, o.works, { guaranteeKind: 'INTERMEDIATE', guaranteeAmount: '20,000,000', guaranteeStart: HALF, ...patch });

describe('starting from a 認定', () => {
  it('the form is prefilled from the 認定 and its 前払金保証, and the 認定 is offered', async () => {
    const db = await getDb();
    const { guarantee, certificationId } = await certified();
    const prefill = await certificationPrefill(db, contractor.actor, certificationId);
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: guarantee.guaranteeId }, include: { application: true } });
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    expect(prefill).toEqual({
      guaranteeKind: 'INTERMEDIATE',
      certificationId,
      ordererId: ruled.id,
      worksDepartmentId: ruled.works,
      projectName: g.projectName,
      projectLocation: g.application.projectLocation,
      workType: 'WORKS',
      contractDate: TERM.contractDate.replaceAll('-', '/'),
      periodStart: TERM.periodStart.replaceAll('-', '/'),
      periodEnd: TERM.periodEnd.replaceAll('-', '/'),
      contractAmount: '100,000,000',
      guaranteeStart: formatListDate(c.certifiedOn!),
      guaranteeEnd: formatListDate(g.guaranteeEnd),
      depositBank: '〇〇銀行',
      depositBranch: '▲▲支店',
    });
    const options = await usableCertifications(db, contractor.actor);
    expect(options.find((o) => o.id === certificationId)?.label).toMatch(new RegExp(`^令和\\d+年度第\\d+号 ${g.projectName}（${ruled.name}長 令和\\d+年\\d+月\\d+日認定）$`));
    // Another company is offered nothing of it and gets no prefill.
    expect(await certificationPrefill(db, stranger.actor, certificationId)).toBeNull();
    expect((await usableCertifications(db, stranger.actor)).map((o) => o.id)).not.toContain(certificationId);
  });

  it('the contract is written from the 前払金保証 over whatever was sent; the 認定 and the 前払金保証 are named', async () => {
    const db = await getDb();
    const { guarantee, certificationId } = await certified();
    const tampered = intermediate(free, {
      certificationId,
      guaranteeKind: undefined,
      projectName: '書き換えた工事名',
      projectLocation: '別の場所',
      workType: 'CONSULTING',
      contractDate: '2026/04/01',
      periodStart: '2026/04/02',
      periodEnd: '2030/03/31',
      contractAmount: '900,000,000',
    });
    const { id } = must(await saveApplication(db, contractor.actor, undefined, tampered, { submit: true }));
    const app = await getContractorApplication(db, contractor.actor, id);
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: guarantee.guaranteeId }, include: { application: true } });
    expect(app).toMatchObject({
      status: 'SUBMITTED',
      guaranteeKind: 'INTERMEDIATE',
      certificationId,
      advanceGuaranteeId: guarantee.guaranteeId,
      ordererId: ruled.id,
      worksDepartmentId: ruled.works,
      projectName: g.projectName,
      projectLocation: g.application.projectLocation,
      workType: 'WORKS',
      contractDate: isoDateToDb(TERM.contractDate),
      periodStart: isoDateToDb(TERM.periodStart),
      periodEnd: isoDateToDb(TERM.periodEnd),
      contractAmount: 100_000_000n,
      guaranteeAmount: 20_000_000n,
      jointVentureId: null,
    });
  });

  it('a 認定 of another company, one not certified, and a used one are refused at the field', async () => {
    const db = await getDb();
    const { certificationId } = await certified();
    expect(await saveApplication(db, stranger.actor, undefined, intermediate(ruled, { certificationId }), { submit: true })).toEqual({ ok: false, fieldErrors: { certificationId: [C.unknown] } });
    expect(await saveApplication(db, stranger.actor, undefined, intermediate(ruled, { certificationId }), { submit: false })).toEqual({ ok: false, fieldErrors: { certificationId: [C.unknown] } });

    const waiting = await certified(ruled, contractor, {}, null);
    expect(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId: waiting.certificationId }), { submit: true })).toEqual({
      ok: false,
      fieldErrors: { certificationId: [C.notCertified] },
    });
    const refused = await certified(ruled, contractor, {}, 'REFUSE');
    expect(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId: refused.certificationId }), { submit: true })).toEqual({
      ok: false,
      fieldErrors: { certificationId: [C.notCertified] },
    });

    // A colleague's draft does not use it; a submission does, for everyone else.
    const draft = must(await saveApplication(db, colleague.actor, undefined, intermediate(ruled, { certificationId }), { submit: false }));
    const first = must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId }), { submit: true }));
    expect(await saveApplication(db, colleague.actor, draft.id, intermediate(ruled, { certificationId }), { submit: true })).toEqual({ ok: false, fieldErrors: { certificationId: [C.used] } });
    expect((await usableCertifications(db, contractor.actor)).map((o) => o.id)).not.toContain(certificationId);
    expect(await certificationPrefill(db, contractor.actor, certificationId)).toBeNull();
    // The application holding it may still be saved again (差戻し and resubmission).
    await db.application.update({ where: { id: first.id }, data: { status: 'RETURNED' } });
    must(await saveApplication(db, contractor.actor, first.id, intermediate(ruled, { certificationId }), { submit: true }));
  });

  it("a draft's 認定 used since by another application stays in its list and is refused at the field, not dropped", async () => {
    const db = await getDb();
    const { certificationId } = await certified();
    const one = must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId }), { submit: false }));
    const other = must(await saveApplication(db, colleague.actor, undefined, intermediate(ruled, { certificationId }), { submit: false }));
    must(await saveApplication(db, contractor.actor, one.id, intermediate(ruled, { certificationId }), { submit: true }));
    // The other draft's form still shows its 認定 (the select would otherwise post 「認定を使わない」).
    expect((await usableCertifications(db, colleague.actor, { keep: other.id })).map((o) => o.id)).toContain(certificationId);
    expect((await usableCertifications(db, colleague.actor)).map((o) => o.id)).not.toContain(certificationId);
    // Saving it refuses the 認定 at its field with the reason.
    expect(await saveApplication(db, colleague.actor, other.id, intermediate(ruled, { certificationId }), { submit: false })).toEqual({ ok: false, fieldErrors: { certificationId: [C.used] } });
    // Another company's application id keeps nothing.
    expect((await usableCertifications(db, stranger.actor, { keep: other.id })).map((o) => o.id)).not.toContain(certificationId);
  });

  it('a newer usable 認定 is offered behind 100 older unusable ones (filtered before the limit)', async () => {
    const db = await getDb();
    const company = await makeUser('CONTRACTOR');
    const { certificationId } = await certified(free, company);
    const row = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    // 100 older 認定, each of its own cancelled 前払金保証 (copies of one, a 認定 being live once per 前払金保証).
    const cancelled = await concludedGuarantee(company, { id: free.id, departmentId: free.works });
    const g = await db.guarantee.update({ where: { id: cancelled.guaranteeId }, data: { status: 'CANCELLED' } });
    const a = await db.application.findUniqueOrThrow({ where: { id: g.applicationId } });
    const { id: _g, applicationId: _a, number, ...guaranteeCopy } = g;
    const { id: _id, ...applicationCopy } = a;
    const { id: _c, documentContent, ...certificationCopy } = row;
    for (let i = 0; i < 100; i++) {
      const app = await db.application.create({ data: { ...applicationCopy, publicId: undefined } as never, select: { id: true } });
      const copy = await db.guarantee.create({ data: { ...guaranteeCopy, number: `Z${String(i).padStart(3, '0')}${number.slice(4)}`, applicationId: app.id } as never, select: { id: true } });
      await db.intermediateCertification.create({
        data: { ...certificationCopy, documentContent: documentContent ?? {}, advanceGuaranteeId: copy.id, certifiedOn: isoDateToDb('2001-01-01'), fiscalYear: 2000, serial: i + 1 } as never,
      });
    }
    expect((await usableCertifications(db, company.actor, { now: LATER })).map((o) => o.id)).toEqual([certificationId]);
  });

  it('two submissions of one 認定 at once: one is taken, the other refused at the field', async () => {
    const db = await getDb();
    const { certificationId } = await certified();
    const results = await Promise.all([contractor, colleague].map((who) => saveApplication(db, who.actor, undefined, intermediate(ruled, { certificationId }), { submit: true })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, fieldErrors: { certificationId: [C.used] } });
    expect(await db.application.count({ where: { certificationId, status: 'SUBMITTED' } })).toBe(1);
  });

  it('a 認定 chosen for another kind of guarantee is not kept', async () => {
    const db = await getDb();
    const { certificationId } = await certified();
    const { id } = must(await saveApplication(db, contractor.actor, undefined, applicationInput(free.id, free.works, { certificationId }), { submit: true }));
    expect(await getContractorApplication(db, contractor.actor, id)).toMatchObject({ guaranteeKind: 'ADVANCE', certificationId: null, advanceGuaranteeId: null });
  });
});

describe("the orderer's rules", () => {
  it('with the rule, a 中間前払金 without a 認定 is refused at 中間前払金の認定 naming the orderer; without it, it passes', async () => {
    const db = await getDb();
    expect(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { guaranteeStart: TERM.guaranteeStart }), { submit: true })).toEqual({
      ok: false,
      fieldErrors: { certificationId: [INTERMEDIATE_MESSAGES.certificationRequired(ruled.name)] },
    });
    // A draft is not checked against the rules.
    must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { guaranteeStart: TERM.guaranteeStart }), { submit: false }));
    must(await saveApplication(db, contractor.actor, undefined, intermediate(free, { guaranteeStart: TERM.guaranteeStart }), { submit: true }));
  });

  it('中間前払金 for a 建設コンサルタント業務 is refused at 区分', async () => {
    const db = await getDb();
    const refused = await saveApplication(db, contractor.actor, undefined, intermediate(free, { guaranteeStart: TERM.guaranteeStart, workType: 'CONSULTING' }), { submit: true });
    expect(refused).toEqual({ ok: false, fieldErrors: { guaranteeKind: [INTERMEDIATE_MESSAGES.worksOnly] } });
  });

  it('2/10 of the 請負金額 and 前払金 + 中間前払金 within the combined bound (6/10, 5/10)', async () => {
    const db = await getDb();
    const six = await certified(ruled);
    // 40,000,000 + 20,000,000 = 6/10 exactly.
    must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId: six.certificationId }), { submit: false }));
    const over = await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId: six.certificationId, guaranteeAmount: '20,000,001' }), { submit: true });
    expect(over).toEqual({
      ok: false,
      fieldErrors: {
        guaranteeAmount: [
          expect.stringContaining('請負金額の2/10（20,000,000円）以下'),
          INTERMEDIATE_MESSAGES.combined(ruled.name, '6/10', 60_000_000n, 40_000_000n),
        ],
      },
    });
    must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId: six.certificationId }), { submit: true }));

    // The 認定 asked for what 5/10 leaves (10,000,000); the application asks for more.
    const five = await certified(tight, contractor, {}, 'CERTIFY', '10,000,000');
    expect(await saveApplication(db, contractor.actor, undefined, intermediate(tight, { certificationId: five.certificationId }), { submit: true })).toEqual({
      ok: false,
      fieldErrors: { guaranteeAmount: [INTERMEDIATE_MESSAGES.combined(tight.name, '5/10', 50_000_000n, 40_000_000n)] },
    });
    must(await saveApplication(db, contractor.actor, undefined, intermediate(tight, { certificationId: five.certificationId, guaranteeAmount: '10,000,000' }), { submit: true }));
  });
});

describe('a JV contract', () => {
  it("the 代表者 applies from the JV's 認定: the JV and its 分割預託 come from the 前払金保証", async () => {
    const db = await getDb();
    const jv = must(
      await saveJointVenture(db, await officer(db), undefined, {
        name: `〇〇・△△特定建設工事共同企業体${uid()}`,
        kind: 'SPECIFIC',
        mode: 'JOINT',
        representative: '0',
        members: [
          { organizationId: contractor.actor.organizationId, share: '60' },
          { organizationId: partner.actor.organizationId, share: '40' },
        ],
      }),
    ).id;
    const deposits = [
      { organizationId: contractor.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '60' },
      { organizationId: partner.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '40' },
    ];
    const { certificationId } = await certified(ruled, contractor, { jointVentureId: jv, depositMode: 'SPLIT', depositBank: undefined, depositBranch: undefined, deposits });
    const prefill = await certificationPrefill(db, contractor.actor, certificationId);
    expect(prefill).toMatchObject({ jointVentureId: jv, depositMode: 'SPLIT', deposits });
    // Sent without the JV, it is the JV's application all the same.
    const { id } = must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId, depositMode: 'SPLIT', deposits }), { submit: true }));
    const app = await getContractorApplication(db, contractor.actor, id);
    expect(app).toMatchObject({ jointVentureId: jv, depositMode: 'SPLIT' });
    expect(app.deposits.map((d) => d.shareBasisPoints)).toEqual([6000, 4000]);
    // The member does not see the 代表者's 認定.
    expect(await usableCertifications(db, partner.actor)).toEqual([]);
  });
});

describe("the officers' review", () => {
  it('shows the 認定 of a 中間前払金 (number, 認定日, who, figures, the 前払金保証) or that there is none, and the page opens for officers only', async () => {
    const db = await getDb();
    const admin = await makeUser('ADMIN', (await officer(db)).organizationId);
    const { guarantee, certificationId } = await certified();
    const { id } = must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId }), { submit: true }));
    const extras = applicationReviewExtras(await getApplicationForReview(db, admin.actor, id));
    expect(extras.jointVenture).toBeNull();
    expect(extras.deposits).toBeNull();
    expect(extras.certification).toMatchObject({
      kind: 'certified',
      id: certificationId,
      number: expect.stringMatching(/^令和\d+年度第\d+号$/),
      certifier: `${ruled.name}長`,
      department: '土木課',
      plannedProgress: '48',
      actualProgress: '51.5',
      workDoneAmount: 56_000_000n,
      advance: { number: guarantee.number, amount: 40_000_000n },
    });
    const without = must(await saveApplication(db, contractor.actor, undefined, intermediate(free, { guaranteeStart: TERM.guaranteeStart }), { submit: true }));
    expect(applicationReviewExtras(await getApplicationForReview(db, admin.actor, without.id)).certification).toEqual({ kind: 'none', ordererName: free.name, required: false });
    // An advance has no 認定 block.
    const advance = must(await saveApplication(db, contractor.actor, undefined, applicationInput(free.id, free.works), { submit: true }));
    expect(applicationReviewExtras(await getApplicationForReview(db, admin.actor, advance.id)).certification).toBeNull();

    for (const [who, expected] of [[admin, 'passed'], [contractor, 'not-found'], [ruled.clerk, 'not-found'], [null, 'redirect:/login']] as const) {
      signInAs(who);
      expect(await interrupt(ReviewPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never))).toBe(expected);
    }
  });

  it("the application's summary (the contractor's page and the officer's) names the 認定: number, 認定日, the orderer; or that there is none", async () => {
    const db = await getDb();
    const admin = await makeUser('ADMIN', (await officer(db)).organizationId);
    const { certificationId } = await certified();
    const { id } = must(await saveApplication(db, contractor.actor, undefined, intermediate(ruled, { certificationId }), { submit: true }));
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    const expected = (html: string) => {
      const m = html.match(/<dt>中間前払金の認定<\/dt><dd class="pre-wrap">([^<]*)<\/dd>/);
      expect(m?.[1]).toMatch(new RegExp(`^令和\\d+年度第${c.serial}号（認定日 ${formatListDate(c.certifiedOn!)}・${ruled.name}長）$`));
    };
    const page = { params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never;
    signInAs(contractor);
    expected(renderToStaticMarkup(await ContractorApplicationPage(page)));
    signInAs(admin);
    expected(renderToStaticMarkup(await ReviewPage(page)));
    // Without a 認定: said so; an advance has no such row.
    const without = must(await saveApplication(db, contractor.actor, undefined, intermediate(free, { guaranteeStart: TERM.guaranteeStart }), { submit: true }));
    expect(renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ id: without.id }), searchParams: Promise.resolve({}) } as never))).toContain(
      `<dt>中間前払金の認定</dt><dd class="pre-wrap">認定なし</dd>`,
    );
    const advance = must(await saveApplication(db, contractor.actor, undefined, applicationInput(free.id, free.works), { submit: true }));
    expect(renderToStaticMarkup(await ReviewPage({ params: Promise.resolve({ id: advance.id }), searchParams: Promise.resolve({}) } as never))).not.toContain('<dt>中間前払金の認定</dt>');
  });

  it('shows the JV with its members, shares and warnings, and each 分割預託 account with its part of the 保証金額', async () => {
    const db = await getDb();
    const admin = await makeUser('ADMIN', (await officer(db)).organizationId);
    const jv = must(
      await saveJointVenture(db, await officer(db), undefined, {
        name: `〇〇・△△特定建設工事共同企業体${uid()}`,
        kind: 'SPECIFIC',
        mode: 'JOINT',
        representative: '0',
        members: [
          { organizationId: contractor.actor.organizationId, share: '40' },
          { organizationId: partner.actor.organizationId, share: '60' },
        ],
      }),
    ).id;
    const deposits = [
      { organizationId: contractor.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '' },
      { organizationId: partner.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '' },
    ];
    const { id } = must(
      await saveApplication(db, contractor.actor, undefined, applicationInput(free.id, free.works, { jointVentureId: jv, depositMode: 'SPLIT', deposits, guaranteeAmount: '39,999,999' }), { submit: true }),
    );
    const extras = applicationReviewExtras(await getApplicationForReview(db, admin.actor, id));
    expect(extras.jointVenture).toMatchObject({
      kind: 'SPECIFIC',
      mode: 'JOINT',
      members: [
        { role: 'REPRESENTATIVE', share: '40' },
        { role: 'MEMBER', share: '60' },
      ],
      warnings: [expect.stringContaining('代表者は、出資比率が構成員中最大')],
    });
    expect(extras.deposits?.map((d) => [d.bank, d.share, d.amount])).toEqual([
      ['〇〇銀行', '40', 16_000_000n],
      ['△△信用金庫', '60', 23_999_999n],
    ]);
  });
});
