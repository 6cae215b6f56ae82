import { createHash } from 'node:crypto';
import type { Queryable } from '../db/adapter';
import type { ChatAuthor, ChatChannel, ChatStatus, WireAttachment, WireConversation, WireMessage } from './wire';

/** The chats' tables (migration 004): conversations, messages numbered per conversation, attachments. */

export function keyHash(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

interface ConversationRow {
  id: string;
  channel: string;
  queue: string;
  status: string;
  resident_name: string | null;
  resident_contact: string | null;
  resident_key_hash: string | null;
  assigned_to: string | null;
  last_seq: number;
  resident_delivered_seq: number;
  resident_read_seq: number;
  agent_read_seq: number;
  wrap_up_code: string | null;
  rating: number | null;
  ticket_ids: string;
  transfer_note: string | null;
  created_at: number;
  closed_at: number | null;
}

export interface StoredConversation extends WireConversation {
  resident_key_hash: string | null;
  agent_read_seq: number;
}

function toConversation(row: ConversationRow): StoredConversation {
  return {
    id: row.id,
    channel: row.channel as ChatChannel,
    queue: row.queue,
    status: row.status as ChatStatus,
    resident_name: row.resident_name,
    resident_contact: row.resident_contact,
    resident_key_hash: row.resident_key_hash,
    assigned_to: row.assigned_to,
    last_seq: Number(row.last_seq),
    resident_delivered_seq: Number(row.resident_delivered_seq),
    resident_read_seq: Number(row.resident_read_seq),
    agent_read_seq: Number(row.agent_read_seq),
    wrap_up_code: row.wrap_up_code,
    rating: row.rating === null ? null : Number(row.rating),
    ticket_ids: JSON.parse(row.ticket_ids) as string[],
    transfer_note: row.transfer_note,
    created_at: Number(row.created_at),
    closed_at: row.closed_at === null ? null : Number(row.closed_at),
  };
}

/** Without the fields only the backend may see. */
export function publicConversation(c: StoredConversation): WireConversation {
  const { resident_key_hash: _hash, agent_read_seq: _read, ...rest } = c;
  void _hash;
  void _read;
  return rest;
}

export async function findConversation(q: Queryable, id: string): Promise<StoredConversation | null> {
  const [row] = await q.query<ConversationRow & Record<string, unknown>>('SELECT * FROM chat_conversations WHERE id = ?', [id]);
  return row ? toConversation(row) : null;
}

export async function conversationsWhere(q: Queryable, where: string, params: (string | number)[]): Promise<StoredConversation[]> {
  const rows = await q.query<ConversationRow & Record<string, unknown>>(`SELECT * FROM chat_conversations WHERE ${where}`, params);
  return rows.map(toConversation);
}

export async function insertConversation(
  q: Queryable,
  c: { id: string; channel: ChatChannel; queue: string; residentName: string | null; residentContact: string | null; keyHash: string | null; now: number },
): Promise<void> {
  await q.run(
    `INSERT INTO chat_conversations (id, channel, queue, status, resident_name, resident_contact, resident_key_hash, created_at)
     VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?)`,
    [c.id, c.channel, c.queue, c.residentName, c.residentContact, c.keyHash, c.now],
  );
}

export async function updateConversation(q: Queryable, id: string, fields: Record<string, string | number | null>): Promise<void> {
  const keys = Object.keys(fields);
  await q.run(`UPDATE chat_conversations SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE id = ?`, [...keys.map((k) => fields[k] ?? null), id]);
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  author: string;
  author_name: string | null;
  text: string;
  sms_sid: string | null;
  created_at: number;
  a_id: string | null;
  a_name: string | null;
  a_type: string | null;
  a_size: number | null;
}

const MESSAGE_SELECT = `SELECT m.id, m.conversation_id, m.seq, m.author, m.author_name, m.text, m.sms_sid, m.created_at,
  a.id AS a_id, a.name AS a_name, a.type AS a_type, a.size AS a_size
  FROM chat_messages m LEFT JOIN chat_attachments a ON a.id = m.attachment_id`;

function toMessage(row: MessageRow): WireMessage {
  const attachment: WireAttachment | null =
    row.a_id === null ? null : { id: row.a_id, name: row.a_name ?? '', type: row.a_type as WireAttachment['type'], size: Number(row.a_size) };
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    seq: Number(row.seq),
    author: row.author as ChatAuthor,
    author_name: row.author_name,
    text: row.text,
    attachment,
    sms_sent: row.sms_sid !== null,
    created_at: Number(row.created_at),
  };
}

