import type { Database, Statement } from 'better-sqlite3';
import type { WireConversation, WireMessage } from '../../backend/chats/wire';
import type { ChatConversation, ChatMessage } from '../../preload/contract';

interface ConversationRow {
  id: string;
  channel: ChatConversation['channel'];
  queue: string;
  status: ChatConversation['status'];
  resident_name: string | null;
  resident_contact: string | null;
  last_seq: number;
  resident_delivered_seq: number;
  resident_read_seq: number;
  agent_read_seq: number;
  wrap_up_code: string | null;
  rating: number | null;
  ticket_ids: string;
  transfer_note: string | null;
  released: number;
  created_at: number;
  closed_at: number | null;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number | null;
  author: ChatMessage['author'];
  author_name: string | null;
  text: string;
  attachment: string | null;
  sms_sent: number;
  created_at: number;
}

function toMessage(row: MessageRow): ChatMessage {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    seq: row.seq,
    author: row.author,
    authorName: row.author_name,
    text: row.text,
    attachment: row.attachment ? (JSON.parse(row.attachment) as ChatMessage['attachment']) : null,
    smsSent: row.sms_sent === 1,
    createdAt: row.created_at,
  };
}

/** The desk's copy of its conversations and their messages (migration 010). */
export class ChatRepository {
  private readonly selectConversation: Statement;
  private readonly selectOpen: Statement;
  private readonly upsertConversationStatement: Statement;
  private readonly upsertMessageStatement: Statement;
  private readonly selectMessages: Statement;
  private readonly selectMessage: Statement;
  private readonly countUnread: Statement;
  private readonly maxSeq: Statement;

  constructor(private readonly db: Database) {
    this.selectConversation = db.prepare('SELECT * FROM chat_conversations WHERE id = ?');
    this.selectOpen = db.prepare('SELECT * FROM chat_conversations WHERE dismissed = 0 ORDER BY created_at');
    this.upsertConversationStatement = db.prepare(
      `INSERT INTO chat_conversations (id, channel, queue, status, resident_name, resident_contact, last_seq, resident_delivered_seq, resident_read_seq,
         wrap_up_code, rating, ticket_ids, transfer_note, released, dismissed, created_at, closed_at, updated_at)
       VALUES (@id, @channel, @queue, @status, @resident_name, @resident_contact, @last_seq, @resident_delivered_seq, @resident_read_seq,
         @wrap_up_code, @rating, @ticket_ids, @transfer_note, 0, 0, @created_at, @closed_at, @now)
       ON CONFLICT (id) DO UPDATE SET channel = excluded.channel, queue = excluded.queue, status = excluded.status,
         resident_name = excluded.resident_name, resident_contact = excluded.resident_contact,
         last_seq = max(chat_conversations.last_seq, excluded.last_seq),
         resident_delivered_seq = max(chat_conversations.resident_delivered_seq, excluded.resident_delivered_seq),
         resident_read_seq = max(chat_conversations.resident_read_seq, excluded.resident_read_seq),
         wrap_up_code = excluded.wrap_up_code, rating = excluded.rating, ticket_ids = excluded.ticket_ids,
         transfer_note = excluded.transfer_note, closed_at = excluded.closed_at, released = 0,
         dismissed = CASE WHEN excluded.status = 'active' THEN 0 ELSE chat_conversations.dismissed END, updated_at = excluded.updated_at`,
    );
    // A message the desk wrote comes back numbered: same id, now with its seq.
    this.upsertMessageStatement = db.prepare(
      `INSERT INTO chat_messages (id, conversation_id, seq, author, author_name, text, attachment, sms_sent, created_at)
       VALUES (@id, @conversation_id, @seq, @author, @author_name, @text, @attachment, @sms_sent, @created_at)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, sms_sent = excluded.sms_sent, attachment = excluded.attachment`,
    );
    // Hot: opening a pane. Served by chat_messages_by_conversation.
    this.selectMessages = db.prepare('SELECT * FROM chat_messages WHERE conversation_id = ? ORDER BY seq IS NULL, seq, created_at');
    this.selectMessage = db.prepare('SELECT * FROM chat_messages WHERE id = ?');
    this.countUnread = db.prepare("SELECT count(*) FROM chat_messages WHERE conversation_id = ? AND seq > ? AND author = 'resident'").pluck();
    this.maxSeq = db.prepare('SELECT max(seq) FROM chat_messages WHERE conversation_id = ?').pluck();
  }

  private toConversation(row: ConversationRow): ChatConversation {
    return {
      id: row.id,
      channel: row.channel,
      queue: row.queue,
      status: row.status,
      residentName: row.resident_name,
      residentContact: row.resident_contact,
      lastSeq: row.last_seq,
      residentDeliveredSeq: row.resident_delivered_seq,
      residentReadSeq: row.resident_read_seq,
      agentReadSeq: row.agent_read_seq,
      unread: this.countUnread.get(row.id, row.agent_read_seq) as number,
      wrapUpCode: row.wrap_up_code,
      rating: row.rating,
      ticketIds: JSON.parse(row.ticket_ids) as string[],
      transferNote: row.transfer_note,
      released: row.released === 1,
      createdAt: row.created_at,
      closedAt: row.closed_at,
    };
  }

