import type { Db } from './adapter';
import type { Migration } from './migrations';
import { MIGRATIONS } from './migrations';
import { sqlWords } from './migrations/types';

const LOCK_KEY = 19115_311; // PostgreSQL advisory lock: two backends starting at once migrate in turn

/** Applies the migrations not yet applied, each in its own transaction. Returns the versions applied. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.transaction(async (tx) => {
    // CREATE TABLE IF NOT EXISTS is not safe against a concurrent twin in PostgreSQL: take the lock first.
    if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [LOCK_KEY]);
    await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${sqlWords(tx.dialect).bigint} NOT NULL)`);
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(?)', [LOCK_KEY]);
      const [row] = await tx.query('SELECT version FROM schema_migrations WHERE version = ?', [migration.version]);
      if (row) return false;
      for (const statement of splitStatements(migration.sql(sqlWords(tx.dialect)))) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, Date.now()]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

export async function schemaVersion(db: Db): Promise<number> {
  const [row] = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return row?.version ?? 0;
}

/** Splits on `;` at line ends (our migrations keep one statement per `;\n`, no semicolons in strings). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter(Boolean);
}
