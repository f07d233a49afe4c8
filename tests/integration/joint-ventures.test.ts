import pg from 'pg';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeJointVentureAction, createJointVentureAction, updateJointVentureAction } from '@/actions/admin-joint-venture-actions';
import JointVenturePage from '@/app/admin/joint-ventures/[id]/page';
import NewJointVenturePage from '@/app/admin/joint-ventures/new/page';
import { JOINT_VENTURE_LABELS as L } from '@/app/admin/joint-ventures/labels';
import JointVenturesPage from '@/app/admin/joint-ventures/page';
import ContractorJointVenturesPage from '@/app/contractor/joint-ventures/page';
import { getDb } from '@/db/client';
import { closeJointVenture } from '@/domain/joint-ventures/close-joint-venture';
import { getJointVenture, listJointVentures, PAGE_SIZE, searchMemberCompanies } from '@/domain/joint-ventures/queries';
import { JOINT_VENTURE_MESSAGES as M } from '@/domain/joint-ventures/rules';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';
import { saveContractor } from '@/domain/organizations/save-contractor';
import { describeRecords, recordKey } from '@/domain/records/describe-records';
import { Prisma } from '@/generated/prisma/client';
import { makeContractor, makeUser, must, officer, uid } from '../support/factories';
import { interrupt, outcome } from '../support/interrupt';
import { signInAs } from '../support/session';
import { postgresUrl, withDatabase } from '../setup/test-database';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * 共同企業体 as data (decision 065): officers register, edit and close a JV in one transaction with its
 * audit row; a contractor reads the JVs its company belongs to; nobody else reads or writes any.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let admin: User;
let lead: User; // a user of the 代表者
let partner: User; // a user of the 構成員
let outsider: User; // a user of a company in no JV
let clerk: User;

beforeAll(async () => {
  admin = await makeUser('ADMIN');
  lead = await makeUser('CONTRACTOR');
  partner = await makeUser('CONTRACTOR');
  outsider = await makeUser('CONTRACTOR');
  clerk = await makeUser('ORDERER');
});
beforeEach(() => signInAs(null));

const jvName = () => `〇〇・△△特定建設工事共同企業体${uid()}`;

/** The form's values as posted: two members, the first the 代表者. */
function input(patch: Record<string, unknown> = {}): Record<string, unknown> & { name: string } {
  return {
    name: jvName(),
    kind: 'SPECIFIC',
    mode: 'JOINT',
    formedOn: '2026/04/01',
    representative: '0',
    members: [
      { organizationId: lead.actor.organizationId, share: '60' },
      { organizationId: partner.actor.organizationId, share: '40' },
    ],
    ...patch,
  };
}

function form(values: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) {
    if (key === 'members') {
      (value as { organizationId?: string; companyName?: string; share?: string }[]).forEach((row, i) => {
        data.set(`members[${i}].organizationId`, row.organizationId ?? '');
        data.set(`members[${i}].companyName`, row.companyName ?? '');
        data.set(`members[${i}].share`, row.share ?? '');
      });
    } else if (value !== undefined) data.set(key, String(value));
  }
  return data;
}

const membersOf = async (id: string) =>
  (await getDb()).jointVentureMember.findMany({ where: { jointVentureId: id }, orderBy: { sortOrder: 'asc' }, select: { organizationId: true, role: true, shareBasisPoints: true, sortOrder: true } });

