import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cancelContractImportAction, confirmContractImportAction, createContractAction, previewContractImportAction, updateContractAction } from '@/actions/orderer-contract-actions';
import { getDb } from '@/db/client';
import { MAX_FILE_BYTES } from '@/domain/contracts/file';
import { cancelContractImport, confirmContractImport, previewContractImport } from '@/domain/contracts/import-contracts';
import { CONTRACT_FIELD_MESSAGES as M, CONTRACT_FILE_MESSAGES as F, CONTRACT_IMPORT_MESSAGES as I, type EncodingChoice } from '@/domain/contracts/labels';
import { parseContractListParams } from '@/domain/contracts/list-params';
import { contractDepartments, contractsCsv, getContract, getContractImport, listContracts, recentContractImports } from '@/domain/contracts/queries';
import { CONTRACT_CSV_HEADER } from '@/domain/contracts/csv';
import { GET as csvRoute } from '@/app/orderer/contracts/csv/route';
import { saveContract } from '@/domain/contracts/save-contract';
import { saveDepartment } from '@/domain/organizations/save-department';
import { makeOrderer, makeUser, must, officer } from '../support/factories';
import { interrupt, outcome } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * 契約台帳 (issue 17, decision 068): hand entry with history and optimistic revisions, the import's
 * preview and its all-or-nothing confirmation, re-imports by 契約番号, hostile files, and who may do
 * any of it (only the orderer's own staff).
 */

type Made = Awaited<ReturnType<typeof makeUser>>;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let clerk: Made;
let colleague: Made;
let otherClerk: Made;
let contractor: Made;
let admin: Made;
let doboku: { id: string };

beforeAll(async () => {
  const db = await getDb();
  orderer = await makeOrderer();
  doboku = must(await saveDepartment(db, await officer(db), orderer.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: 'doboku@example.jp', active: true }));
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  colleague = await makeUser('ORDERER', orderer.id, doboku.id);
  otherClerk = await makeUser('ORDERER');
  contractor = await makeUser('CONTRACTOR');
  admin = await makeUser('ADMIN');
});

const HEADER = '契約番号,工事名,受注者,請負金額,契約日,工期（自）,工期（至）,前払金の割合,契約保証の割合,工事担当課';
const line = (n: string, patch: Partial<Record<'project' | 'contractor' | 'amount' | 'date' | 'start' | 'end' | 'advance' | 'performance' | 'dept', string>> = {}) =>
  [
    n,
    patch.project ?? `〇〇道路改良工事（${n}）`,
    patch.contractor ?? '株式会社〇〇建設',
    patch.amount ?? '"40,000,000"',
    patch.date ?? '令和8年4月1日',
    patch.start ?? '2026/4/2',
    patch.end ?? '2027/3/15',
    patch.advance ?? '4/10',
    patch.performance ?? '1/10',
    patch.dept ?? '',
  ].join(',');
const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\r\n')}\r\n`;
const sjis = (text: string) => new Uint8Array(iconv.encode(text, 'cp932'));
const utf8 = (text: string) => new TextEncoder().encode(text);
const upload = (bytes: Uint8Array, encoding: EncodingChoice = 'auto', filename = '契約台帳.csv') => ({ filename, bytes, encoding });
const form = (values: Record<string, string | Blob>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
};
const contractForm = (patch: Record<string, string> = {}) => ({
  contractNumber: `H-${Math.random().toString(36).slice(2, 8)}`,
  projectName: '△△橋梁補修工事',
  contractorName: '株式会社△△工務店',
  contractAmount: '12,000,000',
  contractDate: '2026/5/1',
  periodStart: '2026/5/2',
  periodEnd: '2026/12/25',
  advanceShare: '4/10',
  performanceShare: '1/10',
  ...patch,
});