export async function findMessage(q: Queryable, id: string): Promise<WireMessage | null> {
  const [row] = await q.query<MessageRow & Record<string, unknown>>(`${MESSAGE_SELECT} WHERE m.id = ?`, [id]);
  return row ? toMessage(row) : null;
}

export async function messagesAfter(q: Queryable, conversationId: string, after: number, limit = 5000): Promise<WireMessage[]> {
  const rows = await q.query<MessageRow & Record<string, unknown>>(`${MESSAGE_SELECT} WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`, [
    conversationId,
    after,
    limit,
  ]);
  return rows.map(toMessage);
}

export interface NewMessage {
  id: string;
  conversationId: string;
  author: ChatAuthor;
  authorId: string | null;
  authorName: string | null;
  text: string;
  attachmentId?: string | null;
  smsSid?: string | null;
  clientCreatedAt?: number | null;
  now: number;
}

/**
 * Numbers and stores one message; call inside a transaction. Taking the next seq by updating the
 * conversation row locks it until commit, so seqs of one conversation commit in order.
 */
export async function appendMessage(tx: Queryable, m: NewMessage): Promise<number> {
  await tx.run('UPDATE chat_conversations SET last_seq = last_seq + 1 WHERE id = ?', [m.conversationId]);
  const [row] = await tx.query<{ last_seq: number }>('SELECT last_seq FROM chat_conversations WHERE id = ?', [m.conversationId]);
  const seq = Number(row!.last_seq);
  await tx.run(
    `INSERT INTO chat_messages (id, conversation_id, seq, author, author_id, author_name, text, attachment_id, sms_sid, client_created_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [m.id, m.conversationId, seq, m.author, m.authorId, m.authorName, m.text, m.attachmentId ?? null, m.smsSid ?? null, m.clientCreatedAt ?? null, m.now],
  );
  return seq;
}

export async function insertAttachment(
  q: Queryable,
  a: { id: string; conversationId: string; name: string; type: string; size: number; base64: string; now: number },
): Promise<void> {
  await q.run('INSERT INTO chat_attachments (id, conversation_id, name, type, size, data_base64, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    a.id,
    a.conversationId,
    a.name,
    a.type,
    a.size,
    a.base64,
    a.now,
  ]);
}

export async function findAttachment(q: Queryable, id: string): Promise<{ conversation_id: string; name: string; type: string; data_base64: string } | null> {
  const [row] = await q.query<{ conversation_id: string; name: string; type: string; data_base64: string }>(
    'SELECT conversation_id, name, type, data_base64 FROM chat_attachments WHERE id = ?',
    [id],
  );
  return row ?? null;
}

/** The latest state a consultant's desk pushed (agent_state mutations), by the desk's own clock. */
export async function latestAgentState(q: Queryable, userId: string): Promise<string | null> {
  const [row] = await q.query<{ state: string }>('SELECT state FROM agent_states WHERE user_id = ? ORDER BY client_changed_at DESC, received_at DESC LIMIT 1', [userId]);
  return row?.state ?? null;
}

export async function agentChatSettings(q: Queryable, userId: string): Promise<{ skills: string[] | null; maxChats: number | null }> {
  const [row] = await q.query<{ skills: string; max_chats: number }>('SELECT skills, max_chats FROM chat_agents WHERE user_id = ?', [userId]);
  return row ? { skills: JSON.parse(row.skills) as string[], maxChats: Number(row.max_chats) } : { skills: null, maxChats: null };
}
