import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from '@/domain/certifications/labels';
import { parseContractorCertificationParams } from '@/domain/certifications/list-params';
import { countWaitingCertifications, listCertificationsForContractor, listCertificationsForOfficer } from '@/domain/certifications/queries';
import { canRequestCertification, certificationRequestContext } from '@/domain/certifications/request-context';
import { requestCertification } from '@/domain/certifications/request-certification';
import { halfPeriodDate, periodDays } from '@/domain/certifications/rules';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { STANDARD_LIMITS } from '@/domain/organizations/standard-rules';
import { tokyoMoment } from '@/demo/term-dates';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TERM } from '../support/factories';

/**
 * What the 認定 screens read besides the use cases (decision 067): the request form's context (the
 * contract, the half day, the bounds, why no request can be made), the clerk's count of 認定待ち,
 * the officers' list, the list rows' columns; and the orderer form's 認定 rules (saveOrderer).
 */

const HALF = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
const NOW = tokyoMoment(HALF, '10:00:00');
const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

type Made = Awaited<ReturnType<typeof makeUser>>;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let works: { id: string };
let contractor: Made;
let stranger: Made;
let clerk: Made;
let otherDept: Made;

beforeAll(async () => {
  const db = await getDb();
  const a = await officer(db);
  orderer = await makeOrderer();
  works = must(await saveDepartment(db, a, orderer.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: 'doboku@city.example.jp', active: true }));
  contractor = await makeUser('CONTRACTOR');
  stranger = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER', orderer.id, works.id);
  otherDept = await makeUser('ORDERER', orderer.id, orderer.departmentId);
});

describe('the request form’s context', () => {
  it('shows the 前払金保証’s contract, the half day and the bounds (2/10, and 6/10 less the 前払金), then refuses once a request waits', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(contractor, { id: orderer.id, departmentId: works.id });
    const c = await certificationRequestContext(db, contractor.actor, g.number, NOW);
    expect(c).toMatchObject({
      number: g.number.trim(),
      refusal: null,
      ordererName: orderer.name,
      periodStart: TERM.periodStart,
      periodEnd: TERM.periodEnd,
      periodDays: periodDays(TERM.periodStart, TERM.periodEnd),
      halfDate: HALF,
      contractAmount: 100_000_000n,
      advanceAmount: 40_000_000n,
      halfOfContract: 50_000_000n,
      // 2/10 = 20,000,000; 6/10 − 40,000,000 = 20,000,000 (the factory's orderer keeps the standard limits).
      requestable: 20_000_000n,
    });
    expect(await canRequestCertification(db, contractor.actor, g.number, NOW)).toBe(true);

    must(
      await requestCertification(
        db,
        contractor.actor,
        { guaranteeNumber: g.number, reportedOn: HALF, plannedProgress: '48', actualProgress: '50', workDoneAmount: '56,000,000', requestedAmount: '20,000,000', noPartialPayment: 'on', files: [{ name: 'r.pdf', type: 'application/pdf', bytes: pdf }] },
        { now: NOW, attachmentDir: null },
      ),
    );
    expect((await certificationRequestContext(db, contractor.actor, g.number, NOW)).refusal).toBe(M.liveExists);
    expect(await canRequestCertification(db, contractor.actor, g.number, NOW)).toBe(false);

    // Another company's number, or a number that is none, is not found (decision 007); the link is not offered.
    await expect(certificationRequestContext(db, stranger.actor, g.number, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(certificationRequestContext(db, contractor.actor, 'x', NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await canRequestCertification(db, stranger.actor, g.number, NOW)).toBe(false);

    // The lists carry what the screens show: 発注者, 請負金額, 工期.
    const list = await listCertificationsForContractor(db, contractor.actor, parseContractorCertificationParams({}));
    expect(list.rows[0]).toMatchObject({ ordererName: orderer.name, contractAmount: 100_000_000n, periodStart: TERM.periodStart, periodEnd: TERM.periodEnd, certifiedOn: null });
  });

  it('counts 認定待ち for the clerk’s own department only; the officers list every request; the other sides cannot', async () => {
    const db = await getDb();
    expect(await countWaitingCertifications(db, clerk.actor)).toBe(1);
    expect(await countWaitingCertifications(db, otherDept.actor)).toBe(0);
    await expect(countWaitingCertifications(db, contractor.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const a = await officer(db);
    const all = await listCertificationsForOfficer(db, a, parseContractorCertificationParams({}));
    expect(all.rows.some((r) => r.ordererName === orderer.name)).toBe(true);
    await expect(listCertificationsForOfficer(db, clerk.actor, parseContractorCertificationParams({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the orderer form’s 認定 rules', () => {
  const base = (name: string) => ({ name, certificateName: `${name}長`, subjectTemplate: '【電子保証】{保証契約番号}', ...STANDARD_LIMITS });

  it('stores whether a 認定 is needed, who certifies and the combined bound; empty bound: none', async () => {
    const db = await getDb();
    const a = await officer(db);
    const o = await makeOrderer();
    const dept = must(await saveDepartment(db, a, o.id, undefined, { name: '監理課', kind: 'OTHER', active: true }));
    must(await saveOrderer(db, a, o.id, { ...base(o.name), intermediateRequiresCertification: true, certificationRoute: dept.id, limitAdvanceCombined: '５/10' }));
    expect(await db.ordererRules.findUniqueOrThrow({ where: { organizationId: o.id } })).toMatchObject({
      intermediateRequiresCertification: true,
      certificationRoute: 'FIXED_DEPARTMENT',
      certificationDepartmentId: dept.id,
      combinedAdvanceNumerator: 5,
      combinedAdvanceDenominator: 10,
    });
    must(await saveOrderer(db, a, o.id, { ...base(o.name), limitAdvanceCombined: undefined }));
    expect(await db.ordererRules.findUniqueOrThrow({ where: { organizationId: o.id } })).toMatchObject({
      intermediateRequiresCertification: false,
      certificationRoute: 'WORKS_DEPARTMENT',
      certificationDepartmentId: null,
      combinedAdvanceNumerator: null,
      combinedAdvanceDenominator: null,
    });
  });

  it('refuses another orderer’s department at the field, and a combined bound that is not a fraction', async () => {
    const db = await getDb();
    const a = await officer(db);
    const o = await makeOrderer();
    const r = await saveOrderer(db, a, o.id, { ...base(o.name), certificationRoute: works.id });
    expect(r.ok ? null : r.fieldErrors).toEqual({ certificationRoute: ['この発注者の部署を選択してください。'] });
    const bad = await saveOrderer(db, a, o.id, { ...base(o.name), limitAdvanceCombined: '6割' });
    expect(bad.ok ? null : Object.keys(bad.fieldErrors)).toEqual(['limitAdvanceCombined']);
  });
});
