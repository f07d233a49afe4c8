import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, readMigrations } from '@/db/migrate';
import { KEY_NOTICE_WITHDRAWN } from '@/domain/guarantees/messages';
import { emptyDatabase } from '../support/raw-database';

let dir: string;
let db: Awaited<ReturnType<typeof emptyDatabase>>;

function write(name: string, sql: string) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  db = await emptyDatabase();
});
afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('migration runner', () => {
  it('applies migrations in name order and records them as Prisma does', async () => {
    // The second depends on the first: out of order it would fail.
    write('20260101000000_first', 'CREATE TABLE "Thing" (id INT PRIMARY KEY);');
    write('20260102000000_second', 'ALTER TABLE "Thing" ADD COLUMN label TEXT;');
    expect(await migrate(db.conn, readMigrations(dir))).toEqual(['20260101000000_first', '20260102000000_second']);
    const rows = await db.conn.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(['20260101000000_first', '20260102000000_second']);
    expect(rows[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    await db.conn.query(`INSERT INTO "Thing" (id, label) VALUES (1, 'x')`);
  });

  it('is idempotent: a second run applies nothing', async () => {
    write('20260101000000_first', 'CREATE TABLE "Thing" (id INT PRIMARY KEY);');
    await migrate(db.conn, readMigrations(dir));
    expect(await migrate(db.conn, readMigrations(dir))).toEqual([]);
    write('20260103000000_third', 'CREATE TABLE "Other" (id INT);');
    expect(await migrate(db.conn, readMigrations(dir))).toEqual(['20260103000000_third']);
  });

  it('refuses an applied migration whose file was edited', async () => {
    write('20260101000000_first', 'CREATE TABLE "Thing" (id INT PRIMARY KEY);');
    await migrate(db.conn, readMigrations(dir));
    write('20260101000000_first', 'CREATE TABLE "Thing" (id BIGINT PRIMARY KEY);');
    await expect(migrate(db.conn, readMigrations(dir))).rejects.toThrow(MigrationError);
    await expect(migrate(db.conn, readMigrations(dir))).rejects.toThrow(/edited after it was applied/);
  });

  it('leaves nothing of a failed migration behind', async () => {
    write('20260101000000_first', 'CREATE TABLE "Thing" (id INT PRIMARY KEY);');
    write('20260102000000_broken', 'CREATE TABLE "Half" (id INT); SELECT * FROM "no_such_table";');
    await expect(migrate(db.conn, readMigrations(dir))).rejects.toThrow(/20260102000000_broken/);
    const tables = await db.conn.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE tablename IN ('Thing', 'Half')`);
    expect(tables.map((t) => t.tablename)).toEqual(['Thing']);
    const rows = await db.conn.query('SELECT migration_name FROM "_prisma_migrations"');
    expect(rows).toHaveLength(1);
  });

  it("applies the project's own migrations to an empty database", async () => {
    const applied = await migrate(db.conn, readMigrations());
    expect(applied.length).toBeGreaterThan(0);
    const seq = await db.conn.query(`SELECT 1 FROM pg_class WHERE relkind = 'S' AND relname = 'guarantee_number_seq'`);
    expect(seq).toHaveLength(1);
  });
});

describe('20261205200300_withdrawn_key_notices_marked', () => {
  it('marks the key notices an earlier reissue withdrew by their emptied PDF alone, and nothing else', async () => {
    const all = readMigrations();
    const at = all.findIndex((m) => m.name === '20261205200300_withdrawn_key_notices_marked');
    expect(at).toBeGreaterThan(0);
    await migrate(db.conn, all.slice(0, at));
    const mail = async (id: string, template: string, status: string, lastError: string | null, content: string) => {
      await db.conn.query(
        `INSERT INTO "OutboxMail" ("id", "template", "to", "subject", "bodyText", "status", "lastError") VALUES ('${id}', '${template}', ARRAY['x@example.jp'], '件名', '本文', '${status}', ${lastError === null ? 'NULL' : `'${lastError}'`})`,
      );
      await db.conn.query(
        `INSERT INTO "MailAttachment" ("id", "mailId", "filename", "contentType", "content", "sealed") VALUES (gen_random_uuid(), '${id}', 'notice.pdf', 'application/pdf', '${content}'::bytea, true)`,
      );
    };
    const ids = { failedBefore: '00000000-0000-4000-8000-000000000001', sent: '00000000-0000-4000-8000-000000000002', failedKept: '00000000-0000-4000-8000-000000000003', otherTemplate: '00000000-0000-4000-8000-000000000004' };
    await mail(ids.failedBefore, 'key-notice-submission', 'FAILED', '[ECONNREFUSED] connect', ''); // emptied by a reissue after it failed
    await mail(ids.sent, 'key-notice-submission', 'SENT', null, ''); // emptied by the worker once sent
    await mail(ids.failedKept, 'key-notice-submission', 'FAILED', '[ECONNREFUSED] connect', 'sealed'); // no reissue since
    await mail(ids.otherTemplate, 'lookup-locked', 'FAILED', null, '');
    expect(await migrate(db.conn, all)).toEqual(all.slice(at).map((m) => m.name));
    const rows = await db.conn.query<{ id: string; status: string; lastError: string | null }>(`SELECT "id", "status", "lastError" FROM "OutboxMail" ORDER BY "id"`);
    expect(rows).toEqual([
      { id: ids.failedBefore, status: 'FAILED', lastError: KEY_NOTICE_WITHDRAWN },
      { id: ids.sent, status: 'SENT', lastError: null },
      { id: ids.failedKept, status: 'FAILED', lastError: '[ECONNREFUSED] connect' },
      { id: ids.otherTemplate, status: 'FAILED', lastError: null },
    ]);
  });
});
