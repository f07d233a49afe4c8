import { createPublicKey, randomBytes } from 'node:crypto';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as openApiRoute } from '@/app/api/v1/openapi.json/route';
import { GET as signatureRoute } from '@/app/api/v1/signatures/[digest]/route';
import { GET as signingKeysRoute } from '@/app/api/v1/signing-keys/route';
import VerifyPage from '@/app/verify/[digest]/page';
import { signingKey } from '@/config/signing-key';
import { getDb } from '@/db/client';
import { contentDigest } from '@/domain/certificates/content';
import { shortDigest } from '@/domain/certificates/digest-format';
import { signatureMatches, verifyVersion } from '@/domain/certificates/signature';
import { SIGNATURE_ERRORS } from '@/domain/certificates/signature-api';
import { recordChange } from '@/domain/changes/record-change';
import { cancelGuarantee } from '@/domain/guarantees/cancel-guarantee';
import { dbDateToIso, formatIsoDate, todayInTokyo } from '@/lib/dates';
import { formatYen } from '@/lib/money';
import { saveApplication } from '@/domain/applications/save-application';
import { decideCertification } from '@/domain/certifications/decide-certification';
import { requestCertification } from '@/domain/certifications/request-certification';
import { halfPeriodDate } from '@/domain/certifications/rules';
import { concludeApplication } from '@/domain/guarantees/conclude-application';
import { saveDepartment } from '@/domain/organizations/save-department';
import { tokyoMoment } from '@/demo/term-dates';
import type { CertificateContent } from '@/domain/certificates/content';
import { applicationInput, concludedGuarantee, concludedJointVentureGuarantee, makeOrderer, makeUser, must, officer, TERM, TEST_KEY_SECRET } from '../support/factories';
import { schemaProblems, undocumentedKeys, type Schema } from '../support/openapi';

let digest = '';
let number = '';
let guaranteeId = '';

beforeAll(async () => {
  const orderer = await makeOrderer();
  const contractor = await makeUser('CONTRACTOR');
  ({ number, guaranteeId } = await concludedGuarantee(contractor, orderer, { guaranteeAmount: '40,000,000' }));
  const v1 = await (await getDb()).certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } });
  digest = v1.digest!;
});

/** Every answer of the route in this file (status and body), held against the OpenAPI document at the end. */
const answers: { status: number; cacheControl: string | null; json: unknown }[] = [];

async function ask(d: string): Promise<Response> {
  const response = await signatureRoute(new Request(`http://localhost/api/v1/signatures/${d}`), { params: Promise.resolve({ digest: d }) } as never);
  answers.push({ status: response.status, cacheControl: response.headers.get('cache-control'), json: await response.clone().json() });
  return response;
}
const page = async (d: string) => renderToStaticMarkup(await VerifyPage({ params: Promise.resolve({ digest: d }) } as never));

/** Changes one character of the stored content with the immutability trigger off, then turns it back on. */
async function tamper(change: (content: Record<string, unknown>) => Record<string, unknown>) {
  const db = await getDb();
  const v1 = await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } });
  await db.$executeRawUnsafe('ALTER TABLE "CertificateVersion" DISABLE TRIGGER certificate_version_immutable');
  try {
    await db.certificateVersion.update({ where: { id: v1.id }, data: { content: change(v1.content as Record<string, unknown>) as object } });
  } finally {
    await db.$executeRawUnsafe('ALTER TABLE "CertificateVersion" ENABLE TRIGGER certificate_version_immutable');
  }
}

