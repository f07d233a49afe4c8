import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as adminAttachmentRoute } from '@/app/admin/certifications/[id]/attachments/[attachmentId]/route';
import { GET as adminDocumentRoute } from '@/app/admin/certifications/[id]/document/route';
import { GET as contractorAttachmentRoute } from '@/app/contractor/certifications/[id]/attachments/[attachmentId]/route';
import { GET as contractorDocumentRoute } from '@/app/contractor/certifications/[id]/document/route';
import { GET as ordererAttachmentRoute } from '@/app/orderer/certifications/[id]/attachments/[attachmentId]/route';
import { GET as ordererDocumentRoute } from '@/app/orderer/certifications/[id]/document/route';
import { getDb } from '@/db/client';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { attachmentDir, storeAttachment } from '@/domain/certifications/attachments';
import { CERTIFICATION_USE_CASE_MESSAGES as M } from '@/domain/certifications/labels';
import { parseContractorCertificationParams, parseOrdererCertificationParams } from '@/domain/certifications/list-params';
import {
  getCertification,
  listCertificationsForContractor,
  listCertificationsForOrderer,
  readCertificationAttachment,
  renderCertificationDocument,
} from '@/domain/certifications/queries';
import { certificationRequestContext } from '@/domain/certifications/request-context';
import { requestCertification } from '@/domain/certifications/request-certification';
import { certificationNumberLabel, halfPeriodDate } from '@/domain/certifications/rules';
import { withdrawCertification } from '@/domain/certifications/withdraw-certification';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { saveDepartment } from '@/domain/organizations/save-department';
import { tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, fiscalYearOf } from '@/lib/dates';
import { concludedGuarantee, makeOrderer, makeUser, must, officer, TERM } from '../support/factories';
import { pdfText, squeeze } from '../support/pdf';
import { postgresUrl, withDatabase } from '../setup/test-database';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * 中間前払金の認定 (decision 067) against a real database: the request and each refusal at its field,
 * the department rule, the withdrawal (by the contractor, and by the 前払金保証's 解除), the decision
 * (one of two clerks at once), the number per orderer and 年度, the access of every side (B7), the
 * mails (B8), the attachments in the database and in ATTACHMENT_DIR, and the 認定調書 drawn from the
 * stored content. Dates come from the factory's contract (TERM); the use cases get their `now`.
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
type Orderer = Awaited<ReturnType<typeof makeOrderer>>;

/** The first day a request may be made on the factory's contract, and a moment on it in Tokyo. */
const HALF = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
const NOW = tokyoMoment(HALF, '10:00:00');
const LATER = tokyoMoment(HALF, '15:00:00');

const pdf = (text = 'report') => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const file = (name = '工事履行報告書.pdf', bytes = pdf(), type = 'application/pdf') => ({ name, type, bytes });

/** A request that passes every rule on the factory's contract (請負金額 100,000,000, 前払金 40,000,000). */
const figures = (guaranteeNumber: string, patch: Record<string, unknown> = {}) => ({
  guaranteeNumber,
  reportedOn: HALF,
  plannedProgress: '48',
  actualProgress: '51.5',
  workDoneAmount: '56,000,000',
  requestedAmount: '20,000,000',
  noPartialPayment: 'on',
  files: [file()],
  ...patch,
});

let orderer: Orderer;
let works: { id: string }; // 土木課: the contracts' 工事担当課
let contractor: Made;
let colleague: Made; // the same company
let stranger: Made; // another company
let clerk: Made; // 土木課
let clerk2: Made; // 土木課, a second clerk
let otherDept: Made; // the same orderer's 契約課
let noDept: Made; // the same orderer, no department
let otherOrderer: Made;
let admin: Made;


beforeAll(async () => {
  const db = await getDb();
  const a = await officer(db);
  orderer = await makeOrderer();
  works = must(await saveDepartment(db, a, orderer.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: 'doboku@city.example.jp', active: true }));
  await db.ordererRules.update({ where: { organizationId: orderer.id }, data: { combinedAdvanceNumerator: 6, combinedAdvanceDenominator: 10 } });
  contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: 'maru@kensetsu.example.jp' });
  colleague = await makeUser('CONTRACTOR', contractor.actor.organizationId, undefined, { email: 'maru2@kensetsu.example.jp' });
  stranger = await makeUser('CONTRACTOR', undefined, undefined, { email: 'other@kensetsu.example.jp' });
  clerk = await makeUser('ORDERER', orderer.id, works.id, { email: 'clerk1@city.example.jp', name: '大村 土木' });
  clerk2 = await makeUser('ORDERER', orderer.id, works.id, { email: 'clerk2@city.example.jp' });
  otherDept = await makeUser('ORDERER', orderer.id, orderer.departmentId, { email: 'keiyaku-staff@city.example.jp' });
  // Accounts of orderer staff always have a department today; the use cases still answer none for an actor without one.
  noDept = { ...otherDept, actor: { ...otherDept.actor, departmentId: null, departmentName: null } };
  otherOrderer = await makeUser('ORDERER', undefined, undefined, { email: 'other@town.example.jp' });
  admin = await makeUser('ADMIN', a.organizationId, undefined, { email: 'officer@surety.example.jp' });
});

/** A 前払金保証 of `who`'s company for the orderer, its 工事担当課 土木課 unless patched. */
async function advance(who: Made = contractor, patch: Record<string, unknown> = {}, o: { id: string; departmentId: string } = { id: orderer.id, departmentId: works.id }) {
  return concludedGuarantee(who, o, patch);
}

async function requested(who: Made = contractor, patch: Record<string, unknown> = {}) {
  const db = await getDb();
  const g = await advance(who);
  const r = must(await requestCertification(db, who.actor, figures(g.number, patch), { now: NOW, attachmentDir: null }));
  return { ...g, certificationId: r.id };
}

