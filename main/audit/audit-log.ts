import type { Database } from 'better-sqlite3';

/** What people did that cannot be undone (a discarded queued item, a merge): who, when, what. */
export class AuditLog {
  private readonly insert;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO audit_log (at, actor, action, details) VALUES (?, ?, ?, ?)');
  }

  /** Call inside the transaction of the change it records. */
  record(actor: string, action: string, details: Record<string, unknown>, nowMs: number): void {
    this.insert.run(nowMs, actor, action, JSON.stringify(details));
  }
}
