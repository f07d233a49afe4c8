import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as recordRoute } from '@/app/orderer/certificates/[number]/record/[confirmationId]/route';
import { CertificateDocument } from '@/components/certificate/certificate-document';
import { getDb } from '@/db/client';
import { saveApplication } from '@/domain/applications/save-application';
import type { CertificateContent } from '@/domain/certificates/content';
import { listConfirmedCertificates } from '@/domain/confirmations/list-confirmed';
import { parseConfirmedParams } from '@/domain/confirmations/params';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { closeJointVenture } from '@/domain/joint-ventures/close-joint-venture';
import { getConfirmedCertificate } from '@/domain/lookup/confirmed';
import { lookupCertificate } from '@/domain/lookup/lookup';
import { renderPremiumDocument } from '@/domain/premium/premium-documents';
import { todayInTokyo } from '@/lib/dates';
import { pdfText, squeeze } from '../support/pdf';
import { signInAs } from '../support/session';
import {
  applicationInput,
  concludedGuarantee,
  concludedJointVentureGuarantee,
  makeJointVenture,
  makeOrderer,
  makeUser,
  must,
  officer,
  TEST_KEY_SECRET as SECRET,
  uid,
} from '../support/factories';

vi.mock('@/auth/config', () => import('../support/session'));

/** The text of a PDF as a reader's tool reads it, whitespace squeezed (names may wrap). */
function textOf(bytes: Uint8Array): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jv-conclude-')), 'doc.pdf');
  fs.writeFileSync(file, bytes);
  return squeeze(pdfText(file));
}

/**
 * 締結 of a 共同企業体's guarantee (issue 16 B5, decision 012): one transaction writes the guarantee
 * naming the JV, a GuaranteeMember row per 構成員 (not the 代表者), version 1 whose content names the JV
 * (members' addresses as they are at the conclusion) and its 分割預託, and the mails — the 代表者's users
 * get the usual mail with the JV line, each 構成員's users their own mail, never one mail to both.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let clerk: User;

beforeAll(async () => {
  orderer = await makeOrderer();
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
});

/** A company with two users who have addresses (and one disabled-free user without). */
async function company(tag: string) {
  const first = await makeUser('CONTRACTOR', undefined, undefined, { email: `${tag}-1-${uid()}@example.jp` });
  await makeUser('CONTRACTOR', first.actor.organizationId, undefined, { email: `${tag}-2-${uid()}@example.jp` });
  await makeUser('CONTRACTOR', first.actor.organizationId);
  return first;
}

async function addressesOf(organizationId: string): Promise<string[]> {
  const db = await getDb();
  const users = await db.user.findMany({ where: { organizationId, email: { not: null } }, select: { email: true } });
  return users.map((u) => u.email!).sort();
}

const contentOf = async (guaranteeId: string) =>
  (await (await getDb()).certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } })).content as unknown as CertificateContent;

