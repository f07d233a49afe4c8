import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrate, readMigrations } from '../../src/db/migrate';
import { postgresUrl, TEMPLATE_DB, withDatabase } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** One migrated template per run: a PGlite dump, or a PostgreSQL template database. */
export default async function setup(project: TestProject) {
  const url = postgresUrl();
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    const client = new pg.Client({ connectionString: withDatabase(url, TEMPLATE_DB) });
    await client.connect();
    await migrate(
      {
        query: async (sql, params) => (await client.query(sql, params)).rows,
        exec: async (sql) => void (await client.query(sql)),
      },
      readMigrations(),
    );
    await client.end(); // a template must have no open connections
    await admin.end();
    project.provide('pgliteTemplate', '');
    return;
  }
  const db = await PGlite.create();
  await migrate({
    query: async (sql, params) => (await db.query(sql, params)).rows as never[],
    exec: async (sql) => void (await db.exec(sql)),
  });
  const dump = await db.dumpDataDir('none');
  await db.close();
  const dir = path.resolve('.test-data');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  return () => fs.rmSync(file, { force: true });
}
