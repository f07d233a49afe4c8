import { sign, verify, type KeyObject } from 'node:crypto';
import { contentDigest } from './content';

/**
 * Tamper evidence for certificate versions. The digest is SHA-256 over the canonical content (see
 * content.ts); the signature is Ed25519 (RFC 8032, pure) over the digest's 32 raw bytes — not over its hex
 * text — by the portal's signing key, stored base64 beside the key's id. Anyone holding the published
 * public key can check a digest and signature without the content; the portal checks the content too.
 */

const HEX64 = /^[0-9a-f]{64}$/;

/** The signer conclude and other issuers use: the key id stored with the version and its private key. */
export interface Signer {
  keyId: string;
  privateKey: KeyObject;
}

/** Ed25519 signature (base64) over the 32 bytes of a SHA-256 digest given in hex. */
export function signDigest(digestHex: string, key: KeyObject): string {
  if (!HEX64.test(digestHex)) throw new Error('signDigest: a SHA-256 digest in lower-case hex is expected');
  return sign(null, Buffer.from(digestHex, 'hex'), key).toString('base64');
}

/** Whether `signature` (base64) is the Ed25519 signature of the digest under `publicKey`; malformed input is false. */
export function signatureMatches(digestHex: string, signature: string, publicKey: KeyObject): boolean {
  if (!HEX64.test(digestHex)) return false;
  try {
    return verify(null, Buffer.from(digestHex, 'hex'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export interface SignedVersion {
  content: unknown;
  digest: string | null;
  signature: string | null;
  signingKeyId: string | null;
}

export interface VersionCheck {
  /** The digest recomputed from the stored content equals the stored digest. */
  digestMatches: boolean;
  /** The signature verifies, under the named key, over the digest recomputed from the content. */
  signatureValid: boolean;
  /** The version names a key among `publicKeys`. */
  keyKnown: boolean;
}

/**
 * Checks one stored version: recomputes the digest from its canonical content, compares it with the
 * stored one, and verifies the signature over the recomputed digest — so a changed content fails both,
 * and a changed digest or signature fails the signature. Intact only when all three are true.
 */
export function verifyVersion(version: SignedVersion, publicKeys: ReadonlyMap<string, KeyObject>): VersionCheck {
  const recomputed = contentDigest(version.content);
  const key = version.signingKeyId ? publicKeys.get(version.signingKeyId) : undefined;
  return {
    digestMatches: version.digest === recomputed,
    signatureValid: Boolean(key && version.signature && signatureMatches(recomputed, version.signature, key)),
    keyKnown: Boolean(key),
  };
}

export const isIntact = (check: VersionCheck) => check.digestMatches && check.signatureValid && check.keyKnown;
