import type { Queryable } from '../db/adapter';
import type { ApplyContext } from '../sync/apply';
import { Rejection } from '../sync/apply';
import { publish } from '../sync/feed';
import type { CallLogCreatePayload } from '../contract';
import type {
  CallLogUpdatePayload,
  CallRecord,
  CallbackCreatePayload,
  CallbackRecord,
  CallbackUpdatePayload,
  ContactCreatePayload,
  ContactNoteCreatePayload,
  ContactRecord,
  ContactUpdatePayload,
} from './contract';

/*
 * The server side of contacts, callbacks and call-log changes. Each applied change republishes the
 * whole record in the change feed, so every desk's caller card converges on the same contact.
 */

type ContactDocument = Omit<ContactRecord, 'notes'>;

async function loadContact(tx: Queryable, id: string): Promise<ContactDocument | null> {
  const [row] = await tx.query<{ data: string }>('SELECT data FROM contacts WHERE id = ?', [id]);
  return row ? (JSON.parse(row.data) as ContactDocument) : null;
}

async function publishContact(tx: Queryable, contact: ContactDocument, now: number): Promise<void> {
  const notes = await tx.query<{ id: string; text: string; author_name: string; created_at: number }>(
    'SELECT id, text, author_name, created_at FROM contact_notes WHERE contact_id = ? ORDER BY created_at, id',
    [contact.id],
  );
  const record: ContactRecord = { ...contact, notes: notes.slice(-500).map((n) => ({ id: n.id, text: n.text, author: n.author_name, created_at: Number(n.created_at) })) };
  await publish(tx, 'contact', contact.id, record, now);
}

async function savePhones(tx: Queryable, contact: ContactDocument): Promise<void> {
  await tx.run('DELETE FROM contact_phones WHERE contact_id = ?', [contact.id]);
  for (const e164 of new Set(contact.phones.map((p) => p.e164))) await tx.run('INSERT INTO contact_phones (e164, contact_id) VALUES (?, ?)', [e164, contact.id]);
}

export async function createContact({ tx, mutation, user, now }: ApplyContext, payload: ContactCreatePayload): Promise<void> {
  if (await loadContact(tx, mutation.entity_id)) throw new Rejection('already_exists', 'A contact with this id already exists');
  const { created_at, ...fields } = payload;
  const contact: ContactDocument = { id: mutation.entity_id, ...fields, merged_into: null, created_at, updated_at: now };
  await tx.run('INSERT INTO contacts (id, data, merged_into, created_by, client_created_at, created_at, updated_at) VALUES (?, ?, NULL, ?, ?, ?, ?)', [
    contact.id,
    JSON.stringify(contact),
    user.id,
    created_at,
    now,
    now,
  ]);
  await savePhones(tx, contact);
  await publishContact(tx, contact, now);
}

export async function changeContact({ tx, mutation, now }: ApplyContext, payload: ContactUpdatePayload): Promise<void> {
  const contact = await loadContact(tx, mutation.entity_id);
  if (!contact) throw new Rejection('not_found', 'No such contact');
  const { updated_at: claimedAt, ...change } = payload;
  void claimedAt; // the desk's clock; the server stamps updated_at itself
  if (change.merged_into && !(await loadContact(tx, change.merged_into))) throw new Rejection('not_found', 'No contact to merge into');
  const next: ContactDocument = { ...contact, ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)), updated_at: now };
  await tx.run('UPDATE contacts SET data = ?, merged_into = ?, updated_at = ? WHERE id = ?', [JSON.stringify(next), next.merged_into, now, next.id]);
  if (change.phones) await savePhones(tx, next);
  await publishContact(tx, next, now);
}

export async function createContactNote({ tx, mutation, user, now }: ApplyContext, payload: ContactNoteCreatePayload): Promise<void> {
  const contact = await loadContact(tx, payload.contact_id);
  if (!contact) throw new Rejection('not_found', 'No such contact');
  if ((await tx.query('SELECT 1 FROM contact_notes WHERE id = ?', [mutation.entity_id])).length > 0) throw new Rejection('already_exists', 'A note with this id already exists');
  await tx.run('INSERT INTO contact_notes (id, contact_id, text, author_id, author_name, client_created_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    mutation.entity_id,
    payload.contact_id,
    payload.text,
    user.id,
    user.name,
    payload.created_at,
    now,
  ]);
  await publishContact(tx, contact, now);
}

export async function createCallback({ tx, mutation, user, now }: ApplyContext, payload: CallbackCreatePayload): Promise<void> {
  if ((await tx.query('SELECT 1 FROM callbacks WHERE id = ?', [mutation.entity_id])).length > 0) throw new Rejection('already_exists', 'A callback with this id already exists');
  await tx.run(
    `INSERT INTO callbacks (id, contact_id, e164, due_at, note, call_id, state, created_by, client_created_at, created_at) VALUES (?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?)`,
    [mutation.entity_id, payload.contact_id, payload.e164, payload.due_at, payload.note, payload.call_id, user.id, payload.created_at, now],
  );
  const record: CallbackRecord = { id: mutation.entity_id, ...payload, state: 'scheduled', created_by: user.name };
  await publish(tx, 'callback', record.id, record, now);
}