describe('signed certificate versions', () => {
  it("signs version 1 at conclusion with the portal's key", async () => {
    const v1 = await (await getDb()).certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } });
    const key = signingKey();
    expect(v1.signingKeyId).toBe(key.keyId);
    expect(v1.signature).toMatch(/^[A-Za-z0-9+/]{86}==$/);
    expect(verifyVersion(v1, new Map([[key.keyId, key.publicKey]]))).toEqual({ digestMatches: true, signatureValid: true, keyKnown: true });
  });

  it('the JSON route answers for the digest and its short form, with the stable error shape otherwise', async () => {
    const res = await ask(digest);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body).toMatchObject({ result: 'issued', digest, contractNumber: number, version: 1, status: 'ACTIVE', statusLabel: '有効', verified: true, digestMatches: true });
    expect(body.signature).toMatchObject({ algorithm: 'Ed25519', keyId: signingKey().keyId, valid: true, keyKnown: true });
    // Nothing of the certificate's content beyond number, version and status.
    expect(JSON.stringify(body)).not.toMatch(/40000000|工事|株式会社|PRIVATE/);

    const short = await (await ask(shortDigest(digest).replace(/ /g, ''))).json();
    expect(short).toMatchObject({ result: 'issued', digest, contractNumber: number });

    const random = await ask(randomBytes(32).toString('hex'));
    expect(random.status).toBe(404);
    expect(await random.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
    const malformed = await ask('xyz');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('INVALID_DIGEST');
  });

  it('the public page says it was issued, with number, version, status and a verifying signature', async () => {
    const html = await page(digest);
    expect(html).toContain('発行済みの証書です');
    expect(html).toContain(number);
    expect(html).toContain('第1版');
    expect(html).toContain('有効');
    expect(html).toContain('検証できました');
    expect(html).not.toMatch(/40,000,000|株式会社/);
    const missing = await page(randomBytes(32).toString('hex'));
    expect(missing).toContain('見つかりません');
    expect(missing).not.toContain('発行済みの証書です');
  });

  it('the published key verifies the stored signature', async () => {
    const res = signingKeysRoute();
    const { keys } = (await res.json()) as { keys: { keyId: string; algorithm: string; publicKeyPem: string; current: boolean }[] };
    const v1 = await (await getDb()).certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } });
    const published = keys.find((k) => k.keyId === v1.signingKeyId)!;
    expect(published).toMatchObject({ algorithm: 'Ed25519', current: true });
    expect(published.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(JSON.stringify(keys)).not.toContain('PRIVATE');
    expect(signatureMatches(v1.digest!, v1.signature!, createPublicKey(published.publicKeyPem))).toBe(true);
  });

  it('after one byte of the stored content changes, verification fails and the page says so', async () => {
    await tamper((content) => ({ ...content, guaranteeAmount: String(content.guaranteeAmount).replace(/0$/, '1') }));
    const v1 = await (await getDb()).certificateVersion.findFirstOrThrow({ where: { guaranteeId, version: 1 } });
    expect(contentDigest(v1.content)).not.toBe(digest);

    const body = await (await ask(digest)).json();
    expect(body).toMatchObject({ result: 'issued', verified: false, digestMatches: false, signature: { valid: false, keyKnown: true } });
    const html = await page(digest);
    expect(html).toContain('検証できません');
    expect(html).not.toContain('発行済みの証書です');
    // The trigger is back: the row cannot be changed again.
    await expect((await getDb()).certificateVersion.update({ where: { id: v1.id }, data: { issuedOn: v1.issuedOn } })).rejects.toThrow(/immutable/);
  });
});