describe('締結 of a JV guarantee', () => {
  it('writes the guarantee, its members, the content and both sides’ mails, each company its own', async () => {
    const db = await getDb();
    const lead = await company('lead');
    const partner = await company('partner');
    const third = await company('third');
    const concluded = await concludedJointVentureGuarantee(lead, [partner, third], orderer);
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: concluded.guaranteeId }, include: { members: true, jointVenture: true } });
    expect(g.jointVentureId).toBe(concluded.jointVentureId);
    expect(g.contractorId).toBe(lead.actor.organizationId);
    expect(g.certificationId).toBeNull();
    // One row per 構成員, not the 代表者; number and issuedOn copied.
    expect(g.members.map((m) => m.organizationId).sort()).toEqual([partner.actor.organizationId, third.actor.organizationId].sort());
    for (const m of g.members) {
      expect(m.number).toBe(g.number);
      expect(m.issuedOn).toEqual(g.issuedOn);
    }

    const content = await contentOf(g.id);
    const orgs = await db.organization.findMany({ where: { id: { in: [lead.actor.organizationId, partner.actor.organizationId, third.actor.organizationId] } } });
    const named = (id: string) => orgs.find((o) => o.id === id)!;
    expect(content.jointVenture).toEqual({
      name: g.jointVenture!.name,
      kind: 'SPECIFIC',
      mode: 'JOINT',
      representative: { address: named(lead.actor.organizationId).address, name: named(lead.actor.organizationId).name, share: '40' },
      members: [
        { address: named(partner.actor.organizationId).address, name: named(partner.actor.organizationId).name, share: '30' },
        { address: named(third.actor.organizationId).address, name: named(third.actor.organizationId).name, share: '30' },
      ],
    });
    expect(content.contractor.name).toBe(named(lead.actor.organizationId).name);
    expect(content.deposits).toEqual([
      { bank: '銀行1', branch: '支店1', holder: named(lead.actor.organizationId).name, share: '40' },
      { bank: '銀行2', branch: '支店2', holder: named(partner.actor.organizationId).name, share: '30' },
      { bank: '銀行3', branch: '支店3', holder: named(third.actor.organizationId).name, share: '30' },
    ]);
    expect(content.depositBank).toBeNull();
    expect(content.intermediateCertification).toBeUndefined();

    // Mails: the 代表者's users one certificate-registered naming the JV; each member its own mail.
    const mails = await db.outboxMail.findMany({ where: { relatedId: g.id }, orderBy: { createdAt: 'asc' } });
    const lead0 = mails.filter((m) => m.template === 'certificate-registered');
    expect(lead0).toHaveLength(1);
    expect([...lead0[0]!.to].sort()).toEqual(await addressesOf(lead.actor.organizationId));
    expect(lead0[0]!.bodyText).toContain(`共同企業体　：${g.jointVenture!.name}（代表者として）`);
    const memberMails = mails.filter((m) => m.template === 'guarantee-concluded-member');
    expect(memberMails).toHaveLength(2);
    for (const member of [partner, third]) {
      const mine = memberMails.filter((m) => m.to.some((a) => a.startsWith(member === partner ? 'partner-' : 'third-')));
      expect(mine).toHaveLength(1);
      const mail = mine[0]!;
      expect([...mail.to].sort()).toEqual(await addressesOf(member.actor.organizationId));
      expect(mail.subject).toBe(`共同企業体の保証契約締結のお知らせ（保証契約番号 ${g.number}）`);
      expect(mail.bodyText).toContain(`${named(member.actor.organizationId).name} 様`);
      expect(mail.bodyText).toContain(`共同企業体　：${g.jointVenture!.name}`);
      expect(mail.bodyText).toContain(`認証キーの表示・発注者への提出は代表者（${named(lead.actor.organizationId).name}）が行います。`);
      expect(mail.bodyText).toContain('保証金額　　：40,000,000円');
      expect(mail.bodyText).not.toMatch(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}/); // no key
    }
    // Never an address of one company in another's mail.
    const leadAddresses = new Set(await addressesOf(lead.actor.organizationId));
    for (const m of memberMails) expect(m.to.some((a) => leadAddresses.has(a))).toBe(false);
    expect(mails.every((m) => m.template === 'certificate-registered' || m.template === 'guarantee-concluded-member')).toBe(true);

    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'application.conclude', details: { path: ['guaranteeId'], equals: g.id } } });
    expect(audit.details).toMatchObject({ jointVentureId: concluded.jointVentureId, memberOrganizationIds: [partner.actor.organizationId, third.actor.organizationId] });
  });

  it('takes each member’s address as it is at the conclusion, and keeps one 預託金融機関 for 一括', async () => {
    const db = await getDb();
    const lead = await company('lead');
    const partner = await company('partner');
    const jv = await makeJointVenture(lead, [partner]);
    const app = must(await saveApplication(db, lead.actor, undefined, applicationInput(orderer.id, orderer.departmentId, { jointVentureId: jv }), { submit: true }));
    await db.organization.update({ where: { id: partner.actor.organizationId }, data: { address: '長崎県大村市△△町2番3号（移転後）' } });
    const { guaranteeId } = must(await concludeApplication(db, await officer(db), app.id, SECRET));
    const content = await contentOf(guaranteeId);
    expect(content.jointVenture?.members[0]?.address).toBe('長崎県大村市△△町2番3号（移転後）');
    expect(content.jointVenture?.representative.share).toBe('60');
    expect(content.deposits).toBeUndefined();
    expect(content.depositBank).toEqual({ bank: '〇〇銀行', branch: '▲▲支店' });
  });

  it('concludes a JV closed after the submission (closing stops new applications only)', async () => {
    const db = await getDb();
    const lead = await company('lead');
    const partner = await company('partner');
    const jv = await makeJointVenture(lead, [partner]);
    const app = must(await saveApplication(db, lead.actor, undefined, applicationInput(orderer.id, orderer.departmentId, { jointVentureId: jv }), { submit: true }));
    must(await closeJointVenture(db, await officer(db), jv, { closedOn: todayInTokyo() }));
    expect((await db.jointVenture.findUniqueOrThrow({ where: { id: jv } })).closedOn).not.toBeNull();
    const { guaranteeId } = must(await concludeApplication(db, await officer(db), app.id, SECRET));
    expect(await db.guaranteeMember.count({ where: { guaranteeId } })).toBe(1);
  });

  it('writes nothing when the conclusion fails after numbering: no guarantee, no member row, no mail', async () => {
    const db = await getDb();
    const lead = await company('lead');
    const partner = await company('partner');
    const jv = await makeJointVenture(lead, [partner]);
    const app = must(await saveApplication(db, lead.actor, undefined, applicationInput(orderer.id, orderer.departmentId, { jointVentureId: jv }), { submit: true }));
    const before = { members: await db.guaranteeMember.count(), mails: await db.outboxMail.count() };
    let allocated = '';
    await expect(
      concludeApplication(db, await officer(db), app.id, SECRET, {
        afterNumberAllocated: async (n) => {
          allocated = n;
          throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow('interrupted');
    expect(allocated).not.toBe('');
    expect(await db.guarantee.count({ where: { number: allocated } })).toBe(0);
    expect(await db.guaranteeMember.count()).toBe(before.members);
    expect(await db.outboxMail.count()).toBe(before.mails);
    expect((await db.application.findUniqueOrThrow({ where: { id: app.id } })).status).toBe('SUBMITTED');
  });

  it('leaves a single company’s conclusion as it was: no JV, no members, no member mail', async () => {
    const db = await getDb();
    const alone = await company('alone');
    const { guaranteeId } = await concludedGuarantee(alone, orderer);
    const g = await db.guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
    expect(g.jointVentureId).toBeNull();
    expect(await db.guaranteeMember.count({ where: { guaranteeId } })).toBe(0);
    const content = await contentOf(guaranteeId);
    expect(Object.keys(content)).not.toContain('jointVenture');
    expect(Object.keys(content)).not.toContain('deposits');
    const mails = await db.outboxMail.findMany({ where: { relatedId: guaranteeId } });
    expect(mails.map((m) => m.template)).toEqual(['certificate-registered']);
    expect(mails[0]!.bodyText).not.toContain('共同企業体');
  });
});

describe("the 代表者's key page", () => {
  it("fills the orderer's subject's {受注者} with the JV and its 代表者", async () => {
    const db = await getDb();
    const own = await makeOrderer();
    await db.ordererRules.update({ where: { organizationId: own.id }, data: { subjectTemplate: '{区分} {保証契約番号} {受注者}' } });
    const lead = await company('lead');
    const partner = await company('partner');
    const { number, jointVentureId } = await concludedJointVentureGuarantee(lead, [partner], own);
    const jv = await db.jointVenture.findUniqueOrThrow({ where: { id: jointVentureId } });
    const leadName = (await db.organization.findUniqueOrThrow({ where: { id: lead.actor.organizationId } })).name;
    expect((await getKeyPage(db, lead.actor, number, SECRET)).subject).toBe(`前払金保証 ${number} ${jv.name}（代表者 ${leadName}）`);
  });
});

describe('the confirming clerk', () => {
  it('sees the JV block and the 分割預託 in the viewer; 確認済み一覧, the 確認記録 and the 保証料計算書 name the JV with its 代表者', async () => {
    const db = await getDb();
    const lead = await company('lead');
    const partner = await company('partner');
    const { number, jointVentureId } = await concludedJointVentureGuarantee(lead, [partner], orderer);
    const jv = await db.jointVenture.findUniqueOrThrow({ where: { id: jointVentureId } });
    const leadName = (await db.organization.findUniqueOrThrow({ where: { id: lead.actor.organizationId } })).name;
    const partnerName = (await db.organization.findUniqueOrThrow({ where: { id: partner.actor.organizationId } })).name;
    const key = (await getKeyPage(db, lead.actor, number, SECRET)).key;
    const found = await lookupCertificate(db, { kind: 'user', actor: clerk.actor }, { number, key }, { secret: SECRET, clientAddress: '10.16.0.1' });
    expect(found.status).toBe('found');
    if (found.status !== 'found') return;
    expect(found.versions[0]!.content.jointVenture?.name).toBe(jv.name);

    const viewer = await getConfirmedCertificate(db, clerk.actor, number);
    const html = renderToStaticMarkup(createElement(CertificateDocument, { content: viewer.versions[0]!.content }));
    expect(html).toContain(`${jv.name} <span`);
    expect(html).toContain('代表者');
    expect(html).toContain('構成員');
    expect(html).toContain(partnerName);
    expect(html).toContain('（分割預託）');
    expect(html).toContain('銀行2 支店2');

    const page = await listConfirmedCertificates(db, clerk.actor, parseConfirmedParams({}));
    const holder = `${jv.name}（代表者 ${leadName}）`;
    expect(page.rows.find((r) => r.number === number)?.contractorName).toBe(holder);

    // The 確認記録 PDF names the JV with its 代表者 as 保証契約者; so does the 保証料計算書's addressee.
    signInAs(clerk);
    const record = await recordRoute(new Request('http://x'), { params: Promise.resolve({ number, confirmationId: found.confirmationId }) } as never);
    expect(record.status).toBe(200);
    expect(textOf(new Uint8Array(await record.arrayBuffer()))).toContain(squeeze(holder));
    signInAs(null);
    const g = await db.guarantee.findUniqueOrThrow({ where: { number }, include: { premiumDocuments: true } });
    const calculation = await renderPremiumDocument(db, g, g.premiumDocuments[0]!.id);
    expect(textOf(calculation.bytes)).toContain(squeeze(`${holder} 様`));
  });
});
