import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GET as contractorPdf } from '@/app/contractor/guarantees/[number]/print/pdf/route';
import ContractorPrintPage from '@/app/contractor/guarantees/[number]/print/page';
import { GUARANTEE_LABELS } from '@/app/contractor/guarantees/labels';
import { GET as ordererPdf } from '@/app/orderer/certificates/[number]/print/pdf/route';
import OrdererPrintPage from '@/app/orderer/certificates/[number]/print/page';
import { ORDERER_CERTIFICATE_LABELS } from '@/app/orderer/lookup/labels';
import { getDb } from '@/db/client';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { dbDateToIso, todayInTokyo } from '@/lib/dates';
import { formatJapaneseDate } from '@/lib/wareki';
import { changeGuaranteeAmount, confirm } from '../support/confirmations';
import { concludedGuarantee, concludedJointVentureGuarantee, makeJointVenture, makeOrderer, makeUser, must, officer, uid } from '../support/factories';
import { signInAs } from '../support/session';

vi.mock('@/auth/config', () => import('../support/session'));

/**
 * 「PDFで保存」 (decision 073): the certificate PDF answers exactly whom the print view answers — the
 * holder's users and a JV's 構成員 (read-only) on the contractor's side, the orderer that confirmed it
 * on the orderer's side (any of its staff, any version, as the print view) — and 404 to another
 * company, another JV's member, another orderer, an orderer that never confirmed it, the staff of
 * the other side and the officers; 401 to the signed-out.
 */

type User = Awaited<ReturnType<typeof makeUser>>;
let lead: User;
let partner: User;
let stranger: User; // a company with a guarantee of its own
let otherMember: User; // a 構成員 of another JV
let clerk: User;
let colleague: User; // the same orderer, another department
let otherClerk: User; // another orderer
let admin: User;
let number: string; // the JV's guarantee, confirmed by clerk, changed once (version 2)
let unconfirmed: string; // the lead's single guarantee for the same orderer, never confirmed
let jvName: string;

