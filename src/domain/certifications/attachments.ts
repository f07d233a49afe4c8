import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '@/domain/errors';

/**
 * Where a request's PDF attachments live (D18, decision 067): in the database (CertificationAttachment
 * .content) unless ATTACHMENT_DIR names a directory, then in a file under it, named by the content's
 * SHA-256 (`ab/abcdef….pdf`, relative to the directory, in .storedPath). Plain, not sealed: a
 * 工事履行報告書 is a business document, not a credential (the 認証キー is sealed because it opens a
 * lookup), and a backup restores without KEY_SECRET; the SHA-256 is checked on every read, so a file
 * changed or swapped on disk is never served as the request's. With ATTACHMENT_DIR the directory is
 * part of the data: it is backed up with the database (docs/operations.md), and shared by every
 * instance.
 */

/** ATTACHMENT_DIR as an absolute path (resolved once, whatever the working directory later), or null: the database store. */
export function attachmentDir(): string | null {
  const dir = process.env.ATTACHMENT_DIR?.trim();
  return dir ? path.resolve(dir) : null;
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export interface StoredAttachment {
  size: number;
  sha256: string;
  content: Uint8Array | null;
  storedPath: string | null;
}

const relativePathOf = (sha256: string) => path.join(sha256.slice(0, 2), `${sha256}.pdf`);

/**
 * Stores the bytes: returns what the row keeps. In a directory, the file is written before the row's
 * transaction (a file is content-addressed, so writing it twice is harmless; a transaction that rolls
 * back leaves a file no row names, which nothing serves), through a temporary name and a rename, so a
 * reader never sees half a file. A file already at the name is hashed: kept when it holds these bytes,
 * rewritten when not. The temporary file is removed when the write or the rename fails.
 */
export async function storeAttachment(bytes: Uint8Array, dir: string | null): Promise<StoredAttachment> {
  const sha256 = sha256Hex(bytes);
  if (!dir) return { size: bytes.length, sha256, content: bytes, storedPath: null };
  const relative = relativePathOf(sha256);
  const target = path.join(path.resolve(dir), relative);
  // A file already there is kept only when its bytes are these (a damaged or truncated one is rewritten).
  const existing = await fs.readFile(target).catch(() => null);
  if (!existing || sha256Hex(existing) !== sha256) {
    await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o750 });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.writeFile(temporary, bytes, { mode: 0o640 });
      await fs.rename(temporary, target);
    } finally {
      // Renamed: nothing left to remove. Failed: no half-written temporary file stays behind.
      await fs.rm(temporary, { force: true });
    }
  }
  return { size: bytes.length, sha256, content: null, storedPath: relative };
}

/** An attachment's bytes, from the database or the directory, checked against its SHA-256. */
export async function loadAttachment(
  row: { id: string; content: Uint8Array | null; storedPath: string | null; sha256: string },
  dir: string | null,
): Promise<Uint8Array> {
  let bytes: Uint8Array;
  if (row.content) {
    bytes = row.content;
  } else {
    if (!dir || !row.storedPath) throw new AppError('NOT_FOUND', `attachment ${row.id}: stored in a directory, but ATTACHMENT_DIR is not set`);
    const root = path.resolve(dir);
    const file = path.resolve(root, row.storedPath);
    if (!file.startsWith(root + path.sep)) throw new AppError('NOT_FOUND', `attachment ${row.id}: path outside ATTACHMENT_DIR`);
    try {
      bytes = new Uint8Array(await fs.readFile(file));
    } catch {
      throw new AppError('NOT_FOUND', `attachment ${row.id}: file ${row.storedPath} missing under ATTACHMENT_DIR`);
    }
  }
  if (sha256Hex(bytes) !== row.sha256) throw new AppError('NOT_FOUND', `attachment ${row.id}: content differs from its SHA-256`);
  return bytes;
}
