import fc from 'fast-check';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveApplicationAction, withdrawApplicationAction } from '@/actions/application-actions';
import { concludeApplicationAction, returnApplicationAction } from '@/actions/admin-application-actions';
import { getDb } from '@/db/client';
import { getContractorApplication, listContractorApplications } from '@/domain/applications/queries';
import { returnApplication } from '@/domain/applications/review';
import { saveApplication } from '@/domain/applications/save-application';
import { withdrawApplication } from '@/domain/applications/withdraw-application';
import { saveDepartment } from '@/domain/organizations/save-department';
import { saveOrderer } from '@/domain/organizations/save-orderer';
import { APPLICATION_FIELD_LABEL } from '@/domain/applications/labels';
import { dateInputMessage, parseDateInput } from '@/lib/date-input';
import { addDaysIso } from '@/lib/dates';
import { applicationInput, makeOrderer, makeUser, must, officer, TERM } from '../support/factories';
import { signInAs } from '../support/session';
import { outcome } from '../support/interrupt';

vi.mock('@/auth/config', () => import('../support/session'));

type Made = Awaited<ReturnType<typeof makeUser>>;
let contractor: Made;
let colleague: Made; // same company
let stranger: Made; // another company
let clerk: Made;
let admin: Made;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

beforeAll(async () => {
  orderer = await makeOrderer();
  contractor = await makeUser('CONTRACTOR');
  colleague = await makeUser('CONTRACTOR', contractor.actor.organizationId);
  stranger = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER');
  admin = await makeUser('ADMIN');
});
beforeEach(() => signInAs(null));

const input = (patch: Record<string, unknown> = {}) => applicationInput(orderer.id, orderer.departmentId, patch);

function formData(values: Record<string, unknown>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) fd.set(k, String(v));
  return fd;
}

const count = async () => (await getDb()).application.count();