describe('JV and 認定 versions (issue 16): signed and verified, the public answer without their content', () => {
  /** A 中間前払金保証 concluded from a 認定 of 土木課 (dates from the factory's contract). */
  async function fromCertification() {
    const db = await getDb();
    const orderer = await makeOrderer();
    const works = must(await saveDepartment(db, await officer(db), orderer.id, undefined, { name: '土木課', kind: 'WORKS_SECTION', email: 'doboku@city.example.jp', active: true }));
    const contractor = await makeUser('CONTRACTOR');
    const clerk = await makeUser('ORDERER', orderer.id, works.id);
    const half = halfPeriodDate(TERM.periodStart, TERM.periodEnd);
    const now = tokyoMoment(half, '10:00:00');
    const advance = await concludedGuarantee(contractor, { id: orderer.id, departmentId: works.id });
    const pdf = new TextEncoder().encode('%PDF-1.4\n% report\n%%EOF\n');
    const request = must(
      await requestCertification(
        db,
        contractor.actor,
        { guaranteeNumber: advance.number, reportedOn: half, plannedProgress: '48', actualProgress: '51.5', workDoneAmount: '56,000,000', requestedAmount: '20,000,000', noPartialPayment: 'on', files: [{ name: '報告書.pdf', type: 'application/pdf', bytes: pdf }] },
        { now, attachmentDir: null },
      ),
    );
    must(await decideCertification(db, clerk.actor, request.id, { decision: 'CERTIFY' }, now));
    const app = must(
      await saveApplication(
        db,
        contractor.actor,
        undefined,
        applicationInput(orderer.id, works.id, { guaranteeKind: 'INTERMEDIATE', certificationId: request.id, guaranteeAmount: '20,000,000', guaranteeStart: half, depositBank: '□□銀行', depositBranch: '□□支店' }),
        { submit: true, now },
      ),
    );
    return must(await concludeApplication(db, await officer(db), app.id, TEST_KEY_SECRET, { now }));
  }

  it('a JV version with 分割預託 and a 中間前払金 version with its 認定 verify, and the public answer names no company, bank or 認定', async () => {
    const db = await getDb();
    const lead = await makeUser('CONTRACTOR');
    const partner = await makeUser('CONTRACTOR');
    const jv = await concludedJointVentureGuarantee(lead, [partner], await makeOrderer());
    const intermediate = await fromCertification();
    const key = signingKey();
    for (const { guaranteeId: id, number: n } of [jv, intermediate]) {
      const v1 = await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: id, version: 1 } });
      const content = v1.content as unknown as CertificateContent;
      expect(content.jointVenture !== undefined || content.intermediateCertification !== undefined).toBe(true);
      expect(contentDigest(v1.content)).toBe(v1.digest);
      expect(verifyVersion(v1, new Map([[key.keyId, key.publicKey]]))).toEqual({ digestMatches: true, signatureValid: true, keyKnown: true });

      const body = await (await ask(v1.digest!)).json();
      expect(body).toMatchObject({ result: 'issued', contractNumber: n, verified: true, digestMatches: true });
      const html = await page(v1.digest!);
      expect(html).toContain('検証できました');
      for (const text of [JSON.stringify(body), html]) {
        expect(text).not.toMatch(/株式会社|共同企業体|代表者|構成員|銀行|支店|分割預託|認定|年度第|長）/);
      }
    }
    const jvContent = (await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: jv.guaranteeId, version: 1 } })).content as unknown as CertificateContent;
    expect(jvContent.deposits).toHaveLength(2);
  });
});

