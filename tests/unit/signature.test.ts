import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, parsePrivateKey } from '@/config/signing-key';
import { canonicalJson, contentDigest } from '@/domain/certificates/content';
import { shortDigest } from '@/domain/certificates/digest-format';
import { isIntact, signDigest, verifyVersion } from '@/domain/certificates/signature';
import { parseDigestInput } from '@/domain/certificates/verification';

const pair = () => generateKeyPairSync('ed25519');
const content = { format: 1, number: '2070004426', version: 1, projectName: '〇〇道路改良工事', guaranteeAmount: '40000000', notes: ['【注1】', '【注2】'] };

function signed(keyId = 'k1', key = pair()) {
  const digest = contentDigest(content);
  return { key, version: { content, digest, signature: signDigest(digest, key.privateKey), signingKeyId: keyId } };
}

describe('canonical JSON', () => {
  it('does not depend on key order, drops undefined members and NFC-normalises strings', () => {
    const reordered = { notes: ['【注1】', '【注2】'], guaranteeAmount: '40000000', projectName: '〇〇道路改良工事', version: 1, number: '2070004426', format: 1, extra: undefined };
    expect(canonicalJson(reordered)).toBe(canonicalJson(content));
    expect(contentDigest(reordered)).toBe(contentDigest(content));
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: true }] })).toBe('{"a":[2,{"c":true,"d":null}],"b":1}');
    expect(canonicalJson('\u30AB\u3099')).toBe(canonicalJson('\u30AC')); // カ + ゛ = ガ
  });

  it('keeps array order (it is meaning)', () => {
    expect(contentDigest({ notes: ['a', 'b'] })).not.toBe(contentDigest({ notes: ['b', 'a'] }));
  });
});

describe('signDigest / verifyVersion', () => {
  it('verifies an intact version under its key', () => {
    const { key, version } = signed();
    const check = verifyVersion(version, new Map([['k1', key.publicKey]]));
    expect(check).toEqual({ digestMatches: true, signatureValid: true, keyKnown: true });
    expect(isIntact(check)).toBe(true);
    expect(Buffer.from(version.signature, 'base64')).toHaveLength(64);
  });

  it('fails the digest and the signature when one character of the content changes', () => {
    const { key, version } = signed();
    const tampered = { ...version, content: { ...content, guaranteeAmount: '40000001' } };
    const check = verifyVersion(tampered, new Map([['k1', key.publicKey]]));
    expect(check.digestMatches).toBe(false);
    expect(check.signatureValid).toBe(false);
    expect(isIntact(check)).toBe(false);
  });

  it('fails the signature when the digest and content are both replaced (re-hashed forgery)', () => {
    const { key, version } = signed();
    const forged = { ...content, guaranteeAmount: '90000000' };
    const check = verifyVersion({ ...version, content: forged, digest: contentDigest(forged) }, new Map([['k1', key.publicKey]]));
    expect(check).toEqual({ digestMatches: true, signatureValid: false, keyKnown: true });
  });

  it('fails under a wrong key, and knows no key it was not given', () => {
    const { version } = signed();
    expect(verifyVersion(version, new Map([['k1', pair().publicKey]]))).toEqual({ digestMatches: true, signatureValid: false, keyKnown: true });
    expect(verifyVersion(version, new Map())).toEqual({ digestMatches: true, signatureValid: false, keyKnown: false });
    expect(verifyVersion({ ...version, signature: null }, new Map([['k1', pair().publicKey]])).signatureValid).toBe(false);
    expect(verifyVersion({ ...version, signature: 'not base64!' }, new Map([['k1', pair().publicKey]])).signatureValid).toBe(false);
  });

  it('refuses to sign anything but a hex SHA-256 digest', () => {
    expect(() => signDigest('abc', pair().privateKey)).toThrow();
  });
});

describe('signing key configuration', () => {
  it('reads PKCS#8 PEM (with literal \\n) and base64 DER, and only Ed25519', () => {
    const { privateKey } = pair();
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    expect(parsePrivateKey(pem.replace(/\n/g, '\\n')).asymmetricKeyType).toBe('ed25519');
    expect(parsePrivateKey(der).asymmetricKeyType).toBe('ed25519');
    const rsa = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(() => parsePrivateKey(rsa)).toThrow(/Ed25519/);
  });

  it('derives a 16-hex key id from the public key', () => {
    const { publicKey } = pair();
    expect(keyIdOf(publicKey.export({ format: 'der', type: 'spki' }))).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('digest input', () => {
  const digest = contentDigest(content);
  it('takes the full digest or the printed short form, in any case, with spaces or hyphens', () => {
    expect(parseDigestInput(digest.toUpperCase())).toEqual({ kind: 'full', digest });
    expect(parseDigestInput(shortDigest(digest))).toEqual({ kind: 'short', prefix: digest.slice(0, 16) });
    expect(parseDigestInput(shortDigest(digest).replace(/ /g, '-'))).toEqual({ kind: 'short', prefix: digest.slice(0, 16) });
    expect(shortDigest(digest)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
  });
  it('refuses anything else', () => {
    for (const bad of ['', digest.slice(0, 15), digest.slice(0, 17), digest.slice(0, 63), `${digest}0`, 'g'.repeat(64), '../etc/passwd']) {
      expect(parseDigestInput(bad)).toBeNull();
    }
  });
});
