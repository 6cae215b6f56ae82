import type { Database } from 'better-sqlite3';
import type { CallLogCreatePayload } from '../../backend/contract';
import type { CallLogUpdatePayload } from '../../backend/contacts/contract';
import type { CallDirection, CallLogEntry, CallOutcome } from '../../preload/contract';
import { normalizeCaller } from '../../preload/contract/phone-number';
import { cleanText } from '../callers/search-terms';
import type { Outbox } from '../store/outbox';

/*
 * The call log in the local store. A call is written when it starts and changed as it goes; the
 * backend hears of it once, when it ends (call_log/create with everything known then), and of
 * later notes, wrap-up codes, tickets and contact through call_log/update. Each write commits in
 * one transaction with its outbox row.
 */

interface CallRow {
  id: string;
  direction: CallDirection;
  remote_number: string;
  remote_e164: string | null;
  remote_name: string | null;
  queue: string | null;
  started_at: number;
  answered_at: number | null;
  ended_at: number | null;
  duration_ms: number | null;
  outcome: CallOutcome | null;
  transferred_to: string | null;
  wrap_up_code: string | null;
  notes: string;
  contact_id: string | null;
  ticket_ids: string;
}

const SELECT = `SELECT c.*, (SELECT json_group_array(ticket_id) FROM call_tickets t WHERE t.call_id = c.id) AS ticket_ids FROM call_log c`;

export function toEntry(row: CallRow): CallLogEntry {
  return {
    id: row.id,
    direction: row.direction,
    remoteNumber: row.remote_number,
    remoteE164: row.remote_e164,
    remoteName: row.remote_name,
    queue: row.queue,
    startedAt: row.started_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    durationMs: row.duration_ms,
    outcome: row.outcome,
    transferredTo: row.transferred_to,
    wrapUpCode: row.wrap_up_code,
    notes: row.notes,
    ticketIds: JSON.parse(row.ticket_ids) as string[],
    contactId: row.contact_id,
  };
}

export interface CallStart {
  id: string;
  direction: CallDirection;
  remoteNumber: string;
  remoteName: string | null;
  queue: string | null;
  startedAt: number;
}

export interface CallChange {
  notes?: string | undefined;
  wrapUpCode?: string | null | undefined;
  ticketIds?: string[] | undefined;
  contactId?: string | null | undefined;
}

export class CallLog {
  constructor(
    private readonly db: Database,
    private readonly outbox: Outbox,
  ) {}

  get(id: string): CallLogEntry | null {
    const row = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as CallRow | undefined;
    return row ? toEntry(row) : null;
  }

  recent(limit: number): CallLogEntry[] {
    return (this.db.prepare(`${SELECT} ORDER BY c.started_at DESC LIMIT ?`).all(limit) as CallRow[]).map(toEntry);
  }

