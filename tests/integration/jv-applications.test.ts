import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveApplicationAction } from '@/actions/application-actions';
import ApplicationPage from '@/app/contractor/applications/[id]/page';
import NewApplicationPage from '@/app/contractor/applications/new/page';
import ContractorJointVenturesPage from '@/app/contractor/joint-ventures/page';
import { applicantJointVentures } from '@/domain/applications/form-options';
import { getDb } from '@/db/client';
import { DEPOSIT_MESSAGES as D } from '@/domain/applications/deposits';
import { APPLICATION_SUBMITTED_TEMPLATE } from '@/domain/applications/mail-texts';
import { JOINT_VENTURE_APPLICATION_MESSAGES as M } from '@/domain/applications/labels';
import { applicationFormValues, getContractorApplication } from '@/domain/applications/queries';
import { saveApplication } from '@/domain/applications/save-application';
import { closeJointVenture } from '@/domain/joint-ventures/close-joint-venture';
import { JOINT_VENTURE_MESSAGES } from '@/domain/joint-ventures/rules';
import { saveJointVenture } from '@/domain/joint-ventures/save-joint-venture';
import { addDaysIso, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDateShort } from '@/lib/wareki';
import { applicationInput, makeOrderer, makeUser, must, officer, uid } from '../support/factories';
import { interrupt } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * A 共同企業体's application (issue 16, D3, D7, D10): only the 代表者's users apply for it, not after its
 * 解散日; 分割預託 is one row per member summing to 100 %; the orderer's limits apply as to any
 * contract; the first submission locks the JV (name, members, shares) in its own transaction.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let lead: User; // a user of the 代表者
let leadColleague: User;
let partner: User; // a user of the 構成員
let outsider: User; // a user of a company in no JV
let orderer: Awaited<ReturnType<typeof makeOrderer>>;

beforeAll(async () => {
  orderer = await makeOrderer();
  lead = await makeUser('CONTRACTOR');
  leadColleague = await makeUser('CONTRACTOR', lead.actor.organizationId);
  partner = await makeUser('CONTRACTOR');
  outsider = await makeUser('CONTRACTOR');
});
beforeEach(() => signInAs(null));

/** A JV of lead (代表者, 60 %) and partner (40 %), registered by an officer; or of lead and `members`. */
async function makeJointVenture(members = [{ organizationId: lead.actor.organizationId, share: '60' }, { organizationId: partner.actor.organizationId, share: '40' }]) {
  const db = await getDb();
  return must(
    await saveJointVenture(db, await officer(db), undefined, {
      name: `〇〇・△△特定建設工事共同企業体${uid()}`,
      kind: 'SPECIFIC',
      mode: 'JOINT',
      formedOn: '2026/04/01',
      representative: '0',
      members,
    }),
  ).id;
}

const split = (jointVentureId: string, rows: Record<string, string>[] = []) => ({
  jointVentureId,
  depositMode: 'SPLIT',
  depositBank: undefined,
  depositBranch: undefined,
  deposits: rows.length
    ? rows
    : [
        { organizationId: lead.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '60' },
        { organizationId: partner.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '40' },
      ],
});
const input = (patch: Record<string, unknown> = {}) => applicationInput(orderer.id, orderer.departmentId, patch);

function formData(values: Record<string, unknown>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) {
    if (Array.isArray(v)) v.forEach((row: Record<string, string>, i) => Object.entries(row).forEach(([c, x]) => fd.set(`${k}[${i}].${c}`, x)));
    else if (v !== undefined && v !== null) fd.set(k, String(v));
  }
  return fd;
}