describe('hand entry', () => {
  it('registers a contract, edits it at its revision, keeps every revision with who and what changed', async () => {
    const db = await getDb();
    const input = contractForm({ departmentId: doboku.id });
    const { id } = must(await saveContract(db, clerk.actor, undefined, input));
    const first = await getContract(db, clerk.actor, id);
    expect(first.values).toMatchObject({ contractAmount: 12_000_000n, advanceShareBp: 4000, performanceShareBp: 1000, departmentName: '土木課', periodEnd: '2026-12-25' });
    expect(first.history).toHaveLength(1);
    expect(first.history[0]).toMatchObject({ revision: 1, source: 'HAND', userName: clerk.actor.name });

    // The colleague edits it: 請負金額 and 工期（至） (a 工期 extension); nothing else is recorded.
    must(await saveContract(db, colleague.actor, id, { ...input, contractAmount: '13,200,000', periodEnd: '令和9年3月15日' }, { expectedRevision: 1 }));
    const second = await getContract(db, clerk.actor, id);
    expect(second.revision).toBe(2);
    expect(second.history[0]).toMatchObject({
      revision: 2,
      source: 'HAND',
      userName: colleague.actor.name,
      changes: [
        { field: 'contractAmount', before: '12000000', after: '13200000' },
        { field: 'periodEnd', before: '2026-12-25', after: '2027-03-15' },
      ],
    });

    // A form loaded at revision 1 is refused; a save that changes nothing writes nothing.
    expect(await saveContract(db, clerk.actor, id, { ...input, projectName: '別の名前' }, { expectedRevision: 1 })).toEqual({ ok: false, fieldErrors: { '': [M.stale] } });
    expect(await saveContract(db, clerk.actor, id, { ...input, contractAmount: '13200000', periodEnd: '2027/3/15' }, { expectedRevision: 2 })).toEqual({ ok: true, value: { id, changed: false } });
    expect((await getContract(db, clerk.actor, id)).history).toHaveLength(2);
    const audit = await db.auditLog.findMany({ where: { organizationId: orderer.id, action: { in: ['contract.create', 'contract.update'] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(['contract.create', 'contract.update']);
  });

  it('refuses at the field: a 契約番号 already registered, a department of another orderer, bad values', async () => {
    const db = await getDb();
    const input = contractForm();
    must(await saveContract(db, clerk.actor, undefined, input));
    expect(await saveContract(db, colleague.actor, undefined, { ...input, contractNumber: `  ${input.contractNumber.replace('H', 'Ｈ')} ` })).toEqual({ ok: false, fieldErrors: { contractNumber: [M.duplicateNumber] } });
    const foreign = (await makeOrderer()).departmentId;
    expect(await saveContract(db, clerk.actor, undefined, contractForm({ departmentId: foreign }))).toEqual({ ok: false, fieldErrors: { departmentId: [M.departmentChoice] } });
    const bad = await saveContract(db, clerk.actor, undefined, contractForm({ contractAmount: '千万円', periodEnd: '2026/5/1', projectName: '=1+1' }));
    expect(bad).toEqual({ ok: false, fieldErrors: { contractAmount: [M.amount], projectName: [M.formula] } });
    // Another orderer may use the same 契約番号: numbers are each orderer's own.
    expect((await saveContract(db, otherClerk.actor, undefined, input)).ok).toBe(true);
  });
});

describe('import', () => {
  it('a Shift_JIS file: preview with counts, confirm in one go, re-import updates by 契約番号 and keeps history', async () => {
    const db = await getDb();
    const first = sjis(csv(line('R8-001'), line('R8-002', { dept: '土木課', contractor: '㈱﨑山組' }), line('R8-003', { advance: '', performance: 'なし' })));
    const preview = must(await previewContractImport(db, clerk.actor, upload(first)));
    const p = await getContractImport(db, clerk.actor, preview.id);
    expect(p).toMatchObject({ encoding: 'Shift_JIS', status: 'PREVIEW', rowCount: 3, errorCount: 0, counts: { created: 3, updated: 0, unchanged: 0 }, errors: [] });
    expect(p.created.map((r) => r.contractNumber)).toEqual(['R8-001', 'R8-002', 'R8-003']);
    // Nothing is in the register until the clerk confirms.
    expect((await listContracts(db, clerk.actor, parseContractListParams({ cond: 'number', q: 'R8-' }))).rows).toEqual([]);

    expect(await confirmContractImport(db, clerk.actor, preview.id)).toEqual({ ok: true, value: { created: 3, updated: 0, unchanged: 0 } });
    expect(await confirmContractImport(db, clerk.actor, preview.id)).toEqual({ ok: false, fieldErrors: { '': [I.notPreview] } });
    const list = await listContracts(db, clerk.actor, parseContractListParams({ cond: 'number', q: 'R8-' }));
    expect(list.rows.map((r) => [r.contractNumber, r.contractorName, r.advanceShareBp, r.performanceShareBp])).toEqual(
      expect.arrayContaining([
        ['R8-001', '株式会社〇〇建設', 4000, 1000],
        ['R8-002', '㈱﨑山組', 4000, 1000],
        ['R8-003', '株式会社〇〇建設', null, null],
      ]),
    );
    const two = list.rows.find((r) => r.contractNumber === 'R8-002')!;
    expect((await getContract(db, clerk.actor, two.id)).values.departmentId).toBe(doboku.id);

    // The same file again, UTF-8 this time, with one price change and one 工期 extension.
    const again = utf8(csv(line('R8-001', { amount: '"44,000,000円"' }), line('R8-002', { dept: '土木課', contractor: '㈱﨑山組', end: 'R9.6.30' }), line('R8-003', { advance: '', performance: 'なし' })));
    const second = must(await previewContractImport(db, colleague.actor, upload(again)));
    const q = await getContractImport(db, colleague.actor, second.id);
    expect(q).toMatchObject({ encoding: 'UTF-8', counts: { created: 0, updated: 2, unchanged: 1 } });
    expect(q.updated.map((r) => [r.contractNumber, r.changes])).toEqual([
      ['R8-001', [{ field: 'contractAmount', before: '40000000', after: '44000000' }]],
      ['R8-002', [{ field: 'periodEnd', before: '2027-03-15', after: '2027-06-30' }]],
    ]);
    expect(await confirmContractImport(db, colleague.actor, second.id)).toEqual({ ok: true, value: { created: 0, updated: 2, unchanged: 1 } });
    const one = await getContract(db, clerk.actor, list.rows.find((r) => r.contractNumber === 'R8-001')!.id);
    expect(one.values.contractAmount).toBe(44_000_000n);
    expect(one.history.map((h) => [h.revision, h.source, h.userName, h.importFilename])).toEqual([
      [2, 'IMPORT', colleague.actor.name, '契約台帳.csv'],
      [1, 'IMPORT', clerk.actor.name, '契約台帳.csv'],
    ]);
    const audit = await db.auditLog.findMany({ where: { organizationId: orderer.id, action: 'contract.import' } });
    expect(audit).toHaveLength(2);
  });

  it('a file with one bad row lists it at its line and column and cannot be imported; nothing changes', async () => {
    const db = await getDb();
    const bytes = sjis(csv(line('E-1'), line('E-2', { amount: '四千万円' }), line('E-3', { dept: '水道課' })));
    const { id } = must(await previewContractImport(db, clerk.actor, upload(bytes, 'shift_jis')));
    const p = await getContractImport(db, clerk.actor, id);
    expect(p.errorCount).toBe(2);
    expect(p.errors).toEqual([
      { line: 3, column: '請負金額', message: M.amount },
      { line: 4, column: '工事担当課', message: M.department },
    ]);
    expect(await confirmContractImport(db, clerk.actor, id)).toEqual({ ok: false, fieldErrors: { '': [I.hasErrors] } });
    expect(await db.contract.count({ where: { ordererId: orderer.id, contractNumber: { startsWith: 'E-' } } })).toBe(0);
  });

  it('all or nothing: a failure while writing rolls back every row, every revision and the import’s state', async () => {
    const db = await getDb();
    const rows = Array.from({ length: 50 }, (_, i) => line(`T-${String(i).padStart(3, '0')}`));
    rows.push(line('T-BOOM'));
    const { id } = must(await previewContractImport(db, clerk.actor, upload(utf8(csv(...rows)))));
    // The database refuses one row (as a disk full or a constraint would) in the middle of the insert.
    await db.$executeRawUnsafe(`CREATE FUNCTION contract_boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."contractNumber" = 'T-BOOM' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER contract_boom BEFORE INSERT ON "Contract" FOR EACH ROW EXECUTE FUNCTION contract_boom()`);
    try {
      await expect(confirmContractImport(db, clerk.actor, id)).rejects.toThrow();
      expect(await db.contract.count({ where: { ordererId: orderer.id, contractNumber: { startsWith: 'T-' } } })).toBe(0);
      expect(await db.contractRevision.count({ where: { importId: id } })).toBe(0);
      expect((await db.contractImport.findUniqueOrThrow({ where: { id } })).status).toBe('PREVIEW');
      expect(await db.auditLog.count({ where: { action: 'contract.import', details: { path: ['importId'], equals: id } } })).toBe(0);
    } finally {
      await db.$executeRawUnsafe(`DROP TRIGGER contract_boom ON "Contract"`);
      await db.$executeRawUnsafe(`DROP FUNCTION contract_boom()`);
    }
    // Once the fault is gone, the same preview imports whole.
    expect(await confirmContractImport(db, clerk.actor, id)).toEqual({ ok: true, value: { created: 51, updated: 0, unchanged: 0 } });
  });

  it('a register changed after the preview is confirmed again; a cancelled import cannot be confirmed', async () => {
    const db = await getDb();
    const { id: contractId } = must(await saveContract(db, clerk.actor, undefined, contractForm({ contractNumber: 'C-1' })));
    const { id } = must(await previewContractImport(db, clerk.actor, upload(utf8(csv(line('C-1'), line('C-2'))))));
    expect((await getContractImport(db, clerk.actor, id)).counts).toEqual({ created: 1, updated: 1, unchanged: 0 });
    // Meanwhile another clerk registers C-2 by hand.
    must(await saveContract(db, colleague.actor, undefined, contractForm({ contractNumber: 'C-2' })));
    expect(await confirmContractImport(db, clerk.actor, id)).toEqual({ ok: false, fieldErrors: { '': [I.changedSince] } });
    expect((await getContractImport(db, clerk.actor, id)).counts).toEqual({ created: 0, updated: 2, unchanged: 0 });
    expect((await confirmContractImport(db, clerk.actor, id)).ok).toBe(true);
    expect((await getContract(db, clerk.actor, contractId)).history[0]).toMatchObject({ revision: 2, source: 'IMPORT' });

    const other = must(await previewContractImport(db, clerk.actor, upload(utf8(csv(line('C-9'))))));
    must(await cancelContractImport(db, clerk.actor, other.id));
    expect(await confirmContractImport(db, clerk.actor, other.id)).toEqual({ ok: false, fieldErrors: { '': [I.notPreview] } });
    expect(await db.contract.count({ where: { ordererId: orderer.id, contractNumber: 'C-9' } })).toBe(0);
  });

  it('hostile files get a Japanese error at the file field and store nothing', async () => {
    const db = await getDb();
    const before = await db.contractImport.count();
    const noise = new Uint8Array(10 * 1024 * 1024);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24;
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    const cases: [Uint8Array, EncodingChoice, string][] = [
      [noise, 'auto', F.tooLarge(5)],
      [new Uint8Array(MAX_FILE_BYTES + 1).fill(0x2c), 'auto', F.tooLarge(5)],
      [noise.subarray(0, 100_000), 'auto', F.binary],
      [zip, 'auto', F.binary],
      [new Uint8Array(), 'auto', F.empty],
      [utf8('契約番号,工事名\r\nA,B\r\n'), 'auto', F.missingColumns(['受注者', '請負金額', '契約日', '工期（自）', '工期（至）'])],
      [utf8(csv(line('U-1'))), 'shift_jis', F.notShiftJis],
      [sjis(csv(line('S-1'))), 'utf-8', F.notUtf8],
      [utf8(HEADER), 'auto', F.noRows],
    ];
    for (const [bytes, encoding, message] of cases) {
      expect(await previewContractImport(db, clerk.actor, upload(bytes, encoding)), message).toEqual({ ok: false, fieldErrors: { file: [message] } });
    }
    expect(await db.contractImport.count()).toBe(before);

    // A formula in a cell is a row error (never stored, so never exported or run).
    const formula = must(await previewContractImport(db, clerk.actor, upload(utf8(csv(line('X-1', { project: `"=cmd|' /C calc'!A0"`, contractor: '@SUM(1+1)*cmd|x' }))))));
    const p = await getContractImport(db, clerk.actor, formula.id);
    expect(p.errors).toEqual([
      { line: 2, column: '工事名', message: M.formula },
      { line: 2, column: '受注者', message: M.formula },
    ]);
    expect(await confirmContractImport(db, clerk.actor, formula.id)).toEqual({ ok: false, fieldErrors: { '': [I.hasErrors] } });
  });

  it('5,000 rows: preview and import measured (logged, not asserted)', async () => {
    const db = await getDb();
    const rows = Array.from({ length: 5000 }, (_, i) => line(`P-${String(i).padStart(5, '0')}`, { amount: String(10_000_000 + i * 1000), dept: i % 2 ? '土木課' : '' }));
    const bytes = sjis(csv(...rows));
    const t0 = performance.now();
    const { id } = must(await previewContractImport(db, clerk.actor, upload(bytes)));
    const t1 = performance.now();
    expect(await confirmContractImport(db, clerk.actor, id)).toEqual({ ok: true, value: { created: 5000, updated: 0, unchanged: 0 } });
    const t2 = performance.now();
    // And again with every amount changed: 5,000 updates and 5,000 revisions.
    const changed = sjis(csv(...rows.map((r) => r.replace(/,(\d{8}),/, (_m, a: string) => `,${Number(a) + 1},`))));
    const again = must(await previewContractImport(db, clerk.actor, upload(changed)));
    const t3 = performance.now();
    expect(await confirmContractImport(db, clerk.actor, again.id)).toEqual({ ok: true, value: { created: 0, updated: 5000, unchanged: 0 } });
    const t4 = performance.now();
    const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    console.log(
      `[contracts] 5,000 rows (${(bytes.byteLength / 1024).toFixed(0)} KB Shift_JIS) on ${engine}: new — preview ${(t1 - t0).toFixed(0)} ms, import ${(t2 - t1).toFixed(0)} ms; all changed — preview ${(t3 - t2).toFixed(0)} ms, import ${(t4 - t3).toFixed(0)} ms`,
    );
    expect(await db.contractRevision.count({ where: { importId: again.id } })).toBe(5000);
  }, 240_000);
});

describe('the list', () => {
  it('newest 契約日 first, keyset-paged, searched by 契約番号 prefix, 工事名 and 受注者 in part (全角/半角 alike)', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const staff = await makeUser('ORDERER', o.id, o.departmentId);
    const rows = Array.from({ length: 25 }, (_, i) =>
      line(`L-${String(i).padStart(2, '0')}`, { date: `2026/4/${i + 1}`, start: '2026/5/1', project: i === 7 ? 'ＡＢＣ舗装工事' : `工事${i}`, contractor: i === 3 ? '有限会社テスト' : '株式会社〇〇建設' }),
    );
    must(await confirmContractImport(db, staff.actor, must(await previewContractImport(db, staff.actor, upload(utf8(csv(...rows))))).id));
    const page1 = await listContracts(db, staff.actor, parseContractListParams({}));
    expect(page1.rows.map((r) => r.contractNumber).slice(0, 3)).toEqual(['L-24', 'L-23', 'L-22']);
    expect(page1).toMatchObject({ hasNext: true, hasPrevious: false, total: 25 });
    const page2 = await listContracts(db, staff.actor, { ...parseContractListParams({}), after: page1.last, page: 2 });
    expect(page2.rows.map((r) => r.contractNumber)).toEqual(['L-04', 'L-03', 'L-02', 'L-01', 'L-00']);
    expect((await listContracts(db, staff.actor, parseContractListParams({ cond: 'number', q: 'Ｌ－１' }))).rows).toHaveLength(10);
    expect((await listContracts(db, staff.actor, parseContractListParams({ cond: 'project', q: 'abc' }))).rows.map((r) => r.contractNumber)).toEqual(['L-07']);
    expect((await listContracts(db, staff.actor, parseContractListParams({ cond: 'contractor', q: 'テスト' }))).rows.map((r) => r.contractNumber)).toEqual(['L-03']);
    expect((await listContracts(db, staff.actor, parseContractListParams({ cond: 'number', q: '%' }))).rows).toEqual([]);
    // Another orderer's list holds none of them.
    expect((await listContracts(db, clerk.actor, parseContractListParams({ cond: 'number', q: 'L-' }))).rows).toEqual([]);
  });
});

describe('access: only the orderer’s own staff', () => {
  it('use cases: another orderer’s staff find nothing (NOT_FOUND), other roles are FORBIDDEN', async () => {
    const db = await getDb();
    const { id } = must(await saveContract(db, clerk.actor, undefined, contractForm()));
    const imp = must(await previewContractImport(db, clerk.actor, upload(utf8(csv(line('A-1'))))));
    await expect(getContract(db, otherClerk.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveContract(db, otherClerk.actor, id, contractForm(), { expectedRevision: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getContractImport(db, otherClerk.actor, imp.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(confirmContractImport(db, otherClerk.actor, imp.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cancelContractImport(db, otherClerk.actor, imp.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const who of [contractor, admin]) {
      await expect(getContract(db, who.actor, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listContracts(db, who.actor, parseContractListParams({}))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(saveContract(db, who.actor, undefined, contractForm())).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(previewContractImport(db, who.actor, upload(utf8(csv(line('A-2')))))).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(confirmContractImport(db, who.actor, imp.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(getContractImport(db, who.actor, imp.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(contractDepartments(db, who.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(recentContractImports(db, who.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    // The recent uploads are the orderer's own, newest first, whoever of its staff read them.
    expect((await recentContractImports(db, colleague.actor))[0]).toMatchObject({ id: imp.id, status: 'PREVIEW', rowCount: 1, uploadedBy: clerk.actor.name });
    expect((await recentContractImports(db, otherClerk.actor)).map((r) => r.id)).not.toContain(imp.id);
    expect((await getContractImport(db, clerk.actor, imp.id)).status).toBe('PREVIEW');
  });

  it('actions: the signed-out go to /login, other sides are FORBIDDEN, another orderer’s record is 404; the staff’s succeed', async () => {
    const db = await getDb();
    const { id } = must(await saveContract(db, clerk.actor, undefined, contractForm()));
    const imp = must(await previewContractImport(db, clerk.actor, upload(utf8(csv(line('AC-1'))))));
    const file = () => new File([csv(line('AC-2'))], '契約.csv', { type: 'text/csv' });
    const othersBefore = await db.contract.count({ where: { ordererId: otherClerk.actor.organizationId } });
    const calls = {
      create: () => createContractAction(undefined, form({ ...contractForm(), departmentId: '' })),
      update: () => updateContractAction(id, undefined, form({ ...contractForm(), revision: '1' })),
      preview: () => previewContractImportAction(undefined, form({ file: file(), encoding: 'auto' })),
      confirm: () => confirmContractImportAction(imp.id, undefined, form({})),
      cancel: () => cancelContractImportAction(imp.id, undefined, form({})),
    };
    for (const call of Object.values(calls)) {
      signInAs(null);
      expect(await interrupt(call())).toBe('redirect:/login');
      for (const who of [contractor, admin]) {
        signInAs(who);
        expect(await interrupt(call())).toBe('app-error:FORBIDDEN');
      }
    }
    signInAs(otherClerk);
    expect(await interrupt(calls.update())).toBe('not-found');
    expect(await interrupt(calls.confirm())).toBe('not-found');
    expect(await interrupt(calls.cancel())).toBe('not-found');
    expect(await interrupt(updateContractAction('not-a-uuid', undefined, form(contractForm())))).toBe('not-found');
    expect(await db.contract.count({ where: { ordererId: otherClerk.actor.organizationId } })).toBe(othersBefore);

    signInAs(clerk);
    expect(await interrupt(calls.create())).toMatch(/^redirect:\/orderer\/contracts\/[0-9a-f-]{36}\?saved=created$/);
    expect(await interrupt(calls.preview())).toMatch(/^redirect:\/orderer\/contracts\/imports\/[0-9a-f-]{36}$/);
    expect(await interrupt(calls.confirm())).toBe(`redirect:/orderer/contracts/imports/${imp.id}?saved=imported`);
    // An empty file input and a bad file answer at the field, in Japanese.
    const empty = (await outcome(previewContractImportAction(undefined, form({ file: new File([], ''), encoding: 'auto' })))) as { error?: Record<string, string[]> };
    expect(empty.error?.file).toEqual([F.none]);
    const binary = (await outcome(previewContractImportAction(undefined, form({ file: new File([new Uint8Array([0, 1, 2])], 'x.csv'), encoding: 'auto' })))) as { error?: Record<string, string[]> };
    expect(binary.error?.file).toEqual([F.binary]);
    signInAs(null);
  });
});

describe('pages: the same checks as the actions', () => {
  it('each page answers the signed-out with /login, other sides and another orderer’s records with 404', async () => {
    const db = await getDb();
    const { id } = must(await saveContract(db, clerk.actor, undefined, contractForm()));
    const imp = must(await previewContractImport(db, clerk.actor, upload(utf8(csv(line('PG-1'))))));
    const { default: ListPage } = await import('@/app/orderer/contracts/page');
    const { default: DetailPage } = await import('@/app/orderer/contracts/[id]/page');
    const { default: EditPage } = await import('@/app/orderer/contracts/[id]/edit/page');
    const { default: NewPage } = await import('@/app/orderer/contracts/new/page');
    const { default: ImportPage } = await import('@/app/orderer/contracts/import/page');
    const { default: PreviewPage } = await import('@/app/orderer/contracts/imports/[id]/page');
    const props = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params), searchParams: Promise.resolve({}) }) as never;
    const pages = {
      list: () => ListPage(props()),
      detail: () => DetailPage(props({ id })),
      edit: () => EditPage(props({ id })),
      new: () => NewPage(),
      import: () => ImportPage(props()),
      preview: () => PreviewPage(props({ id: imp.id })),
    };
    for (const [name, render] of Object.entries(pages)) {
      signInAs(null);
      expect(await interrupt(render()), name).toBe('redirect:/login');
      for (const who of [contractor, admin]) {
        signInAs(who);
        expect(await interrupt(render()), name).toBe('not-found');
      }
      signInAs(clerk);
      expect(await interrupt(render()), name).toBe('passed');
    }
    signInAs(otherClerk);
    for (const render of [pages.detail, pages.edit, pages.preview]) expect(await interrupt(render())).toBe('not-found');
    expect(await interrupt(DetailPage(props({ id: 'x' })))).toBe('not-found');
    signInAs(null);
  });
});

describe('the register as CSV', () => {
  it('has the import’s columns, reads back unchanged, neutralises a formula-leading cell, in batches, the caller’s rows only', async () => {
    const db = await getDb();
    const o = await makeOrderer();
    const staff = await makeUser('ORDERER', o.id, o.departmentId);
    const rows = Array.from({ length: 7 }, (_, i) => line(`X-${i}`, { date: `2026/4/${i + 1}`, start: '2026/4/10', contractor: '㈱﨑山組', advance: i % 2 ? '12.5%' : '4/10', performance: i % 3 ? '' : '1/10' }));
    must(await confirmContractImport(db, staff.actor, must(await previewContractImport(db, staff.actor, upload(sjis(csv(...rows))))).id));
    const text = await contractsCsv(db, staff.actor, parseContractListParams({}), 3);
    expect(text.startsWith('\ufeff')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(CONTRACT_CSV_HEADER.join(','));
    expect(lines.slice(1, 3)).toEqual(['X-6,〇〇道路改良工事（X-6）,㈱﨑山組,40000000,2026/04/07,2026/04/10,2027/03/15,10分の4,10分の1,', 'X-5,〇〇道路改良工事（X-5）,㈱﨑山組,40000000,2026/04/06,2026/04/10,2027/03/15,12.5%,,']);
    expect(lines).toHaveLength(1 + 7 + 1);
    // Read back, it changes nothing.
    const back = must(await previewContractImport(db, staff.actor, upload(utf8(text))));
    expect((await getContractImport(db, staff.actor, back.id)).counts).toEqual({ created: 0, updated: 0, unchanged: 7 });
    // A formula-leading value the entry refuses, written past it: the export still neutralises it.
    await db.$executeRaw`UPDATE "Contract" SET "projectName" = ${"=cmd|' /C calc'!A0"} WHERE "ordererId" = CAST(${o.id} AS uuid) AND "contractNumber" = 'X-0'`;
    expect(await contractsCsv(db, staff.actor, parseContractListParams({ cond: 'number', q: 'X-0' }))).toContain(`X-0,'=cmd|' /C calc'!A0,`);
    // Another orderer's file has the header only.
    expect(await contractsCsv(db, clerk.actor, parseContractListParams({ cond: 'number', q: 'X-' }))).toBe(`\ufeff${CONTRACT_CSV_HEADER.join(',')}\r\n`);
  });

  it('the route: the staff download it; other sides 404, the signed-out 401', async () => {
    const request = new Request('http://x/orderer/contracts/csv?cond=number&q=R8-');
    signInAs(clerk);
    const ok = await csvRoute(request);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await ok.arrayBuffer());
    // The BOM (which Response.text() would drop), then the header.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8').split('\r\n')[0]).toBe(CONTRACT_CSV_HEADER.join(','));
    for (const who of [contractor, admin]) {
      signInAs(who);
      expect((await csvRoute(request)).status).toBe(404);
    }
    signInAs(null);
    expect((await csvRoute(request)).status).toBe(401);
  });
});