describe('registering a JV', () => {
  it('stores the JV and its members, the 代表者 first, with its audit row, in one go', async () => {
    const db = await getDb();
    const values = input({
      representative: '1',
      members: [
        { organizationId: partner.actor.organizationId, share: '４０％' },
        { organizationId: lead.actor.organizationId, share: '60' },
      ],
      nameKana: 'マルマルサンカクトクテイケンセツコウジキョウドウキギョウタイ',
      note: '協定書 第8条による。\n別紙あり。',
    });
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, values));
    const jv = await db.jointVenture.findUniqueOrThrow({ where: { id } });
    expect(jv).toMatchObject({ name: values.name, kind: 'SPECIFIC', mode: 'JOINT', closedOn: null, lockedAt: null, revision: 1, note: values.note });
    expect(jv.formedOn?.toISOString().slice(0, 10)).toBe('2026-04-01');
    expect(await membersOf(id)).toEqual([
      { organizationId: lead.actor.organizationId, role: 'REPRESENTATIVE', shareBasisPoints: 6000, sortOrder: 0 },
      { organizationId: partner.actor.organizationId, role: 'MEMBER', shareBasisPoints: 4000, sortOrder: 1 },
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetType: 'jointVenture', targetId: id } });
    expect(audit).toMatchObject({ action: 'joint-venture.create', actorUserId: admin.id });
    expect(audit.details).toMatchObject({ name: values.name, formedOn: '2026-04-01', members: [{ role: 'REPRESENTATIVE', shareBasisPoints: 6000 }, { role: 'MEMBER', shareBasisPoints: 4000 }] });
    // 最近の操作 names it and links to it.
    const named = await describeRecords(db, admin.actor, [{ type: 'jointVenture', id }]);
    expect(named.get(recordKey({ type: 'jointVenture', id }))).toEqual({ type: 'jointVenture', id, name: values.name });
  });

  it('answers at the field and stores nothing: a sum other than 100 %, a company twice, a share unreadable, no 代表者', async () => {
    const db = await getDb();
    const before = await db.jointVenture.count();
    const sum = await saveJointVenture(db, admin.actor, undefined, input({ members: [{ organizationId: lead.actor.organizationId, share: '60' }, { organizationId: partner.actor.organizationId, share: '30' }] }));
    expect(sum).toEqual({ ok: false, fieldErrors: { members: [M.shareSum(9000)] } });
    const twice = await saveJointVenture(
      db,
      admin.actor,
      undefined,
      input({ members: [{ organizationId: lead.actor.organizationId, share: '50' }, { organizationId: partner.actor.organizationId, share: '25' }, { organizationId: lead.actor.organizationId, share: '25' }] }),
    );
    expect(twice).toEqual({ ok: false, fieldErrors: { 'members[2].organizationId': [M.duplicate] } });
    const unreadable = await saveJointVenture(db, admin.actor, undefined, input({ members: [{ organizationId: lead.actor.organizationId, share: '六十' }, { organizationId: partner.actor.organizationId, share: '0' }] }));
    expect(unreadable.ok || unreadable.fieldErrors).toEqual({ 'members[0].share': [M.share], 'members[1].share': [M.share] });
    const noRepresentative = await saveJointVenture(db, admin.actor, undefined, input({ representative: undefined }));
    expect(noRepresentative.ok || noRepresentative.fieldErrors).toEqual({ representative: [M.representative] });
    const one = await saveJointVenture(db, admin.actor, undefined, input({ members: [{ organizationId: lead.actor.organizationId, share: '100' }] }));
    expect(one.ok || one.fieldErrors).toEqual({ members: [M.memberCount] });
    expect(await db.jointVenture.count()).toBe(before);
  });

  it('a company name typed and never chosen from the list, its share blank, is refused at that row’s company — never dropped as a blank row', async () => {
    const db = await getDb();
    const before = await db.jointVenture.count();
    const chosen = [
      { organizationId: lead.actor.organizationId, companyName: '株式会社〇〇建設', share: '60' },
      { organizationId: partner.actor.organizationId, companyName: '株式会社△△工務店', share: '40' },
    ];
    const typedOnly = input({ members: [...chosen, { organizationId: '', companyName: '株式会社□□', share: '' }] });
    const result = await saveJointVenture(db, admin.actor, undefined, typedOnly);
    expect(result.ok || result.fieldErrors).toEqual({ 'members[2].organizationId': [M.companyNotChosen], 'members[2].share': [M.share] });
    // Through the action as the form posts it: refused, what was typed sent back, nothing stored.
    signInAs(admin);
    const reply = await outcome(createJointVentureAction(undefined, form(typedOnly)));
    expect(reply).toMatchObject({ status: 'error', error: { 'members[2].organizationId': [M.companyNotChosen] } });
    expect(JSON.stringify(reply)).toContain('株式会社□□');
    // With a share and nothing typed, the company is asked for; a row with nothing at all is blank.
    const shareOnly = await saveJointVenture(db, admin.actor, undefined, input({ members: [...chosen, { organizationId: '', companyName: '  ', share: '10' }] }));
    expect(shareOnly.ok || shareOnly.fieldErrors).toMatchObject({ 'members[2].organizationId': [M.companyRequired] });
    must(await saveJointVenture(db, admin.actor, undefined, input({ members: [...chosen, { organizationId: '', companyName: ' ', share: '' }] })));
    expect(await db.jointVenture.count()).toBe(before + 1);
  });

  it('takes active contractors only: an orderer, a disabled company or an unknown id is refused at its row', async () => {
    const db = await getDb();
    const company = await makeContractor();
    await db.organization.update({ where: { id: company.id }, data: { active: false } });
    for (const organizationId of [clerk.actor.organizationId, company.id, crypto.randomUUID()]) {
      const result = await saveJointVenture(db, admin.actor, undefined, input({ members: [{ organizationId: lead.actor.organizationId, share: '60' }, { organizationId, share: '40' }] }));
      expect(result).toEqual({ ok: false, fieldErrors: { 'members[1].organizationId': [M.unknownCompany] } });
    }
    // The company box offers none of them: active contractors only.
    const nameOf = async (id: string) => (await db.organization.findUniqueOrThrow({ where: { id } })).name;
    expect((await searchMemberCompanies(db, admin.actor, await nameOf(lead.actor.organizationId))).companies.map((c) => c.id)).toContain(lead.actor.organizationId);
    expect((await searchMemberCompanies(db, admin.actor, await nameOf(company.id))).companies).toEqual([]);
    expect((await searchMemberCompanies(db, admin.actor, await nameOf(clerk.actor.organizationId))).companies).toEqual([]);
  });

  it('the database itself holds one 代表者 per JV and a share within (0, 100 %]', async () => {
    const db = await getDb();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, input()));
    const third = await makeContractor();
    const code = async (promise: Promise<unknown>) => {
      try {
        await promise;
        return 'passed';
      } catch (error) {
        return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : String(error);
      }
    };
    expect(await code(db.jointVentureMember.create({ data: { jointVentureId: id, organizationId: third.id, role: 'REPRESENTATIVE', shareBasisPoints: 1 } }))).toBe('P2002');
    expect(await code(db.jointVentureMember.create({ data: { jointVentureId: id, organizationId: third.id, role: 'MEMBER', shareBasisPoints: 0 } }))).not.toBe('passed');
    expect(await code(db.jointVentureMember.create({ data: { jointVentureId: id, organizationId: third.id, role: 'MEMBER', shareBasisPoints: 10_001 } }))).not.toBe('passed');
    expect(await membersOf(id)).toHaveLength(2);
  });
});

