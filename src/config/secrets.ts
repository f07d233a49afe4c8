import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { dataDir } from '@/db/data-dir';

let cached: string | undefined;

/**
 * KEY_SECRET: the server secret behind the 認証キー hashes and seals. From the environment (required
 * with DATABASE_URL: every instance needs the same value), or, on the embedded database, generated
 * once into `<DATA_DIR>/key-secret` beside the PGlite files, like AUTH_SECRET.
 */
export function keySecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.KEY_SECRET;
  if (fromEnv) {
    if (fromEnv.length < 32) throw new Error('KEY_SECRET is too short: use 32 characters or more (e.g. `openssl rand -base64 32`).');
    return (cached = fromEnv);
  }
  if (process.env.DATABASE_URL) {
    throw new Error('KEY_SECRET must be set when DATABASE_URL is set (the same value on every instance).');
  }
  const file = path.join(dataDir(), 'key-secret');
  if (!fs.existsSync(/*turbopackIgnore: true*/ file)) {
    fs.writeFileSync(/*turbopackIgnore: true*/ file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return (cached = fs.readFileSync(/*turbopackIgnore: true*/ file, 'utf8').trim());
}