describe('who applies for a JV', () => {
  it("the 代表者's users apply (一括 by default); the application is the 代表者's and reads back with the JV", async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const { id } = must(await saveApplication(db, leadColleague.actor, undefined, input({ jointVentureId: jv }), { submit: true }));
    const app = await getContractorApplication(db, lead.actor, id);
    expect(app).toMatchObject({ contractorId: lead.actor.organizationId, jointVentureId: jv, depositMode: 'SINGLE', depositBank: '〇〇銀行', status: 'SUBMITTED' });
    expect(app.jointVenture?.members.map((m) => [m.organizationId, m.role, m.shareBasisPoints])).toEqual([
      [lead.actor.organizationId, 'REPRESENTATIVE', 6000],
      [partner.actor.organizationId, 'MEMBER', 4000],
    ]);
    expect(app.deposits).toEqual([]);
    // Neither the member's nor another company's users read it.
    await expect(getContractorApplication(db, partner.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getContractorApplication(db, outsider.actor, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("the officers' 保証申込の受付 names the JV with its 代表者 as the applicant, as the certificate does", async () => {
    const db = await getDb();
    const desk = `desk-${uid()}@surety.example.jp`;
    await makeUser('ADMIN', (await officer(db)).organizationId, undefined, { email: desk });
    const jv = await makeJointVenture();
    const { id } = must(await saveApplication(db, lead.actor, undefined, input(split(jv)), { submit: true }));
    const jvName = (await db.jointVenture.findUniqueOrThrow({ where: { id: jv } })).name;
    const leadName = (await db.organization.findUniqueOrThrow({ where: { id: lead.actor.organizationId } })).name;
    const mail = await db.outboxMail.findFirstOrThrow({ where: { template: APPLICATION_SUBMITTED_TEMPLATE, relatedId: id } });
    expect(mail.to).toContain(desk);
    const holder = `${jvName}（代表者 ${leadName}）`;
    expect(mail.subject).toContain(`（${holder}・`);
    expect(mail.bodyText).toContain(`受注者：${holder}\n`);
  });

  it('a member and an outsider are refused at 申込者, a draft too, and nothing is stored', async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const before = await db.application.count();
    for (const who of [partner, outsider]) {
      for (const submit of [true, false]) {
        expect(await saveApplication(db, who.actor, undefined, input({ jointVentureId: jv }), { submit })).toEqual({ ok: false, fieldErrors: { jointVentureId: [M.notRepresentative] } });
      }
    }
    // An unknown JV reads the same.
    expect(await saveApplication(db, lead.actor, undefined, input({ jointVentureId: '00000000-0000-4000-8000-000000000000' }), { submit: false })).toEqual({
      ok: false,
      fieldErrors: { jointVentureId: [M.notRepresentative] },
    });
    expect(await db.application.count()).toBe(before);
    expect((await db.jointVenture.findUniqueOrThrow({ where: { id: jv } })).lockedAt).toBeNull();
  });

  it('through the action: the field error comes back to the form, the member is not let through', async () => {
    const jv = await makeJointVenture();
    signInAs(partner);
    const reply = await saveApplicationAction(undefined, undefined, formData({ ...input({ jointVentureId: jv }), intent: 'submit' }));
    expect(reply?.error).toEqual({ jointVentureId: [M.notRepresentative] });
  });

  it('a JV closed today or before is refused at the field; one closing tomorrow is still open', async () => {
    const db = await getDb();
    const admin = await officer(db);
    const today = todayInTokyo();
    const closed = await makeJointVenture();
    must(await closeJointVenture(db, admin, closed, { closedOn: today }));
    expect(await saveApplication(db, lead.actor, undefined, input({ jointVentureId: closed }), { submit: true })).toEqual({
      ok: false,
      fieldErrors: { jointVentureId: [M.closed(formatJapaneseDateShort(today))] },
    });
    const closing = await makeJointVenture();
    must(await closeJointVenture(db, admin, closing, { closedOn: addDaysIso(today, 1) }));
    must(await saveApplication(db, lead.actor, undefined, input({ jointVentureId: closing }), { submit: true }));
    // The next day it is closed.
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
    expect(await saveApplication(db, lead.actor, undefined, input({ jointVentureId: closing }), { submit: false, now: tomorrow })).toMatchObject({ ok: false, fieldErrors: { jointVentureId: [expect.stringContaining('解散')] } });
  });
});

describe('分割預託', () => {
  it('saved one row per member in the JV order and read back as the form holds it', async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const rows = [
      { organizationId: partner.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '４０％' },
      { organizationId: lead.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '' }, // blank: the JV's 60 %
    ];
    const { id } = must(await saveApplication(db, lead.actor, undefined, input(split(jv, rows)), { submit: true }));
    const app = await getContractorApplication(db, lead.actor, id);
    expect(app).toMatchObject({ depositMode: 'SPLIT', depositBank: null, depositBranch: null });
    expect(app.deposits.map((d) => [d.organization.name !== '', d.organizationId, d.bank, d.branch, d.shareBasisPoints])).toEqual([
      [true, lead.actor.organizationId, '〇〇銀行', '大村支店', 6000],
      [true, partner.actor.organizationId, '△△信用金庫', '本店営業部', 4000],
    ]);
    expect(applicationFormValues(app)).toMatchObject({
      jointVentureId: jv,
      depositMode: 'SPLIT',
      deposits: [
        { organizationId: lead.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '60' },
        { organizationId: partner.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '40' },
      ],
    });
  });

  it('a draft keeps half-filled rows; going back to 一括 or to 自社 drops them', async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const draft = must(
      await saveApplication(db, lead.actor, undefined, { jointVentureId: jv, depositMode: 'SPLIT', deposits: [{ organizationId: lead.actor.organizationId, bank: '〇〇銀行' }] }, { submit: false }),
    );
    let app = await getContractorApplication(db, lead.actor, draft.id);
    expect(app.deposits.map((d) => [d.bank, d.branch, d.shareBasisPoints])).toEqual([['〇〇銀行', '', 6000]]);
    must(await saveApplication(db, lead.actor, draft.id, input({ jointVentureId: jv, depositMode: 'SINGLE' }), { submit: false }));
    app = await getContractorApplication(db, lead.actor, draft.id);
    expect(app).toMatchObject({ depositMode: 'SINGLE', depositBank: '〇〇銀行', deposits: [] });
    must(await saveApplication(db, lead.actor, draft.id, input(), { submit: false }));
    app = await getContractorApplication(db, lead.actor, draft.id);
    expect(app).toMatchObject({ jointVentureId: null, depositMode: null, deposits: [] });
  });

  it('without JavaScript, 下書き保存 after choosing another JV or 分割預託 shows the rows of the JV now chosen (its shares; a bank typed for a company kept)', async () => {
    const db = await getDb();
    const third = await makeUser('CONTRACTOR');
    const first = await makeJointVenture();
    const second = await makeJointVenture([
      { organizationId: lead.actor.organizationId, share: '70' },
      { organizationId: third.actor.organizationId, share: '30' },
    ]);
    const { id } = must(await saveApplication(db, lead.actor, undefined, input(split(first)), { submit: false }));
    const { revision } = await db.application.findUniqueOrThrow({ where: { id } });
    const page = { params: Promise.resolve({ id }), searchParams: Promise.resolve({}) } as never;
    /** The rows the page renders: organizationId, bank and share of each. */
    const rows = async () => {
      const html = renderToStaticMarkup(await ApplicationPage(page));
      const value = (name: string) => {
        const tag = html.match(new RegExp(`<input[^>]*name="${name.replace(/[[\].]/g, '\\$&')}"[^>]*>`))?.[0];
        return tag?.match(/value="([^"]*)"/)?.[1] ?? (tag ? '' : undefined);
      };
      const out: [string | undefined, string | undefined, string | undefined][] = [];
      for (let i = 0; html.includes(`name="deposits[${i}].organizationId"`); i++) out.push([value(`deposits[${i}].organizationId`), value(`deposits[${i}].bank`), value(`deposits[${i}].share`)]);
      return out;
    };
    signInAs(lead);
    // The form posted as the page showed it: the first JV's rows, the second JV now chosen.
    const posted = formData({ ...input(split(first)), jointVentureId: second, intent: 'draft', revision: String(revision) });
    expect(await interrupt(saveApplicationAction(id, undefined, posted))).toBe(`redirect:/contractor/applications/${id}?saved=draft`);
    expect(await rows()).toEqual([
      [lead.actor.organizationId, '〇〇銀行', '70'],
      [third.actor.organizationId, '', '30'],
    ]);
    // 一括 → 分割預託 with no rows yet: the JV's rows, its shares.
    const single = must(await saveApplication(db, lead.actor, undefined, input({ jointVentureId: first, depositMode: 'SINGLE' }), { submit: false }));
    const before = await db.application.findUniqueOrThrow({ where: { id: single.id } });
    expect(await interrupt(saveApplicationAction(single.id, undefined, formData({ ...input({ jointVentureId: first, depositMode: 'SPLIT' }), intent: 'draft', revision: String(before.revision) })))).toBe(
      `redirect:/contractor/applications/${single.id}?saved=draft`,
    );
    const singlePage = { params: Promise.resolve({ id: single.id }), searchParams: Promise.resolve({}) } as never;
    const html = renderToStaticMarkup(await ApplicationPage(singlePage));
    expect(html).toMatch(new RegExp(`<input[^>]*name="deposits\\[0\\]\\.organizationId"[^>]*value="${lead.actor.organizationId}"`));
    expect(html).toMatch(new RegExp(`<input[^>]*name="deposits\\[1\\]\\.organizationId"[^>]*value="${partner.actor.organizationId}"`));
    // A submission with another JV's rows is still refused at the table.
    expect(await saveApplication(db, lead.actor, id, input({ ...split(first), jointVentureId: second }), { submit: true })).toMatchObject({
      ok: false,
      fieldErrors: { deposits: expect.arrayContaining([D.notMember]) },
    });
  });

  it('each refusal at the row that holds it, and nothing is stored', async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const before = await db.applicationDeposit.count();
    const wrongSum = split(jv, [
      { organizationId: lead.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '60' },
      { organizationId: partner.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '30' },
    ]);
    expect(await saveApplication(db, lead.actor, undefined, input(wrongSum), { submit: true })).toEqual({ ok: false, fieldErrors: { deposits: [D.shareSum(9000)] } });
    const noBank = split(jv, [
      { organizationId: lead.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '60' },
      { organizationId: partner.actor.organizationId, bank: '', branch: '本店営業部', share: '40' },
    ]);
    expect(await saveApplication(db, lead.actor, undefined, input(noBank), { submit: true })).toEqual({ ok: false, fieldErrors: { 'deposits[1].bank': [D.bankRequired] } });
    const stranger = split(jv, [
      { organizationId: lead.actor.organizationId, bank: '〇〇銀行', branch: '大村支店', share: '60' },
      { organizationId: outsider.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '40' },
    ]);
    expect(await saveApplication(db, lead.actor, undefined, input(stranger), { submit: true })).toEqual({ ok: false, fieldErrors: { deposits: [D.notMember, D.memberMissing] } });
    const unprintable = split(jv, [
      { organizationId: lead.actor.organizationId, bank: '〇〇銀行\u{2A6D6}', branch: '大村支店', share: '60' },
      { organizationId: partner.actor.organizationId, bank: '△△信用金庫', branch: '本店営業部', share: '40' },
    ]);
    expect(await saveApplication(db, lead.actor, undefined, input(unprintable), { submit: true })).toMatchObject({ ok: false, fieldErrors: { 'deposits[0].bank': [expect.stringContaining('印字できない文字')] } });
    // A single company cannot split.
    expect(await saveApplication(db, lead.actor, undefined, input({ depositMode: 'SPLIT' }), { submit: true })).toEqual({ ok: false, fieldErrors: { depositMode: [D.splitNeedsJointVenture] } });
    expect(await db.applicationDeposit.count()).toBe(before);
  });

  it('a 契約保証 for a JV keeps no deposit at all', async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const { id } = must(await saveApplication(db, lead.actor, undefined, input({ ...split(jv), guaranteeKind: 'CONTRACT', guaranteeAmount: '10,000,000' }), { submit: true }));
    expect(await getContractorApplication(db, lead.actor, id)).toMatchObject({ jointVentureId: jv, depositMode: null, depositBank: null, deposits: [] });
  });
});