describe('the registration mail 「共同企業体登録のお知らせ」 (issue 16 B8)', () => {
  const address = () => `jv-${uid()}@example.jp`;

  /** Three companies: the 代表者 with two users who get it, one disabled and one without an address; a 構成員 with one; one with nobody to write to. */
  async function cast() {
    const db = await getDb();
    const company = async () => db.organization.findUniqueOrThrow({ where: { id: (await makeContractor()).id }, select: { id: true, name: true } });
    const [first, second, third] = [await company(), await company(), await company()];
    const leadTo = [address(), address()];
    for (const email of leadTo) await makeUser('CONTRACTOR', first.id, undefined, { email });
    const disabledTo = address();
    const disabled = await makeUser('CONTRACTOR', first.id, undefined, { email: disabledTo });
    await db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
    await makeUser('CONTRACTOR', first.id);
    const memberTo = [address()];
    await makeUser('CONTRACTOR', second.id, undefined, { email: memberTo[0] });
    await makeUser('CONTRACTOR', third.id);
    // Someone else's users: another company in no JV, and the officers.
    const strangers = [address(), address()];
    await makeUser('CONTRACTOR', undefined, undefined, { email: strangers[0] });
    await makeUser('ADMIN', undefined, undefined, { email: strangers[1] });
    const values = input({
      representative: '1',
      members: [
        { organizationId: second.id, share: '30' },
        { organizationId: first.id, share: '50' },
        { organizationId: third.id, share: '20' },
      ],
    });
    return { first, second, third, leadTo, memberTo, strangers, disabledTo, values };
  }

  const mailsOf = async (jointVentureId: string) =>
    (await getDb()).outboxMail.findMany({ where: { relatedType: 'jointVenture', relatedId: jointVentureId }, orderBy: { createdAt: 'asc' } });
  const mailsTo = async (addresses: readonly string[]) => (await getDb()).outboxMail.count({ where: { to: { hasSome: [...addresses] } } });

  it('goes to each member company’s enabled users with an address, one mail per company, in its role’s words — nobody else', async () => {
    const db = await getDb();
    const c = await cast();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, c.values));
    const mails = await mailsOf(id);
    expect(mails).toHaveLength(2); // the third company has nobody to write to
    const [toLead, toMember] = [mails.find((m) => m.to.includes(c.leadTo[0]!))!, mails.find((m) => m.to.includes(c.memberTo[0]!))!];
    expect([...toLead.to].sort()).toEqual([...c.leadTo].sort());
    expect(toMember.to).toEqual(c.memberTo);
    for (const mail of [toLead, toMember]) {
      expect(mail).toMatchObject({ template: 'joint-venture-registered', status: 'PENDING', cc: [], subject: `共同企業体登録のお知らせ（${c.values.name}）` });
      expect(mail.bodyText).toContain(`共同企業体：${c.values.name}`);
      expect(mail.bodyText).toContain(`　代表者　${c.first.name}　50％`);
      expect(mail.bodyText).toContain(`　構成員　${c.second.name}　30％`);
      expect(mail.bodyText).toContain(`　構成員　${c.third.name}　20％`);
    }
    expect(toLead.bodyText.startsWith(`${c.first.name} 様`)).toBe(true);
    expect(toLead.bodyText).toContain('代表者として保証を申し込めます');
    expect(toLead.bodyText).not.toContain('保証工事一覧');
    expect(toMember.bodyText.startsWith(`${c.second.name} 様`)).toBe(true);
    expect(toMember.bodyText).toContain('「保証工事一覧」に表示され');
    expect(toMember.bodyText).toContain(`代表者（${c.first.name}）が行います。`);
    expect(toMember.bodyText).not.toContain('申し込めます');
    // Never a disabled user, never a stranger.
    expect(await mailsTo([c.disabledTo, ...c.strangers])).toBe(0);
    // The audit row names the mails; 送信メール names the JV as the record it is about.
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetType: 'jointVenture', targetId: id, action: 'joint-venture.create' } });
    expect(((audit.details as { mailIds: string[] }).mailIds ?? []).sort()).toEqual(mails.map((m) => m.id).sort());
    expect((await describeRecords(db, admin.actor, [{ type: 'jointVenture', id }])).get(recordKey({ type: 'jointVenture', id }))).toMatchObject({ name: c.values.name });
  });

  it('an edit and a 解散 mail nobody (B11)', async () => {
    const db = await getDb();
    const c = await cast();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, c.values));
    const before = await mailsTo([...c.leadTo, ...c.memberTo]);
    expect(before).toBe(2);
    const newcomer = await makeContractor();
    await makeUser('CONTRACTOR', newcomer.id, undefined, { email: address() });
    must(
      await saveJointVenture(db, admin.actor, id, {
        ...c.values,
        name: jvName(),
        members: [...(c.values.members as object[]).slice(0, 2), { organizationId: newcomer.id, share: '20' }],
      }),
    );
    must(await closeJointVenture(db, admin.actor, id, { closedOn: '2027/03/31' }));
    expect(await mailsOf(id)).toHaveLength(2);
    expect(await mailsTo([...c.leadTo, ...c.memberTo])).toBe(before);
    expect(await db.outboxMail.count({ where: { relatedId: id, template: { not: 'joint-venture-registered' } } })).toBe(0);
  });

  it('a refused registration queues nothing; when a mail cannot be queued, the JV is not stored either (one transaction)', async () => {
    const db = await getDb();
    const c = await cast();
    const refused = await saveJointVenture(db, admin.actor, undefined, { ...c.values, members: (c.values.members as object[]).slice(0, 2) });
    expect(refused.ok).toBe(false);
    expect(await mailsTo([...c.leadTo, ...c.memberTo])).toBe(0);

    // The database refuses the 構成員's mail, queued after the 代表者's: nothing of the registration stays.
    await db.$executeRawUnsafe(`
      CREATE FUNCTION test_refuse_jv_mail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW."template" = 'joint-venture-registered' AND '${c.memberTo[0]}' = ANY (NEW."to") THEN
          RAISE EXCEPTION 'the database refused the mail';
        END IF;
        RETURN NEW;
      END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_refuse_jv_mail BEFORE INSERT ON "OutboxMail" FOR EACH ROW EXECUTE FUNCTION test_refuse_jv_mail()`);
    try {
      await expect(saveJointVenture(db, admin.actor, undefined, c.values)).rejects.toThrow(/refused the mail/);
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER test_refuse_jv_mail ON "OutboxMail"');
      await db.$executeRawUnsafe('DROP FUNCTION test_refuse_jv_mail()');
    }
    expect(await db.jointVenture.count({ where: { name: c.values.name } })).toBe(0);
    expect(await mailsTo([...c.leadTo, ...c.memberTo])).toBe(0);
    expect(await db.auditLog.count({ where: { action: 'joint-venture.create', details: { path: ['name'], equals: c.values.name } } })).toBe(0);
  });
});

