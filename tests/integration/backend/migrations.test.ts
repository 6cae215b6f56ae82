import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../backend/db/migrate';
import { MIGRATIONS } from '../../../backend/db/migrations';
import { DIALECTS, freshDb } from './helpers/dialects';

const TABLES = ['users', 'sessions', 'sync_clients', 'mutations', 'tickets', 'ticket_updates', 'ticket_notes', 'call_logs', 'agent_states', 'published_records', 'changes', 'feed_head'];

describe.each(DIALECTS)('migrations on %s', (dialect) => {
  it('bring an empty database to the latest version, with every table', async () => {
    const db = await freshDb(dialect);
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const sql =
      dialect === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()";
    const names = (await db.query<{ name: string }>(sql)).map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(TABLES));
  });

  it('run again as a no-op and keep the data', async () => {
    const db = await freshDb(dialect);
    await migrate(db);
    const [before] = await db.query<{ feed_id: string }>('SELECT feed_id FROM feed_head');
    expect(await migrate(db)).toEqual([]);
    const [after] = await db.query<{ feed_id: string }>('SELECT feed_id FROM feed_head');
    expect(after!.feed_id).toBe(before!.feed_id);
    expect(before!.feed_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('migration 1 holds its constraints: one change row per record, one mutation per (client, id)', async () => {
    const db = await freshDb(dialect);
    await migrate(db);
    await db.run("INSERT INTO changes (seq, entity, entity_id, op, changed_at) VALUES (1, 'service', 'a', 'upsert', 0)");
    await expect(db.run("INSERT INTO changes (seq, entity, entity_id, op, changed_at) VALUES (2, 'service', 'a', 'delete', 0)")).rejects.toThrow();
    const insert = "INSERT INTO mutations (client_id, mutation_id, seq, entity, entity_id, kind, content_hash, outcome, received_at) VALUES ('c', 'm', 1, 'e', 'i', 'k', 'h', 'applied', 0)";
    await db.run(insert);
    await expect(db.run(insert)).rejects.toThrow();
    // 64-bit times come back as numbers in both dialects.
    const [row] = await db.query<{ seq: number }>('SELECT seq FROM mutations');
    expect(row!.seq).toBe(1);
  });

  it('transactions roll back as a whole', async () => {
    const db = await freshDb(dialect);
    await migrate(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO sync_clients (client_id, last_seq, updated_at) VALUES ('x', 1, 0)");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query('SELECT * FROM sync_clients')).toEqual([]);
  });

  if (dialect === 'postgres') {
    it('two backends starting at once migrate once', async () => {
      const db = await freshDb(dialect);
      const results = await Promise.all([migrate(db), migrate(db)]);
      expect(results.flat().sort()).toEqual(MIGRATIONS.map((m) => m.version));
    });
  }
});
