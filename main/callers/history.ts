import type { Database } from 'better-sqlite3';
import { TicketState, type CallerCard, type TimelineItem } from '../../preload/contract';
import { isOpenStatus } from './contact-repository';

/*
 * The caller's timeline, newest first: calls from the call log (by the caller's numbers and by the
 * contact, each an index seek in started_at order), the caller's tickets (the desk's tickets table),
 * callbacks, and chats, SMS and e-mails (the desk's chat tables). Older history survives only as counts (the retention policy).
 */

export interface Caller {
  /** The contact and those merged into it. */
  contactIds: string[];
  /** E.164 numbers: the contact's, or the unknown caller's one. */
  phones: string[];
  /** E-mail addresses the contact wrote from (lower case), for the e-mail conversations. */
  emails?: string[];
}

type CallItem = Extract<TimelineItem, { kind: 'call' }>;
type TicketItem = Extract<TimelineItem, { kind: 'ticket' }>;
type ConversationItem = Extract<TimelineItem, { kind: 'chat' | 'sms' | 'email' }>;

interface CallHistoryRow {
  id: string;
  started_at: number;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  outcome: CallItem['outcome'];
  duration_ms: number | null;
  wrap_up_code: string | null;
  notes: string;
}

const CALL_COLUMNS = 'id, started_at, direction, remote_number, outcome, duration_ms, wrap_up_code, notes';
/** The hot history queries; their plans are asserted in the tests. */
export const CALLS_BY_NUMBER = `SELECT ${CALL_COLUMNS} FROM call_log WHERE remote_e164 = ? ORDER BY started_at DESC LIMIT ?`;
export const CALLS_BY_CONTACT = `SELECT ${CALL_COLUMNS} FROM call_log WHERE contact_id = ? ORDER BY started_at DESC LIMIT ?`;

/** `exceptCallId`: the call the card is shown for (it rings now: it is not history yet). */
export function callsOf(db: Database, caller: Caller, limit: number, exceptCallId: string | null = null): CallItem[] {
  const byId = new Map<string, CallHistoryRow>();
  const byNumber = db.prepare(CALLS_BY_NUMBER);
  const byContact = db.prepare(CALLS_BY_CONTACT);
  for (const e164 of caller.phones) for (const row of byNumber.all(e164, limit) as CallHistoryRow[]) byId.set(row.id, row);
  for (const id of caller.contactIds) for (const row of byContact.all(id, limit) as CallHistoryRow[]) byId.set(row.id, row);
  if (exceptCallId) byId.delete(exceptCallId);
  const rows = [...byId.values()].sort((a, b) => b.started_at - a.started_at || (a.id < b.id ? 1 : -1)).slice(0, limit);
  const ticketsOf = db.prepare('SELECT ticket_id FROM call_tickets WHERE call_id = ? ORDER BY ticket_id').pluck();
  return rows.map((row) => ({
    kind: 'call',
    id: row.id,
    at: row.started_at,
    direction: row.direction,
    number: row.remote_number,
    outcome: row.outcome,
    durationMs: row.duration_ms,
    wrapUpCode: row.wrap_up_code,
    notes: row.notes,
    ticketIds: ticketsOf.all(row.id) as string[],
  }));
}

/** A ticket as the desk's tickets table has it (tickets made at any desk of this consultant's store). */
interface LocalTicketRow {
  id: string;
  number: string;
  title: string;
  status: string;
  deadline_at: number | null;
  created_at: number;
}

const TICKET_COLUMNS = 'id, number, title, status, deadline_at, created_at';
/** Hot queries of the caller's tickets; each a seek on an index of migration 009 (plans asserted in the tests). */
export const TICKETS_BY_CONTACT = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE contact_id = ? ORDER BY created_at DESC LIMIT 50`;
export const TICKETS_BY_CALL = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE call_id = ?`;
const TICKET_BY_ID = `SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ?`;

/**
 * The caller's tickets with status and due date: those in the desk's tickets table made for the
 * contact or during one of the caller's calls, and those linked to the caller's calls (from
 * another desk: known by id, their status from the replicated `ticket_status` records).
 */
export function ticketsForCaller(db: Database, caller: Caller, calls: readonly CallItem[]): TicketItem[] {
  const byId = new Map<string, TicketItem>();
  const local = (row: LocalTicketRow): void => {
    const status = (TicketState.safeParse(row.status).data ?? 'unknown') as TicketItem['status'];
    byId.set(row.id, { kind: 'ticket', id: row.id, at: row.created_at, number: row.number, title: row.title, status, open: isOpenStatus(status), dueAt: row.deadline_at });
  };
  const byContact = db.prepare(TICKETS_BY_CONTACT);
  const byCall = db.prepare(TICKETS_BY_CALL);
  const byTicketId = db.prepare(TICKET_BY_ID);
  for (const id of caller.contactIds) for (const row of byContact.all(id) as LocalTicketRow[]) local(row);
  for (const call of calls) for (const row of byCall.all(call.id) as LocalTicketRow[]) local(row);

  const linked = new Map<string, number>();
  for (const call of calls) for (const ticketId of call.ticketIds) linked.set(ticketId, Math.min(linked.get(ticketId) ?? call.at, call.at));
  const statusOf = db.prepare(`SELECT data FROM replica_records WHERE entity = 'ticket_status' AND id = ?`).pluck();
  for (const [id, at] of linked) {
    if (byId.has(id)) continue;
    const row = byTicketId.get(id) as LocalTicketRow | undefined;
    if (row) {
      local(row);
      continue;
    }
    const data = statusOf.get(id) as string | undefined;
    const parsed = data ? TicketState.safeParse((JSON.parse(data) as { status?: unknown }).status) : null;
    const status = parsed?.success ? parsed.data : 'unknown';
    byId.set(id, { kind: 'ticket', id, at, number: null, title: null, status, open: isOpenStatus(status), dueAt: null });
  }
  return [...byId.values()];
}