describe('the orderer and the lock', () => {
  it("the orderer's limits apply to the JV's contract as to any other", async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const refused = await saveApplication(db, lead.actor, undefined, input({ ...split(jv), guaranteeAmount: '40,000,001' }), { submit: true });
    expect(refused).toMatchObject({ ok: false, fieldErrors: { guaranteeAmount: [expect.stringContaining('4/10（40,000,000円）以下')] } });
  });

  it('the first submission locks the JV once (revision moves with it); drafts and later submissions do not', async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const read = () => db.jointVenture.findUniqueOrThrow({ where: { id: jv }, select: { lockedAt: true, revision: true } });
    const draft = must(await saveApplication(db, lead.actor, undefined, input(split(jv)), { submit: false }));
    const start = await read();
    expect(start.lockedAt).toBeNull();
    const at = new Date();
    must(await saveApplication(db, lead.actor, draft.id, input(split(jv)), { submit: true, now: at }));
    const locked = await read();
    expect(locked).toEqual({ lockedAt: at, revision: start.revision + 1 });
    must(await saveApplication(db, leadColleague.actor, undefined, input(split(jv)), { submit: true, now: new Date(at.getTime() + 60_000) }));
    expect(await read()).toEqual(locked);
    // The officer can no longer change the members or shares.
    const edit = await saveJointVenture(db, await officer(db), jv, {
      name: (await db.jointVenture.findUniqueOrThrow({ where: { id: jv } })).name,
      kind: 'SPECIFIC',
      mode: 'JOINT',
      formedOn: '2026/04/01',
      representative: '0',
      members: [
        { organizationId: lead.actor.organizationId, share: '50' },
        { organizationId: partner.actor.organizationId, share: '50' },
      ],
    });
    expect(edit.ok).toBe(false);
    expect(Object.values(edit.ok ? {} : edit.fieldErrors).flat()).toEqual([expect.stringContaining('保証の申込に使われているため')]);
  });

  it('two first submissions at once: both succeed, the JV is locked once', async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const before = (await db.jointVenture.findUniqueOrThrow({ where: { id: jv } })).revision;
    const results = await Promise.all([lead, leadColleague].map((who) => saveApplication(db, who.actor, undefined, input(split(jv)), { submit: true })));
    expect(results.every((r) => r.ok)).toBe(true);
    const after = await db.jointVenture.findUniqueOrThrow({ where: { id: jv } });
    expect(after.lockedAt).not.toBeNull();
    expect(after.revision).toBe(before + 1);
  });

  it("an officer's edit read before the lock is refused as stale after it", async () => {
    const db = await getDb();
    const jv = await makeJointVenture();
    const { revision } = await db.jointVenture.findUniqueOrThrow({ where: { id: jv } });
    must(await saveApplication(db, lead.actor, undefined, input(split(jv)), { submit: true }));
    const edit = await saveJointVenture(
      db,
      await officer(db),
      jv,
      {
        name: (await db.jointVenture.findUniqueOrThrow({ where: { id: jv } })).name,
        kind: 'SPECIFIC',
        mode: 'JOINT',
        representative: '0',
        members: [
          { organizationId: lead.actor.organizationId, share: '60' },
          { organizationId: partner.actor.organizationId, share: '40' },
        ],
        note: '備考だけ',
      },
      { expectedRevision: revision },
    );
    expect(edit).toEqual({ ok: false, fieldErrors: { '': [JOINT_VENTURE_MESSAGES.stale] } });
  });
});

