import type { Database } from 'better-sqlite3';
import { uuidv7 } from './ids';

export interface OutboxEntry {
  entity: string;
  entityId: string;
  kind: string;
  payload: unknown;
  dependsOn?: string | null;
  /** Who saved it: the signed-in user's id, or null when nobody was signed in. */
  userId?: string | null;
}

/**
 * The outbox's writing and counting side. `add` must run inside the caller's transaction, next
 * to the write it records; the sender (sync) reads and removes rows.
 */
export class Outbox {
  private readonly insert;
  private readonly countUnsent;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO outbox (mutation_id, entity, entity_id, kind, payload, depends_on, user_id, created_at)
       VALUES (@mutationId, @entity, @entityId, @kind, @payload, @dependsOn, @userId, @createdAt)`,
    );
    // Hot query (status bar, quit check): answered from the outbox_by_state index.
    this.countUnsent = db.prepare(`SELECT count(*) FROM outbox WHERE state IN ('pending', 'needs_review')`).pluck();
  }

  add(entry: OutboxEntry, nowMs: number): string {
    const mutationId = uuidv7(nowMs);
    this.insert.run({
      mutationId,
      entity: entry.entity,
      entityId: entry.entityId,
      kind: entry.kind,
      payload: JSON.stringify(entry.payload),
      dependsOn: entry.dependsOn ?? null,
      userId: entry.userId ?? null,
      createdAt: nowMs,
    });
    return mutationId;
  }

  unsentCount(): number {
    return this.countUnsent.get() as number;
  }
}
