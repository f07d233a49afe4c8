import { beforeAll, describe, expect, it, vi } from 'vitest';
import { recordChange } from '@/domain/changes/record-change';
import { sendPeriodEndingNotices } from '@/domain/confirmations/period-ending';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { CONTRACTOR_NOTICE_TEMPLATE } from '@/domain/guarantees/notify-contractor';
import { recordPayment } from '@/domain/premium/record-payment';
import { getDb } from '@/db/client';
import { tokyoMoment } from '@/demo/term-dates';
import { addDaysIso, isoDateToDb, todayInTokyo } from '@/lib/dates';
import { concludedGuarantee, concludedJointVentureGuarantee, makeJointVenture, makeOrderer, makeUser, must, officer, TERM, uid } from '../support/factories';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * The events of a JV guarantee after its conclusion (issue 16 B8, B11; decision 040's lifecycle):
 * 変更契約 and 解除 mail the 代表者's users as for any guarantee and each 構成員 company's users in the
 * member's words (the JV and its 代表者 named; no key, no premium); 満了間近 and the payment's receipt
 * mail the 代表者 alone. A single company's guarantee mails as before.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let admin: User;
let lead: User;
let partner: User;
let third: User;
let orderer: Awaited<ReturnType<typeof makeOrderer>>;
let jointVentureId: string;
let jvName: string;
let leadName: string;
const address = { lead: `lead-${uid()}@kensetsu.example.jp`, partner: `partner-${uid()}@koumuten.example.jp`, third: `third-${uid()}@doboku.example.jp` };

beforeAll(async () => {
  const db = await getDb();
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  lead = await makeUser('CONTRACTOR', undefined, undefined, { email: address.lead });
  partner = await makeUser('CONTRACTOR', undefined, undefined, { email: address.partner });
  third = await makeUser('CONTRACTOR', undefined, undefined, { email: address.third });
  // A disabled user of a member company hears nothing.
  const disabled = await makeUser('CONTRACTOR', partner.actor.organizationId, undefined, { email: `gone-${uid()}@koumuten.example.jp` });
  await db.user.update({ where: { id: disabled.id }, data: { disabled: true } });
  orderer = await makeOrderer();
  jvName = `〇〇・△△・□□特定建設工事共同企業体${uid()}`;
  jointVentureId = await makeJointVenture(lead, [partner, third], { name: jvName });
  leadName = (await db.organization.findUniqueOrThrow({ where: { id: lead.actor.organizationId } })).name;
});

const mailsOf = async (guaranteeId: string, template: string) =>
  (await getDb()).outboxMail.findMany({ where: { relatedType: 'guarantee', relatedId: guaranteeId, template }, orderBy: { createdAt: 'asc' }, select: { to: true, subject: true, bodyText: true } });
const to = (mail: { to: unknown }) => mail.to as string[];

/** The officer's 変更契約 form as opened, with `patch`. */
const change = (patch: Record<string, unknown> = {}) => ({
  guaranteeAmount: '40,000,000',
  contractAmount: '100,000,000',
  periodStart: TERM.periodStart,
  periodEnd: TERM.periodEnd,
  guaranteeStart: TERM.guaranteeStart,
  guaranteeEnd: TERM.guaranteeEnd,
  changeDate: todayInTokyo(),
  reason: '変更契約による',
  ...patch,
});

describe('a JV guarantee’s events', () => {
  it('変更契約: the 代表者 as for any guarantee (key and premium lines); each 構成員 in its own words, without them', async () => {
    const db = await getDb();
    const g = await concludedJointVentureGuarantee(lead, [partner, third], orderer, { jointVentureId });
    const { projectName } = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId }, select: { projectName: true } });
    must(await recordChange(db, admin.actor, g.guaranteeId, change({ projectName, guaranteeAmount: '45,000,000', contractAmount: '120,000,000' })));
    const mails = await mailsOf(g.guaranteeId, 'guarantee-changed');
    // One mail per company, each to its own users only (addresses never mixed).
    expect(mails.map(to).sort()).toEqual([[address.lead], [address.partner], [address.third]].sort());
    const [forLead, ...forMembers] = [address.lead, address.partner, address.third].map((a) => mails.find((m) => to(m).includes(a))!);
    expect(forLead!.bodyText).toContain('認証キーは変わりません');
    expect(forLead!.bodyText).toContain('保証料の差額');
    expect(forLead!.bodyText).not.toContain(jvName);
    for (const mail of forMembers) {
      expect(mail!.subject).toBe(`保証証書（変更）発行のお知らせ（保証契約番号 ${g.number}）`);
      expect(mail!.bodyText).toContain(`共同企業体　：${jvName}`);
      expect(mail!.bodyText).toContain(`代表者　　　：${leadName}`);
      expect(mail!.bodyText).toContain('45,000,000');
      expect(mail!.bodyText).not.toContain('認証キー');
      expect(mail!.bodyText).not.toContain('保証料');
    }
    const partnerName = (await db.organization.findUniqueOrThrow({ where: { id: partner.actor.organizationId } })).name;
    expect(forMembers[0]!.bodyText.startsWith(`${partnerName} 様`)).toBe(true);
  });

  it('解除: the 代表者 told not to submit the key; each 構成員 that the 代表者’s submission is no longer needed, no key sentence', async () => {
    const db = await getDb();
    const g = await concludedJointVentureGuarantee(lead, [partner, third], orderer, { jointVentureId });
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: todayInTokyo(), reason: '契約解除のため' }));
    const mails = await mailsOf(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.CANCELLED);
    expect(mails.map(to).flat().sort()).toEqual([address.lead, address.partner, address.third].sort());
    expect(mails).toHaveLength(3);
    const forLead = mails.find((m) => to(m).includes(address.lead))!;
    expect(forLead.bodyText).toContain('認証キーは、今後発注者へ提出しないでください');
    for (const member of [address.partner, address.third]) {
      const mail = mails.find((m) => to(m).includes(member))!;
      expect(mail.subject).toBe(`保証契約解除のお知らせ（保証契約番号 ${g.number}）`);
      expect(mail.bodyText).toContain(`共同企業体　：${jvName}`);
      expect(mail.bodyText).toContain(`代表者（${leadName}）による発注者への提出は不要になりました。`);
      expect(mail.bodyText).toContain('契約解除のため');
      expect(mail.bodyText).not.toContain('認証キー');
    }
  });

  it('満了間近 and the payment’s receipt: the 代表者 alone', async () => {
    const db = await getDb();
    const g = await concludedJointVentureGuarantee(lead, [partner, third], orderer, { jointVentureId });
    await db.guarantee.update({ where: { id: g.guaranteeId }, data: { periodEnd: isoDateToDb(addDaysIso(TERM.guaranteeEnd, 91)) } });
    await sendPeriodEndingNotices(db, tokyoMoment(addDaysIso(TERM.guaranteeEnd, -26), '09:00'));
    const ending = await mailsOf(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.PERIOD_ENDING);
    expect(ending.map(to)).toEqual([[address.lead]]);
    must(await recordPayment(db, admin.actor, g.guaranteeId, { paidOn: todayInTokyo(), amount: String(g.premiumYen), method: 'BANK_TRANSFER' }));
    const receipts = await db.outboxMail.findMany({ where: { relatedType: 'guarantee', relatedId: g.guaranteeId, template: { notIn: ['guarantee-changed', 'guarantee-cancelled', 'guarantee-period-ending'] } }, select: { template: true, to: true } });
    const afterConclusion = receipts.filter((m) => !['certificate-registered', 'guarantee-concluded-paper', 'guarantee-concluded-member'].includes(m.template));
    expect(afterConclusion.length).toBeGreaterThan(0);
    for (const mail of afterConclusion) expect(to(mail)).toEqual([address.lead]);
  });

  it('a single company’s guarantee: 解除 mails its company only, as before', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(partner, orderer);
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: todayInTokyo(), reason: '契約解除のため' }));
    const mails = await mailsOf(g.guaranteeId, CONTRACTOR_NOTICE_TEMPLATE.CANCELLED);
    expect(mails.map(to)).toEqual([[address.partner]]);
    expect(mails[0]!.bodyText).not.toContain('共同企業体');
  });
});