describe('drafts and submissions', () => {
  it('a draft keeps what is typed, resumes, and is submitted once complete', async () => {
    const db = await getDb();
    const draft = must(await saveApplication(db, contractor.actor, undefined, { projectName: '途中の工事', contractAmount: '４０，０００，０００' }, { submit: false }));
    expect(draft.status).toBe('DRAFT');
    let stored = await getContractorApplication(db, contractor.actor, draft.id);
    expect(stored.contractAmount).toBe(40_000_000n);
    expect(stored.revision).toBe(1);

    // A colleague of the same company resumes it.
    must(await saveApplication(db, colleague.actor, draft.id, input({ projectName: '途中の工事' }), { submit: false, expectedRevision: 1 }));
    stored = await getContractorApplication(db, contractor.actor, draft.id);
    expect(stored.revision).toBe(2);
    expect(stored.status).toBe('DRAFT');

    // A save over a newer save is refused (the form keeps its values).
    const stale = await saveApplication(db, contractor.actor, draft.id, input(), { submit: true, expectedRevision: 1 });
    expect(stale.ok).toBe(false);

    const submitted = must(await saveApplication(db, contractor.actor, draft.id, input({ projectName: '途中の工事' }), { submit: true, expectedRevision: 2 }));
    expect(submitted.status).toBe('SUBMITTED');
    stored = await getContractorApplication(db, contractor.actor, draft.id);
    expect(stored.submittedAt).not.toBeNull();
    // Submitted: no more edits.
    const edit = await saveApplication(db, contractor.actor, draft.id, input(), { submit: false });
    expect(edit).toEqual({ ok: false, fieldErrors: { '': [expect.stringContaining('申込済')] } });
  });

  it('malformed input is refused at the field and nothing is stored', async () => {
    const before = await count();
    const result = await saveApplication(await getDb(), contractor.actor, undefined, { contractAmount: '四千万', contractDate: '2026-02-30' }, { submit: false });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.contractAmount?.[0]).toContain('請負金額は円単位の数字');
      expect(result.fieldErrors.contractDate?.[0]).toContain('契約日');
    }
    expect(await count()).toBe(before);
  });

  it('dates typed as people write them (和暦, R8.4.1, 全角) are stored as the day they name; an era day that never was is refused at its field', async () => {
    const db = await getDb();
    const saved = must(
      await saveApplication(db, contractor.actor, undefined, { projectName: '和暦の工事', contractDate: '令和８年４月１日', periodStart: 'R8.4.2', periodEnd: '2027年3月31日' }, { submit: false }),
    );
    const stored = await getContractorApplication(db, contractor.actor, saved.id);
    expect([stored.contractDate, stored.periodStart, stored.periodEnd].map((d) => d?.toISOString().slice(0, 10))).toEqual(['2026-04-01', '2026-04-02', '2027-03-31']);

    const before = await count();
    const refused = await saveApplication(db, contractor.actor, undefined, { guaranteeEnd: '平成32年4月1日' }, { submit: false });
    const read = parseDateInput('平成32年4月1日');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(refused).toEqual({ ok: false, fieldErrors: { guaranteeEnd: [dateInputMessage(APPLICATION_FIELD_LABEL.guaranteeEnd, read.problem)] } });
    expect(read).toMatchObject({ problem: { kind: 'after-era', iso: '2020-04-01' } });
    expect(await count()).toBe(before);
  });

  it('a submission names what is missing and the broken rules', async () => {
    const db = await getDb();
    const missing = await saveApplication(db, contractor.actor, undefined, { projectName: 'x' }, { submit: true });
    expect(missing.ok || Object.keys(missing.fieldErrors)).toEqual(expect.arrayContaining(['guaranteeKind', 'ordererId', 'contractAmount', 'deliveryMethod']));

    const early = await saveApplication(db, contractor.actor, undefined, input({ contractDate: '2026-03-31', periodStart: '2026-04-01', guaranteeStart: '2026-04-01' }), { submit: true });
    expect(early.ok).toBe(false);
    if (!early.ok) expect(early.fieldErrors.deliveryMethod?.[0]).toMatch(/2026年4月1日以降に契約を締結した工事・建設コンサルタント業務.*「書面」を選択/);
    // 書面 stays possible.
    must(await saveApplication(db, contractor.actor, undefined, input({ contractDate: '2026-03-31', periodStart: '2026-04-01', guaranteeStart: '2026-04-01', deliveryMethod: 'PAPER' }), { submit: true }));

    const survey = await saveApplication(db, contractor.actor, undefined, input({ workType: 'SURVEY' }), { submit: true });
    expect(!survey.ok && survey.fieldErrors.deliveryMethod?.[0]).toContain('測量業務は対象外');

    const over = await saveApplication(db, contractor.actor, undefined, input({ guaranteeAmount: '40,000,001' }), { submit: true });
    expect(!over.ok && over.fieldErrors.guaranteeAmount?.[0]).toContain('4/10（40,000,000円）以下');
    const consult = await saveApplication(db, contractor.actor, undefined, input({ workType: 'CONSULTING', guaranteeAmount: '30,000,001' }), { submit: true });
    expect(!consult.ok && consult.fieldErrors.guaranteeAmount?.[0]).toContain('3/10');
    const contract = await saveApplication(db, contractor.actor, undefined, input({ guaranteeKind: 'CONTRACT', guaranteeAmount: '9,999,999' }), { submit: true });
    expect(!contract.ok && contract.fieldErrors.guaranteeAmount?.[0]).toContain('1/10（10,000,000円）以上');
    const period = await saveApplication(db, contractor.actor, undefined, input({ guaranteeEnd: addDaysIso(TERM.periodEnd, -1) }), { submit: true });
    expect(!period.ok && period.fieldErrors.guaranteeEnd?.[0]).toContain('工期を含む');
  });

  it("a department of another orderer is refused", async () => {
    const other = await makeOrderer();
    const result = await saveApplication(await getDb(), contractor.actor, undefined, input({ worksDepartmentId: other.departmentId }), { submit: false });
    expect(!result.ok && result.fieldErrors.worksDepartmentId).toBeTruthy();
  });

  it('a department names its orderer; an unknown one is a field error, never a 500', async () => {
    const db = await getDb();
    const derived = must(await saveApplication(db, contractor.actor, undefined, { worksDepartmentId: orderer.departmentId }, { submit: false }));
    expect((await getContractorApplication(db, contractor.actor, derived.id)).ordererId).toBe(orderer.id);
    const unknown = await saveApplication(db, contractor.actor, undefined, { worksDepartmentId: '00000000-0000-4000-8000-000000000000' }, { submit: false });
    expect(!unknown.ok && unknown.fieldErrors.worksDepartmentId).toEqual(['一覧にある工事担当課を選んでください。']);
  });

  it('single-line fields refuse line breaks; 連絡事項 keeps them', async () => {
    const db = await getDb();
    const broken = await saveApplication(db, contractor.actor, undefined, { projectName: '〇〇道路\n改良工事' }, { submit: false });
    expect(!broken.ok && broken.fieldErrors.projectName).toEqual(['工事名は改行せずに1行で入力してください。']);
    must(await saveApplication(db, contractor.actor, undefined, { notes: '1行目\n2行目' }, { submit: false }));
  });

  it('a new orderer with other rules needs no code change', async () => {
    const db = await getDb();
    const admin = await officer(db);
    // Electronic from the day after the factory's 契約日 (2026-04-10 → 2026-04-11), so its contract is too early.
    const electronicFrom = addDaysIso(TERM.contractDate, 1);
    const [y, m, d] = electronicFrom.split('-').map(Number);
    const pref = must(
      await saveOrderer(db, admin, undefined, {
        name: '〇〇県',
        certificateName: '〇〇県知事',
        electronicFrom,
        electronicWorkTypes: ['WORKS'],
        subjectTemplate: '{保証契約番号}',
        limitAdvanceWorks: '5/10',
        limitContractMin: '3/10',
      }),
    );
    const dept = must(await saveDepartment(db, admin, pref.id, undefined, { name: '土木部監理課', kind: 'WORKS_SECTION', email: 'kanri@pref.example.jp', active: true }));
    const mk = (patch: Record<string, unknown>) => applicationInput(pref.id, dept.id, patch);
    must(await saveApplication(db, contractor.actor, undefined, mk({ guaranteeAmount: '50,000,000', deliveryMethod: 'PAPER' }), { submit: true }));
    const over = await saveApplication(db, contractor.actor, undefined, mk({ guaranteeAmount: '50,000,001', deliveryMethod: 'PAPER' }), { submit: true });
    expect(!over.ok && over.fieldErrors.guaranteeAmount?.[0]).toContain('〇〇県の前払金保証の保証金額は、請負金額の5/10');
    const electronic = await saveApplication(db, contractor.actor, undefined, mk({}), { submit: true });
    expect(!electronic.ok && electronic.fieldErrors.deliveryMethod?.[0]).toContain(`${y}年${m}月${d}日以降`);
    const contract = await saveApplication(db, contractor.actor, undefined, mk({ guaranteeKind: 'CONTRACT', guaranteeAmount: '29,999,999', deliveryMethod: 'PAPER' }), { submit: true });
    expect(!contract.ok && contract.fieldErrors.guaranteeAmount?.[0]).toContain('3/10');
  });

  it('withdraw until concluded; returned applications are edited and resubmitted', async () => {
    const db = await getDb();
    const a = must(await saveApplication(db, contractor.actor, undefined, input(), { submit: true }));
    must(await returnApplication(db, admin.actor, a.id, { reason: '保証金額を見直してください。' }));
    let stored = await getContractorApplication(db, contractor.actor, a.id);
    expect(stored.status).toBe('RETURNED');
    expect(stored.returnReason).toBe('保証金額を見直してください。');
    // Returning twice is refused.
    expect((await returnApplication(db, admin.actor, a.id, { reason: 'x' })).ok).toBe(false);
    const resubmitted = must(await saveApplication(db, contractor.actor, a.id, input({ guaranteeAmount: '30,000,000' }), { submit: true }));
    expect(resubmitted.status).toBe('SUBMITTED');
    must(await withdrawApplication(db, contractor.actor, a.id));
    stored = await getContractorApplication(db, contractor.actor, a.id);
    expect(stored.status).toBe('WITHDRAWN');
    expect((await withdrawApplication(db, contractor.actor, a.id)).ok).toBe(false);
    // An empty reason is a field error.
    const b = must(await saveApplication(db, contractor.actor, undefined, input(), { submit: true }));
    const empty = await returnApplication(db, admin.actor, b.id, { reason: '  ' });
    expect(!empty.ok && empty.fieldErrors.reason).toEqual(['差戻しの理由を入力してください。']);
  });

  it("the list shows only the company's applications, each with its status", async () => {
    const db = await getDb();
    must(await saveApplication(db, stranger.actor, undefined, input(), { submit: true }));
    const mine = await listContractorApplications(db, contractor.actor, {});
    expect(mine.rows.length).toBeGreaterThan(0);
    const ids = new Set(mine.rows.map((r) => r.contractor.name));
    expect(ids).toEqual(new Set([contractor.actor.organizationName]));
    const statuses = new Set(mine.rows.map((r) => r.status));
    expect(statuses.has('SUBMITTED') || statuses.has('WITHDRAWN')).toBe(true);
  });
});

