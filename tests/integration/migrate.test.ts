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

describe('20261205222400_confirmed_guarantees and 20261205224000_organization_search_names', () => {
  it('fill the 確認済み一覧 from the confirmations already written and the searched names of the organisations already there', async () => {
    const all = readMigrations();
    const at = all.findIndex((m) => m.name === '20261205222400_confirmed_guarantees');
    expect(at).toBeGreaterThan(0);
    expect(all.findIndex((m) => m.name === '20261205224000_organization_search_names')).toBeGreaterThan(at);
    await migrate(db.conn, all.slice(0, at));
    const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const [city, pref, company, officer, g1, g2, v11, v12, v21] = [1, 2, 3, 4, 10, 11, 20, 21, 22].map(id);
    // Rows as the screens leave them, written directly (foreign keys off: no application, no user behind them).
    await db.conn.exec(`
      SET session_replication_role = replica;
      INSERT INTO "Organization"("id","kind","name","certificateName","updatedAt") VALUES
        ('${city}', 'ORDERER', '大村市', '大村市長', now()), ('${pref}', 'ORDERER', 'ＡＢＣ県', 'ABC県知事', now());
      INSERT INTO "Organization"("id","kind","name","nameKana","updatedAt") VALUES ('${company}', 'CONTRACTOR', '株式会社ＸＹ建設', 'エックスワイケンセツ', now());
      INSERT INTO "Guarantee"("id","number","applicationId","contractorId","ordererId","kind","deliveryMethod","status","projectName",
          "contractAmount","guaranteeAmount","guaranteeStart","guaranteeEnd","periodStart","periodEnd","issuedOn","latestVersion","changed",
          "premiumYen","concludedAt","concludedById","createdAt","updatedAt","projectNameFolded")
        SELECT g, n, g, '${company}', '${city}', 'ADVANCE', 'ELECTRONIC', 'ACTIVE', '工事', 100, 40, '2026-04-01', '2027-03-31', '2026-04-01', '2027-03-31',
               '2026-04-01', v, v > 1, 1, now(), '${officer}', now(), now(), '工事'
        FROM (VALUES ('${g1}'::uuid, '1000000018', 2), ('${g2}'::uuid, '1000000026', 1)) AS t(g, n, v);
      INSERT INTO "CertificateVersion"("id","guaranteeId","version","changeKind","issuedOn","content","digest","signature","createdAt") VALUES
        ('${v11}', '${g1}', 1, 'ORIGINAL', '2026-04-01', '{}', 'd11', 's', now()), ('${v12}', '${g1}', 2, 'CHANGE', '2026-05-01', '{}', 'd12', 's', now()),
        ('${v21}', '${g2}', 1, 'ORIGINAL', '2026-04-01', '{}', 'd21', 's', now());
      INSERT INTO "Confirmation"("id","guaranteeId","certificateVersionId","organizationId","statusAtConfirmation","confirmedAt") VALUES
        ('${id(31)}', '${g1}', '${v11}', '${city}', 'ACTIVE', '2026-04-02 10:00'),
        ('${id(32)}', '${g1}', '${v12}', '${city}', 'ACTIVE', '2026-05-02 10:00'),
        ('${id(33)}', '${g1}', '${v11}', '${city}', 'ACTIVE', '2026-04-20 10:00'),
        ('${id(34)}', '${g2}', '${v21}', '${city}', 'ACTIVE', '2026-04-03 10:00'),
        ('${id(35)}', '${g2}', '${v21}', '${city}', 'ACTIVE', '2026-04-03 10:00'),
        ('${id(36)}', '${g2}', '${v21}', '${pref}', 'ACTIVE', '2026-04-04 10:00');
      SET session_replication_role = origin;`);
    expect(await migrate(db.conn, all)).toEqual(all.slice(at).map((m) => m.name));

    // One row per (orderer, guarantee) the guarantee names: the newest by (moment, id); the highest version; the last number.
    const rows = await db.conn.query<Record<string, unknown>>(
      `SELECT "organizationId", "guaranteeId", trim("number") AS "number", "contractorId", "confirmationId", "confirmedVersion", "highestVersion",
              "lastSeq" = (SELECT max("seq") FROM "Confirmation" c WHERE c."guaranteeId" = l."guaranteeId" AND c."organizationId" = l."organizationId") AS "lastSeqIsLast"
       FROM "ConfirmedGuarantee" l ORDER BY "number"`,
    );
    expect(rows).toEqual([
      { organizationId: city, guaranteeId: g1, number: '1000000018', contractorId: company, confirmationId: id(32), confirmedVersion: 2, highestVersion: 2, lastSeqIsLast: true },
      { organizationId: city, guaranteeId: g2, number: '1000000026', contractorId: company, confirmationId: id(35), confirmedVersion: 1, highestVersion: 1, lastSeqIsLast: true },
    ]);
    const seqs = await db.conn.query<{ n: number }>(`SELECT count(DISTINCT "seq")::int AS "n" FROM "Confirmation"`);
    expect(seqs[0]!.n).toBe(6);

    // The names, folded and one per line: a contractor's name and kana, an orderer's name and certificate name.
    const names = await db.conn.query<{ id: string; searchNames: string }>(`SELECT "id", "searchNames" FROM "Organization" ORDER BY "id"`);
    expect(names).toEqual([
      { id: city, searchNames: '大村市\n大村市長' },
      { id: pref, searchNames: 'abc県\nabc県知事' },
      { id: company, searchNames: '株式会社xy建設\nエックスワイケンセツ' },
    ]);
  });
});
