import type { Database } from 'better-sqlite3';

export interface OutboxReport {
  pending: number;
  needsReview: number;
  oldest: { mutationId: string; entity: string; kind: string; state: string; createdAt: string; ageSeconds: number; lastError: string | null } | null;
}

/** What waits to be sent: the operator's first question when a desk says "unsent: 12". */
export function outboxReport(db: Database, nowMs: number): OutboxReport {
  const counts = db.prepare(`SELECT
      (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending,
      (SELECT count(*) FROM outbox WHERE state = 'needs_review') AS needsReview`).get() as { pending: number; needsReview: number };
  const oldest = db.prepare('SELECT mutation_id, entity, kind, state, created_at, last_error FROM outbox ORDER BY seq LIMIT 1').get() as
    | { mutation_id: string; entity: string; kind: string; state: string; created_at: number; last_error: string | null }
    | undefined;
  return {
    ...counts,
    oldest: oldest
      ? {
          mutationId: oldest.mutation_id,
          entity: oldest.entity,
          kind: oldest.kind,
          state: oldest.state,
          createdAt: new Date(oldest.created_at).toISOString(),
          ageSeconds: Math.round((nowMs - oldest.created_at) / 1000),
          lastError: oldest.last_error,
        }
      : null,
  };
}

export function formatOutbox(report: OutboxReport): string {
  const oldest = report.oldest ? `; oldest: ${report.oldest.entity} ${report.oldest.kind} from ${report.oldest.createdAt} (${report.oldest.ageSeconds} s, ${report.oldest.state}${report.oldest.lastError ? `: ${report.oldest.lastError}` : ''})` : '';
  return `pending ${report.pending}, needs review ${report.needsReview}${oldest}`;
}

export interface DatabaseCheck {
  ok: boolean;
  schemaVersion: number;
  integrity: string[];
  foreignKeyProblems: number;
}

/** SQLite's own full check: slow on a large file, so only on request, never at start. */
export function checkDatabase(db: Database): DatabaseCheck {
  const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  const foreignKeyProblems = db.prepare('PRAGMA foreign_key_check').all().length;
  return {
    ok: integrity.length === 1 && integrity[0] === 'ok' && foreignKeyProblems === 0,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    integrity,
    foreignKeyProblems,
  };
}