describe('a version that is no longer the one to rely on (issue 13, finding 1)', () => {
  const TODAY = todayInTokyo();
  let g: { number: string; guaranteeId: string };
  let v1 = '';
  let v2 = '';
  let contractorName = '';
  let ordererName = '';

  /** The officer's 変更契約 form as it opens: the guarantee's current terms. */
  async function formOf(guaranteeId: string) {
    const row = await (await getDb()).guarantee.findUniqueOrThrow({ where: { id: guaranteeId } });
    return {
      guaranteeAmount: formatYen(row.guaranteeAmount),
      contractAmount: formatYen(row.contractAmount),
      periodStart: dbDateToIso(row.periodStart),
      periodEnd: dbDateToIso(row.periodEnd),
      guaranteeStart: dbDateToIso(row.guaranteeStart),
      guaranteeEnd: dbDateToIso(row.guaranteeEnd),
      projectName: row.projectName,
      changeDate: TODAY,
      reason: '変更契約による',
    };
  }

  const body = async (d: string) => (await ask(d)).json() as Promise<Record<string, unknown>>;
  /** Neither names nor amounts: no 工事名, no company, no orderer, no yen of the old or the new terms. */
  const expectNothingPrivate = (text: string) => {
    for (const secret of ['工事', contractorName, ordererName, '40,000,000', '45,000,000', '40000000', '45000000', '120,000,000', '120000000', '100,000,000']) {
      expect(text, secret).not.toContain(secret);
    }
  };

  beforeAll(async () => {
    const db = await getDb();
    const orderer = await makeOrderer();
    const contractor = await makeUser('CONTRACTOR');
    g = await concludedGuarantee(contractor, orderer, { guaranteeAmount: '40,000,000' });
    v1 = (await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: g.guaranteeId, version: 1 } })).digest!;
    const row = await db.guarantee.findUniqueOrThrow({ where: { id: g.guaranteeId }, select: { contractor: { select: { name: true } }, orderer: { select: { name: true } } } });
    contractorName = row.contractor.name;
    ordererName = row.orderer.name;
  });

  it('before any change: the latest version, 有効, no notice', async () => {
    expect(await body(v1)).toMatchObject({
      version: 1,
      versionName: '第1版',
      changed: false,
      superseded: false,
      latestVersion: { version: 1, name: '第1版', changed: false },
      status: 'ACTIVE',
      cancelledOn: null,
      recordedChangesAfterLatest: [],
    });
    const html = await page(v1);
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain('新しい版');
  });

  it('after a 変更契約 that issued 第2版（変更）: version 1 says first that 第2版（変更） exists, its issue date, and the status now', async () => {
    const db = await getDb();
    const admin = await officer(db);
    const done = must(await recordChange(db, admin, g.guaranteeId, { ...(await formOf(g.guaranteeId)), guaranteeAmount: '45,000,000', contractAmount: '120,000,000' }));
    expect(done.version).toBe(2);
    v2 = (await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: g.guaranteeId, version: 2 } })).digest!;
    const issuedOn = dbDateToIso((await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: g.guaranteeId, version: 2 } })).issuedOn);

    const old = await body(v1);
    // This version's own facts keep their meaning (changed: it was not issued by a 変更契約) …
    expect(old).toMatchObject({ result: 'issued', digest: v1, version: 1, versionName: '第1版', changed: false, verified: true });
    // … and the answer says it is superseded, by which version, since when, and the guarantee's status.
    expect(old).toMatchObject({
      superseded: true,
      latestVersion: { version: 2, name: '第2版（変更）', changed: true, issuedOn },
      status: 'ACTIVE',
      statusLabel: '有効',
      cancelledOn: null,
      recordedChangesAfterLatest: [],
    });
    // Not the later version's digest: a holder of the old content could test guessed amounts against it.
    expect(JSON.stringify(old)).not.toContain(v2);
    expectNothingPrivate(JSON.stringify(old));

    const html = await page(v1);
    const notice = html.indexOf('この証書より新しい版が発行されています');
    expect(notice).toBeGreaterThan(0);
    // First: before the lead and the result, in an announced region.
    expect(notice).toBeLessThan(html.indexOf('発行済みの証書です'));
    expect(html.slice(0, notice)).toContain('role="alert"');
    expect(html).toContain(`この証書は第1版です。${formatIsoDate(issuedOn)} に第2版（変更）が発行されており`);
    expect(html).toContain('保証の現在の状態: 有効');
    expect(html).toContain(`第2版（変更）（${formatIsoDate(issuedOn)} 発行）`);
    expectNothingPrivate(html);

    // Version 2 is the latest: no notice.
    expect(await body(v2)).toMatchObject({ version: 2, versionName: '第2版（変更）', changed: true, superseded: false, latestVersion: { version: 2 } });
    expect(await page(v2)).not.toContain('role="alert"');
  });

  it('after a change recorded without a certificate (【注3】): version 2 says a 変更契約 was recorded on its date; version 1 says both', async () => {
    const db = await getDb();
    const done = must(await recordChange(db, await officer(db), g.guaranteeId, { ...(await formOf(g.guaranteeId)), contractAmount: '130,000,000' }));
    expect(done.decision).toMatchObject({ kind: 'RECORD_ONLY', reasonNote: '注3' });

    expect(await body(v2)).toMatchObject({ superseded: false, status: 'ACTIVE', recordedChangesAfterLatest: [{ changeContractDate: TODAY }] });
    const latest = await page(v2);
    expect(latest).toContain('この証書の発行後に変更契約が登録されています');
    expect(latest).toContain(`この証書の発行後に、変更契約（${formatIsoDate(TODAY)}。保証証書の発行なし）が登録されています。`);
    expect(latest.indexOf('この証書の発行後に変更契約が登録されています')).toBeLessThan(latest.indexOf('発行済みの証書です'));
    expect(latest).not.toContain('130,000,000');
    expectNothingPrivate(latest);

    expect(await body(v1)).toMatchObject({ superseded: true, recordedChangesAfterLatest: [{ changeContractDate: TODAY }] });
    const old = await page(v1);
    expect(old).toContain('この証書より新しい版が発行されています');
    expect(old).toContain(`第2版（変更）の発行後にも、変更契約（${formatIsoDate(TODAY)}。保証証書の発行なし）が登録されています。`);
  });

  it('after 解除: every version says 解除 with its 解除日, first', async () => {
    const db = await getDb();
    must(await cancelGuarantee(db, await officer(db), g.guaranteeId, { cancelledOn: TODAY, reason: '工事の中止による契約解除' }));

    expect(await body(v1)).toMatchObject({ superseded: true, status: 'CANCELLED', statusLabel: '解除', cancelledOn: TODAY });
    const old = await page(v1);
    expect(old).toContain('この証書より新しい版が発行されています');
    expect(old).toContain(`保証の現在の状態: 解除（解除日 ${formatIsoDate(TODAY)}）`);
    // The reason is the officer's words about the contract: not for the public page.
    expect(old).not.toContain('工事の中止');

    expect(await body(v2)).toMatchObject({ superseded: false, status: 'CANCELLED', cancelledOn: TODAY });
    const latest = await page(v2);
    expect(latest.indexOf('この保証は解除されています')).toBeGreaterThan(0);
    expect(latest.indexOf('この保証は解除されています')).toBeLessThan(latest.indexOf('発行済みの証書です'));
    expect(latest).toContain(`保証の現在の状態: 解除（解除日 ${formatIsoDate(TODAY)}）`);
    expectNothingPrivate(latest);
  });

  it('期間満了 (a 保証期間 that ended 2026-09-30): said first, without a date beyond the status', async () => {
    const db = await getDb();
    const ended = await concludedGuarantee(await makeUser('CONTRACTOR'), await makeOrderer(), {
      contractDate: '2026-04-01',
      periodStart: '2026-04-02',
      periodEnd: '2026-09-30',
      guaranteeStart: '2026-04-02',
      guaranteeEnd: '2026-09-30',
    });
    const digest = (await db.certificateVersion.findFirstOrThrow({ where: { guaranteeId: ended.guaranteeId, version: 1 } })).digest!;
    expect(await body(digest)).toMatchObject({ superseded: false, status: 'EXPIRED', statusLabel: '期間満了', cancelledOn: null, recordedChangesAfterLatest: [] });
    const html = await page(digest);
    expect(html.indexOf('この保証は期間満了です')).toBeGreaterThan(0);
    expect(html.indexOf('この保証は期間満了です')).toBeLessThan(html.indexOf('発行済みの証書です'));
    expect(html).toContain('保証の現在の状態: 期間満了');
  });
});