describe('the request', () => {
  it('stores the contract as it stands, the figures and the PDFs in one transaction, mails the 工事担当課 only, and writes its audit row', async () => {
    const db = await getDb();
    const g = await advance();
    const bytes = pdf('工事履行報告書 第1号');
    const r = await requestCertification(db, contractor.actor, figures(g.number, { note: '工程表を添付します。', files: [file('C:\\Users\\me\\報告書.PDF', bytes), file('工程表.pdf')] }), {
      now: NOW,
      attachmentDir: null,
    });
    const { id } = must(r);
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id }, include: { attachments: { orderBy: { sortOrder: 'asc' } } } });
    expect(c).toMatchObject({
      status: 'REQUESTED',
      advanceGuaranteeId: g.guaranteeId,
      contractorId: contractor.actor.organizationId,
      ordererId: orderer.id,
      departmentId: works.id,
      contractAmount: 100_000_000n,
      advanceAmount: 40_000_000n,
      plannedProgressBp: 4800,
      actualProgressBp: 5150,
      workDoneAmount: 56_000_000n,
      requestedAmount: 20_000_000n,
      noPartialPayment: true,
      note: '工程表を添付します。',
      requestedById: contractor.actor.userId,
      requestedAt: NOW,
    });
    expect(c.attachments.map((a) => [a.filename, a.size, a.storedPath])).toEqual([
      ['報告書.PDF', bytes.length, null],
      ['工程表.pdf', pdf().length, null],
    ]);
    expect(new Uint8Array(c.attachments[0]!.content!)).toEqual(bytes);

    const mails = await db.outboxMail.findMany({ where: { relatedType: 'certification', relatedId: id } });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'certification-requested', to: ['clerk1@city.example.jp', 'clerk2@city.example.jp', 'doboku@city.example.jp'] });
    expect(mails[0]!.subject).toBe(`【電子保証】中間前払金の認定請求がありました（${c.projectName}）`);
    expect(mails[0]!.bodyText).toContain(g.number);
    expect(mails[0]!.bodyText).toContain('/login');
    expect(await db.auditLog.count({ where: { action: 'certification.request', targetType: 'certification', targetId: id } })).toBe(1);
  });

  it('refuses each rule at its field, and writes nothing', async () => {
    const db = await getDb();
    const g = await advance();
    const before = await db.intermediateCertification.count();
    const errorsOf = async (patch: Record<string, unknown>, now = NOW) => {
      const r = await requestCertification(db, contractor.actor, figures(g.number, patch), { now, attachmentDir: null });
      expect(r.ok).toBe(false);
      return r.ok ? {} : r.fieldErrors;
    };
    // Condition 1: the day before the half.
    expect((await errorsOf({ reportedOn: addDaysIso(HALF, -1) }, tokyoMoment(addDaysIso(HALF, -1), '10:00'))).reportedOn?.[0]).toContain('工期の2分の1を経過する');
    // Condition 3: 出来高 a yen short of half the 請負金額.
    expect((await errorsOf({ workDoneAmount: '49,999,999' })).workDoneAmount?.[0]).toContain('50,000,000円');
    // 2/10 and 前払金 + 中間前払金 ≤ 6/10: 20,000,001 is over both, the binding one named.
    expect((await errorsOf({ requestedAmount: '20,000,001' })).requestedAmount).toHaveLength(1);
    expect((await errorsOf({ noPartialPayment: undefined })).noPartialPayment).toBeDefined();
    expect((await errorsOf({ plannedProgress: '100.01' })).plannedProgress).toBeDefined();
    expect((await errorsOf({ reportedOn: '2026/13/40' })).reportedOn).toBeDefined();
    // The files: none, four, not a PDF by name, by content or by declared type, over 10 MB, empty.
    expect((await errorsOf({ files: [] })).files).toEqual([M.filesCount]);
    expect((await errorsOf({ files: [file(), file(), file(), file()] })).files).toEqual([M.filesCount]);
    expect((await errorsOf({ files: [file('report.docx')] })).files).toEqual([M.fileNotPdf('report.docx')]);
    expect((await errorsOf({ files: [file('偽物.pdf', new TextEncoder().encode('<html>'))] })).files).toEqual([M.fileNotPdf('偽物.pdf')]);
    expect((await errorsOf({ files: [file('a.pdf', pdf(), 'text/html')] })).files).toEqual([M.fileNotPdf('a.pdf')]);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(pdf());
    expect((await errorsOf({ files: [file('big.pdf', big)] })).files).toEqual([M.fileTooLarge('big.pdf')]);
    expect((await errorsOf({ files: [file('empty.pdf', new Uint8Array())] })).files).toEqual([M.fileEmpty('empty.pdf')]);
    expect((await errorsOf({ files: 'not a list' })).files).toBeDefined();
    // The guarantee: malformed, unknown, another company's.
    expect((await errorsOf({ guaranteeNumber: '12345' })).guaranteeNumber).toEqual([M.guaranteeNotFound]);
    const theirs = await advance(stranger);
    expect((await errorsOf({ guaranteeNumber: theirs.number })).guaranteeNumber).toEqual([M.guaranteeNotFound]);
    expect(await db.intermediateCertification.count()).toBe(before);
  });

  it('a long file name is cut by code points and its bidirectional controls removed: stored and audited (jsonb), never a 500 after the files were stored', async () => {
    const db = await getDb();
    const g = await advance();
    const long = `${'a'.repeat(195)}😀😀.pdf`;
    const { id } = must(
      await requestCertification(db, contractor.actor, figures(g.number, { files: [file(long), file('evil\u202Eexe.pdf'), file(`${'b'.repeat(195)}😀.pdf`)] }), { now: NOW, attachmentDir: null }),
    );
    const names = [`${'a'.repeat(195)}😀.pdf`, 'evilexe.pdf', `${'b'.repeat(195)}😀.pdf`];
    expect((await db.certificationAttachment.findMany({ where: { certificationId: id }, orderBy: { sortOrder: 'asc' } })).map((a) => a.filename)).toEqual(names);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'certification.request', targetId: id } });
    expect((audit.details as { files: { name: string }[] }).files.map((f) => f.name)).toEqual(names);
    // A 300-character name ending in .exe is not cut into a .pdf.
    const exe = await requestCertification(db, contractor.actor, figures(g.number, { files: [file(`${'c'.repeat(296)}.exe`)] }), { now: LATER, attachmentDir: null });
    expect(!exe.ok && exe.fieldErrors.files?.[0]).toMatch(/はPDFではありません/);
  });

  it('only a 有効 前払金保証 of 工事, and one live request per 前払金保証 (a 不認定 or 取下げ may be followed by a new one)', async () => {
    const db = await getDb();
    const consulting = await advance(contractor, { workType: 'CONSULTING', guaranteeAmount: '30,000,000' });
    const r1 = await requestCertification(db, contractor.actor, figures(consulting.number), { now: NOW, attachmentDir: null });
    expect(!r1.ok && r1.fieldErrors.guaranteeNumber).toEqual([M.notWorks]);

    const cancelled = await advance();
    must(await cancelGuarantee(db, admin.actor, cancelled.guaranteeId, { cancelledOn: TERM.contractDate, reason: '契約解除' }));
    const r2 = await requestCertification(db, contractor.actor, figures(cancelled.number), { now: NOW, attachmentDir: null });
    expect(!r2.ok && r2.fieldErrors.guaranteeNumber).toEqual([M.notActive]);

    const { number, certificationId } = await requested();
    const again = await requestCertification(db, contractor.actor, figures(number), { now: NOW, attachmentDir: null });
    expect(!again.ok && again.fieldErrors.guaranteeNumber).toEqual([M.liveExists]);
    must(await withdrawCertification(db, contractor.actor, certificationId, {}, LATER));
    const renewed = must(await requestCertification(db, contractor.actor, figures(number), { now: LATER, attachmentDir: null }));
    must(await decideCertification(db, clerk.actor, renewed.id, { decision: 'REFUSE', note: '出来高の根拠が不足しています。' }, LATER));
    must(await requestCertification(db, contractor.actor, figures(number), { now: LATER, attachmentDir: null }));
  });

  it('is refused for anyone but a contractor', async () => {
    const db = await getDb();
    const g = await advance();
    for (const who of [clerk, admin]) {
      await expect(requestCertification(db, who.actor, figures(g.number), { now: NOW, attachmentDir: null })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('goes to the department the orderer fixes, when its rule says so', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const w = must(await saveDepartment(db, await officer(db), o.id, undefined, { name: '道路課', kind: 'WORKS_SECTION', email: 'douro@town.example.jp', active: true }));
    await db.ordererRules.update({ where: { organizationId: o.id }, data: { certificationRoute: 'FIXED_DEPARTMENT', certificationDepartmentId: o.departmentId } });
    const g = await advance(contractor, {}, { id: o.id, departmentId: w.id });
    const { id } = must(await requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null }));
    expect((await db.intermediateCertification.findUniqueOrThrow({ where: { id } })).departmentId).toBe(o.departmentId);
    expect((await db.outboxMail.findFirstOrThrow({ where: { relatedId: id } })).to).toEqual(['keiyaku@example.jp']);
    // A fixed department gone inactive: nobody can certify, the request is refused as a whole.
    await db.department.update({ where: { id: o.departmentId }, data: { active: false } });
    const g2 = await advance(contractor, {}, { id: o.id, departmentId: w.id });
    const r = await requestCertification(db, contractor.actor, figures(g2.number), { now: NOW, attachmentDir: null });
    expect(!r.ok && r.fieldErrors['']).toEqual([M.noDepartment]);
  });

  it('an orderer no longer active takes no request (loadOrdererRuleSet\'s filter), and the form says so before', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const g = await advance(contractor, {}, o);
    await db.organization.update({ where: { id: o.id }, data: { active: false } });
    const r = await requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null });
    expect(!r.ok && r.fieldErrors['']).toEqual([M.ordererInactive]);
    expect((await certificationRequestContext(db, contractor.actor, g.number, NOW)).refusal).toBe(M.ordererInactive);
    expect(await db.intermediateCertification.count({ where: { advanceGuaranteeId: g.guaranteeId } })).toBe(0);
  });

  it('a guarantee whose application lacks the 工事場所 or the 契約日 is a broken invariant, never a 認定 with a made-up value', async () => {
    const db = await getDb();
    for (const data of [{ projectLocation: null }, { contractDate: null }]) {
      const g = await advance();
      const { applicationId } = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId }, select: { applicationId: true } });
      await db.application.update({ where: { id: applicationId }, data });
      await expect(requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null })).rejects.toThrow(/工事場所 or 契約日/);
      expect(await db.intermediateCertification.count({ where: { advanceGuaranteeId: g.guaranteeId } })).toBe(0);
    }
  });

  it.runIf(postgresUrl())('a 解除 committed between the check and the transaction: the request is refused, never left waiting on a cancelled guarantee (PostgreSQL)', async () => {
    const db = await getDb();
    const g = await advance();
    await withOwnConnection(db, async (writer, waiting) => {
      // The 解除 in flight: the guarantee's row changed, not committed.
      await writer.query('BEGIN');
      await writer.query(`UPDATE "Guarantee" SET "status" = 'CANCELLED' WHERE "id" = $1`, [g.guaranteeId]);
      const request = requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null });
      // The request read the guarantee 有効 (the change is not committed) and now waits for its lock; without
      // the lock it would have been stored already.
      const settled = await Promise.race([request.then(() => 'settled'), expect.poll(waiting, { timeout: 30_000 }).toBe(1).then(() => 'waiting')]);
      await writer.query('COMMIT');
      const r = await request;
      expect(settled).toBe('waiting');
      expect(!r.ok && r.fieldErrors.guaranteeNumber).toEqual([M.notActive]);
    });
    expect(await db.intermediateCertification.count({ where: { advanceGuaranteeId: g.guaranteeId } })).toBe(0);
  });
});

