import type { ChatConversation, ChatMessage } from '../../../preload/contract';

/** Pure helpers of the panes (no React, no bridge): the order of a transcript and the marks under a message. */

export function byOrder(a: ChatMessage, b: ChatMessage): number {
  if (a.seq !== null && b.seq !== null) return a.seq - b.seq;
  if (a.seq === null && b.seq === null) return a.createdAt - b.createdAt;
  return a.seq === null ? 1 : -1;
}

/** Merges by id (a pending message coming back numbered replaces itself), keeping the order. */
export function mergeSorted(existing: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(existing.map((m) => [m.id, m]));
  let appendOnly = true;
  let previous = existing.at(-1);
  for (const m of incoming) {
    if (byId.has(m.id) || (previous && byOrder(previous, m) > 0)) appendOnly = false;
    byId.set(m.id, m);
    previous = m;
  }
  // The common case (new messages at the end) is a copy and an append; otherwise a full sort.
  if (appendOnly) return [...existing, ...incoming];
  return [...byId.values()].sort(byOrder);
}

/** What the consultant sees under their own message: waiting, sent, delivered, read. */
export function messageMark(message: ChatMessage, conversation: ChatConversation): 'pending' | 'sent' | 'sms_sent' | 'delivered' | 'read' | null {
  if (message.author !== 'agent') return null;
  if (message.seq === null) return 'pending';
  if (message.smsSent) return 'sms_sent';
  if (message.seq <= conversation.residentReadSeq) return 'read';
  if (message.seq <= conversation.residentDeliveredSeq) return 'delivered';
  return 'sent';
}