/** Done or cancelled: the state changes and the callback is published again for every desk. */
export async function changeCallback({ tx, mutation, now }: ApplyContext, payload: CallbackUpdatePayload): Promise<void> {
  const [row] = await tx.query<{ id: string; contact_id: string | null; e164: string; due_at: number; note: string; call_id: string | null; created_by: string | null; created_at: number; client_created_at: number | null }>(
    'SELECT id, contact_id, e164, due_at, note, call_id, created_by, created_at, client_created_at FROM callbacks WHERE id = ?',
    [mutation.entity_id],
  );
  if (!row) throw new Rejection('not_found', 'No such callback');
  await tx.run('UPDATE callbacks SET state = ? WHERE id = ?', [payload.state, row.id]);
  const [author] = row.created_by ? await tx.query<{ name: string }>('SELECT name FROM users WHERE id = ?', [row.created_by]) : [];
  const record: CallbackRecord = {
    id: row.id,
    contact_id: row.contact_id,
    e164: row.e164,
    due_at: Number(row.due_at),
    note: row.note,
    call_id: row.call_id,
    state: payload.state,
    created_by: author?.name ?? '',
    created_at: Number(row.client_created_at ?? row.created_at),
  };
  await publish(tx, 'callback', record.id, record, now);
}

interface CallLogRow {
  [key: string]: unknown;
  id: string;
  direction: 'inbound' | 'outbound';
  remote_number: string | null;
  remote_e164: string | null;
  remote_name: string | null;
  queue: string | null;
  outcome: CallRecord['outcome'];
  ticket_id: string | null;
  ticket_ids: string | null;
  notes: string | null;
  client_started_at: number;
  client_answered_at: number | null;
  client_ended_at: number | null;
  duration_ms: number | null;
  transferred_to: string | null;
  wrap_up_code: string | null;
  contact_id: string | null;
}

function callRecord(row: CallLogRow): CallRecord {
  const ticketIds = row.ticket_ids ? (JSON.parse(row.ticket_ids) as string[]) : row.ticket_id ? [row.ticket_id] : [];
  const time = (value: number | null): number | null => (value === null ? null : Number(value));
  return {
    id: row.id,
    direction: row.direction,
    remote_number: row.remote_number ?? '',
    remote_e164: row.remote_e164,
    remote_name: row.remote_name,
    queue: row.queue,
    outcome: row.outcome,
    started_at: Number(row.client_started_at),
    answered_at: time(row.client_answered_at),
    ended_at: time(row.client_ended_at),
    duration_ms: time(row.duration_ms),
    transferred_to: row.transferred_to,
    wrap_up_code: row.wrap_up_code,
    notes: row.notes ?? '',
    ticket_ids: ticketIds,
    contact_id: row.contact_id,
  };
}

/** After the call log's insert (backend/sync/apply.ts): stores the later fields and publishes the call. */
export async function completeCallLog(tx: Queryable, id: string, payload: CallLogCreatePayload, now: number): Promise<void> {
  await tx.run(
    'UPDATE call_logs SET remote_e164 = ?, remote_name = ?, duration_ms = ?, transferred_to = ?, wrap_up_code = ?, ticket_ids = ?, contact_id = ?, updated_at = ? WHERE id = ?',
    [
      payload.remote_e164 ?? null,
      payload.remote_name ?? null,
      payload.duration_ms ?? null,
      payload.transferred_to ?? null,
      payload.wrap_up_code ?? null,
      JSON.stringify(payload.ticket_ids ?? (payload.ticket_id ? [payload.ticket_id] : [])),
      payload.contact_id ?? null,
      now,
      id,
    ],
  );
  await publishCall(tx, id, now);
}

async function publishCall(tx: Queryable, id: string, now: number): Promise<void> {
  const [row] = await tx.query<CallLogRow>('SELECT * FROM call_logs WHERE id = ?', [id]);
  if (row) await publish(tx, 'call_record', id, callRecord(row), now);
}

export async function changeCallLog({ tx, mutation, now }: ApplyContext, payload: CallLogUpdatePayload): Promise<void> {
  const [row] = await tx.query<CallLogRow>('SELECT * FROM call_logs WHERE id = ?', [mutation.entity_id]);
  if (!row) throw new Rejection('not_found', 'No such call log');
  await tx.run('UPDATE call_logs SET notes = ?, wrap_up_code = ?, ticket_ids = ?, contact_id = ?, updated_at = ? WHERE id = ?', [
    payload.notes ?? row.notes,
    payload.wrap_up_code === undefined ? row.wrap_up_code : payload.wrap_up_code,
    payload.ticket_ids ? JSON.stringify(payload.ticket_ids) : row.ticket_ids,
    payload.contact_id === undefined ? row.contact_id : payload.contact_id,
    now,
    mutation.entity_id,
  ]);
  await publishCall(tx, mutation.entity_id, now);
}