describe('editing and closing', () => {
  it('saves over the revision it was loaded at, rewrites the members, and audits what it was and became', async () => {
    const db = await getDb();
    const third = await makeContractor();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, input()));
    const values = input({
      name: jvName(),
      kind: 'REGULAR',
      mode: 'DIVIDED',
      representative: '1',
      members: [
        { organizationId: lead.actor.organizationId, share: '30' },
        { organizationId: third.id, share: '33.34' },
        { organizationId: partner.actor.organizationId, share: '36.66' },
      ],
    });
    must(await saveJointVenture(db, admin.actor, id, values, { expectedRevision: 1 }));
    expect(await db.jointVenture.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: values.name, kind: 'REGULAR', mode: 'DIVIDED', revision: 2 });
    expect(await membersOf(id)).toEqual([
      { organizationId: third.id, role: 'REPRESENTATIVE', shareBasisPoints: 3334, sortOrder: 0 },
      { organizationId: lead.actor.organizationId, role: 'MEMBER', shareBasisPoints: 3000, sortOrder: 1 },
      { organizationId: partner.actor.organizationId, role: 'MEMBER', shareBasisPoints: 3666, sortOrder: 2 },
    ]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetType: 'jointVenture', targetId: id, action: 'joint-venture.update' } });
    expect(audit.details).toMatchObject({ before: { kind: 'SPECIFIC', members: [{ shareBasisPoints: 6000 }, { shareBasisPoints: 4000 }] }, after: { kind: 'REGULAR', name: values.name } });

    // A form loaded at revision 1 does not overwrite revision 2.
    const stale = await saveJointVenture(db, admin.actor, id, input(), { expectedRevision: 1 });
    expect(stale).toEqual({ ok: false, fieldErrors: { '': [M.stale] } });
    expect(await db.jointVenture.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: values.name, revision: 2 });
  });

  it('keeps a member disabled since, but takes no newly disabled one', async () => {
    const db = await getDb();
    const company = await makeContractor();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, input({ members: [{ organizationId: lead.actor.organizationId, share: '60' }, { organizationId: company.id, share: '40' }] })));
    await db.organization.update({ where: { id: company.id }, data: { active: false } });
    expect((await getJointVenture(db, admin.actor, id)).members.find((m) => m.organizationId === company.id)?.organization.active).toBe(false);
    must(await saveJointVenture(db, admin.actor, id, input({ note: '備考のみ変更', members: [{ organizationId: lead.actor.organizationId, share: '60' }, { organizationId: company.id, share: '40' }] })));
    expect((await db.jointVenture.findUniqueOrThrow({ where: { id } })).note).toBe('備考のみ変更');
  });

  it('once an application has named it (lockedAt), refuses a new name, kind, mode, members or shares — and still saves the rest and closes', async () => {
    const db = await getDb();
    const values = input();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, values));
    await db.jointVenture.update({ where: { id }, data: { lockedAt: new Date() } });
    expect(await saveJointVenture(db, admin.actor, id, { ...values, name: jvName() })).toEqual({ ok: false, fieldErrors: { name: [M.locked] } });
    const shares = await saveJointVenture(db, admin.actor, id, { ...values, members: [{ organizationId: lead.actor.organizationId, share: '50' }, { organizationId: partner.actor.organizationId, share: '50' }] });
    expect(shares).toEqual({ ok: false, fieldErrors: { members: [M.locked] } });
    const representative = await saveJointVenture(db, admin.actor, id, { ...values, representative: '1' });
    expect(representative).toEqual({ ok: false, fieldErrors: { members: [M.locked] } });
    expect(await membersOf(id)).toMatchObject([{ organizationId: lead.actor.organizationId, role: 'REPRESENTATIVE', shareBasisPoints: 6000 }, { shareBasisPoints: 4000 }]);
    // 種類 and 施工方式 are fixed with them (the guarantee's certificate names them).
    expect(await saveJointVenture(db, admin.actor, id, { ...values, mode: 'DIVIDED', note: '乙型に訂正' })).toEqual({ ok: false, fieldErrors: { mode: [M.locked] } });
    expect(await saveJointVenture(db, admin.actor, id, { ...values, kind: 'REGULAR', mode: 'DIVIDED' })).toEqual({ ok: false, fieldErrors: { kind: [M.locked], mode: [M.locked] } });
    must(await saveJointVenture(db, admin.actor, id, { ...values, nameKana: 'テストジェイブイ', formedOn: '2026/04/02', note: '協定書の写しを受領' }));
    expect(await db.jointVenture.findUniqueOrThrow({ where: { id } })).toMatchObject({ name: values.name, kind: 'SPECIFIC', mode: 'JOINT', nameKana: 'テストジェイブイ', note: '協定書の写しを受領' });
    // The page shows them as text, with no radio button to change them.
    signInAs(admin);
    const html = renderToStaticMarkup(await JointVenturePage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never));
    expect(html).not.toContain('type="radio"');
    expect(html).toContain(L.kinds.SPECIFIC);
    expect(html).toContain(L.modes.JOINT);
    must(await closeJointVenture(db, admin.actor, id, { closedOn: '2027-03-31' }));
  });

  it('once locked, refuses an edit that only reorders the members (the certificate prints them in order), rows untouched', async () => {
    const db = await getDb();
    const third = await makeContractor();
    const ordered = [
      { organizationId: lead.actor.organizationId, share: '40' },
      { organizationId: partner.actor.organizationId, share: '30' },
      { organizationId: third.id, share: '30' },
    ];
    const values = input({ members: ordered });
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, values));
    await db.jointVenture.update({ where: { id }, data: { lockedAt: new Date() } });
    const revision = (await db.jointVenture.findUniqueOrThrow({ where: { id } })).revision;
    const reordered = await saveJointVenture(db, admin.actor, id, { ...values, members: [ordered[0], ordered[2], ordered[1]] });
    expect(reordered).toEqual({ ok: false, fieldErrors: { members: [M.locked] } });
    expect((await membersOf(id)).map((m) => m.organizationId)).toEqual(ordered.map((m) => m.organizationId));
    expect((await db.jointVenture.findUniqueOrThrow({ where: { id } })).revision).toBe(revision);
    // The same members in the same order still save the rest.
    must(await saveJointVenture(db, admin.actor, id, { ...values, note: '並びはそのまま' }));
  });

  // The first submitted application locks the JV as H1's submission does: one UPDATE … WHERE lockedAt IS
  // NULL, the revision bumped — or, for any other writer of lockedAt, without the bump.
  for (const bump of [true, false]) {
    it.runIf(postgresUrl())(`an edit racing the lock (${bump ? 'revision bumped' : 'revision kept'}) never lands after it: it waits, then is refused at the members (PostgreSQL)`, async () => {
      const db = await getDb();
      const values = input();
      const { id } = must(await saveJointVenture(db, admin.actor, undefined, values));
      const { name } = (await db.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0]!;
      const locker = new pg.Client({ connectionString: withDatabase(postgresUrl()!, name) });
      await locker.connect();
      const waiting = async () =>
        (await locker.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`)).rows[0]!.n;
      try {
        // The submission's lock in flight, not committed: the edit (new shares) starts meanwhile.
        await locker.query('BEGIN');
        await locker.query(`UPDATE "JointVenture" SET "lockedAt" = now()${bump ? ', "revision" = "revision" + 1' : ''} WHERE "id" = $1 AND "lockedAt" IS NULL`, [id]);
        const edit = saveJointVenture(db, admin.actor, id, { ...values, members: [{ organizationId: lead.actor.organizationId, share: '50' }, { organizationId: partner.actor.organizationId, share: '50' }] }, { expectedRevision: 1 });
        await expect.poll(waiting, { timeout: 30_000 }).toBe(1);
        await locker.query('COMMIT');
        expect(await edit).toEqual({ ok: false, fieldErrors: { members: [M.locked] } });
      } finally {
        await locker.query('ROLLBACK').catch(() => undefined);
        await locker.end();
      }
      expect(await membersOf(id)).toMatchObject([{ shareBasisPoints: 6000 }, { shareBasisPoints: 4000 }]);
      expect(await db.auditLog.count({ where: { targetType: 'jointVenture', targetId: id, action: 'joint-venture.update' } })).toBe(0);
    });
  }

  it('records 解散 (a date on or after 結成日; a correction keeps what it was in the audit row)', async () => {
    const db = await getDb();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, input({ formedOn: '2026/04/01' })));
    expect(await closeJointVenture(db, admin.actor, id, { closedOn: '2026/03/31' })).toEqual({ ok: false, fieldErrors: { closedOn: [M.closedBeforeFormed('2026/04/01')] } });
    expect((await closeJointVenture(db, admin.actor, id, { closedOn: '' })).ok).toBe(false);
    expect(await closeJointVenture(db, admin.actor, id, { closedOn: '令和9年3月31日' }, { expectedRevision: 1 })).toEqual({ ok: true, value: { id, closedOn: '2027-03-31' } });
    expect(await closeJointVenture(db, admin.actor, id, { closedOn: '2027/04/30' }, { expectedRevision: 1 })).toEqual({ ok: false, fieldErrors: { '': [M.stale] } });
    must(await closeJointVenture(db, admin.actor, id, { closedOn: '2027/04/30' }, { expectedRevision: 2 }));
    const jv = await db.jointVenture.findUniqueOrThrow({ where: { id } });
    expect(jv.closedOn?.toISOString().slice(0, 10)).toBe('2027-04-30');
    const rows = await db.auditLog.findMany({ where: { targetType: 'jointVenture', targetId: id, action: 'joint-venture.close' }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.details)).toEqual([
      { closedOn: '2027-03-31', before: null },
      { closedOn: '2027-04-30', before: '2027-03-31' },
    ]);
    // 結成日 after 解散日 is refused too.
    const later = await saveJointVenture(db, admin.actor, id, input({ formedOn: '2027/05/01' }));
    expect(later).toEqual({ ok: false, fieldErrors: { formedOn: [M.formedAfterClosed('2027/04/30')] } });
  });
});

describe('reading', () => {
  it('officers list every JV by name, searched by a part of the name or its kana, paged', async () => {
    const db = await getDb();
    const mark = uid();
    const names = Array.from({ length: 3 }, (_, i) => `${mark}${i}建設工事共同企業体`);
    for (const name of names.reverse()) must(await saveJointVenture(db, admin.actor, undefined, input({ name, nameKana: `カナ${mark}` })));
    const found = await listJointVentures(db, admin.actor, { q: mark });
    expect(found.rows.map((r) => r.name)).toEqual([...names].sort());
    expect(found.total).toBe(3);
    expect(found.rows[0]!.members.map((m) => [m.organization.name, m.role, m.shareBasisPoints])).toEqual([
      [expect.any(String), 'REPRESENTATIVE', 6000],
      [expect.any(String), 'MEMBER', 4000],
    ]);
    expect((await listJointVentures(db, admin.actor, { q: `カナ${mark}` })).total).toBe(3);
    expect((await listJointVentures(db, admin.actor, { q: `${mark}9` })).rows).toEqual([]);
    const all = await listJointVentures(db, admin.actor, { page: 999 });
    expect(all).toMatchObject({ page: 999, rows: [] });
    expect(all.pageCount).toBe(Math.max(1, Math.ceil(all.total / PAGE_SIZE)));
  });

  it('the name box folds 全角/半角 on both sides, takes `%` `_` `\\` as themselves and cuts by characters, never within one', async () => {
    const db = await getDb();
    const mark = uid().toUpperCase();
    const named = async (name: string) => (await db.jointVenture.create({ data: { name, kind: 'SPECIFIC', mode: 'JOINT' }, select: { id: true } })).id;
    const wide = await named(`ＡＢＣ${mark}建設工事共同企業体`);
    const kana = await db.jointVenture.create({ data: { name: `カナ${mark}共同企業体`, nameKana: `ﾏﾙﾏﾙｹﾝｾﾂ${mark}`, kind: 'SPECIFIC', mode: 'JOINT' }, select: { id: true } });
    const percent = await named(`100%${mark}共同企業体`);
    const plain = await named(`100X${mark}共同企業体`);
    const underscore = await named(`A_B${mark}共同企業体`);
    const other = await named(`AXB${mark}共同企業体`);
    const backslash = await named(`C\\D${mark}共同企業体`);
    const cd = await named(`CD${mark}共同企業体`);
    const ids = async (q: string) => (await listJointVentures(db, admin.actor, { q })).rows.map((r) => r.id).sort();
    expect(await ids(`abc${mark.toLowerCase()}建設`)).toEqual([wide]);
    expect(await ids(`ＡＢＣ${mark}`)).toEqual([wide]);
    expect(await ids(`マルマルケンセツ${mark}`)).toEqual([kana.id]);
    expect(await ids(`0%${mark}`)).toEqual([percent]);
    expect(await ids(`０％${mark}`)).toEqual([percent]);
    expect(await ids(`A_B${mark}`)).toEqual([underscore]);
    expect(await ids(`C\\D${mark}`)).toEqual([backslash]);
    expect([plain, other, cd]).toHaveLength(3);
    // 100 characters are read: a character outside the BMP at the cut is kept whole, never split.
    const long = `${'長'.repeat(99 - mark.length)}${mark}😀`;
    const longId = await named(long);
    expect(await ids(`${long}以下略`)).toEqual([longId]);
    // Control characters and nothing typed: the whole list, never an error.
    expect((await listJointVentures(db, admin.actor, { q: `\u0000${mark}\n` })).rows.length).toBeGreaterThan(0);
  });

  it('a contractor reads the JVs its company is in, as 代表者 or 構成員; another contractor none; an orderer is refused', async () => {
    const db = await getDb();
    const company = must(await saveContractor(db, await officer(db), undefined, { name: `株式会社△△工務店${uid()}`, address: '長崎県大村市△△町2番3号' }));
    const member = await makeUser('CONTRACTOR', company.id);
    const lonely = await makeUser('CONTRACTOR');
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, input({ members: [{ organizationId: lead.actor.organizationId, share: '60' }, { organizationId: company.id, share: '40' }] })));
    expect((await listJointVentures(db, member.actor)).rows.map((r) => r.id)).toEqual([id]);
    expect((await listJointVentures(db, lead.actor)).rows.map((r) => r.id)).toContain(id);
    expect(await listJointVentures(db, lonely.actor)).toMatchObject({ rows: [], total: 0 });
    expect((await getJointVenture(db, member.actor, id)).name).toMatch(/共同企業体/);
    await expect(getJointVenture(db, lonely.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(listJointVentures(db, clerk.actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getJointVenture(db, clerk.actor, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('access (decision 037): pages, actions and use cases', () => {
  it('contractors, orderers and the signed-out neither write nor read the officers’ pages; nothing is stored', async () => {
    const db = await getDb();
    const { id } = must(await saveJointVenture(db, admin.actor, undefined, input()));
    const before = await db.jointVenture.count();
    for (const who of [lead, partner, outsider, clerk, null]) {
      signInAs(who);
      const expected = who ? 'app-error:FORBIDDEN' : 'redirect:/login';
      expect(await interrupt(createJointVentureAction(undefined, form(input())))).toBe(expected);
      expect(await interrupt(updateJointVentureAction(id, undefined, form(input({ name: '乗っ取り' }))))).toBe(expected);
      expect(await interrupt(closeJointVentureAction(id, undefined, form({ closedOn: '2027/03/31' })))).toBe(expected);
      const page = who ? 'not-found' : 'redirect:/login';
      expect(await interrupt(JointVenturesPage({ searchParams: Promise.resolve({}) } as never))).toBe(page);
      expect(await interrupt(NewJointVenturePage())).toBe(page);
      expect(await interrupt(JointVenturePage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never))).toBe(page);
      if (who) {
        await expect(saveJointVenture(db, who.actor, undefined, input())).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(saveJointVenture(db, who.actor, id, input())).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(closeJointVenture(db, who.actor, id, { closedOn: '2027/03/31' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
        await expect(searchMemberCompanies(db, who.actor, '建設')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      }
    }
    expect(await db.jointVenture.count()).toBe(before);
    expect(await db.jointVenture.findUniqueOrThrow({ where: { id } })).toMatchObject({ closedOn: null, revision: 1 });
    // The contractors' list: contractors only (an orderer or an officer gets the 404 page, the signed-out the sign-in).
    for (const [who, expected] of [[clerk, 'not-found'], [admin, 'not-found'], [null, 'redirect:/login'], [partner, 'passed']] as const) {
      signInAs(who);
      expect(await interrupt(ContractorJointVenturesPage({ searchParams: Promise.resolve({}) } as never))).toBe(expected);
    }
  });

  it('an officer registers, edits and closes through the actions; errors come back with what was typed; unknown ids are 404', async () => {
    const db = await getDb();
    signInAs(admin);
    const values = input({ members: [{ organizationId: lead.actor.organizationId, share: '60' }, { organizationId: partner.actor.organizationId, share: '30' }, {}] });
    const bad = await outcome(createJointVentureAction(undefined, form(values)));
    expect(bad).toMatchObject({ status: 'error', error: { members: [M.shareSum(9000)] } });
    expect((bad as { initialValue: { members: { share: string }[] } }).initialValue.members[1]!.share).toBe('30');

    const created = await interrupt(createJointVentureAction(undefined, form(input({ name: values.name }))));
    const jv = await db.jointVenture.findFirstOrThrow({ where: { name: values.name } });
    expect(created).toBe(`redirect:/admin/joint-ventures/${jv.id}?saved=created`);
    expect(await interrupt(updateJointVentureAction(jv.id, undefined, form({ ...input({ name: values.name, note: '備考' }), revision: 1 })))).toBe(`redirect:/admin/joint-ventures/${jv.id}?saved=1`);
    const stale = await outcome(updateJointVentureAction(jv.id, undefined, form({ ...input({ name: values.name }), revision: 1 })));
    expect(stale).toMatchObject({ status: 'error', error: { '': [M.stale] } });
    expect(await interrupt(closeJointVentureAction(jv.id, undefined, form({ closedOn: '2027/03/31', revision: 2 })))).toBe(`redirect:/admin/joint-ventures/${jv.id}?saved=closed#close`);
    expect(await interrupt(JointVenturePage({ params: Promise.resolve({ id: jv.id }), searchParams: Promise.resolve({ saved: 'closed' }) } as never))).toBe('passed');

    for (const id of [crypto.randomUUID(), 'nope']) {
      expect(await interrupt(JointVenturePage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never))).toBe('not-found');
      expect(await interrupt(updateJointVentureAction(id, undefined, form(input())))).toBe('not-found');
      expect(await interrupt(closeJointVentureAction(id, undefined, form({ closedOn: '2027/03/31' })))).toBe('not-found');
    }
  });
});
