import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import type { StoreFailureReason, StoreStatus } from '../../preload/contract';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';
import type { Migration } from './migrations';

export type OpenStoreResult =
  | { ok: true; db: Database; status: Extract<StoreStatus, { state: 'ready' }> }
  | { ok: false; status: Extract<StoreStatus, { state: 'failed' }> };

interface SqliteError extends Error {
  code?: string;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC']);

function errorCode(error: unknown): string {
  return (error as SqliteError | undefined)?.code ?? '';
}

export function failureReason(code: string): StoreFailureReason {
  return FULL_CODES.has(code) ? 'disk_full' : CORRUPT_CODES.has(code) ? 'corrupt' : 'cannot_open';
}

function failure(path: string, error: unknown): OpenStoreResult {
  const code = errorCode(error);
  const reason = failureReason(code);
  return { ok: false, status: { state: 'failed', path, reason, detail: `${code || 'error'}: ${(error as Error).message}` } };
}

/** "2026-11-21T05:43:47.123Z" → "20261121T054347Z", safe in file names on every OS. */
function fileStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
}

/** Moves a damaged database (and its WAL and shared-memory files) aside; never deletes it. */
export function moveAside(path: string, now: Date): string {
  const target = `${path}.corrupt-${fileStamp(now)}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

/**
 * Reads the header and the schema without writing: a file that is not a database, or is damaged
 * there, throws. Nothing is written before the version check, so a newer file stays untouched.
 */
function probe(db: Database): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get();
  return version;
}

function configure(db: Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  // The outbox lives in this file: a write is on disk before the UI says it is saved.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  // 64 MiB of pages (SQLite's default is 2 MiB): the knowledge base's index pages a consultant's
  // typing touches stay in memory from one keystroke to the next, instead of being read again.
  db.pragma('cache_size = -65536');
}

/** Runs every migration newer than the file, each in its own transaction with its version. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): number {
  let version = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= version) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    version = migration.version;
  }
  return version;
}

/**
 * Opens (creating if needed) the desk's database at `path` and brings its schema up to date.
 * A file from a newer app is refused untouched; a file that is not a database or is damaged is
 * moved aside with a time stamp and a new one is created; anything else is a failure to report.
 */
export function openStore(path: string, now: () => Date = () => new Date()): OpenStoreResult {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    return failure(path, error);
  }

  let recoveredFrom: { movedTo: string; reason: string } | undefined;
  let db: Database;
  let fileVersion: number;
  try {
    db = new BetterSqlite3(path);
  } catch (error) {
    return failure(path, error);
  }
  try {
    fileVersion = probe(db);
  } catch (error) {
    db.close();
    if (!CORRUPT_CODES.has(errorCode(error))) return failure(path, error);
    try {
      recoveredFrom = { movedTo: moveAside(path, now()), reason: `${errorCode(error)}: ${(error as Error).message}` };
      db = new BetterSqlite3(path);
      fileVersion = probe(db);
    } catch (retryError) {
      return failure(path, retryError);
    }
  }

  if (fileVersion > LATEST_SCHEMA_VERSION) {
    db.close();
    return {
      ok: false,
      status: {
        state: 'failed',
        path,
        reason: 'newer_version',
        detail: `schema version ${fileVersion} is newer than ${LATEST_SCHEMA_VERSION}, the newest this app knows`,
        fileVersion,
        supportedVersion: LATEST_SCHEMA_VERSION,
      },
    };
  }

  try {
    configure(db);
    const schemaVersion = migrate(db);
    return { ok: true, db, status: { state: 'ready', path, schemaVersion, ...(recoveredFrom ? { recoveredFrom } : {}) } };
  } catch (error) {
    db.close();
    return failure(path, error);
  }
}
