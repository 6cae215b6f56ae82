import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { Db, Dialect } from '../../../../backend/db/adapter';
import { PostgresDb } from '../../../../backend/db/postgres';
import { SqliteDb } from '../../../../backend/db/sqlite';
import { postgresBinDir, startPostgres, type TestPostgres } from './postgres';

/*
 * The backend's tests run once per database: `describe.each(DIALECTS)`. PostgreSQL is started once
 * per test file, on first use, and is skipped (loudly) only when it is not installed.
 */

export const POSTGRES_INSTALLED = postgresBinDir() !== null;
if (!POSTGRES_INSTALLED) {
  console.warn(
    '\n*** PostgreSQL is NOT installed: the backend tests run on SQLite only. ***\n*** Install it (apt-get install -y postgresql) to run them on PostgreSQL too. ***\n',
  );
}
export const DIALECTS: Dialect[] = POSTGRES_INSTALLED ? ['sqlite', 'postgres'] : ['sqlite'];

let server: Promise<TestPostgres> | null = null;
const opened: Db[] = [];
const dirs: string[] = [];

/** A fresh, empty database of the dialect (a temp SQLite file or a new PostgreSQL database), closed after the test. */
export async function freshDb(dialect: Dialect): Promise<Db> {
  let db: Db;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'backend-sqlite-'));
    dirs.push(dir);
    db = new SqliteDb(join(dir, 'city.sqlite'));
  } else {
    server ??= startPostgres();
    db = new PostgresDb(await (await server).createDatabase());
  }
  opened.push(db);
  return db;
}

/** The connection URL of a fresh PostgreSQL database (for a backend started as a process). */
export async function freshPostgresUrl(): Promise<string> {
  server ??= startPostgres();
  return (await server).createDatabase();
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close().catch(() => undefined)));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

afterAll(async () => {
  if (server) (await server).stop();
  server = null;
});
