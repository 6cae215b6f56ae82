import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChatRepository } from '../../../../main/chats/chat-repository';
import { databaseAt, isStrict, queryPlan } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

const conversation = {
  id: 'c1', channel: 'web' as const, queue: 'general', status: 'active' as const, resident_name: 'Zofia', resident_contact: null, assigned_to: 'u1',
  last_seq: 0, resident_delivered_seq: 0, resident_read_seq: 0, wrap_up_code: null, rating: null, ticket_ids: [], transfer_note: null, created_at: 1, closed_at: null,
};
const message = (seq: number, id = `m${seq}`) => ({
  id, conversation_id: 'c1', seq, author: 'resident' as const, author_name: 'Zofia', text: `tekst ${seq}`, attachment: null, sms_sent: false, created_at: seq,
});

describe('migration 010: chats', () => {
  it('adds STRICT conversation and message tables that refuse what is not a chat', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 10);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    for (const table of ['chat_conversations', 'chat_messages']) expect(isStrict(db, table), table).toBe(true);
    const insert = db.prepare(`INSERT INTO chat_conversations (id, channel, queue, status, created_at, updated_at) VALUES (?, ?, 'general', ?, 1, 1)`);
    expect(() => insert.run('x', 'fax', 'active')).toThrow(/CHECK/);
    expect(() => insert.run('x', 'web', 'lost')).toThrow(/CHECK/);
    insert.run('x', 'web', 'active');
    const msg = db.prepare(`INSERT INTO chat_messages (id, conversation_id, seq, author, text, created_at) VALUES (?, 'x', ?, 'resident', 't', 1)`);
    msg.run('a', 1);
    expect(() => msg.run('b', 1)).toThrow(/UNIQUE/); // one message per seq in a conversation
    msg.run('p1', null); // several still unnumbered (in the outbox) are fine
    msg.run('p2', null);
    db.close();
  });

  it('stores a pane, gives our pending message its seq when it comes back, counts unread, and never doubles', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'));
    const repo = new ChatRepository(db);
    repo.upsertConversation(conversation, 1);
    repo.upsertMessages([message(1), message(2)]);
    repo.insertPending({ id: 'mine', conversationId: 'c1', authorName: 'Anna', text: 'odpowiedź', now: 5 });
    expect(repo.messages('c1').map((m) => [m.id, m.seq])).toEqual([['m1', 1], ['m2', 2], ['mine', null]]);
    expect(repo.conversation('c1')!.unread).toBe(2);
    repo.setAgentRead('c1', 2, 6);
    expect(repo.conversation('c1')!.unread).toBe(0);
    const changed = repo.upsertMessages([{ ...message(3, 'mine'), author: 'agent', text: 'odpowiedź' }, message(2)]);
    expect(changed.map((m) => m.id)).toEqual(['mine']); // m2 again changes nothing
    expect(repo.messages('c1').map((m) => [m.id, m.seq])).toEqual([['m1', 1], ['m2', 2], ['mine', 3]]);
    expect(repo.lastSeq('c1')).toBe(3);
    db.close();
  });

  it('opens a pane and finds its last seq through the index', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'));
    expect(queryPlan(db, 'SELECT * FROM chat_messages WHERE conversation_id = ? ORDER BY seq IS NULL, seq, created_at', 'c1').join('\n')).toMatch(/USING INDEX chat_messages_by_conversation/);
    expect(queryPlan(db, 'SELECT max(seq) FROM chat_messages WHERE conversation_id = ?', 'c1').join('\n')).toMatch(/USING (COVERING )?INDEX chat_messages_by_conversation/);
    expect(queryPlan(db, 'SELECT * FROM chat_conversations WHERE dismissed = 0 ORDER BY created_at').join('\n')).toMatch(/chat_conversations_open/);
    db.close();
  });
});