/**
 * A connection of its own to the test database (PostgreSQL), and how many of the database's sessions wait
 * for a lock: a write held open there is what a 解除 in flight looks like to a use case.
 */
async function withOwnConnection(db: Awaited<ReturnType<typeof getDb>>, body: (writer: pg.Client, waiting: () => Promise<number>) => Promise<void>) {
  const { name } = (await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0]!;
  const writer = new pg.Client({ connectionString: withDatabase(postgresUrl()!, name), options: '-c TimeZone=UTC' });
  await writer.connect();
  const waiting = async () =>
    (await writer.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows[0]!.n;
  try {
    await body(writer, waiting);
  } finally {
    await writer.query('ROLLBACK').catch(() => undefined);
    await writer.end();
  }
}

describe('the withdrawal', () => {
  it('by the requesting company while it waits: the department is mailed, the audit row written; never twice, never by others', async () => {
    const db = await getDb();
    const { certificationId } = await requested();
    await expect(withdrawCertification(db, stranger.actor, certificationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(withdrawCertification(db, clerk.actor, certificationId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(withdrawCertification(db, admin.actor, certificationId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const id of ['not-a-uuid', '', '00000000-0000-4000-8000-000000000000']) {
      await expect(withdrawCertification(db, contractor.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    const stale = await withdrawCertification(db, colleague.actor, certificationId, { expectedRevision: 7 });
    expect(!stale.ok && stale.fieldErrors['']).toEqual([M.stale]);
    must(await withdrawCertification(db, colleague.actor, certificationId, { expectedRevision: 1 }, LATER));
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    expect(c).toMatchObject({ status: 'WITHDRAWN', withdrawnAt: LATER, withdrawnReason: null, revision: 2 });
    const mail = await db.outboxMail.findFirstOrThrow({ where: { relatedId: certificationId, template: 'certification-withdrawn' } });
    expect(mail.to).toEqual(['clerk1@city.example.jp', 'clerk2@city.example.jp', 'doboku@city.example.jp']);
    expect(mail.bodyText).toContain('請求者により取り下げられました');
    expect(await db.auditLog.count({ where: { action: 'certification.withdraw', targetId: certificationId } })).toBe(1);
    const twice = await withdrawCertification(db, contractor.actor, certificationId);
    expect(!twice.ok && twice.fieldErrors['']).toEqual([M.notWithdrawable.WITHDRAWN]);
  });

  it('by the 解除 of the 前払金保証, in its transaction; a 認定 already given stays', async () => {
    const db = await getDb();
    const waiting = await requested();
    must(await cancelGuarantee(db, admin.actor, waiting.guaranteeId, { cancelledOn: HALF, reason: '契約解除のため' }, LATER));
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: waiting.certificationId } });
    expect(c).toMatchObject({ status: 'WITHDRAWN', withdrawnReason: M.withdrawnByCancel });
    const mail = await db.outboxMail.findFirstOrThrow({ where: { relatedId: waiting.certificationId, template: 'certification-withdrawn' } });
    expect(mail.to).toEqual(['clerk1@city.example.jp', 'clerk2@city.example.jp', 'doboku@city.example.jp']);
    expect(mail.bodyText).toContain('前払金保証の契約が解除されたため');
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'guarantee.cancel', targetId: waiting.guaranteeId } });
    expect(audit.details).toMatchObject({ withdrawnCertificationId: waiting.certificationId });
    expect(await db.auditLog.count({ where: { action: 'certification.withdraw', targetId: waiting.certificationId } })).toBe(1);
    // The clerk finds it withdrawn.
    const late = await decideCertification(db, clerk.actor, waiting.certificationId, { decision: 'CERTIFY' }, LATER);
    expect(!late.ok && late.fieldErrors['']).toEqual([M.alreadyDecided.WITHDRAWN]);

    const certified = await requested();
    must(await decideCertification(db, clerk.actor, certified.certificationId, { decision: 'CERTIFY' }, LATER));
    must(await cancelGuarantee(db, admin.actor, certified.guaranteeId, { cancelledOn: HALF, reason: '契約解除のため' }, LATER));
    expect((await db.intermediateCertification.findUniqueOrThrow({ where: { id: certified.certificationId } })).status).toBe('CERTIFIED');
    expect(await db.outboxMail.count({ where: { relatedId: certified.certificationId, template: 'certification-withdrawn' } })).toBe(0);
  });
});

describe('the decision', () => {
  it('認定: the next number of the orderer and 年度, the document fixed and drawn from it, the contractor mailed', async () => {
    const db = await getDb();
    const { certificationId, number: advanceNumber } = await requested();
    const r = must(await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY', note: '工事履行報告書により確認した。', expectedRevision: '1' }, LATER));
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    const fy = fiscalYearOf(HALF);
    expect(c).toMatchObject({ status: 'CERTIFIED', decidedById: clerk.actor.userId, decidedAt: LATER, fiscalYear: fy, decisionNote: '工事履行報告書により確認した。' });
    expect(r.number).toBe(certificationNumberLabel(fy, c.serial!));
    expect(c.documentContent).toMatchObject({
      number: r.number,
      certifiedOn: HALF,
      certifier: { name: `${orderer.name}長`, department: '土木課' },
      advanceGuarantee: { number: advanceNumber, amount: '40000000' },
      limits: { intermediate: '2/10', combined: '6/10' },
      clerk: '大村 土木',
    });
    const mail = await db.outboxMail.findFirstOrThrow({ where: { relatedId: certificationId, template: 'certification-decided' } });
    expect(mail.to).toEqual(['maru@kensetsu.example.jp', 'maru2@kensetsu.example.jp']);
    expect(mail.subject).toBe(`中間前払金の認定のお知らせ（${r.number}）`);
    expect(await db.auditLog.count({ where: { action: 'certification.certify', targetId: certificationId } })).toBe(1);

    // The 認定調書 from the stored content: the number as a reader extracts it.
    const doc = await renderCertificationDocument(db, contractor.actor, certificationId);
    const out = path.join(os.tmpdir(), `certification-${certificationId}.pdf`);
    fs.writeFileSync(out, doc.pdf);
    try {
      const text = squeeze(pdfText(out));
      expect(text).toContain(squeeze(r.number!));
      expect(text).toContain('中間前払金認定調書');
      expect(text).toContain(advanceNumber);
    } finally {
      fs.rmSync(out, { force: true });
    }
    // Again: the same bytes (drawn from the content, not the live rows).
    await db.organization.update({ where: { id: contractor.actor.organizationId }, data: { name: '株式会社名称変更後' } });
    expect(Buffer.from((await renderCertificationDocument(db, clerk.actor, certificationId)).pdf).equals(Buffer.from(doc.pdf))).toBe(true);
    await db.organization.update({ where: { id: contractor.actor.organizationId }, data: { name: c.documentContent ? (c.documentContent as { holder: { name: string } }).holder.name : '' } });
  });

  it('不認定 needs its reason; the contractor is told it; no number is used', async () => {
    const db = await getDb();
    const { certificationId } = await requested();
    const none = await decideCertification(db, clerk.actor, certificationId, { decision: 'REFUSE', note: ' ' }, LATER);
    expect(!none.ok && none.fieldErrors.note).toEqual([M.refusalReasonRequired]);
    const nothing = await decideCertification(db, clerk.actor, certificationId, {}, LATER);
    expect(!nothing.ok && Object.keys(nothing.fieldErrors)).toEqual(['decision']);
    const long = await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY', note: 'あ'.repeat(201) }, LATER);
    expect(!long.ok && long.fieldErrors.note).toEqual([M.decisionNoteLength]);
    const unprintable = await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY', note: '確認 🙂' }, LATER);
    expect(!unprintable.ok && unprintable.fieldErrors.note?.[0]).toContain('🙂');
    must(await decideCertification(db, clerk.actor, certificationId, { decision: 'REFUSE', note: '実施工程が予定工程を下回っています。\n工程表を確認してください。' }, LATER));
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    expect(c).toMatchObject({ status: 'REFUSED', serial: null, fiscalYear: null, documentContent: null });
    const mail = await db.outboxMail.findFirstOrThrow({ where: { relatedId: certificationId, template: 'certification-decided' } });
    expect(mail.subject).toBe(`中間前払金の不認定のお知らせ（${c.projectName}）`);
    expect(mail.bodyText).toContain('工程表を確認してください。');
    expect(await db.auditLog.count({ where: { action: 'certification.refuse', targetId: certificationId } })).toBe(1);
    await expect(renderCertificationDocument(db, contractor.actor, certificationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const again = await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY' }, LATER);
    expect(!again.ok && again.fieldErrors['']).toEqual([M.alreadyDecided.REFUSED]);
  });

  it('a request whose 前払金保証 is no longer 有効 can still be refused (it leaves the list), never certified', async () => {
    const db = await getDb();
    const afterEnd = tokyoMoment(addDaysIso(TERM.guaranteeEnd, 1), '10:00:00');
    const { certificationId } = await requested();
    const late = await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY' }, afterEnd);
    expect(!late.ok && late.fieldErrors['']).toEqual([M.advanceNotActive]);
    must(await decideCertification(db, clerk.actor, certificationId, { decision: 'REFUSE', note: '保証期間が満了したため。' }, afterEnd));
    expect(await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } })).toMatchObject({ status: 'REFUSED', serial: null });
    const waiting = await listCertificationsForOrderer(db, clerk.actor, parseOrdererCertificationParams({}));
    expect(waiting.rows.map((r) => r.id)).not.toContain(certificationId);
  });

  it('認定 re-checks the request on the guarantee\'s current contract and the orderer\'s current bounds: told why at the form, nothing stored', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const c1 = await makeUser('ORDERER', o.id, o.departmentId);
    const ask = async () => {
      const g = await advance(contractor, {}, o);
      return { ...g, id: must(await requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null })).id };
    };
    const refusedWith = async (id: string, reason: string) => {
      const r = await decideCertification(db, c1.actor, id, { decision: 'CERTIFY' }, LATER);
      expect(!r.ok && r.fieldErrors['']).toEqual([M.noLongerMet([reason])]);
      expect(await db.intermediateCertification.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'REQUESTED', serial: null, revision: 1 });
    };
    // A 変更契約 raised the 請負金額: the 出来高 of 56,000,000 is no longer half of it.
    const raised = await ask();
    await db.guarantee.update({ where: { id: raised.guaranteeId }, data: { contractAmount: 120_000_000n } });
    await refusedWith(raised.id, '既に行われた作業に要する経費が請負金額の2分の1（60,000,000円）以上の場合に請求できます。');
    // A 変更契約 moved the 工期's end: its half is now after the decision.
    const longer = await ask();
    const end = `${Number(TERM.periodEnd.slice(0, 4)) + 1}${TERM.periodEnd.slice(4)}`;
    await db.guarantee.update({ where: { id: longer.guaranteeId }, data: { periodEnd: new Date(`${end}T00:00:00Z`), guaranteeEnd: new Date(`${end}T00:00:00Z`) } });
    const r = await decideCertification(db, c1.actor, longer.id, { decision: 'CERTIFY' }, LATER);
    expect(!r.ok && r.fieldErrors['']?.[0]).toMatch(/^請求の後に契約の内容.*工期の2分の1.*不認定とするか/);
    // The orderer lowered its bound for the 中間前払金 to 1/10.
    const bounded = await ask();
    await db.ordererAmountLimit.updateMany({ where: { organizationId: o.id, guaranteeKind: 'INTERMEDIATE', bound: 'MAX' }, data: { numerator: 1, denominator: 10 } });
    const message = (await decideCertification(db, c1.actor, bounded.id, { decision: 'CERTIFY' }, LATER)) as { ok: false; fieldErrors: Record<string, string[]> };
    expect(message.fieldErrors['']?.[0]).toContain('10,000,000円');
    // Nothing was numbered; the clerk may still refuse them.
    expect(await db.certificationCounter.count({ where: { ordererId: o.id } })).toBe(0);
    must(await decideCertification(db, c1.actor, raised.id, { decision: 'REFUSE', note: '変更契約により要件を満たさないため。' }, LATER));
  });

  it('the 認定調書 prints the contract as it stands at the 認定: a 変更契約 since the request that still passes shows its new values', async () => {
    const db = await getDb();
    const { certificationId, guaranteeId, number } = await requested();
    // 請負金額 100,000,000 → 110,000,000, 前払金 40,000,000 → 44,000,000, the 工期 ten days shorter, a new 工事名:
    // 出来高 56,000,000 ≥ 55,000,000; 20,000,000 ≤ 2/10 (22,000,000) and 44,000,000 + 20,000,000 ≤ 6/10 (66,000,000).
    const periodEnd = addDaysIso(TERM.periodEnd, -10);
    await db.guarantee.update({
      where: { id: guaranteeId },
      data: { contractAmount: 110_000_000n, guaranteeAmount: 44_000_000n, periodEnd: new Date(`${periodEnd}T00:00:00Z`), projectName: '変更後の工事名' },
    });
    must(await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY' }, LATER));
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    expect(c.documentContent).toMatchObject({
      contract: { projectName: '変更後の工事名', periodStart: TERM.periodStart, periodEnd, contractAmount: '110000000' },
      advanceGuarantee: { number, amount: '44000000' },
      halfPeriodDate: halfPeriodDate(TERM.periodStart, periodEnd),
      workDoneShare: '50.9',
    });
    // The request keeps what was asked on.
    expect(c).toMatchObject({ contractAmount: 100_000_000n, advanceAmount: 40_000_000n });
    const out = path.join(os.tmpdir(), `certification-${certificationId}.pdf`);
    fs.writeFileSync(out, (await renderCertificationDocument(db, contractor.actor, certificationId)).pdf);
    try {
      const text = squeeze(pdfText(out));
      expect(text).toContain(squeeze('110,000,000'));
      expect(text).toContain(squeeze('変更後の工事名'));
      expect(text).not.toContain(squeeze('100,000,000'));
    } finally {
      fs.rmSync(out, { force: true });
    }
  });

  it.runIf(postgresUrl())('a 解除 in flight at the 認定 is waited for: no 認定 on a cancelled guarantee (PostgreSQL)', async () => {
    const db = await getDb();
    const { certificationId, guaranteeId } = await requested();
    await withOwnConnection(db, async (writer, waiting) => {
      await writer.query('BEGIN');
      await writer.query(`UPDATE "Guarantee" SET "status" = 'CANCELLED' WHERE "id" = $1`, [guaranteeId]);
      const decision = decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY' }, LATER);
      const settled = await Promise.race([decision.then(() => 'settled'), expect.poll(waiting, { timeout: 30_000 }).toBe(1).then(() => 'waiting')]);
      // As cancelGuarantee does next, in the same transaction: the waiting request withdrawn.
      if (settled === 'waiting') await writer.query(`UPDATE "IntermediateCertification" SET "status" = 'WITHDRAWN', "withdrawnAt" = now(), "revision" = "revision" + 1 WHERE "id" = $1 AND "status" = 'REQUESTED'`, [certificationId]);
      await writer.query('COMMIT');
      const r = await decision;
      expect(settled).toBe('waiting');
      expect(!r.ok && r.fieldErrors['']).toEqual([M.alreadyDecided.WITHDRAWN]);
    });
    expect(await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } })).toMatchObject({ status: 'WITHDRAWN', serial: null });
  });

  it('only by the staff of the certifying department', async () => {
    const db = await getDb();
    const { certificationId } = await requested();
    for (const who of [otherDept, noDept, otherOrderer]) {
      await expect(decideCertification(db, who.actor, certificationId, { decision: 'CERTIFY' }, LATER)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    for (const who of [contractor, admin]) {
      await expect(decideCertification(db, who.actor, certificationId, { decision: 'CERTIFY' }, LATER)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(decideCertification(db, clerk.actor, 'not-a-uuid', { decision: 'CERTIFY' }, LATER)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } })).status).toBe('REQUESTED');
  });

  it('two clerks at once: one decision, the other told what it was; the serials of concurrent 認定 are 1…n without a gap', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const a = await makeUser('ORDERER', o.id, o.departmentId);
    const b = await makeUser('ORDERER', o.id, o.departmentId);
    const requests = [];
    for (let i = 0; i < 4; i++) {
      const g = await advance(contractor, {}, o);
      requests.push(must(await requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null })).id);
    }
    const [first, ...rest] = requests;
    const both = await Promise.all([
      decideCertification(db, a.actor, first!, { decision: 'CERTIFY' }, LATER),
      decideCertification(db, b.actor, first!, { decision: 'REFUSE', note: '不足' }, LATER),
    ]);
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const lost = both.find((r) => !r.ok);
    expect(lost && !lost.ok && lost.fieldErrors['']?.[0]).toMatch(/^この請求はすでに(認定されています|不認定とされています)。$/);
    expect(await db.auditLog.count({ where: { targetId: first!, action: { in: ['certification.certify', 'certification.refuse'] } } })).toBe(1);
    expect(await db.outboxMail.count({ where: { relatedId: first!, template: 'certification-decided' } })).toBe(1);

    await Promise.all(rest.map((id, i) => decideCertification(db, i % 2 ? a.actor : b.actor, id, { decision: 'CERTIFY' }, LATER)));
    const serials = (await db.intermediateCertification.findMany({ where: { ordererId: o.id, status: 'CERTIFIED' }, select: { serial: true } })).map((c) => c.serial).sort();
    const certifiedFirst = both[0]!.ok;
    expect(serials).toEqual(certifiedFirst ? [1, 2, 3, 4] : [1, 2, 3]);
  });

  it('numbers per orderer and per 年度 of the 認定日 in Tokyo', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const c1 = await makeUser('ORDERER', o.id, o.departmentId);
    // A two-year contract: its half lies in the next 年度.
    const end = `${Number(TERM.periodEnd.slice(0, 4)) + 1}${TERM.periodEnd.slice(4)}`;
    const longTerm = { periodEnd: end, guaranteeEnd: end };
    const half2 = halfPeriodDate(TERM.periodStart, end);
    const now2 = tokyoMoment(half2, '10:00');
    const ids: string[] = [];
    for (const [patch, now] of [[{}, NOW], [{}, NOW], [longTerm, now2]] as const) {
      const g = await advance(contractor, patch, o);
      ids.push(must(await requestCertification(db, contractor.actor, figures(g.number, { reportedOn: now === NOW ? HALF : half2 }), { now, attachmentDir: null })).id);
    }
    const n1 = must(await decideCertification(db, c1.actor, ids[0]!, { decision: 'CERTIFY' }, LATER)).number;
    const n2 = must(await decideCertification(db, c1.actor, ids[1]!, { decision: 'CERTIFY' }, LATER)).number;
    const n3 = must(await decideCertification(db, c1.actor, ids[2]!, { decision: 'CERTIFY' }, tokyoMoment(half2, '11:00'))).number;
    const fy = fiscalYearOf(HALF);
    expect([n1, n2]).toEqual([certificationNumberLabel(fy, 1), certificationNumberLabel(fy, 2)]);
    expect(n3).toBe(certificationNumberLabel(fiscalYearOf(half2), fiscalYearOf(half2) === fy ? 3 : 1));
    // Another orderer counts on its own: a first 認定 there is its 第1号 whatever this orderer has given.
    const o2 = await makeOrderer();
    const c2 = await makeUser('ORDERER', o2.id, o2.departmentId);
    const g = await advance(contractor, {}, o2);
    const other = must(await requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null }));
    expect(must(await decideCertification(db, c2.actor, other.id, { decision: 'CERTIFY' }, LATER)).number).toBe(certificationNumberLabel(fy, 1));
    const counters = await db.certificationCounter.findMany({ where: { ordererId: o.id } });
    expect(counters.reduce((s, c) => s + c.last, 0)).toBe(3);
  });
});