interface ConversationRow {
  id: string;
  channel: 'web' | 'sms' | 'messenger' | 'email';
  status: 'waiting' | 'active' | 'closed';
  resident_name: string | null;
  created_at: number;
}

/** The caller's conversations by the number or e-mail the resident wrote from (index of migration 014). */
export const CONVERSATIONS_BY_CONTACT = `SELECT id, channel, status, resident_name, created_at FROM chat_conversations WHERE resident_contact = ? ORDER BY created_at DESC LIMIT 50`;
const KIND_OF_CHANNEL: Record<ConversationRow['channel'], ConversationItem['kind']> = { web: 'chat', messenger: 'chat', sms: 'sms', email: 'email' };

/**
 * The caller's chats, SMS and e-mails from the desk's chat tables: those written from one of the
 * caller's numbers (SMS) or e-mail addresses, and those a ticket of the caller was made from.
 */
export function conversationsForCaller(db: Database, caller: Caller, tickets: readonly TicketItem[]): ConversationItem[] {
  const rows = new Map<string, ConversationRow>();
  const byContact = db.prepare(CONVERSATIONS_BY_CONTACT);
  for (const address of [...caller.phones, ...(caller.emails ?? [])]) for (const row of byContact.all(address) as ConversationRow[]) rows.set(row.id, row);
  const chatOfTicket = db.prepare('SELECT chat_id FROM tickets WHERE id = ? AND chat_id IS NOT NULL').pluck();
  const conversation = db.prepare('SELECT id, channel, status, resident_name, created_at FROM chat_conversations WHERE id = ?');
  for (const ticket of tickets) {
    const chatId = chatOfTicket.get(ticket.id) as string | undefined;
    const row = chatId && !rows.has(chatId) ? (conversation.get(chatId) as ConversationRow | undefined) : undefined;
    if (row) rows.set(row.id, row);
  }
  // The resident's first words say what it was about; the consultant's answers follow.
  const firstWords = db.prepare(`SELECT text FROM chat_messages WHERE conversation_id = ? AND author = 'resident' ORDER BY seq LIMIT 1`).pluck();
  return [...rows.values()].map((row) => {
    const text = ((firstWords.get(row.id) as string | undefined) ?? '').replace(/\s+/g, ' ').trim();
    const summary = [row.resident_name, text].filter(Boolean).join(': ');
    return { kind: KIND_OF_CHANNEL[row.channel], id: row.id, at: row.created_at, summary: summary.length > 500 ? `${summary.slice(0, 499)}…` : summary, open: row.status !== 'closed' };
  });
}

function callbacksOf(db: Database, caller: Caller): TimelineItem[] {
  const byId = new Map<string, { id: string; created_at: number; due_at: number; e164: string; note: string; state: 'scheduled' | 'done' | 'cancelled' }>();
  type Row = typeof byId extends Map<string, infer R> ? R : never;
  for (const e164 of caller.phones) for (const row of db.prepare('SELECT * FROM callbacks WHERE e164 = ? ORDER BY due_at DESC LIMIT 50').all(e164) as Row[]) byId.set(row.id, row);
  for (const id of caller.contactIds) for (const row of db.prepare('SELECT * FROM callbacks WHERE contact_id = ? ORDER BY due_at DESC LIMIT 50').all(id) as Row[]) byId.set(row.id, row);
  return [...byId.values()].map((row) => ({ kind: 'callback', id: row.id, at: row.created_at, dueAt: row.due_at, number: row.e164, note: row.note, state: row.state }));
}

function olderCounts(db: Database, caller: Caller): CallerCard['olderCounts'] {
  const subjects = [...caller.contactIds, ...caller.phones.map((e164) => `tel:${e164}`)];
  if (subjects.length === 0) return { calls: 0, since: null, until: null };
  const row = db
    .prepare(`SELECT coalesce(sum(calls), 0) AS calls, min(month) AS since, max(month) AS until FROM call_counts WHERE subject IN (${subjects.map(() => '?').join(', ')})`)
    .get(...subjects) as { calls: number; since: string | null; until: string | null };
  const monthStart = (month: string | null): number | null => (month === null ? null : Date.parse(`${month}-01T00:00:00Z`));
  return { calls: row.calls, since: monthStart(row.since), until: monthStart(row.until) };
}

export function historyOf(db: Database, caller: Caller, limit: number, exceptCallId: string | null = null): Omit<CallerCard, 'contact' | 'e164'> {
  const calls = callsOf(db, caller, limit, exceptCallId);
  const tickets = ticketsForCaller(db, caller, calls);
  const items: TimelineItem[] = [...calls, ...tickets, ...callbacksOf(db, caller), ...conversationsForCaller(db, caller, tickets)];
  items.sort((a, b) => b.at - a.at);
  return {
    timeline: items.slice(0, limit),
    olderCounts: olderCounts(db, caller),
    openTickets: tickets.filter((t) => t.open).length,
    more: calls.length >= limit || items.length > limit,
  };
}
