import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Db, Queryable, Row, SqlValue } from './adapter';

/**
 * SQLite through better-sqlite3 (synchronous). One connection, so an open transaction must not see
 * other requests' statements: every call waits its turn on a queue while a transaction runs.
 */
export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  private readonly db: BetterSqlite3.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly direct: Queryable;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new BetterSqlite3(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL'); // a pushed mutation is acknowledged only once it is durable
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    const db = this.db;
    this.direct = {
      dialect: 'sqlite',
      async query<T extends Row>(sql: string, params: readonly SqlValue[] = []) {
        return db.prepare(sql).all(...params) as T[];
      },
      async run(sql: string, params: readonly SqlValue[] = []) {
        return db.prepare(sql).run(...params).changes;
      },
    };
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.queue.then(fn, fn);
    this.queue = result.catch(() => undefined);
    return result;
  }

  query<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.serial(() => this.direct.query<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.serial(() => this.direct.run(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.serial(async () => void this.db.exec(sql));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.direct);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    await this.serial(async () => this.db.close());
  }
}