  conversation(id: string): ChatConversation | null {
    const row = this.selectConversation.get(id) as ConversationRow | undefined;
    return row ? this.toConversation(row) : null;
  }

  openConversations(): ChatConversation[] {
    return (this.selectOpen.all() as ConversationRow[]).map((row) => this.toConversation(row));
  }

  /** Ids of the panes this desk holds as its own (not ended, not transferred away). */
  activeIds(): string[] {
    return (this.db.prepare("SELECT id FROM chat_conversations WHERE status = 'active' AND released = 0").pluck().all() as string[]);
  }

  upsertConversation(c: WireConversation, now: number): ChatConversation {
    this.upsertConversationStatement.run({
      id: c.id,
      channel: c.channel,
      queue: c.queue,
      status: c.status,
      resident_name: c.resident_name,
      resident_contact: c.resident_contact,
      last_seq: c.last_seq,
      resident_delivered_seq: c.resident_delivered_seq,
      resident_read_seq: c.resident_read_seq,
      wrap_up_code: c.wrap_up_code,
      rating: c.rating,
      ticket_ids: JSON.stringify(c.ticket_ids),
      transfer_note: c.transfer_note,
      created_at: c.created_at,
      closed_at: c.closed_at,
      now,
    });
    return this.conversation(c.id)!;
  }

  setReceipts(id: string, delivered: number, read: number, now: number): void {
    this.db
      .prepare('UPDATE chat_conversations SET resident_delivered_seq = max(resident_delivered_seq, ?), resident_read_seq = max(resident_read_seq, ?), updated_at = ? WHERE id = ?')
      .run(delivered, read, now, id);
  }

  setAgentRead(id: string, seq: number, now: number): void {
    this.db.prepare('UPDATE chat_conversations SET agent_read_seq = max(agent_read_seq, ?), updated_at = ? WHERE id = ?').run(seq, now, id);
  }

  release(id: string, now: number): void {
    this.db.prepare('UPDATE chat_conversations SET released = 1, updated_at = ? WHERE id = ?').run(now, id);
  }

  dismiss(id: string, now: number): boolean {
    return this.db.prepare('UPDATE chat_conversations SET dismissed = 1, updated_at = ? WHERE id = ?').run(now, id).changes > 0;
  }

  /** Stores numbered messages (new, or ours coming back with their seq); returns those that changed anything. */
  upsertMessages(messages: readonly WireMessage[]): ChatMessage[] {
    const changed: ChatMessage[] = [];
    this.db.transaction(() => {
      for (const m of messages) {
        if (!this.selectConversation.get(m.conversation_id)) continue;
        const before = this.selectMessage.get(m.id) as MessageRow | undefined;
        if (before && before.seq === m.seq && before.sms_sent === Number(m.sms_sent)) continue;
        this.upsertMessageStatement.run({
          id: m.id,
          conversation_id: m.conversation_id,
          seq: m.seq,
          author: m.author,
          author_name: m.author_name,
          text: m.text,
          attachment: m.attachment ? JSON.stringify(m.attachment) : null,
          sms_sent: m.sms_sent ? 1 : 0,
          created_at: before?.created_at ?? m.created_at,
        });
        this.db.prepare('UPDATE chat_conversations SET last_seq = max(last_seq, ?) WHERE id = ?').run(m.seq, m.conversation_id);
        changed.push(toMessage(this.selectMessage.get(m.id) as MessageRow));
      }
    })();
    return changed;
  }

  /** A message the consultant wrote, not yet numbered: call inside the transaction that queues it. */
  insertPending(m: { id: string; conversationId: string; authorName: string | null; text: string; attachment?: ChatMessage['attachment']; now: number }): ChatMessage {
    this.upsertMessageStatement.run({
      id: m.id,
      conversation_id: m.conversationId,
      seq: null,
      author: 'agent',
      author_name: m.authorName,
      text: m.text,
      attachment: m.attachment ? JSON.stringify(m.attachment) : null,
      sms_sent: 0,
      created_at: m.now,
    });
    return toMessage(this.selectMessage.get(m.id) as MessageRow);
  }

  messages(conversationId: string): ChatMessage[] {
    return (this.selectMessages.all(conversationId) as MessageRow[]).map(toMessage);
  }

  lastSeq(conversationId: string): number {
    return (this.maxSeq.get(conversationId) as number | null) ?? 0;
  }

  /** Messages of the conversation still waiting in the outbox. */
  unsentCount(conversationId: string): number {
    return this.db
      .prepare("SELECT count(*) FROM outbox WHERE entity = 'chat_message' AND entity_id IN (SELECT id FROM chat_messages WHERE conversation_id = ? AND seq IS NULL)")
      .pluck()
      .get(conversationId) as number;
  }

  /** An answer sent by SMS or e-mail outside a chat: call inside the transaction that queues it. */
  insertOutgoing(m: { id: string; channel: 'sms' | 'email'; recipient: string; subject: string | null; text: string; kbArticleId: string | null; userId: string | null; now: number }): void {
    this.db
      .prepare('INSERT INTO outgoing_messages (id, channel, recipient, subject, text, kb_article_id, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(m.id, m.channel, m.recipient, m.subject, m.text, m.kbArticleId, m.userId, m.now);
  }
}