describe('who sees a 認定 (B7)', () => {
  it('the requesting company, the certifying department and the officers (read-only); nobody else', async () => {
    const db = await getDb();
    const { certificationId } = await requested();
    const attachmentId = (await db.certificationAttachment.findFirstOrThrow({ where: { certificationId } })).id;
    must(await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY' }, LATER));

    for (const [who, viewer] of [
      [contractor, 'contractor'],
      [colleague, 'contractor'],
      [clerk, 'orderer'],
      [clerk2, 'orderer'],
      [admin, 'officer'],
    ] as const) {
      const c = await getCertification(db, who.actor, certificationId);
      expect(c.viewer).toBe(viewer);
      expect(c.canDecide).toBe(false);
      expect(c.canWithdraw).toBe(false);
      expect(c.number).toMatch(/年度第\d+号$/);
      expect((await readCertificationAttachment(db, who.actor, certificationId, attachmentId, { attachmentDir: null })).bytes).toEqual(pdf());
      expect((await renderCertificationDocument(db, who.actor, certificationId)).pdf.length).toBeGreaterThan(1000);
    }
    // Another company (a JV's member would be here too: JVs' 認定 come with the JV applications), another department, an orderer user without one, another orderer.
    for (const who of [stranger, otherDept, noDept, otherOrderer]) {
      await expect(getCertification(db, who.actor, certificationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(readCertificationAttachment(db, who.actor, certificationId, attachmentId, { attachmentDir: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(renderCertificationDocument(db, who.actor, certificationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    // Ids that are no 認定, or an attachment of another 認定.
    await expect(getCertification(db, contractor.actor, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await requested();
    const otherAttachment = (await db.certificationAttachment.findFirstOrThrow({ where: { certificationId: other.certificationId } })).id;
    await expect(readCertificationAttachment(db, contractor.actor, certificationId, otherAttachment, { attachmentDir: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    // What each side may do while it waits.
    expect((await getCertification(db, contractor.actor, other.certificationId)).canWithdraw).toBe(true);
    const forClerk = await getCertification(db, clerk.actor, other.certificationId);
    expect(forClerk).toMatchObject({ canDecide: true, canWithdraw: false, progressWarning: null });
    expect((await getCertification(db, admin.actor, other.certificationId)).canDecide).toBe(false);
  });

  it.todo('a JV member reads the 認定 of its JV\'s guarantee (read-only), once JV guarantees exist');

  it('the lists: the department its own (認定待ち oldest first, then by status), the contractor its own; others none', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const w = must(await saveDepartment(db, await officer(db), o.id, undefined, { name: '下水道課', kind: 'WORKS_SECTION', active: true }));
    const mine = await makeUser('ORDERER', o.id, w.id);
    const theirs = await makeUser('ORDERER', o.id, o.departmentId);
    const company = await makeUser('CONTRACTOR');
    const ids: string[] = [];
    for (const minutes of ['09:00', '09:30', '10:00']) {
      const g = await advance(company, {}, { id: o.id, departmentId: w.id });
      ids.push(must(await requestCertification(db, company.actor, figures(g.number), { now: tokyoMoment(HALF, minutes), attachmentDir: null })).id);
    }
    must(await decideCertification(db, mine.actor, ids[1]!, { decision: 'CERTIFY' }, LATER));

    const waiting = await listCertificationsForOrderer(db, mine.actor, parseOrdererCertificationParams({}));
    expect(waiting.rows.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    expect(waiting.total).toBe(2);
    const certified = await listCertificationsForOrderer(db, mine.actor, parseOrdererCertificationParams({ status: 'CERTIFIED' }));
    expect(certified.rows).toHaveLength(1);
    expect(certified.rows[0]).toMatchObject({ id: ids[1], status: 'CERTIFIED', contractorName: expect.any(String), departmentName: '下水道課', requestedAmount: 20_000_000n });
    expect(certified.rows[0]!.number).toMatch(/^令和\d+年度第1号$|年度第1号$/);
    expect((await listCertificationsForOrderer(db, mine.actor, parseOrdererCertificationParams({ status: 'all' }))).rows.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    // Page by page: the keyset cursor of the first row.
    const firstPage = await listCertificationsForOrderer(db, mine.actor, parseOrdererCertificationParams({ status: 'all' }));
    expect(firstPage.hasNext).toBe(false);
    // A forged cursor reads as page 1.
    expect((await listCertificationsForOrderer(db, mine.actor, parseOrdererCertificationParams({ status: 'all', after: 'garbage' }))).rows).toHaveLength(3);

    for (const who of [theirs, noDept, clerk, otherOrderer]) {
      expect((await listCertificationsForOrderer(db, who.actor, parseOrdererCertificationParams({ status: 'all' }))).rows.filter((r) => ids.includes(r.id))).toEqual([]);
    }
    expect((await listCertificationsForContractor(db, company.actor, parseContractorCertificationParams({}))).rows.map((r) => r.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await listCertificationsForContractor(db, stranger.actor, parseContractorCertificationParams({}))).rows.filter((r) => ids.includes(r.id))).toEqual([]);
    await expect(listCertificationsForContractor(db, mine.actor, parseContractorCertificationParams({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listCertificationsForOrderer(db, company.actor, parseOrdererCertificationParams({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('the routes serving a 認定\'s files', () => {
  const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;
  const request = new Request('http://x');

  it('answer a download: Content-Disposition attachment with an RFC 5987 name, nosniff, no-store; 401 signed out, 404 for another side or record', async () => {
    const db = await getDb();
    const name = '工事履行報告書 (第1号) "最終".pdf';
    const { certificationId } = await requested(contractor, { files: [file(name), file('evil\u202Eexe.pdf')] });
    const [first, second] = await db.certificationAttachment.findMany({ where: { certificationId }, orderBy: { sortOrder: 'asc' } });
    const r = must(await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY' }, LATER));
    const download = (res: Response, filename: string) => {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toContain('no-store');
      const disposition = res.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]+$/);
      expect(disposition).not.toMatch(/filename="[^"]*"[^;]*"/);
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(filename);
    };
    const routes = [
      [contractor, contractorAttachmentRoute, contractorDocumentRoute],
      [clerk, ordererAttachmentRoute, ordererDocumentRoute],
      [admin, adminAttachmentRoute, adminDocumentRoute],
    ] as const;
    for (const [who, attachmentRoute, documentRoute] of routes) {
      signInAs(who);
      const a = await attachmentRoute(request, ctx({ id: certificationId, attachmentId: first!.id }));
      download(a, name);
      expect(new Uint8Array(await a.arrayBuffer())).toEqual(pdf());
      download(await attachmentRoute(request, ctx({ id: certificationId, attachmentId: second!.id })), 'evilexe.pdf');
      const d = await documentRoute(request, ctx({ id: certificationId }));
      download(d, `中間前払金認定調書_${r.number}.pdf`);
      expect(Buffer.from(await d.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    // Another side's route, another company, a malformed id: 404; signed out: 401.
    signInAs(contractor);
    expect((await ordererDocumentRoute(request, ctx({ id: certificationId }))).status).toBe(404);
    signInAs(stranger);
    expect((await contractorAttachmentRoute(request, ctx({ id: certificationId, attachmentId: first!.id }))).status).toBe(404);
    expect((await contractorDocumentRoute(request, ctx({ id: 'nope' }))).status).toBe(404);
    signInAs(null);
    expect((await contractorDocumentRoute(request, ctx({ id: certificationId }))).status).toBe(401);
  });
});

describe('attachments in ATTACHMENT_DIR', () => {
  it('are written as files named by their SHA-256, read back checked, and a changed file is never served', async () => {
    const db = await getDb();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachments-'));
    try {
      const g = await advance();
      const bytes = pdf('in a directory');
      const { id } = must(await requestCertification(db, contractor.actor, figures(g.number, { files: [file('報告書.pdf', bytes)] }), { now: NOW, attachmentDir: dir }));
      const a = await db.certificationAttachment.findFirstOrThrow({ where: { certificationId: id } });
      expect(a.content).toBeNull();
      expect(a.storedPath).toBe(path.join(a.sha256.slice(0, 2), `${a.sha256}.pdf`));
      expect(fs.readFileSync(path.join(dir, a.storedPath!))).toEqual(Buffer.from(bytes));
      expect((await readCertificationAttachment(db, clerk.actor, id, a.id, { attachmentDir: dir })).bytes).toEqual(new Uint8Array(bytes));
      // Without the directory configured, or with the file changed: not served.
      await expect(readCertificationAttachment(db, clerk.actor, id, a.id, { attachmentDir: null })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      fs.writeFileSync(path.join(dir, a.storedPath!), pdf('changed'));
      await expect(readCertificationAttachment(db, clerk.actor, id, a.id, { attachmentDir: dir })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // The database refuses a row with both stores or neither.
      const row = { certificationId: id, filename: 'x.pdf', contentType: 'application/pdf', size: 1, sha256: 'x' };
      await expect(db.certificationAttachment.create({ data: row })).rejects.toThrow(/CertificationAttachment_store_check/);
      await expect(db.certificationAttachment.create({ data: { ...row, content: new Uint8Array([1]), storedPath: 'ab/x.pdf' } })).rejects.toThrow(/CertificationAttachment_store_check/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a file already at the name is kept only when its bytes hash right: a damaged one is rewritten', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachments-'));
    try {
      const bytes = pdf('to be damaged');
      const first = await storeAttachment(bytes, dir);
      const target = path.join(dir, first.storedPath!);
      // The same size, other bytes (a bit flipped on disk).
      const damaged = Buffer.from(bytes);
      damaged[damaged.length - 2] = damaged[damaged.length - 2]! ^ 0xff;
      fs.writeFileSync(target, damaged);
      expect(await storeAttachment(bytes, dir)).toEqual(first);
      expect(new Uint8Array(fs.readFileSync(target))).toEqual(bytes);
      // A sound file is left as it is (not rewritten: its inode stays).
      const inode = fs.statSync(target).ino;
      await storeAttachment(bytes, dir);
      expect(fs.statSync(target).ino).toBe(inode);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a write that fails leaves no temporary file behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'attachments-'));
    try {
      const bytes = pdf('never renamed');
      const { storedPath } = await storeAttachment(bytes, dir);
      const target = path.join(dir, storedPath!);
      // A directory (not empty) where the file goes: the rename fails.
      fs.rmSync(target);
      fs.mkdirSync(path.join(target, 'x'), { recursive: true });
      await expect(storeAttachment(bytes, dir)).rejects.toThrow();
      expect(fs.readdirSync(path.dirname(target)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ATTACHMENT_DIR is resolved to an absolute path once, whatever the working directory is later', () => {
    const before = process.env.ATTACHMENT_DIR;
    try {
      process.env.ATTACHMENT_DIR = ' data/attachments ';
      expect(attachmentDir()).toBe(path.resolve('data/attachments'));
      process.env.ATTACHMENT_DIR = '  ';
      expect(attachmentDir()).toBeNull();
    } finally {
      if (before === undefined) delete process.env.ATTACHMENT_DIR;
      else process.env.ATTACHMENT_DIR = before;
    }
  });
});

describe('the live index', () => {
  it('two requests at once on one 前払金保証: one is stored, the other refused at the number', async () => {
    const db = await getDb();
    const g = await advance();
    const both = await Promise.all([0, 1].map(() => requestCertification(db, contractor.actor, figures(g.number), { now: NOW, attachmentDir: null })));
    expect(both.filter((r) => r.ok)).toHaveLength(1);
    const lost = both.find((r) => !r.ok);
    expect(lost && !lost.ok && lost.fieldErrors.guaranteeNumber).toEqual([M.liveExists]);
    expect(await db.intermediateCertification.count({ where: { advanceGuaranteeId: g.guaranteeId } })).toBe(1);
  });

  it('the database itself refuses a second live 認定 on one 前払金保証', async () => {
    const db = await getDb();
    const { certificationId } = await requested();
    const c = await db.intermediateCertification.findUniqueOrThrow({ where: { id: certificationId } });
    const { id: _id, documentContent: _d, ...copy } = c;
    // Prisma names the fields only; the driver's message names the index.
    await expect(db.intermediateCertification.create({ data: { ...copy, documentContent: undefined } })).rejects.toMatchObject({
      code: 'P2002',
      meta: { driverAdapterError: { cause: { originalMessage: expect.stringContaining('"IntermediateCertification_live"') } } },
    });
  });
});
