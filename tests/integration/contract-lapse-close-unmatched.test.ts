import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getDb, openPglite, openPostgres, pgConnection, pgliteConnection, setDbHandle, type DbHandle } from '@/db/client';
import { migrate, readMigrations, type SqlConnection } from '@/db/migrate';
import { contractLapses, guaranteeLapses, lapseKindsOfContracts, lapseKindsOfGuarantees } from '@/domain/contracts/lapses';
import { matchContract } from '@/domain/contracts/match-contract';
import { saveContract } from '@/domain/contracts/save-contract';
import { addDaysIso, dbDateToIso } from '@/lib/dates';
import { matchedContract, slash } from '../support/contracts';
import { makeOrderer, makeUser, must } from '../support/factories';
import { postgresUrl, TEMPLATE_DB, withDatabase } from '../setup/test-database';

/**
 * The data migration 20261206120000_contract_lapse_close_unmatched (decision 075 amended 2026-12-06): a
 * database that ran the version before 20261206091500_contract_lapse_unmatched may hold open needs of a pair
 * no ContractMatch joins any more (the unmatch deleted the match only). Built here as that version left it —
 * through the domain, then the match deleted by hand — on a database of this file's own (a copy of the
 * migrated template, so that the runner has a connection to it), the migration's `_prisma_migrations` row
 * removed as if it had never run, and the real runner applied, its session in Asia/Tokyo (resolvedAt must
 * still be the UTC moment, as every timestamp(3) column holds it).
 *
 * With it, 20261206124000_contract_lapse_close_rematched: a pair that version unmatched and that was matched
 * again has a ContractMatch, so the first leaves its stale need open. Needs are raised only by a revision of a
 * contract already matched, and a match is only created and deleted, never updated: an open need raised
 * before (strictly) the pair's current matchedAt belongs to an earlier match, and is closed the same way.
 */

const MIGRATION = '20261206120000_contract_lapse_close_unmatched';
const REMATCHED = '20261206124000_contract_lapse_close_rematched';

