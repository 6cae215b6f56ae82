import { createHash, timingSafeEqual } from 'node:crypto';
import { uuidv7 } from '../common/ids';
import type { Db } from '../db/adapter';
import type { ChatHub } from './chat-hub';
import { conversationsWhere, findConversation, findMessage, insertConversation, type StoredConversation } from './chat-store';
import { MAX_CHAT_TEXT, type ChatChannel } from './wire';

/*
 * What the inbound webhooks of the provider channels (SMS, Messenger, e-mail) share: comparing a
 * signature or secret, the stored id of a provider's message, finding or opening the resident's
 * conversation, storing the message once and routing a new conversation.
 */

/** Constant-time comparison of a given signature or secret with the expected one. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The stored message id for a provider's message id: providers' ids (Messenger mids, e-mail
 * Message-Ids) may be longer than a message id may be, so they are hashed; the same provider id
 * always gives the same message id, which is how a retried delivery is stored once.
 */
export function providerMessageId(prefix: string, providerId: string): string {
  return `${prefix}-${createHash('sha256').update(providerId).digest('hex').slice(0, 40)}`;
}

/** Text cut to what a chat message may hold (a long e-mail keeps its beginning, marked as cut). */
export function fitChatText(text: string): string {
  const trimmed = text.trim();
  return trimmed.length <= MAX_CHAT_TEXT ? trimmed : `${trimmed.slice(0, MAX_CHAT_TEXT - 2).trimEnd()} …`;
}

/** The resident's newest conversation on a channel that is not closed. */
export async function openConversation(db: Db, channel: ChatChannel, contact: string): Promise<StoredConversation | null> {
  const [open] = await conversationsWhere(db, "channel = ? AND resident_contact = ? AND status <> 'closed' ORDER BY created_at DESC LIMIT 1", [channel, contact]);
  return open ?? null;
}

export interface InboundMessage {
  channel: ChatChannel;
  /** Phone number, Messenger PSID or e-mail address: the resident's contact. */
  contact: string;
  name: string | null;
  messageId: string;
  text: string;
  /** The conversation it continues, when the caller found one; else the contact's open one, else a new one. */
  conversation?: StoredConversation | null;
}

/**
 * Stores a provider's message in the resident's conversation (opening one, queue 'general' unless
 * given, when none is open) and delivers it. A message id already stored is a provider's retry:
 * nothing changes. Returns whether the message was new.
 */
export async function receiveInbound(db: Db, hub: ChatHub, message: InboundMessage, queue = 'general'): Promise<boolean> {
  if (await findMessage(db, message.messageId)) return false;
  let conversation = message.conversation ?? (await openConversation(db, message.channel, message.contact));
  const created = !conversation;
  if (!conversation) {
    const id = uuidv7();
    await insertConversation(db, { id, channel: message.channel, queue, residentName: message.name, residentContact: message.contact, keyHash: null, now: Date.now() });
    conversation = await findConversation(db, id);
  }
  await hub.residentMessage(conversation!, message.messageId, message.text, null);
  if (created) hub.conversationCreated(); // routed once its first words are stored: the offer shows them
  return true;
}
