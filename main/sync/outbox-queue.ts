import type { Database } from 'better-sqlite3';
import type { ParkedItem } from '../../preload/contract';
import type { AuditLog } from '../audit/audit-log';
import { uuidv7 } from '../store/ids';

export interface QueuedRow {
  seq: number;
  mutation_id: string;
  entity: string;
  entity_id: string;
  kind: string;
  payload: string;
  depends_on: string | null;
  created_at: number;
}

/**
 * The sender's side of the outbox. Order is kept per entity: a row waits while an earlier row of
 * the same entity is parked for review, and a child waits while its parent is parked. Rows leave
 * only when the backend acknowledged them.
 */
export class OutboxQueue {
  private readonly statements;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
  ) {
    this.statements = {
      batch: db.prepare(`
        SELECT o.seq, o.mutation_id, o.entity, o.entity_id, o.kind, o.payload, o.depends_on, o.created_at
        FROM outbox o
        WHERE o.state = 'pending' AND (o.user_id IS NULL OR o.user_id = @user)
          AND NOT EXISTS (SELECT 1 FROM outbox p INDEXED BY outbox_by_entity
                          WHERE p.entity = o.entity AND p.entity_id = o.entity_id AND p.seq < o.seq AND p.state = 'needs_review')
          AND (o.depends_on IS NULL OR NOT EXISTS (SELECT 1 FROM outbox d WHERE d.mutation_id = o.depends_on AND d.state = 'needs_review'))
        ORDER BY o.seq
        LIMIT @limit`),
      acknowledge: db.prepare('DELETE FROM outbox WHERE mutation_id = ?'),
      park: db.prepare(`UPDATE outbox SET state = 'needs_review', last_error = ?, attempts = attempts + 1 WHERE mutation_id = ?`),
      failed: db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE mutation_id = ?'),
      counts: db.prepare(`SELECT
          (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending,
          (SELECT count(*) FROM outbox WHERE state = 'needs_review') AS parked,
          (SELECT min(created_at) FROM outbox) AS oldest`),
      parked: db.prepare(`SELECT mutation_id AS mutationId, entity, entity_id AS entityId, kind, payload, last_error AS reason, created_at AS createdAt, attempts
        FROM outbox WHERE state = 'needs_review' ORDER BY seq`),
      find: db.prepare(`SELECT * FROM outbox WHERE mutation_id = ? AND state = 'needs_review'`),
      renew: db.prepare(`UPDATE outbox SET state = 'pending', mutation_id = ?, payload = ?, last_error = NULL WHERE mutation_id = ?`),
      relink: db.prepare('UPDATE outbox SET depends_on = ? WHERE depends_on = ?'),
      discard: db.prepare('DELETE FROM outbox WHERE mutation_id = ?'),
    };
  }

  /** The next rows to send in `userId`'s session: theirs and those saved with nobody signed in. */
  nextBatch(limit: number, userId: string | null = null): QueuedRow[] {
    return this.statements.batch.all({ limit, user: userId }) as QueuedRow[];
  }

  counts(): { pending: number; parked: number; oldest: number | null } {
    return this.statements.counts.get() as { pending: number; parked: number; oldest: number | null };
  }

  parkedItems(): ParkedItem[] {
    return (this.statements.parked.all() as (ParkedItem & { reason: string | null })[]).map((item) => ({ ...item, reason: item.reason ?? '' }));
  }

  /** Applies the backend's per-item answers in one transaction. */
  settle(outcomes: readonly { mutationId: string; delivered: boolean; reason?: string }[]): void {
    this.db.transaction(() => {
      for (const outcome of outcomes) {
        if (outcome.delivered) this.statements.acknowledge.run(outcome.mutationId);
        else this.statements.park.run(outcome.reason ?? 'rejected', outcome.mutationId);
      }
    })();
  }

  /** Counts a failed attempt on rows that stay queued (network, server trouble). */
  noteFailure(mutationIds: readonly string[], error: string): void {
    this.db.transaction(() => {
      for (const id of mutationIds) this.statements.failed.run(error.slice(0, 500), id);
    })();
  }

  park(mutationId: string, reason: string): void {
    this.statements.park.run(reason, mutationId);
  }

  /**
   * Puts a parked item back in the queue under a new mutation id (the old one is recorded on the
   * backend as refused, and the same id with other content would be a conflict); children follow.
   */
  resend(mutationId: string, payload: string | undefined, actor: string, nowMs: number): boolean {
    const row = this.statements.find.get(mutationId) as QueuedRow | undefined;
    if (!row) return false;
    const renewed = uuidv7(nowMs);
    this.db.transaction(() => {
      this.statements.renew.run(renewed, payload ?? row.payload, mutationId);
      this.statements.relink.run(renewed, mutationId);
      this.audit.record(actor, 'outbox.resend', { mutationId, renewedAs: renewed, entity: row.entity, entityId: row.entity_id, changed: payload !== undefined && payload !== row.payload }, nowMs);
    })();
    return true;
  }

  /** Drops a parked item for good, with its content in the audit log. */
  discard(mutationId: string, actor: string, nowMs: number): boolean {
    const row = this.statements.find.get(mutationId) as (QueuedRow & { last_error: string | null }) | undefined;
    if (!row) return false;
    this.db.transaction(() => {
      this.statements.discard.run(mutationId);
      this.audit.record(actor, 'outbox.discard', { mutationId, entity: row.entity, entityId: row.entity_id, kind: row.kind, payload: JSON.parse(row.payload) as unknown, reason: row.last_error }, nowMs);
    })();
    return true;
  }
}