describe('access', () => {
  it("another company can't read, edit, submit or withdraw an application", async () => {
    const db = await getDb();
    const a = must(await saveApplication(db, contractor.actor, undefined, input(), { submit: false }));
    await expect(getContractorApplication(db, stranger.actor, a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveApplication(db, stranger.actor, a.id, input(), { submit: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveApplication(db, stranger.actor, a.id, input(), { submit: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(withdrawApplication(db, stranger.actor, a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    signInAs(stranger);
    expect(await outcome(saveApplicationAction(a.id, undefined, formData({ ...input(), intent: 'submit' })))).toBe('not-found');
    expect(await outcome(withdrawApplicationAction(a.id, undefined, new FormData()))).toBe('not-found');
    expect((await getContractorApplication(db, contractor.actor, a.id)).status).toBe('DRAFT');
  });

  it('orderers and officers cannot use the contractor actions; contractors and orderers cannot conclude or return', async () => {
    const db = await getDb();
    const a = must(await saveApplication(db, contractor.actor, undefined, input(), { submit: true }));
    for (const who of [clerk, admin]) {
      signInAs(who);
      expect(await outcome(saveApplicationAction(undefined, undefined, formData(input())))).toBe('app-error:FORBIDDEN');
      expect(await outcome(withdrawApplicationAction(a.id, undefined, new FormData()))).toBe('app-error:FORBIDDEN');
    }
    for (const who of [contractor, clerk]) {
      signInAs(who);
      expect(await outcome(concludeApplicationAction(a.id, undefined, new FormData()))).toBe('app-error:FORBIDDEN');
      expect(await outcome(returnApplicationAction(a.id, undefined, formData({ reason: 'x' })))).toBe('app-error:FORBIDDEN');
    }
    signInAs(null);
    expect(await outcome(saveApplicationAction(undefined, undefined, formData(input())))).toBe('redirect:/login');
    expect((await getContractorApplication(db, contractor.actor, a.id)).status).toBe('SUBMITTED');
  });

  it('the action saves and redirects to the application', async () => {
    signInAs(contractor);
    const result = await outcome(saveApplicationAction(undefined, undefined, formData({ ...input(), intent: 'submit' })));
    expect(result).toMatch(/^redirect:\/contractor\/applications\/[0-9a-f-]{36}\?saved=submitted$/);
  });
});

describe('property: random input at the application action', () => {
  it('answers field errors only, never a 500, and stores nothing invalid', async () => {
    signInAs(contractor);
    const fields = Object.keys(input());
    const hostile = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom("'; DROP TABLE \"Application\"; --", '<script>alert(1)</script>', '９９９９９９９９９９９９９９９９', '-1', '1e3', '２０２６／１３／０１', '\u0000', '𠮷野家', 'ＡＢＣ', ' '.repeat(300)),
      fc.string({ minLength: 201, maxLength: 2100 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...fields), hostile, { minKeys: 1 }), fc.constantFrom('draft', 'submit'), async (values, intent) => {
        const before = await count();
        const result = await outcome(saveApplicationAction(undefined, undefined, formData({ ...values, intent })));
        if (typeof result === 'string') {
          // Random input can make a valid draft: then exactly one row is stored.
          expect(result).toMatch(/^redirect:\/contractor\/applications\//);
          expect(await count()).toBe(before + 1);
        } else {
          expect(result).toMatchObject({ status: 'error' });
          const errors = (result as { error: Record<string, string[] | null> }).error;
          for (const messages of Object.values(errors)) for (const m of messages ?? []) expect(m).toMatch(/[ぁ-んァ-ヶ一-龠]/);
          expect(await count()).toBe(before);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('pages', () => {
  it("another company's application page answers 404; the owner's renders", async () => {
    const { default: ApplicationPage } = await import('@/app/contractor/applications/[id]/page');
    const a = must(await saveApplication(await getDb(), contractor.actor, undefined, input(), { submit: false }));
    const props = { params: Promise.resolve({ id: a.id }), searchParams: Promise.resolve({}) } as never;
    signInAs(stranger);
    expect(await outcome(ApplicationPage(props))).toBe('not-found');
    signInAs(clerk);
    expect(await outcome(ApplicationPage(props))).toBe('not-found');
    signInAs(colleague);
    expect(typeof (await outcome(ApplicationPage(props)))).toBe('object');
  });
});

describe('printable text', () => {
  it('a character the certificate font cannot print is refused at its field', async () => {
    const result = await saveApplication(await getDb(), contractor.actor, undefined, { projectName: '𠮷野川護岸工事', depositBank: '髙﨑銀行' }, { submit: false });
    expect(!result.ok && result.fieldErrors.projectName?.[0]).toContain('𠮷');
    expect(!result.ok && result.fieldErrors.depositBank).toBeUndefined();
  });
});

describe('invisible spaces', () => {
  it('a thin space the font lacks is named by its code', async () => {
    const result = await saveApplication(await getDb(), contractor.actor, undefined, { projectName: '〇〇道路\u2009改良工事' }, { submit: false });
    expect(!result.ok && result.fieldErrors.projectName?.[0]).toContain('U+2009');
  });
});
