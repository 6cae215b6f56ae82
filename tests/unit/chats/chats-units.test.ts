import { describe, expect, it } from 'vitest';
import type { ChatConversation, ChatMessage } from '../../../preload/contract';
import { chatMethods } from '../../../preload/contract';
import { reconnectDelayMs } from '../../../main/chats/chat-service';
import { mergeSorted, messageMark } from '../../../renderer/features/chats/chat-order';

const msg = (id: string, seq: number | null, createdAt = 0, author: ChatMessage['author'] = 'agent'): ChatMessage => ({
  id, conversationId: 'c', seq, author, authorName: null, text: id, attachment: null, smsSent: false, createdAt,
});

describe('chat units', () => {
  it('merges messages by id in seq order, pending last, without doubles', () => {
    const base = [msg('a', 1), msg('b', 2), msg('p', null, 10)];
    expect(mergeSorted(base, [msg('c', 3)]).map((m) => m.id)).toEqual(['a', 'b', 'c', 'p']);
    expect(mergeSorted(base, [msg('p', 3)]).map((m) => [m.id, m.seq])).toEqual([['a', 1], ['b', 2], ['p', 3]]);
    expect(mergeSorted(base, [msg('a', 1), msg('b', 2)])).toHaveLength(3);
    expect(mergeSorted([msg('a', 1)], [msg('x', 5), msg('y', 4)]).map((m) => m.id)).toEqual(['a', 'y', 'x']);
  });

  it('marks the consultant\'s messages: pending, sent, delivered, read, SMS sent', () => {
    const c = { residentDeliveredSeq: 3, residentReadSeq: 2 } as ChatConversation;
    expect(messageMark(msg('p', null), c)).toBe('pending');
    expect(messageMark(msg('a', 2), c)).toBe('read');
    expect(messageMark(msg('b', 3), c)).toBe('delivered');
    expect(messageMark(msg('c', 4), c)).toBe('sent');
    expect(messageMark({ ...msg('s', 4), smsSent: true }, c)).toBe('sms_sent');
    expect(messageMark(msg('r', 1, 0, 'resident'), c)).toBeNull();
  });

  it('refuses a message over 2000 characters or blank at the contract, with codes the pane translates', () => {
    const params = chatMethods['chats.send'].params;
    expect(params.safeParse({ conversationId: 'c', text: 'ż'.repeat(2000) }).success).toBe(true);
    const long = params.safeParse({ conversationId: 'c', text: 'ż'.repeat(2001) });
    expect(long.success ? null : long.error.issues[0]!.message).toBe('too_long');
    const blank = params.safeParse({ conversationId: 'c', text: '  \n ' });
    expect(blank.success ? null : blank.error.issues[0]!.message).toBe('required');
  });

  it('reconnects after 0.25–0.5 s, doubling, never waiting more than 10 s', () => {
    expect(reconnectDelayMs(0, () => 0)).toBe(250);
    expect(reconnectDelayMs(0, () => 1)).toBe(500);
    expect(reconnectDelayMs(3, () => 1)).toBe(4000);
    expect(reconnectDelayMs(20, () => 1)).toBe(10_000);
  });
});
