import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { APPLICATION_SUBMITTED_TEMPLATE } from '@/domain/applications/mail-texts';
import { checkContractNumber } from '@/domain/guarantees/contract-number';
import { DEMO_JOINT_VENTURE, seedDemo } from '@/demo/seed';
import { DEMO_JOINT_VENTURE_PROJECT, demoJointVentureTerm } from '@/demo/seed-joint-venture';
import { usableCertifications } from '@/domain/applications/from-certification';
import { resolveActor } from '@/domain/auth/resolve-actor';
import type { Actor } from '@/domain/actor';
import type { CertificateContent } from '@/domain/certificates/content';
import { currentTerm, endedTerm, HALF_PASSED_FROM, halfPassedTerm } from '@/demo/term-dates';
import { effectiveStatus } from '@/domain/guarantees/status';
import { addDaysIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { DEMO_CONTRACTS } from '@/demo/seed-contracts';
import { listContracts } from '@/domain/contracts/queries';
import { parseContractListParams } from '@/domain/contracts/list-params';
import { marksOfContracts } from '@/domain/contracts/match-queries';
import { matchReport, unconfirmedGuarantees, UNCONFIRMED_DEFAULT_DAYS } from '@/domain/contracts/match-report';

describe('demo data', () => {
  it('builds the flyer’s organisations, accounts and guarantees once, through the use cases', async () => {
    const db = await getDb();
    const today = todayInTokyo();
    const current = currentTerm(today);
    const ended = endedTerm(today);
    // The 認定s need a contract past its half: from HALF_PASSED_FROM on (every day since 2026-06-17;
    // TEST_TODAY may move before it, and then the demo holds none).
    const certifying = today >= HALF_PASSED_FROM;
    const certifiable = certifying ? 2 : 0;
    expect(await seedDemo(db)).toBe(true);
    const guarantees = await db.guarantee.findMany({ include: { orderer: true }, orderBy: { number: 'asc' } });
    expect(guarantees.map((g) => [g.kind, g.orderer.name, g.projectName])).toEqual([
      ['ADVANCE', '大村市', '〇〇道路改良工事'],
      ['CONTRACT', '大村市', '〇〇道路改良工事'],
      ['ADVANCE', '〇〇県', '△△トンネル工事'],
      ['ADVANCE', '大村市', '〇〇公園整備工事'],
      ['ADVANCE', '大村市', '〇〇下水道管渠工事'],
      ...(certifying
        ? [
            ['ADVANCE', '大村市', '〇〇排水路改修工事'],
            ['ADVANCE', '大村市', '〇〇市道舗装工事'],
          ]
        : []),
      ['ADVANCE', '大村市', DEMO_JOINT_VENTURE_PROJECT],
    ]);
    // The first three: this fiscal year's contract, in force today.
    for (const g of guarantees.slice(0, 3)) {
      expect(g).toMatchObject({ status: 'ACTIVE', periodStart: isoDateToDb(current.periodStart), periodEnd: isoDateToDb(current.periodEnd), guaranteeStart: isoDateToDb(current.guaranteeStart), guaranteeEnd: isoDateToDb(current.guaranteeEnd) });
      expect(effectiveStatus(g.status, g.guaranteeEnd, today)).toBe('ACTIVE');
    }
    // The last one's 保証期間 ended (seeded on 2026-11-24: 2026-09-30, concluded 2026-04-08): stored ACTIVE, shown 期間満了.
    expect(guarantees[3]).toMatchObject({ status: 'ACTIVE', guaranteeEnd: isoDateToDb(ended.guaranteeEnd), issuedOn: isoDateToDb(todayInTokyo(ended.concludedAt)) });
    expect(effectiveStatus(guarantees[3]!.status, guarantees[3]!.guaranteeEnd, today)).toBe('EXPIRED');
    for (const g of guarantees) expect(checkContractNumber(g.number).ok).toBe(true);
    // 〇〇下水道管渠工事: paid, then 【注1】 (version 2, a 返戻) and 【注2】 (recorded only), through the use cases.
    const sewer = guarantees[4]!;
    expect(sewer).toMatchObject({ latestVersion: 2, changed: true, guaranteeAmount: 20_000_000n, contractAmount: 50_000_000n });
    expect((await db.guaranteeChange.findMany({ where: { guaranteeId: sewer.id }, orderBy: { createdAt: 'asc' } })).map((c) => c.reasonNote)).toEqual(['注1', '注2']);
    expect(await db.premiumDocument.count({ where: { guaranteeId: sewer.id, kind: 'RECEIPT' } })).toBe(1);
    // + 1: the JV's 前払金保証 (issue 16 B12).
    expect(await db.authKey.count()).toBe(6 + certifiable);
    expect(await db.application.groupBy({ by: ['status'], _count: true, orderBy: { status: 'asc' } })).toEqual([
      { status: 'DRAFT', _count: 1 },
      { status: 'SUBMITTED', _count: 1 },
      { status: 'CONCLUDED', _count: 6 + certifiable },
    ]);
    const mails = await db.outboxMail.findMany();
    // Six applications arrived (eight with the 認定s' guarantees): each told to the officers, in a mail of their own.
    const arrivals = mails.filter((m) => m.template === APPLICATION_SUBMITTED_TEMPLATE);
    expect(arrivals).toHaveLength(7 + certifiable);
    for (const m of arrivals) expect(m.to.sort()).toEqual(['admin@wjcs.example.jp', 'officer2@wjcs.example.jp']);
    // Five conclusions (seven), the receipt, the two changes, the 認定: all to the contractor (omura01's
    // lookups for the 契約台帳 send no mail); the two 認定 requests to 都市整備部土木課 (its address and doboku01's).
    // + 1: the JV's 認定 (requested by its 代表者, certified).
    const toDepartment = mails.filter((m) => m.template === 'certification-requested');
    expect(toDepartment).toHaveLength(certifying ? certifiable + 1 : 0);
    for (const m of toDepartment) expect(m.to.sort()).toEqual(['doboku01@city.omura.example.jp', 'doboku@omura.example.jp']);
    // The JV's 構成員 △△工務店 (sankaku01) is told of the JV's conclusion in a mail of its own.
    const toMember = mails.filter((m) => m.template === 'guarantee-concluded-member');
    expect(toMember.map((m) => m.to)).toEqual([['sankaku01@sankaku-koumuten.example.jp']]);
    // The JV's registration (issue 16 B8): each member company told in its own mail, in its role's words.
    const registered = mails.filter((m) => m.template === 'joint-venture-registered');
    expect(registered.map((m) => [m.to.sort(), m.bodyText.includes('代表者として保証を申し込めます')]).sort()).toEqual([
      [['maru01@maru-kensetsu.example.jp', 'maru02@maru-kensetsu.example.jp'], true],
      [['sankaku01@sankaku-koumuten.example.jp'], false],
    ]);
    const toContractor = mails.filter(
      (m) => !([APPLICATION_SUBMITTED_TEMPLATE, 'certification-requested', 'guarantee-concluded-member', 'joint-venture-registered'] as string[]).includes(m.template),
    );
    expect(toContractor.map((m) => m.template).sort()).toEqual(
      [...Array(6 + certifiable).fill('certificate-registered'), ...(certifying ? ['certification-decided', 'certification-decided'] : []), 'guarantee-changed', 'guarantee-changed', 'premium-receipt-issued'].sort(),
    );
    for (const m of toContractor) expect(m.to.sort()).toEqual(['maru01@maru-kensetsu.example.jp', 'maru02@maru-kensetsu.example.jp']);
    expect(await db.premiumRateTable.count({ where: { isDemo: true } })).toBe(3);
    // 中間前払金の認定 (decision 067) on the two guarantees past their half (halfPassedTerm, concluded at its
    // concludedAt): 〇〇排水路改修工事's certified by doboku01 (第1号 of its 年度, its 認定調書's content kept),
    // 〇〇市道舗装工事's waiting; each with its 工事履行報告書 (a PDF made at seed time).
    const certifications = await db.intermediateCertification.findMany({
      include: { department: true, decidedBy: true, attachments: true },
      orderBy: { projectName: 'asc' },
    });
    if (certifying) {
      const half = halfPassedTerm(today);
      expect(certifications.map((c) => [c.projectName, c.status, c.department.name])).toEqual([
        ['〇〇市道舗装工事', 'REQUESTED', '都市整備部土木課'],
        ['〇〇排水路改修工事', 'CERTIFIED', '都市整備部土木課'],
        [DEMO_JOINT_VENTURE_PROJECT, 'CERTIFIED', '都市整備部土木課'],
      ]);
      const [waiting, certified, jvCertified] = certifications as [(typeof certifications)[number], (typeof certifications)[number], (typeof certifications)[number]];
      expect(certified).toMatchObject({ serial: 1, certifiedOn: isoDateToDb(today), decisionNote: '工程表により確認', periodStart: isoDateToDb(half.periodStart), periodEnd: isoDateToDb(half.periodEnd) });
      expect(certified.decidedBy?.loginId).toBe('doboku01');
      expect(certified.documentContent).not.toBeNull();
      expect(waiting).toMatchObject({ decidedAt: null, reportedOn: isoDateToDb(today), actualProgressBp: 5500 });
      for (const c of certifications) {
        expect(c.attachments).toHaveLength(1);
        expect(Buffer.from(c.attachments[0]!.content!).subarray(0, 5).toString()).toBe('%PDF-');
      }
      // The JV's (issue 16 B12): 第2号, on its 前払金保証 (past its half too), unused — the 代表者's user
      // maru01 is offered it for a 中間前払金 application; the 構成員's sankaku01 is not.
      expect(jvCertified).toMatchObject({ serial: 2, certifiedOn: isoDateToDb(today), periodStart: isoDateToDb(half.periodStart), periodEnd: isoDateToDb(half.periodEnd), contractAmount: 300_000_000n });
      const actorOf = async (loginId: string) => (await resolveActor(db, { userId: (await db.user.findUniqueOrThrow({ where: { loginId } })).id, sessionVersion: 1 })) as Actor;
      expect((await usableCertifications(db, await actorOf('maru01'))).map((o) => o.id)).toContain(jvCertified.id);
      expect((await usableCertifications(db, await actorOf('sankaku01'))).map((o) => o.id)).not.toContain(jvCertified.id);
      for (const g of guarantees.slice(5, 5 + certifiable)) {
        expect(g).toMatchObject({ periodStart: isoDateToDb(half.periodStart), guaranteeEnd: isoDateToDb(half.guaranteeEnd), issuedOn: isoDateToDb(todayInTokyo(half.concludedAt)) });
        expect(effectiveStatus(g.status, g.guaranteeEnd, today)).toBe('ACTIVE');
      }
    } else {
      expect(certifications).toEqual([]);
    }
    // The 共同企業体 of 〇〇建設 (代表者, 60 %) and △△工務店 (40 %), registered through its use case (and audited).
    const jv = await db.jointVenture.findFirstOrThrow({ include: { members: { orderBy: { sortOrder: 'asc' }, include: { organization: true } } } });
    const jvTerm = demoJointVentureTerm(today);
    expect(jv).toMatchObject({ name: DEMO_JOINT_VENTURE, kind: 'SPECIFIC', mode: 'JOINT', closedOn: null, formedOn: isoDateToDb(addDaysIso(jvTerm.contractDate, -10)) });
    // Locked by its guarantee's application (issue 16 D10).
    expect(jv.lockedAt).not.toBeNull();
    expect(jv.members.map((m) => [m.organization.name, m.role, m.shareBasisPoints])).toEqual([
      ['株式会社〇〇建設', 'REPRESENTATIVE', 6000],
      ['株式会社△△工務店', 'MEMBER', 4000],
    ]);
    expect(await db.auditLog.count({ where: { action: 'joint-venture.create', targetId: jv.id } })).toBe(1);
    // Its concluded 前払金保証 for 大村市 (issue 16 B12): held by 〇〇建設, △△工務店 a member, 分割預託 60/40.
    const jvGuarantee = guarantees.find((g) => g.projectName === DEMO_JOINT_VENTURE_PROJECT)!;
    expect(jvGuarantee).toMatchObject({ jointVentureId: jv.id, contractorId: jv.members[0]!.organizationId, contractAmount: 300_000_000n, guaranteeAmount: 120_000_000n, deliveryMethod: 'ELECTRONIC', periodStart: isoDateToDb(jvTerm.periodStart), guaranteeEnd: isoDateToDb(jvTerm.guaranteeEnd) });
    expect(effectiveStatus(jvGuarantee.status, jvGuarantee.guaranteeEnd, today)).toBe('ACTIVE');
    expect(await db.guaranteeMember.findMany({ where: { guaranteeId: jvGuarantee.id }, select: { organizationId: true, number: true } })).toEqual([
      { organizationId: jv.members[1]!.organizationId, number: jvGuarantee.number },
    ]);
    const jvContent = (await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: jvGuarantee.id } })).content as unknown as CertificateContent;
    expect(jvContent.jointVenture).toEqual({
      name: DEMO_JOINT_VENTURE,
      kind: 'SPECIFIC',
      mode: 'JOINT',
      representative: { address: '▲▲市▲▲区▲▲1丁目1番1号', name: '株式会社〇〇建設', share: '60' },
      members: [{ address: '長崎県大村市△△町2番3号', name: '株式会社△△工務店', share: '40' }],
    });
    expect(jvContent.deposits).toEqual([
      { bank: '〇〇銀行', branch: '大村支店', holder: '株式会社〇〇建設', share: '60' },
      { bank: '△△信用金庫', branch: '本店営業部', holder: '株式会社△△工務店', share: '40' },
    ]);
    expect(jvContent.depositBank).toBeNull();

    // 大村市's 契約台帳 (decisions 068, 072): four contracts entered by omura01, read through the screens' queries.
    const omura01 = await db.user.findUniqueOrThrow({ where: { loginId: 'omura01' } });
    const clerk = (await resolveActor(db, { userId: omura01.id, sessionVersion: omura01.sessionVersion })) as Actor;
    const register = await listContracts(db, clerk, parseContractListParams({}));
    const byProject = new Map(register.rows.map((r) => [r.projectName, r]));
    expect([...byProject.keys()].sort()).toEqual(Object.values(DEMO_CONTRACTS).sort());
    // 契約番号: the 令和 year of the 年度 and a serial (R8-0012).
    for (const r of register.rows) expect(r.contractNumber).toMatch(/^R\d+-\d{4}$/);
    const road = byProject.get(DEMO_CONTRACTS.consistent)!;
    const sewerContract = byProject.get(DEMO_CONTRACTS.difference)!;
    const waiting = byProject.get(DEMO_CONTRACTS.unconfirmed)!;
    const recent = byProject.get(DEMO_CONTRACTS.recent)!;
    expect(road).toMatchObject({ contractorName: '株式会社〇〇建設', contractAmount: 100_000_000n, contractDate: current.contractDate, periodStart: current.periodStart, periodEnd: current.periodEnd, advanceShareBp: 4000, performanceShareBp: 1000 });
    // The register still holds the 請負金額 before the 変更契約 (60,000,000; the certificate says 50,000,000).
    expect(sewerContract).toMatchObject({ contractAmount: 60_000_000n, advanceShareBp: 4000, performanceShareBp: null });
    expect(waiting.contractDate).toBe(addDaysIso(today, -30));
    expect(recent.contractDate).toBe(addDaysIso(today, -5));
    // The three certificates omura01 looked up (確認済み一覧) are the ones matched.
    expect(await db.confirmedGuarantee.count({ where: { organizationId: omura01.organizationId } })).toBe(3);
    expect(await db.auditLog.count({ where: { action: 'contract.match' } })).toBe(3);
    // The marks: 照合済み・食い違いなし (前払金 and 契約保証), 照合済み・要確認 1件 (請負金額), the other two 未照合.
    const marks = await marksOfContracts(db, clerk, register.rows.map((r) => r.id), today);
    expect(marks.get(road.id)).toEqual({ kinds: ['ADVANCE', 'CONTRACT'], problems: 0, partial: false });
    expect(marks.get(sewerContract.id)).toEqual({ kinds: ['ADVANCE'], problems: 1, partial: false });
    expect(marks.has(waiting.id)).toBe(false);
    expect(marks.has(recent.id)).toBe(false);
    const report = await matchReport(db, clerk, today);
    expect(report.counts).toEqual({ matched: 2, consistent: 1, problems: 1 });
    expect(report.lines.map((l) => [l.projectName, l.code, l.problem])).toEqual([
      [DEMO_CONTRACTS.difference, 'amount', true],
      [DEMO_CONTRACTS.difference, 'changed', false],
    ]);
    // 保証未確認 at the page's default (14 days): the month-old contract, both guarantees missing; not the 5-day-old one.
    const unconfirmed = await unconfirmedGuarantees(db, clerk, UNCONFIRMED_DEFAULT_DAYS, today);
    expect(unconfirmed.map((r) => [r.projectName, r.daysSince, r.missing])).toEqual([[DEMO_CONTRACTS.unconfirmed, 30, ['advance', 'performance']]]);
    expect((await unconfirmedGuarantees(db, clerk, 0, today)).map((r) => r.projectName).sort()).toEqual([DEMO_CONTRACTS.recent, DEMO_CONTRACTS.unconfirmed].sort());

    expect(await seedDemo(db)).toBe(false);
  });
});
