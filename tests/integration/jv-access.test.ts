import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { reissueKeyAction, sendToOrdererAction } from '@/actions/guarantee-actions';
import { GET as certificationAttachmentRoute } from '@/app/contractor/certifications/[id]/attachments/[attachmentId]/route';
import { GET as certificationDocumentRoute } from '@/app/contractor/certifications/[id]/document/route';
import CertificationPage from '@/app/contractor/certifications/[id]/page';
import { GET as keyNoticeRoute } from '@/app/contractor/guarantees/[number]/key/notice/route';
import KeyPage from '@/app/contractor/guarantees/[number]/key/page';
import SendPreviewPage from '@/app/contractor/guarantees/[number]/key/send/page';
import CertificatePage from '@/app/contractor/guarantees/[number]/page';
import { GET as premiumRoute } from '@/app/contractor/guarantees/[number]/premium/[documentId]/route';
import PrintPage from '@/app/contractor/guarantees/[number]/print/page';
import { GUARANTEE_LABELS as L } from '@/app/contractor/guarantees/labels';
import GuaranteesPage from '@/app/contractor/guarantees/page';
import PremiumsPage from '@/app/contractor/premiums/page';
import { getDb } from '@/db/client';
import { changeHistory } from '@/domain/changes/queries';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { memberCertifications } from '@/domain/certifications/queries';
import { requestCertification } from '@/domain/certifications/request-certification';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { confirmationsOfGuarantee } from '@/domain/confirmations/confirmations-of-guarantee';
import { findContractorGuarantee } from '@/domain/guarantees/find-contractor-guarantee';
import { getContractorCertificate } from '@/domain/guarantees/get-contractor-certificate';
import { getKeyPage } from '@/domain/guarantees/get-key-page';
import { reissueAuthKey } from '@/domain/guarantees/reissue-auth-key';
import { previewKeyNotice, sendKeyNoticeToOrderer } from '@/domain/guarantees/send-key-notice';
import { premiumDocumentPdf } from '@/domain/premium/contractor-premium-document';
import { tokyoMoment } from '@/demo/term-dates';
import { concludedJointVentureGuarantee, makeJointVenture, makeOrderer, makeUser, must, officer, TERM, TEST_KEY_SECRET, uid } from '../support/factories';
import { interrupt, outcome } from '../support/interrupt';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * Who reaches a JV guarantee (issue 16 B7, D5), page, action, route and use case each: the 代表者's
 * users (R) everything; a 構成員's users (M) the list, the certificate, its print view, 発注者の確認 and
 * the 認定調書, read-only — the key page, its PDF, 発注者へ送信, 認証キーの再発行, the premium documents
 * and the 認定's own page answer as for another company's number; a member of another JV (X) nothing;
 * orderer staff (D) and officers (A) none of the contractor's pages; the signed-out (S) sign in.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let lead: User; // R
let partner: User; // M
let otherMember: User; // X: a 構成員 of another JV
let clerk: User; // D: the orderer's staff of the contract's department
let admin: User; // A
let number: string;
let guaranteeId: string;
let premiumDocumentId: string;
let certificationId: string;
let jvName: string;

const HALF = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
const NOW = tokyoMoment(HALF, '10:00:00');
const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;
const page = (params: Record<string, string>, search: Record<string, string> = {}) => ({ params: Promise.resolve(params), searchParams: Promise.resolve(search) }) as never;

beforeAll(async () => {
  const db = await getDb();
  lead = await makeUser('CONTRACTOR');
  partner = await makeUser('CONTRACTOR');
  otherMember = await makeUser('CONTRACTOR');
  const otherLead = await makeUser('CONTRACTOR');
  const orderer = await makeOrderer();
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  jvName = `〇〇・△△特定建設工事共同企業体${uid()}`;
  const jointVentureId = await makeJointVenture(lead, [partner], { name: jvName });
  const g = await concludedJointVentureGuarantee(lead, [partner], orderer, { jointVentureId });
  number = g.number;
  guaranteeId = g.guaranteeId;
  premiumDocumentId = (await db.premiumDocument.findFirstOrThrow({ where: { guaranteeId } })).id;
  await concludedJointVentureGuarantee(otherLead, [otherMember], orderer);
  // A 認定 on the JV's 前払金保証, requested by the 代表者 and certified by the clerk.
  const pdf = new TextEncoder().encode('%PDF-1.4\n% report\n%%EOF\n');
  certificationId = must(
    await requestCertification(
      db,
      lead.actor,
      {
        guaranteeNumber: number,
        reportedOn: HALF,
        plannedProgress: '48',
        actualProgress: '51.5',
        workDoneAmount: '56,000,000',
        requestedAmount: '20,000,000',
        noPartialPayment: 'on',
        files: [{ name: '工事履行報告書.pdf', type: 'application/pdf', bytes: pdf }],
      },
      { now: NOW, attachmentDir: null },
    ),
  ).id;
  must(await decideCertification(db, clerk.actor, certificationId, { decision: 'CERTIFY' }, NOW));
});
beforeEach(() => signInAs(null));

