import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { failureReason, openStore } from '../../../main/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations';
import { tempDir } from '../../helpers/temp-dir';

const FIXED_NOW = () => new Date('2026-11-21T05:43:47.123Z');

describe('opening the desk database', () => {
  it('creates the file with WAL, foreign keys, synchronous=FULL and the newest schema', () => {
    const path = join(tempDir(), 'nested', 'folder', 'desk.sqlite');
    const opened = openStore(path);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.status).toEqual({ state: 'ready', path, schemaVersion: LATEST_SCHEMA_VERSION });
    expect(opened.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    opened.db.close();
  });

  it('runs only the missing migrations on an older file and keeps its data', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const old = new BetterSqlite3(path);
    old.exec(`CREATE TABLE settings (section TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL CHECK (json_valid(value)), updated_at INTEGER NOT NULL) STRICT`);
    old.prepare(`INSERT INTO settings VALUES ('ui', '{"language":"en","theme":"dark"}', 5)`).run();
    old.pragma('user_version = 1');
    old.close();
    const opened = openStore(path);
    expect(opened.ok && opened.status.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    if (!opened.ok) return;
    expect(opened.db.prepare(`SELECT value FROM settings`).pluck().get()).toBe('{"language":"en","theme":"dark"}');
    opened.db.close();
  });

  it('refuses a database from a newer version and leaves it untouched', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const newer = new BetterSqlite3(path);
    newer.exec('CREATE TABLE future (x) ; INSERT INTO future VALUES (42)');
    newer.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 7}`);
    newer.close();
    const before = readFileSync(path);
    const opened = openStore(path);
    expect(opened.ok).toBe(false);
    expect(opened.status).toMatchObject({
      state: 'failed',
      reason: 'newer_version',
      path,
      fileVersion: LATEST_SCHEMA_VERSION + 7,
      supportedVersion: LATEST_SCHEMA_VERSION,
    });
    expect(readFileSync(path).equals(before)).toBe(true);
    const check = new BetterSqlite3(path, { readonly: true });
    expect(check.prepare('SELECT x FROM future').pluck().get()).toBe(42);
    check.close();
  });

  it('moves a file that is not a database aside with a time stamp, keeps its bytes, and starts anew', () => {
    const dir = tempDir();
    const path = join(dir, 'desk.sqlite');
    const garbage = Buffer.from('this is not an SQLite file, but it might be all a consultant has'.repeat(100));
    writeFileSync(path, garbage);
    const opened = openStore(path, FIXED_NOW);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    const movedTo = `${path}.corrupt-20261121T054347Z`;
    expect(opened.status.recoveredFrom?.movedTo).toBe(movedTo);
    expect(opened.status.recoveredFrom?.reason).toMatch(/SQLITE_NOTADB/);
    expect(readFileSync(movedTo).equals(garbage)).toBe(true);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    opened.db.close();
  });

  it('moves a database whose schema page is damaged aside, with its WAL', () => {
    const dir = tempDir();
    const path = join(dir, 'desk.sqlite');
    const db = new BetterSqlite3(path);
    db.exec('CREATE TABLE t (x TEXT); INSERT INTO t VALUES (\'hello\')');
    db.close();
    const bytes = readFileSync(path);
    bytes.fill(0xa5, 100, 4096); // the schema b-tree on page 1, after the 100-byte header
    writeFileSync(path, bytes);
    writeFileSync(`${path}-wal`, Buffer.alloc(0));
    const opened = openStore(path, FIXED_NOW);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.status.recoveredFrom?.reason).toMatch(/SQLITE_CORRUPT|SQLITE_NOTADB/);
    const aside = readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    expect(aside.sort()).toEqual(['desk.sqlite.corrupt-20261121T054347Z', 'desk.sqlite.corrupt-20261121T054347Z-wal']);
    opened.db.close();
  });

  it('reports a path it cannot open instead of throwing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'not-a-folder'), 'x');
    const path = join(dir, 'not-a-folder', 'desk.sqlite');
    const opened = openStore(path);
    expect(opened.ok).toBe(false);
    expect(opened.status).toMatchObject({ state: 'failed', reason: 'cannot_open', path });
    expect(opened.status.state === 'failed' && opened.status.detail).toMatch(/ENOTDIR|EEXIST|CANTOPEN/);
  });

  it('names a full disk and a damaged file apart from other failures', () => {
    expect(failureReason('SQLITE_FULL')).toBe('disk_full');
    expect(failureReason('ENOSPC')).toBe('disk_full');
    expect(failureReason('SQLITE_CORRUPT')).toBe('corrupt');
    expect(failureReason('SQLITE_CANTOPEN')).toBe('cannot_open');
    expect(failureReason('EACCES')).toBe('cannot_open');
  });
});