describe('OpenAPI document: GET /api/v1/signatures/{digest}', () => {
  it('documents the public route, and every real answer of this file fits it, with no undocumented key', async () => {
    const doc = (await (await openApiRoute()).json()) as Schema;
    const get = (doc.paths as Record<string, Record<string, Schema>>)['/api/v1/signatures/{digest}']?.get;
    expect(get).toBeDefined();
    expect(get!.security).toEqual([]);
    const responses = get!.responses as Record<string, { content: Record<string, { schema: Schema }> }>;
    // The route's answers, and the front's 429 (its 400 shares the route's status: tests/unit/openapi-front.test.ts).
    expect(Object.keys(responses).sort()).toEqual(['200', ...Object.values(SIGNATURE_ERRORS).map((e) => String(e.status)), '429'].sort());

    // The answers above: issued (current, superseded, recorded, 解除, 期間満了, tampered), 400 and 404.
    expect(answers.length).toBeGreaterThan(10);
    const seen = new Set(answers.map((a) => a.status));
    for (const status of [200, 400, 404]) expect(seen.has(status), String(status)).toBe(true);
    for (const answer of answers) {
      const documented = responses[String(answer.status)];
      expect(documented, String(answer.status)).toBeDefined();
      const schema = documented!.content['application/json']!.schema;
      expect(schemaProblems(doc, schema, answer.json)).toEqual([]);
      expect(undocumentedKeys(doc, schema, answer.json as Record<string, unknown>)).toEqual([]);
      expect(answer.cacheControl).toBe('no-store');
    }
    // The ambiguous answer is never produced by chance; its documented shape is held to the route's body.
    expect(schemaProblems(doc, responses['409']!.content['application/json']!.schema, { error: { code: 'AMBIGUOUS', message: SIGNATURE_ERRORS.AMBIGUOUS.message } })).toEqual([]);
  });
});
