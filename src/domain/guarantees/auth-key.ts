import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { isWellFormedAuthKey, KEY_ALPHABET, KEY_LENGTH, normalizeAuthKey } from '@/lib/auth-key-format';

/**
 * 認証キー: 10 characters from an alphabet without the look-alikes 0/O and 1/I/L (31 symbols, about
 * 49.5 bits), drawn with a CSPRNG. Its form — the alphabet, what a typed key may look like (any case,
 * 全角 or 半角, spaces and hyphens ignored), the printed 4-4-2 groups — is pure and lives in
 * lib/auth-key-format.ts, where the lookup page checks a typed key too.
 *
 * Storage: a keyed hash (HMAC-SHA-256 with a key derived from KEY_SECRET) for lookups, compared in
 * constant time; and the key sealed with AES-256-GCM (another key derived from KEY_SECRET, the
 * guarantee id as associated data) so that the contractor's 認証キー page can show it again. A copy
 * of the database alone reveals neither. (Regenerating on display would invalidate the key the
 * orderer already holds, so the key is kept sealed instead.)
 */
export function generateAuthKey(): string {
  let key = '';
  for (let i = 0; i < KEY_LENGTH; i++) key += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  return key;
}

// The derived keys of the secrets in use (one or two: the current KEY_SECRET, and a test's), computed
// once each: HKDF costs about 0.05 ms, paid on every lookup before (decision 064).
const derived = new Map<string, Buffer>();

function derive(secret: string, purpose: string): Buffer {
  if (secret.length < 16) throw new Error('KEY_SECRET is too short (16 characters at least)');
  const id = `${purpose}\u0000${secret}`;
  let key = derived.get(id);
  if (!key) {
    if (derived.size >= 16) derived.clear(); // a bound: tests try many secrets
    key = Buffer.from(hkdfSync('sha256', secret, 'denshi-hosho-portal', purpose, 32));
    derived.set(id, key);
  }
  return key;
}

const HASH_PREFIX = 'h1:';
const SEAL_PREFIX = 's1:';

/** The stored lookup hash of a (normalised) key. */
export function hashAuthKey(secret: string, normalizedKey: string): string {
  return HASH_PREFIX + createHmac('sha256', derive(secret, 'auth-key-hmac')).update(normalizedKey, 'utf8').digest('base64url');
}

/**
 * Whether `input` is the key behind `storedHash`. Always computes the HMAC, even for malformed input
 * or a missing hash (pass null), so every answer costs the same work; the comparison is constant-time.
 */
export function authKeyMatches(secret: string, input: string, storedHash: string | null): boolean {
  const normalized = normalizeAuthKey(input);
  const candidate = Buffer.from(hashAuthKey(secret, normalized));
  const stored = Buffer.from(storedHash ?? HASH_PREFIX + 'A'.repeat(43));
  const equal = candidate.length === stored.length && timingSafeEqual(candidate, stored);
  return equal && storedHash !== null && isWellFormedAuthKey(normalized);
}

/** Seals the plain key for later display to the contractor; bound to the guarantee's id. */
export function sealAuthKey(secret: string, key: string, guaranteeId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(secret, 'auth-key-seal'), iv);
  cipher.setAAD(Buffer.from(guaranteeId, 'utf8'));
  const body = Buffer.concat([cipher.update(key, 'utf8'), cipher.final()]);
  return SEAL_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function unsealAuthKey(secret: string, sealed: string, guaranteeId: string): string {
  if (!sealed.startsWith(SEAL_PREFIX)) throw new Error('unknown sealed key format');
  const raw = Buffer.from(sealed.slice(SEAL_PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', derive(secret, 'auth-key-seal'), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(guaranteeId, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

const BYTES_PREFIX = Buffer.from('b1:');

/** Seals bytes that carry a key (the key notice PDF in the outbox); `label` is bound as associated data. */
export function sealBytes(secret: string, bytes: Uint8Array, label: string): Uint8Array {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', derive(secret, 'attachment-seal'), iv);
  cipher.setAAD(Buffer.from(label, 'utf8'));
  const body = Buffer.concat([cipher.update(bytes), cipher.final()]);
  return new Uint8Array(Buffer.concat([BYTES_PREFIX, iv, cipher.getAuthTag(), body]));
}

export function unsealBytes(secret: string, sealed: Uint8Array, label: string): Uint8Array {
  const raw = Buffer.from(sealed);
  if (!raw.subarray(0, 3).equals(BYTES_PREFIX)) throw new Error('unknown sealed bytes format');
  const decipher = createDecipheriv('aes-256-gcm', derive(secret, 'attachment-seal'), raw.subarray(3, 15));
  decipher.setAAD(Buffer.from(label, 'utf8'));
  decipher.setAuthTag(raw.subarray(15, 31));
  return new Uint8Array(Buffer.concat([decipher.update(raw.subarray(31)), decipher.final()]));
}
