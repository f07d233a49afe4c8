import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { dataDir } from '@/db/data-dir';

/** The portal's certificate signing key (Ed25519) with what may be published of it. */
export interface SigningKey {
  /** Names the key in each signed version (`CertificateVersion.signingKeyId`), so keys can rotate. */
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM: what `/api/v1/signing-keys` publishes. */
  publicKeyPem: string;
  /** SPKI DER. */
  publicKeyDer: Buffer;
}

/** A public key only: the current one and the retired ones that still verify older versions. */
export interface PublicSigningKey {
  keyId: string;
  publicKey: KeyObject;
  publicKeyPem: string;
  current: boolean;
}

let cached: SigningKey | undefined;

/** The default key id: the first 16 hex characters of SHA-256 over the public key's SPKI DER. */
export function keyIdOf(publicKeyDer: Buffer): string {
  return createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 16);
}

/** PKCS#8 PEM (literal `\n` accepted, as some environments cannot hold line breaks) or base64 DER. */
export function parsePrivateKey(text: string): KeyObject {
  const value = text.trim().replace(/\\n/g, '\n');
  const key = value.startsWith('-----BEGIN')
    ? createPrivateKey({ key: value, format: 'pem' })
    : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`SIGNING_KEY must be an Ed25519 private key (got ${key.asymmetricKeyType ?? 'unknown'}).`);
  return key;
}

function fromPrivateKey(privateKey: KeyObject, keyId?: string): SigningKey {
  const publicKey = createPublicKey(privateKey);
  const publicKeyDer = publicKey.export({ format: 'der', type: 'spki' });
  return {
    keyId: keyId || keyIdOf(publicKeyDer),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKeyDer,
  };
}

const newPrivateKeyPem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

/**
 * The signing key. In order:
 *   1. `SIGNING_KEY` (Ed25519 PKCS#8, PEM or base64 DER) with `SIGNING_KEY_ID` (default: derived from the
 *      public key, see keyIdOf);
 *   2. under vitest (`NODE_ENV=test`) without `SIGNING_KEY`: an ephemeral pair made in memory per process
 *      (test databases are thrown away with it; tests that need a fixed key pass a signer);
 *   3. with `DATABASE_URL`: an error — every instance must sign with the same configured key;
 *   4. on the embedded database: generated once into `<DATA_DIR>/signing-key.pem` (mode 0600) and read
 *      from there afterwards, like KEY_SECRET.
 */
export function signingKey(): SigningKey {
  if (cached) return cached;
  const fromEnv = process.env.SIGNING_KEY;
  const keyId = process.env.SIGNING_KEY_ID?.trim() || undefined;
  if (fromEnv) return (cached = fromPrivateKey(parsePrivateKey(fromEnv), keyId));
  if (process.env.NODE_ENV === 'test') return (cached = fromPrivateKey(parsePrivateKey(newPrivateKeyPem()), keyId));
  if (process.env.DATABASE_URL) {
    throw new Error('SIGNING_KEY must be set when DATABASE_URL is set (an Ed25519 PKCS#8 key, the same on every instance).');
  }
  const file = path.join(dataDir(), 'signing-key.pem');
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) {
    try {
      fs.writeFileSync(/*turbopackIgnore: true*/ file, newPrivateKeyPem(), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return (cached = fromPrivateKey(parsePrivateKey(fs.readFileSync(/*turbopackIgnore: true*/ file, 'utf8')), keyId));
}

/**
 * Retired public keys that still verify versions signed before a rotation: `SIGNING_RETIRED_KEYS`, entries
 * `<keyId>:<base64 SPKI DER>` separated by commas or whitespace.
 */
export function retiredPublicKeys(): PublicSigningKey[] {
  const raw = process.env.SIGNING_RETIRED_KEYS?.trim();
  if (!raw) return [];
  return raw.split(/[\s,]+/).filter(Boolean).map((entry) => {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error('SIGNING_RETIRED_KEYS: each entry is <keyId>:<base64 SPKI DER>.');
    const publicKey = createPublicKey({ key: Buffer.from(entry.slice(colon + 1), 'base64'), format: 'der', type: 'spki' });
    if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`SIGNING_RETIRED_KEYS: ${entry.slice(0, colon)} is not an Ed25519 key.`);
    return { keyId: entry.slice(0, colon), publicKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(), current: false };
  });
}

/** Every published key, the current one first. */
export function publishedKeys(): PublicSigningKey[] {
  const k = signingKey();
  const current = { keyId: k.keyId, publicKey: k.publicKey, publicKeyPem: k.publicKeyPem, current: true };
  return [current, ...retiredPublicKeys().filter((r) => r.keyId !== k.keyId)];
}

/** keyId → public key, for verifyVersion. */
export const publishedKeyMap = () => new Map(publishedKeys().map((k) => [k.keyId, k.publicKey]));