describe('a JV guarantee: pages', () => {
  it('the 代表者 opens every page; the 構成員 the list, certificate and print view only; the others none', async () => {
    const n = { number };
    const cases: [User | null, { list: string; certificate: string; print: string; key: string; send: string }][] = [
      [lead, { list: 'passed', certificate: 'passed', print: 'passed', key: 'passed', send: 'passed' }],
      [partner, { list: 'passed', certificate: 'passed', print: 'passed', key: 'not-found', send: 'not-found' }],
      [otherMember, { list: 'passed', certificate: 'not-found', print: 'not-found', key: 'not-found', send: 'not-found' }],
      [clerk, { list: 'not-found', certificate: 'not-found', print: 'not-found', key: 'not-found', send: 'not-found' }],
      [admin, { list: 'not-found', certificate: 'not-found', print: 'not-found', key: 'not-found', send: 'not-found' }],
      [null, { list: 'redirect:/login', certificate: 'redirect:/login', print: 'redirect:/login', key: 'redirect:/login', send: 'redirect:/login' }],
    ];
    for (const [who, expected] of cases) {
      signInAs(who);
      const got = {
        list: await interrupt(GuaranteesPage({ searchParams: Promise.resolve({}) } as never)),
        certificate: await interrupt(CertificatePage(page(n))),
        print: await interrupt(PrintPage(page(n))),
        key: await interrupt(KeyPage(page(n))),
        send: await interrupt(SendPreviewPage(page(n))),
      };
      expect(got, who ? `${who.actor.role} ${who.loginId}` : 'signed out').toEqual(expected);
    }
  });

  it('the 構成員’s certificate page: the box naming the JV and its 代表者, 発注者の確認, no key, no 送信履歴, no premium, the 認定 with its 認定調書', async () => {
    signInAs(partner);
    const html = renderToStaticMarkup(await CertificatePage(page({ number })));
    const leadName = (await (await getDb()).organization.findUniqueOrThrow({ where: { id: lead.actor.organizationId } })).name;
    expect(html).toContain(L.memberNotice(jvName, leadName));
    expect(html).toContain(L.confirmationsTitle);
    expect(html).not.toContain(`/contractor/guarantees/${number}/key`);
    expect(html).not.toContain(L.submissionsTitle);
    expect(html).not.toContain(L.toKey);
    expect(html).toContain(L.memberCertifications.title);
    expect(html).toContain(`/contractor/certifications/${certificationId}/document`);
    signInAs(lead);
    const leads = renderToStaticMarkup(await CertificatePage(page({ number })));
    expect(leads).not.toContain(L.memberNoticeTitle);
    expect(leads).toContain(`/contractor/guarantees/${number}/key`);
    expect(leads).toContain(L.submissionsTitle);
  });

  it('the print view: the 構成員 is told the submission is the 代表者’s, the 代表者 to submit the key notice', async () => {
    signInAs(partner);
    expect(renderToStaticMarkup(await PrintPage(page({ number })))).toContain(L.memberPrintNotice);
    signInAs(lead);
    const leads = renderToStaticMarkup(await PrintPage(page({ number })));
    expect(leads).toContain(L.printNotice);
    expect(leads).not.toContain(L.memberPrintNotice);
  });

  it('保証料一覧: the 代表者 lists the JV guarantee marked 「JV代表」; a 構成員 does not list it (the premium is the 代表者’s)', async () => {
    signInAs(lead);
    const leads = renderToStaticMarkup(await PremiumsPage({ searchParams: Promise.resolve({}) } as never));
    expect(leads).toContain(number);
    expect(leads).toContain(L.jvMark.REPRESENTATIVE);
    expect(leads).toContain(L.jvMarkLong.REPRESENTATIVE);
    signInAs(partner);
    const partners = renderToStaticMarkup(await PremiumsPage({ searchParams: Promise.resolve({}) } as never));
    expect(partners).not.toContain(number);
  });
});

