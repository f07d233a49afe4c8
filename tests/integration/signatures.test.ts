import { createPublicKey, randomBytes } from 'node:crypto';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as signatureRoute } from '@/app/api/v1/signatures/[digest]/route';
import { GET as signingKeysRoute } from '@/app/api/v1/signing-keys/route';
import VerifyPage from '@/app/verify/[digest]/page';
import { signingKey } from '@/config/signing-key';
import { getDb } from '@/db/client';
import { contentDigest } from '@/domain/certificates/content';
import { shortDigest } from '@/domain/certificates/digest-format';
import { signatureMatches, verifyVersion } from '@/domain/certificates/signature';
import { concludedGuarantee, makeOrderer, makeUser } from '../support/factories';

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

const ask = (d: string) => signatureRoute(new Request(`http://localhost/api/v1/signatures/${d}`), { params: Promise.resolve({ digest: d }) } as never);
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
