import type { Queryable } from '../db/adapter';
import type { PublishedEntity } from '../contract';

/*
 * The change feed of server-owned data. Every upsert or tombstone of a published record takes the
 * next seq from feed_head in the same transaction and moves the record's single change row to it,
 * so a first pull reads each record once, and a desk that already has seq n gets every later change.
 */

async function nextSeq(tx: Queryable): Promise<number> {
  const [row] = await tx.query<{ last_seq: number }>('UPDATE feed_head SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq');
  if (!row) throw new Error('feed_head is missing');
  return Number(row.last_seq);
}

async function moveChange(tx: Queryable, entity: PublishedEntity, id: string, op: 'upsert' | 'delete', now: number): Promise<number> {
  const seq = await nextSeq(tx);
  await tx.run(
    `INSERT INTO changes (seq, entity, entity_id, op, changed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (entity, entity_id) DO UPDATE SET seq = excluded.seq, op = excluded.op, changed_at = excluded.changed_at`,
    [seq, entity, id, op, now],
  );
  return seq;
}

/** Stores the record's new version and appends it to the feed. Call inside a transaction. */
export async function publish(tx: Queryable, entity: PublishedEntity, id: string, data: unknown, now = Date.now()): Promise<number> {
  await tx.run(
    `INSERT INTO published_records (entity, id, data, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (entity, id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    [entity, id, JSON.stringify(data), now],
  );
  return moveChange(tx, entity, id, 'upsert', now);
}

/** Removes the record and appends a tombstone. Returns false when there was no such record. */
export async function unpublish(tx: Queryable, entity: PublishedEntity, id: string, now = Date.now()): Promise<boolean> {
  const removed = await tx.run('DELETE FROM published_records WHERE entity = ? AND id = ?', [entity, id]);
  if (removed === 0) return false;
  await moveChange(tx, entity, id, 'delete', now);
  return true;
}

export async function publishedRecord<T>(db: Queryable, entity: PublishedEntity, id: string): Promise<T | null> {
  const [row] = await db.query<{ data: string }>('SELECT data FROM published_records WHERE entity = ? AND id = ?', [entity, id]);
  return row ? (JSON.parse(row.data) as T) : null;
}

export async function publishedRecords<T>(db: Queryable, entity: PublishedEntity): Promise<T[]> {
  const rows = await db.query<{ data: string }>('SELECT data FROM published_records WHERE entity = ? ORDER BY id', [entity]);
  return rows.map((row) => JSON.parse(row.data) as T);
}