describe('a JV guarantee: routes and actions', () => {
  it('the key PDF and the premium documents: the 代表者 only (404 for the others, 401 signed out)', async () => {
    signInAs(lead);
    expect((await keyNoticeRoute(new Request('http://x'), ctx({ number }))).status).toBe(200);
    expect((await premiumRoute(new Request('http://x'), ctx({ number, documentId: premiumDocumentId }))).status).toBe(200);
    for (const who of [partner, otherMember, clerk, admin]) {
      signInAs(who);
      expect((await keyNoticeRoute(new Request('http://x'), ctx({ number }))).status).toBe(404);
      expect((await premiumRoute(new Request('http://x'), ctx({ number, documentId: premiumDocumentId }))).status).toBe(404);
    }
    signInAs(null);
    expect((await keyNoticeRoute(new Request('http://x'), ctx({ number }))).status).toBe(401);
    expect((await premiumRoute(new Request('http://x'), ctx({ number, documentId: premiumDocumentId }))).status).toBe(401);
  });

  it('発注者へ送信 and 認証キーの再発行: 404 for the 構成員 as for another company, FORBIDDEN for other roles, sign-in for the signed-out', async () => {
    const confirm = new FormData();
    confirm.set('confirmReissue', 'on');
    for (const [who, expected] of [
      [partner, 'not-found'],
      [otherMember, 'not-found'],
      [clerk, 'app-error:FORBIDDEN'],
      [admin, 'app-error:FORBIDDEN'],
      [null, 'redirect:/login'],
    ] as const) {
      signInAs(who);
      expect(await interrupt(reissueKeyAction(number, undefined, confirm))).toBe(expected);
      expect(await interrupt(sendToOrdererAction(number, undefined, new FormData()))).toBe(expected);
    }
    const db = await getDb();
    expect(await db.authKey.count({ where: { guaranteeId } })).toBe(1);
    expect(await db.submission.count({ where: { guaranteeId } })).toBe(0);
  });

  it('the 認定: the 構成員 reads its 認定調書, never its page or attachments; another JV’s member nothing', async () => {
    const db = await getDb();
    const attachment = await db.certificationAttachment.findFirstOrThrow({ where: { certificationId } });
    signInAs(lead);
    expect((await certificationDocumentRoute(new Request('http://x'), ctx({ id: certificationId }))).status).toBe(200);
    signInAs(partner);
    const document = await certificationDocumentRoute(new Request('http://x'), ctx({ id: certificationId }));
    expect(document.status).toBe(200);
    expect(Buffer.from(await document.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await interrupt(CertificationPage(page({ id: certificationId })))).toBe('not-found');
    expect((await certificationAttachmentRoute(new Request('http://x'), ctx({ id: certificationId, attachmentId: attachment.id }))).status).toBe(404);
    for (const who of [otherMember, admin]) {
      signInAs(who);
      const status = (await certificationDocumentRoute(new Request('http://x'), ctx({ id: certificationId }))).status;
      expect(status).toBe(404);
    }
    signInAs(null);
    expect((await certificationDocumentRoute(new Request('http://x'), ctx({ id: certificationId }))).status).toBe(401);
  });
});

describe('a JV guarantee: use cases', () => {
  it('the holder’s reads answer NOT_FOUND to the 構成員 as to another company; the shared reads let it in, without the key, the 送信 or the premium', async () => {
    const db = await getDb();
    for (const who of [partner, otherMember]) {
      await expect(findContractorGuarantee(db, who.actor, number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(getKeyPage(db, who.actor, number, TEST_KEY_SECRET)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(previewKeyNotice(db, who.actor, number, TEST_KEY_SECRET)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(sendKeyNoticeToOrderer(db, who.actor, number, TEST_KEY_SECRET, { confirmResend: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(reissueAuthKey(db, who.actor, number, TEST_KEY_SECRET)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(premiumDocumentPdf(db, who.actor, number, premiumDocumentId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await findContractorGuarantee(db, lead.actor, number)).access).toBe('HOLDER');
    expect((await findContractorGuarantee(db, partner.actor, number, new Date(), { members: true })).access).toBe('MEMBER');
    await expect(findContractorGuarantee(db, otherMember.actor, number, new Date(), { members: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const shared = await getContractorCertificate(db, partner.actor, number);
    expect(shared).toMatchObject({ keys: [], submissions: [], guarantee: { access: 'MEMBER' } });
    expect((await getContractorCertificate(db, lead.actor, number)).keys).toHaveLength(1);
    expect(await outcome(confirmationsOfGuarantee(db, partner.actor, guaranteeId))).toEqual([]);
    await expect(confirmationsOfGuarantee(db, otherMember.actor, guaranteeId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await changeHistory(db, partner.actor, number)).toEqual([]);
    await expect(changeHistory(db, otherMember.actor, number)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await memberCertifications(db, partner.actor, guaranteeId)).map((c) => [c.id, c.status])).toEqual([[certificationId, 'CERTIFIED']]);
    expect(await memberCertifications(db, otherMember.actor, guaranteeId)).toEqual([]);
    expect(await memberCertifications(db, lead.actor, guaranteeId)).toEqual([]);
    await expect(memberCertifications(db, clerk.actor, guaranteeId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const who of [clerk, admin]) await expect(findContractorGuarantee(db, who.actor, number, new Date(), { members: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
