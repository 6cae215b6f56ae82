import { uuidv7 } from '../common/ids';
import { isoWithOffset } from '../common/time';
import type { Queryable, SqlValue } from '../db/adapter';
import type { TicketCreatePayload, TicketStatus, TicketStatusValue, TicketUpdatePayload } from '../contract';
import { publish } from '../sync/feed';

/*
 * Tickets (zgłoszenia): made by desks through push or by residents' apps through Open311, both the
 * same rows. Each change of status or resolution note is a ticket_updates row (Open311's
 * servicerequestupdates) and a new ticket_status in the change feed.
 */

export interface TicketRow {
  [key: string]: unknown;
  id: string;
  title: string;
  description: string;
  service_code: string | null;
  unit_id: string | null;
  priority: string;
  channel: string;
  status: TicketStatusValue;
  status_note: string | null;
  address: string | null;
  district: string | null;
  lat: number | null;
  lon: number | null;
  attributes: string | null;
  media_url: string | null;
  client_ref: string | null;
  created_by: string | null;
  client_created_at: number | null;
  kind: TicketStatus['kind'];
  deadline_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface NewTicket extends Omit<TicketCreatePayload, 'created_at' | 'attributes'> {
  id: string;
  attributes?: Record<string, string | string[]> | undefined;
  media_url?: string | undefined;
  client_ref?: string | undefined;
  client_created_at?: number | undefined;
  created_by?: string | undefined;
}

export async function findTicket(db: Queryable, id: string): Promise<TicketRow | null> {
  const [row] = await db.query<TicketRow>('SELECT * FROM tickets WHERE id = ?', [id]);
  return row ?? null;
}

/** The published status with the summary line the desks' team lists show (the author's team now). */
async function statusRecord(tx: Queryable, ticket: TicketRow, now: number, timeZone?: string): Promise<TicketStatus> {
  const [author] = ticket.created_by ? await tx.query<{ team: string | null }>('SELECT team FROM users WHERE id = ?', [ticket.created_by]) : [];
  return {
    ticket_id: ticket.id,
    status: ticket.status,
    status_note: ticket.status_note,
    service_code: ticket.service_code,
    unit_id: ticket.unit_id,
    updated_at: isoWithOffset(now, timeZone),
    team: author?.team ?? null,
    kind: ticket.kind ?? null,
    title: ticket.title,
    address: ticket.address,
    district: ticket.district,
    deadline_at: ticket.deadline_at,
    reported_at: ticket.client_created_at ?? ticket.created_at,
  };
}

/** Inserts the ticket and publishes its status. Call inside a transaction. */
export async function insertTicket(tx: Queryable, ticket: NewTicket, now = Date.now()): Promise<void> {
  await tx.run(
    `INSERT INTO tickets (id, title, description, service_code, unit_id, priority, channel, status, status_note, address, district, lat, lon,
       caller_name, caller_phone, caller_email, attributes, media_url, client_ref, created_by, client_created_at, created_at, updated_at,
       kind, street_id, building, location_note, answer, kb_article_id, contact_ref, call_ref, chat_ref, deadline_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      ticket.id,
      ticket.title,
      ticket.description,
      ticket.service_code ?? null,
      ticket.unit_id ?? null,
      ticket.priority,
      ticket.channel,
      ticket.address ?? null,
      ticket.district ?? null,
      ticket.lat ?? null,
      ticket.long ?? null,
      ticket.caller?.name ?? null,
      ticket.caller?.phone ?? null,
      ticket.caller?.email ?? null,
      ticket.attributes ? JSON.stringify(ticket.attributes) : null,
      ticket.media_url ?? null,
      ticket.client_ref ?? null,
      ticket.created_by ?? null,
      ticket.client_created_at ?? null,
      now,
      now,
      ticket.kind ?? null,
      ticket.street_id ?? null,
      ticket.building ?? null,
      ticket.location_note ?? null,
      ticket.answer ?? null,
      ticket.kb_article_id ?? null,
      ticket.contact_id ?? null,
      ticket.call_id ?? null,
      ticket.chat_id ?? null,
      ticket.deadline_at ?? null,
    ],
  );
  await publish(tx, 'ticket_status', ticket.id, await statusRecord(tx, (await findTicket(tx, ticket.id))!, now), now);
}

const UPDATABLE: Record<string, string> = {
  title: 'title',
  description: 'description',
  service_code: 'service_code',
  unit_id: 'unit_id',
  priority: 'priority',
  address: 'address',
  district: 'district',
  lat: 'lat',
  long: 'lon',
  status: 'status',
  status_note: 'status_note',
};

/**
 * Applies a partial change. A change of status or note also writes a ticket update and republishes
 * the status. Returns false when the ticket does not exist.
 */
export async function updateTicket(tx: Queryable, id: string, change: Omit<TicketUpdatePayload, 'updated_at'>, authorId: string | null, now = Date.now()): Promise<boolean> {
  const before = await findTicket(tx, id);
  if (!before) return false;
  const sets: string[] = [];
  const values: SqlValue[] = [];
  for (const [key, value] of Object.entries(change)) {
    const column = UPDATABLE[key];
    if (!column || value === undefined) continue;
    sets.push(`${column} = ?`);
    values.push(value as SqlValue);
  }
  await tx.run(`UPDATE tickets SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`, [...values, now, id]);
  const after = (await findTicket(tx, id))!;
  const statusChanged = after.status !== before.status || after.status_note !== before.status_note;
  if (statusChanged) {
    await tx.run('INSERT INTO ticket_updates (update_id, ticket_id, status, description, author_id, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
      uuidv7(now),
      id,
      after.status,
      after.status_note,
      authorId,
      now,
    ]);
  }
  if (statusChanged || (['service_code', 'unit_id', 'title', 'address', 'district'] as const).some((key) => after[key] !== before[key])) {
    await publish(tx, 'ticket_status', id, await statusRecord(tx, after, now), now);
  }
  return true;
}
