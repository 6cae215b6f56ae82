import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { migrate } from '../../main/store/database';
import { MIGRATIONS } from '../../main/store/migrations';

/** A database file migrated up to and including `version` (all when omitted). */
export function databaseAt(path: string, version?: number): Database {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db, version === undefined ? MIGRATIONS : MIGRATIONS.filter((m) => m.version <= version));
  return db;
}

/** The detail column of EXPLAIN QUERY PLAN, one string per step. */
export function queryPlan(db: Database, sql: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((row) => row.detail);
}

export function tableColumns(db: Database, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((row) => row.name);
}

export function isStrict(db: Database, table: string): boolean {
  const row = db.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).get(table) as { strict: number } | undefined;
  return row?.strict === 1;
}

/** Reads another process's database (the backend's, a desk's) without holding it open. */
export function readDatabase<T>(file: string, read: (db: Database) => T): T {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