const work = mkdtempSync(path.join(os.tmpdir(), 'certificate-pdf-route-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) }) as never;
const page = (params: Record<string, string>, search: Record<string, string> = {}) => ({ params: Promise.resolve(params), searchParams: Promise.resolve(search) }) as never;
const request = (url: string) => new Request(`http://localhost${url}`);

async function textOf(response: Response): Promise<string> {
  const file = path.join(work, `${uid()}.pdf`);
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  return execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}

beforeAll(async () => {
  const db = await getDb();
  lead = await makeUser('CONTRACTOR');
  partner = await makeUser('CONTRACTOR');
  stranger = await makeUser('CONTRACTOR');
  const otherLead = await makeUser('CONTRACTOR');
  otherMember = await makeUser('CONTRACTOR');
  const orderer = await makeOrderer();
  const other = await makeOrderer();
  clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId);
  const department = await db.department.create({ data: { organizationId: orderer.id, name: `会計課${uid()}`, kind: 'OTHER' } });
  colleague = await makeUser('ORDERER', orderer.id, department.id);
  otherClerk = await makeUser('ORDERER', other.id, other.departmentId);
  admin = await makeUser('ADMIN', (await officer(db)).organizationId);
  jvName = `〇〇・△△特定建設工事共同企業体${uid()}`;
  const jointVentureId = await makeJointVenture(lead, [partner], { name: jvName });
  const g = await concludedJointVentureGuarantee(lead, [partner], orderer, { jointVentureId });
  number = g.number;
  await confirm(db, { guaranteeId: g.guaranteeId, clerk });
  await changeGuaranteeAmount(db, { actor: await officer(db) }, g.guaranteeId, 30_000_000n);
  unconfirmed = (await concludedGuarantee(lead, orderer)).number;
  // Another JV's guarantee and the stranger's own, so that both have certificates of their own.
  await concludedJointVentureGuarantee(otherLead, [otherMember], orderer);
  await concludedGuarantee(stranger, other);
});
beforeEach(() => signInAs(null));

describe('the contractor’s 「PDFで保存」', () => {
  const url = (n: string, version?: number) => `/contractor/guarantees/${n}/print/pdf${version ? `?version=${version}` : ''}`;
  const get = (n: string, version?: number) => contractorPdf(request(url(n, version)), ctx({ number: n }));

  it('the 代表者 gets the latest version (the print view’s notice, the JV named), or the version asked for; a version that is not there is 404', async () => {
    signInAs(lead);
    const latest = await get(number);
    expect(latest.status).toBe(200);
    expect(latest.headers.get('content-type')).toBe('application/pdf');
    expect(latest.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(`保証証書_${number}_第2版.pdf`)}`);
    const text = await textOf(latest);
    expect(text).toContain('保証証書（前払金保証）（変更）');
    expect(text).toContain(`保証契約者${jvName}様`);
    expect(text).toContain('保証金額30,000,000円');
    expect(text).toContain(GUARANTEE_LABELS.printNotice.replace(/\s+/g, ''));
    expect(text).not.toContain('この保証の状態'); // 有効: the contractor's sheet shows no status line
    const first = await get(number, 1);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-disposition')).toContain(encodeURIComponent('第1版.pdf'));
    const firstText = await textOf(first);
    expect(firstText).toContain('保証金額40,000,000円');
    expect(firstText).not.toContain('保証証書（前払金保証）（変更）');
    expect((await get(number, 9)).status).toBe(404);
    expect((await contractorPdf(request(`${url(number)}?version=abc`), ctx({ number }))).status).toBe(404);
  });

  it('a 構成員 gets it read-only with the 構成員’s notice; another company, another JV’s member, orderers and officers 404; the signed-out 401', async () => {
    signInAs(partner);
    const res = await get(number);
    expect(res.status).toBe(200);
    expect(await textOf(res)).toContain(GUARANTEE_LABELS.memberPrintNotice.replace(/\s+/g, ''));
    expect((await get(unconfirmed)).status).toBe(404); // the 代表者's own guarantee is not the JV's
    for (const who of [stranger, otherMember, clerk, otherClerk, admin]) {
      signInAs(who);
      expect((await get(number)).status, `${who.actor.role} ${who.loginId}`).toBe(404);
    }
    signInAs(null);
    expect((await get(number)).status).toBe(401);
    signInAs(lead);
    expect((await get('0000000000')).status).toBe(404);
  });

  it('a guarantee no longer 有効: the status line in the sheet, as the print view shows it', async () => {
    const db = await getDb();
    const g = await concludedGuarantee(lead, await makeOrderer());
    must(await cancelGuarantee(db, admin.actor, g.guaranteeId, { cancelledOn: todayInTokyo(), reason: '契約解除のため' }));
    signInAs(lead);
    const res = await get(g.number);
    expect(res.status).toBe(200);
    expect(await textOf(res)).toMatch(/この保証の状態:解除（解除日\d{4}\/\d{2}\/\d{2}）/);
  });

  it('the print view links to 「PDFで保存」 of the version it shows', async () => {
    signInAs(lead);
    expect(renderToStaticMarkup(await ContractorPrintPage(page({ number })))).toContain(`href="${url(number, 2)}"`);
    expect(renderToStaticMarkup(await ContractorPrintPage(page({ number }, { version: '1' })))).toContain(`href="${url(number, 1)}"`);
    signInAs(partner);
    expect(renderToStaticMarkup(await ContractorPrintPage(page({ number })))).toContain('PDFで保存');
  });
});

describe('the orderer’s 「PDFで保存」', () => {
  const url = (n: string, version?: number) => `/orderer/certificates/${n}/print/pdf${version ? `?version=${version}` : ''}`;
  const get = (n: string, version?: number) => ordererPdf(request(url(n, version)), ctx({ number: n }));

  it('the orderer that confirmed it (any of its staff) gets any version with the status line and its notice', async () => {
    for (const who of [clerk, colleague]) {
      signInAs(who);
      const res = await get(number);
      expect(res.status).toBe(200);
      const text = await textOf(res);
      expect(text).toContain('この保証の状態:有効');
      expect(text).toContain(ORDERER_CERTIFICATE_LABELS.printNotice.replace(/\s+/g, ''));
      expect(text).toContain(`保証契約番号${number}`);
      expect((await get(number, 1)).status).toBe(200);
      expect((await get(number, 3)).status).toBe(404);
    }
  });

  it('an orderer that never confirmed it, another orderer, contractors and officers 404; the signed-out 401', async () => {
    signInAs(clerk);
    expect((await get(unconfirmed)).status).toBe(404);
    for (const who of [otherClerk, lead, partner, admin]) {
      signInAs(who);
      expect((await get(number)).status, `${who.actor.role} ${who.loginId}`).toBe(404);
    }
    signInAs(null);
    expect((await get(number)).status).toBe(401);
  });

  it('the print view links to 「PDFで保存」 of the version it shows', async () => {
    signInAs(clerk);
    expect(renderToStaticMarkup(await OrdererPrintPage(page({ number }, { version: '1' })))).toContain(`href="${url(number, 1)}"`);
  });
});

describe('an older version says a later one exists (decision 073, amended 2026-12-06)', () => {
  let line: string;
  beforeAll(async () => {
    const db = await getDb();
    const v2 = await db.certificateVersion.findFirstOrThrow({ where: { guarantee: { number }, version: 2 } });
    line = `この証書は第1版です。第2版（変更）が発行されています（${formatJapaneseDate(dbDateToIso(v2.issuedOn))}発行）。`;
  });
  const squeezed = () => line.replace(/\s+/g, '');
  /** The sheet (the article, printed) holds the line; the print-hidden alerts above it are not the printout. */
  const sheetOf = (html: string) => /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? '';

  it('the orderer’s PDF of 第1版 carries the line next to 「この保証の状態: 有効」; 第2版 and the latest do not', async () => {
    signInAs(clerk);
    const old = await textOf(await ordererPdf(request(`/orderer/certificates/${number}/print/pdf?version=1`), ctx({ number })));
    expect(old).toContain(`この保証の状態:有効${squeezed()}`);
    for (const query of ['?version=2', '']) {
      const text = await textOf(await ordererPdf(request(`/orderer/certificates/${number}/print/pdf${query}`), ctx({ number })));
      expect(text).toContain('この保証の状態:有効');
      expect(text).not.toContain('この証書は第');
    }
  });

  it('the contractor’s PDF of 第1版 (有効: no status) carries the line, the 構成員’s too; the latest does not', async () => {
    for (const who of [lead, partner]) {
      signInAs(who);
      const old = await textOf(await contractorPdf(request(`/contractor/guarantees/${number}/print/pdf?version=1`), ctx({ number })));
      expect(old).toContain(squeezed());
      expect(old).not.toContain('この保証の状態');
      const latest = await textOf(await contractorPdf(request(`/contractor/guarantees/${number}/print/pdf`), ctx({ number })));
      expect(latest).not.toContain('この証書は第');
    }
  });

  it('both print views put the line in the sheet (printed), not only in the notice above it; not on the latest', async () => {
    signInAs(clerk);
    const orderer = await OrdererPrintPage(page({ number }, { version: '1' }));
    expect(sheetOf(renderToStaticMarkup(orderer))).toContain(line);
    expect(sheetOf(renderToStaticMarkup(await OrdererPrintPage(page({ number }))))).not.toContain('この証書は第');
    signInAs(lead);
    expect(sheetOf(renderToStaticMarkup(await ContractorPrintPage(page({ number }, { version: '1' }))))).toContain(line);
    expect(sheetOf(renderToStaticMarkup(await ContractorPrintPage(page({ number }))))).not.toContain('この証書は第');
  });
});