  /** Idempotent: a report repeated after a reconnect returns the call as it is. */
  started(call: CallStart): CallLogEntry {
    return this.db.transaction(() => {
      const existing = this.get(call.id);
      if (existing) return existing;
      const identity = normalizeCaller(call.remoteNumber);
      const e164 = identity.kind === 'phone' ? identity.e164 : null;
      const contactId = e164 ? this.onlyContactOn(e164) : null;
      this.db
        .prepare(
          `INSERT INTO call_log (id, direction, remote_number, remote_e164, remote_name, queue, started_at, contact_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(call.id, call.direction, cleanText(call.remoteNumber, 256), e164, call.remoteName === null ? null : cleanText(call.remoteName, 200) || null, call.queue, call.startedAt, contactId);
      if (contactId) this.db.prepare('UPDATE contacts SET last_seen_at = max(last_seen_at, ?) WHERE id = ?').run(call.startedAt, contactId);
      return this.get(call.id) as CallLogEntry;
    })();
  }

  answered(id: string, answeredAt: number): CallLogEntry | null {
    return this.db.transaction(() => {
      this.db.prepare('UPDATE call_log SET answered_at = coalesce(answered_at, ?) WHERE id = ? AND ended_at IS NULL').run(answeredAt, id);
      return this.get(id);
    })();
  }

  /** Ends the call and queues its log for the backend (once: a repeated report changes nothing). */
  ended(id: string, endedAt: number, outcome: CallOutcome, transferredTo: string | null, userId: string | null, nowMs: number): CallLogEntry | null {
    return this.db.transaction(() => {
      const call = this.get(id);
      if (!call || call.endedAt !== null) return call;
      const durationMs = call.answeredAt === null ? null : Math.max(0, endedAt - call.answeredAt);
      this.db
        .prepare('UPDATE call_log SET ended_at = ?, outcome = ?, transferred_to = ?, duration_ms = ? WHERE id = ?')
        .run(Math.max(endedAt, call.startedAt), outcome, transferredTo === null ? null : cleanText(transferredTo, 300), durationMs, id);
      const ended = this.get(id) as CallLogEntry;
      this.outbox.add({ entity: 'call_log', entityId: id, kind: 'create', payload: createPayload(ended), userId }, nowMs);
      return ended;
    })();
  }

  /** Notes, wrap-up, tickets, contact; after the call ended, the backend hears of it by an update. */
  update(id: string, change: CallChange, userId: string | null, nowMs: number): CallLogEntry | null {
    return this.db.transaction(() => {
      const call = this.get(id);
      if (!call) return null;
      if (change.notes !== undefined) this.db.prepare('UPDATE call_log SET notes = ? WHERE id = ?').run(change.notes, id);
      if (change.wrapUpCode !== undefined) this.db.prepare('UPDATE call_log SET wrap_up_code = ? WHERE id = ?').run(change.wrapUpCode, id);
      if (change.contactId !== undefined) this.db.prepare('UPDATE call_log SET contact_id = ? WHERE id = ?').run(change.contactId, id);
      if (change.ticketIds !== undefined) {
        this.db.prepare('DELETE FROM call_tickets WHERE call_id = ?').run(id);
        const link = this.db.prepare('INSERT OR IGNORE INTO call_tickets (call_id, ticket_id) VALUES (?, ?)');
        for (const ticketId of change.ticketIds) link.run(id, ticketId);
      }
      const updated = this.get(id) as CallLogEntry;
      if (call.endedAt !== null) {
        const payload: CallLogUpdatePayload = {
          ...(change.notes !== undefined ? { notes: updated.notes } : {}),
          ...(change.wrapUpCode !== undefined ? { wrap_up_code: updated.wrapUpCode } : {}),
          ...(change.ticketIds !== undefined ? { ticket_ids: updated.ticketIds } : {}),
          ...(change.contactId !== undefined ? { contact_id: updated.contactId } : {}),
          updated_at: nowMs,
        };
        // Sent after the create it changes; held back with it if the create was parked for review.
        const create = this.db.prepare(`SELECT mutation_id FROM outbox WHERE entity = 'call_log' AND entity_id = ? AND kind = 'create'`).pluck().get(id) as string | undefined;
        this.outbox.add({ entity: 'call_log', entityId: id, kind: 'update', payload, dependsOn: create ?? null, userId }, nowMs);
      }
      return updated;
    })();
  }

  /** The one contact on this number, or null when there is none or several (the consultant chooses). */
  private onlyContactOn(e164: string): string | null {
    const ids = this.db
      .prepare(`SELECT p.contact_id FROM contact_phones p JOIN contacts c ON c.id = p.contact_id WHERE p.e164 = ? AND c.merged_into IS NULL LIMIT 2`)
      .pluck()
      .all(e164) as string[];
    return ids.length === 1 ? (ids[0] as string) : null;
  }
}

function createPayload(call: CallLogEntry): CallLogCreatePayload {
  return {
    direction: call.direction,
    remote_number: call.remoteNumber.slice(0, 64),
    ...(call.queue ? { queue: call.queue } : {}),
    outcome: call.outcome ?? 'failed',
    started_at: call.startedAt,
    answered_at: call.answeredAt,
    ended_at: call.endedAt,
    notes: call.notes,
    remote_e164: call.remoteE164,
    remote_name: call.remoteName,
    duration_ms: call.durationMs,
    transferred_to: call.transferredTo,
    wrap_up_code: call.wrapUpCode,
    ticket_ids: call.ticketIds,
    contact_id: call.contactId,
  };
}
