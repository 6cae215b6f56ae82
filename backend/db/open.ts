import type { Db } from './adapter';
import { PostgresDb } from './postgres';
import { SqliteDb } from './sqlite';

/** PostgreSQL when a connection URL is given (DATABASE_URL), otherwise the SQLite file. */
export function openDatabase(options: { databaseUrl?: string | undefined; sqliteFile: string }): Db {
  return options.databaseUrl ? new PostgresDb(options.databaseUrl) : new SqliteDb(options.sqliteFile);
}