let handle: DbHandle;
/** The runner's connection, and how to set its session's time zone (PGlite: the one connection Prisma shares). */
let conn: SqlConnection;
let runnerZone: (zone: string | null) => Promise<void>;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const url = postgresUrl();
  if (url) {
    const name = `portal_lapse_mig_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    handle = await openPostgres(withDatabase(url, name));
    const client = new pg.Client({ connectionString: withDatabase(url, name), options: '-c TimeZone=Asia/Tokyo' });
    await client.connect();
    conn = pgConnection(client);
    runnerZone = async () => {}; // the connection is in Asia/Tokyo from the start
    dispose = async () => {
      await client.end();
      await handle.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  } else {
    const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate'))]) });
    handle = await openPglite(pglite);
    conn = pgliteConnection(pglite);
    runnerZone = async (zone) => void (await pglite.exec(zone ? `SET TIME ZONE '${zone}'` : 'RESET TIME ZONE'));
    dispose = () => handle.close();
  }
  setDbHandle(handle);
});

afterAll(async () => {
  setDbHandle(undefined);
  await dispose?.();
});

type Made = Awaited<ReturnType<typeof makeUser>>;


describe(MIGRATION, () => {
  let clerk: Made;
  let contractor: Made;
  let contractorName: string;
  let orderer: Awaited<ReturnType<typeof makeOrderer>>;

  beforeAll(async () => {
    const db = await getDb();
    orderer = await makeOrderer();
    clerk = await makeUser('ORDERER', orderer.id, orderer.departmentId, { email: 'clerk@lapse-migration.example.jp' });
    contractor = await makeUser('CONTRACTOR', undefined, undefined, { email: 'koji@lapse-migration.example.jp' });
    contractorName = (await db.organization.findUniqueOrThrow({ where: { id: contractor.actor.organizationId }, select: { name: true } })).name;
  });

  /** A guarantee confirmed by the clerk, a contract agreeing with it, matched to it (matchedContract). */
  async function matchedPair() {
    const db = await getDb();
    const { id, values, guarantee: g } = await matchedContract({ contractor, orderer, clerk, contractorName });
    /** A revision of the 工期（至） `days` past the guarantee's 保証期間（至）: a need to extend it. */
    const extend = async (days: number) => must(await saveContract(db, clerk.actor, id, { ...values, periodEnd: slash(addDaysIso(dbDateToIso(g.guaranteeEnd), days)) }));
    return { id, guarantee: g, extend };
  }

  const lapsesOf = async (contractIds: string[]) =>
    (await getDb()).contractLapse.findMany({
      where: { contractId: { in: contractIds } },
      select: { id: true, contractId: true, resolvedAt: true, resolution: true, resolvedRevision: true, resolvedByChangeId: true },
      orderBy: [{ raisedAt: 'asc' }, { id: 'asc' }],
    });

  it('closes (UNMATCHED, now in UTC) the open needs of a pair left unmatched by the old version, or unmatched and matched again, and nothing else; a second run changes nothing; matched again, nothing comes back', async () => {
    const db = await getDb();
    // Pair A: a need superseded (closed before), then an open one; the old version's unmatch leaves it open.
    const a = await matchedPair();
    await a.extend(30);
    await a.extend(60);
    // Pair B: still matched, its need open.
    const b = await matchedPair();
    await b.extend(30);
    const [a1, a2] = await lapsesOf([a.id]);
    const [b1] = await lapsesOf([b.id]);
    // Pair C: its need open, then (as the old version did) unmatched by hand and matched again: a match newer than the need.
    const c = await matchedPair();
    await c.extend(30);
    const [c1] = await lapsesOf([c.id]);
    // Pair D: still matched, its need raised in the very moment of the match (raisedAt = matchedAt): not earlier, stays open.
    const d = await matchedPair();
    await d.extend(30);
    const [d1] = await lapsesOf([d.id]);
    expect(
      await db.$executeRawUnsafe(
        'UPDATE "ContractLapse" l SET "raisedAt" = m."matchedAt" FROM "ContractMatch" m WHERE l."id" = CAST($1 AS uuid) AND m."contractId" = l."contractId" AND m."guaranteeId" = l."guaranteeId"',
        d1!.id,
      ),
    ).toBe(1);
    expect(a1).toMatchObject({ resolution: 'SUPERSEDED', resolvedAt: expect.any(Date) });
    expect(a2).toMatchObject({ resolution: null, resolvedAt: null });
    expect(b1).toMatchObject({ resolution: null, resolvedAt: null });
    expect(c1).toMatchObject({ resolution: null, resolvedAt: null });
    expect(d1).toMatchObject({ resolution: null, resolvedAt: null });

    // As the version before 20261206091500 unmatched: the match deleted, the need left open; these migrations not run.
    const unmatchByHand = async (p: { id: string; guarantee: { id: string } }) =>
      expect(await db.$executeRawUnsafe('DELETE FROM "ContractMatch" WHERE "contractId" = CAST($1 AS uuid) AND "guaranteeId" = CAST($2 AS uuid)', p.id, p.guarantee.id)).toBe(1);
    await unmatchByHand(a);
    await unmatchByHand(c);
    // C matched again (its matchedAt later than its need's raisedAt, even on a coarse clock).
    await new Promise((resolve) => setTimeout(resolve, 5));
    must(await matchContract(db, clerk.actor, c.id, { guaranteeNumber: c.guarantee.number }));
    expect(await db.$executeRawUnsafe('DELETE FROM "_prisma_migrations" WHERE migration_name IN ($1, $2)', MIGRATION, REMATCHED)).toBe(2);
    await db.$executeRawUnsafe('DROP INDEX "ContractLapse_open_guaranteeId_idx"'); // made by REMATCHED

    const before = Date.now();
    await runnerZone('Asia/Tokyo');
    try {
      expect(await migrate(conn, readMigrations())).toEqual([MIGRATION, REMATCHED]);
    } finally {
      await runnerZone(null);
    }
    const after = Date.now();

    for (const need of [a2!, c1!]) {
      const closed = await db.contractLapse.findUniqueOrThrow({ where: { id: need.id } });
      expect(closed).toMatchObject({ resolution: 'UNMATCHED', resolvedRevision: null, resolvedByChangeId: null });
      // The UTC moment (a session in Asia/Tokyo without AT TIME ZONE 'UTC' would store it 9 hours ahead).
      expect(closed.resolvedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(closed.resolvedAt!.getTime()).toBeLessThanOrEqual(after + 1000);
    }
    // The need closed before keeps its own resolution and moment; the still-matched pair's need stays open.
    expect(await db.contractLapse.findUniqueOrThrow({ where: { id: a1!.id }, select: { resolution: true, resolvedAt: true } })).toEqual({ resolution: 'SUPERSEDED', resolvedAt: a1!.resolvedAt });
    // REMATCHED's index of the open needs by guarantee (the officers' 保証一覧), partial.
    const [index] = await db.$queryRawUnsafe<{ def: string }[]>(`SELECT pg_get_indexdef(CAST('"ContractLapse_open_guaranteeId_idx"' AS regclass)) AS def`);
    expect(index!.def).toMatch(/\("guaranteeId", "contractId"\) WHERE \("resolvedAt" IS NULL\)$/);
    for (const open of [b1!, d1!]) {
      expect(await db.contractLapse.findUniqueOrThrow({ where: { id: open.id }, select: { resolution: true, resolvedAt: true } })).toEqual({ resolution: null, resolvedAt: null });
    }

    // Idempotent in effect: the statements again (as a second run would) change no row.
    const all = [a.id, b.id, c.id, d.id];
    const once = await lapsesOf(all);
    for (const name of [MIGRATION, REMATCHED]) {
      const sql = readMigrations().find((m) => m.name === name)!.sql;
      await conn.exec('BEGIN');
      await conn.exec(sql);
      await conn.exec('COMMIT');
    }
    expect(await lapsesOf(all)).toEqual(once);
    expect(await migrate(conn, readMigrations())).toEqual([]);

    // Matched again: the stale needs do not come back on either side's page or list; B's and D's still show.
    must(await matchContract(db, clerk.actor, a.id, { guaranteeNumber: a.guarantee.number }));
    for (const p of [a, c]) {
      expect(await contractLapses(db, clerk.actor, p.id)).toEqual([]);
      expect(await guaranteeLapses(db, contractor.actor, p.guarantee.id)).toEqual([]);
    }
    expect(await lapseKindsOfContracts(db, clerk.actor, all)).toEqual(new Map([[b.id, ['EXTEND_PERIOD']], [d.id, ['EXTEND_PERIOD']]]));
    expect(await lapseKindsOfGuarantees(db, contractor.actor, [a, b, c, d].map((p) => p.guarantee.id))).toEqual(
      new Map([[b.guarantee.id, ['EXTEND_PERIOD']], [d.guarantee.id, ['EXTEND_PERIOD']]]),
    );
  });
});
