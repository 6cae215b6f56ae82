import type { Database } from 'better-sqlite3';
import type { Change } from '../../backend/contract';
import { CallRecord, CallbackRecord, ContactRecord } from '../../backend/contacts/contract';
import { ContactRepository } from './contact-repository';

/*
 * Contacts, calls and callbacks made elsewhere arrive through the pull feed and land in the
 * caller-card tables (not in replica_records). A record with local changes still in the outbox is
 * skipped: the local change is on its way and the server's answer to it will come back later.
 */

export const CALLER_ENTITIES = new Set(['contact', 'call_record', 'callback']);

type PulledListener = (db: Database, contactIds: ReadonlySet<string>) => void;
const listeners = new Set<PulledListener>();
/** Contacts touched by the page being applied, per store; told to the listeners once it committed. */
const touched = new Map<Database, Set<string>>();

/** Called after a pulled page touched contacts (theirs, or their calls and callbacks). */
export function onCallerPulled(listener: PulledListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function touch(db: Database, contactId: string | null): void {
  if (!contactId) return;
  let ids = touched.get(db);
  if (!ids) {
    ids = new Set();
    touched.set(db, ids);
    // After the page's transaction (applyPage is synchronous): a card that reloads reads committed rows.
    setImmediate(() => {
      touched.delete(db);
      if (!db.open) return;
      for (const listener of listeners) listener(db, ids as Set<string>);
    });
  }
  ids.add(contactId);
}

const pendingLocally = (db: Database, entity: string, id: string): boolean =>
  db.prepare('SELECT 1 FROM outbox WHERE entity = ? AND entity_id = ? LIMIT 1').get(entity, id) !== undefined;

/** Applies one pulled change of a caller entity; returns false when it does not match its schema. Runs inside the page's transaction. */
export function applyCallerChange(db: Database, change: Change, nowMs: number): boolean {
  if (change.op === 'delete') {
    if (change.entity === 'contact') touch(db, change.id);
    if (change.entity === 'contact') db.prepare(`DELETE FROM contacts WHERE id = ? AND origin = 'pulled'`).run(change.id);
    if (change.entity === 'call_record') db.prepare(`DELETE FROM call_log WHERE id = ? AND origin = 'pulled'`).run(change.id);
    if (change.entity === 'callback') db.prepare(`DELETE FROM callbacks WHERE id = ? AND origin = 'pulled'`).run(change.id);
    return true;
  }
  if (change.entity === 'contact') {
    const parsed = ContactRecord.safeParse(change.data);
    if (!parsed.success) return false;
    if (!pendingLocally(db, 'contact', change.id)) {
      new ContactRepository(db).applyPulled(parsed.data, nowMs);
      touch(db, change.id);
      touch(db, parsed.data.merged_into);
    }
    return true;
  }
  if (change.entity === 'call_record') {
    const parsed = CallRecord.safeParse(change.data);
    if (!parsed.success) return false;
    const call = parsed.data;
    // Our own calls are written here first; the desk that made a call is its author.
    if (db.prepare(`SELECT 1 FROM call_log WHERE id = ? AND origin = 'local'`).get(call.id)) return true;
    db.prepare(
      `INSERT INTO call_log (id, direction, remote_number, remote_e164, remote_name, queue, started_at, answered_at, ended_at, duration_ms, outcome, transferred_to, wrap_up_code, notes, contact_id, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pulled')
       ON CONFLICT (id) DO UPDATE SET notes = excluded.notes, wrap_up_code = excluded.wrap_up_code, contact_id = excluded.contact_id, outcome = excluded.outcome, ended_at = excluded.ended_at`,
    ).run(
      call.id,
      call.direction,
      call.remote_number,
      call.remote_e164,
      call.remote_name,
      call.queue,
      call.started_at,
      call.answered_at,
      call.ended_at,
      call.duration_ms,
      call.outcome,
      call.transferred_to,
      call.wrap_up_code,
      call.notes,
      call.contact_id,
    );
    db.prepare('DELETE FROM call_tickets WHERE call_id = ?').run(call.id);
    for (const ticketId of call.ticket_ids) db.prepare('INSERT OR IGNORE INTO call_tickets (call_id, ticket_id) VALUES (?, ?)').run(call.id, ticketId);
    touch(db, call.contact_id);
    return true;
  }
  if (change.entity === 'callback') {
    const parsed = CallbackRecord.safeParse(change.data);
    if (!parsed.success) return false;
    const cb = parsed.data;
    db.prepare(
      `INSERT INTO callbacks (id, contact_id, e164, due_at, note, call_id, state, created_at, created_by, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pulled')
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, due_at = excluded.due_at, note = excluded.note`,
    ).run(cb.id, cb.contact_id, cb.e164, cb.due_at, cb.note, cb.call_id, cb.state, cb.created_at, cb.created_by);
    touch(db, cb.contact_id);
    return true;
  }
  return false;
}