describe('what the form offers, and who opens it', () => {
  it('「申込者」 offers the open JVs the company represents only: never to a member or an outsider, a closed one only when named', async () => {
    const db = await getDb();
    const open = await makeJointVenture();
    const closed = await makeJointVenture();
    must(await closeJointVenture(db, await officer(db), closed, { closedOn: todayInTokyo() }));
    const offered = (await applicantJointVentures(db, lead.actor)).map((j) => j.id);
    expect(offered).toContain(open);
    expect(offered).not.toContain(closed);
    const named = await applicantJointVentures(db, lead.actor, { include: [closed] });
    expect(named.find((j) => j.id === closed)).toMatchObject({ open: false });
    expect(named.find((j) => j.id === open)?.members.map((m) => [m.organizationId, m.shareBasisPoints])).toEqual([
      [lead.actor.organizationId, 6000],
      [partner.actor.organizationId, 4000],
    ]);
    for (const who of [partner, outsider]) {
      expect((await applicantJointVentures(db, who.actor, { include: [open, closed] })).map((j) => j.id)).not.toContain(open);
    }
  });

  it('the new-application page (?jv=, ?certification=) is the contractors\' only; the signed-out are sent to sign in', async () => {
    const jv = await makeJointVenture();
    const clerk = await makeUser('ORDERER');
    const admin = await makeUser('ADMIN', (await officer(await getDb())).organizationId);
    const props = { searchParams: Promise.resolve({ jv, certification: 'not-a-uuid' }) } as never;
    for (const [who, expected] of [[lead, 'passed'], [partner, 'passed'], [outsider, 'passed'], [clerk, 'not-found'], [admin, 'not-found'], [null, 'redirect:/login']] as const) {
      signInAs(who);
      expect(await interrupt(NewApplicationPage(props))).toBe(expected);
    }
    signInAs(partner);
    expect(await interrupt(ContractorJointVenturesPage({ searchParams: Promise.resolve({}) } as never))).toBe('passed');
  });
});
