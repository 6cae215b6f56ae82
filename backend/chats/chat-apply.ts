import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/adapter';
import type { Mutation, SessionUser } from '../contract';
import { appendMessage, findConversation, insertAttachment } from './chat-store';
import { EMAIL_MESSAGE_ID_DOMAIN } from './email-inbound';
import { bytesMatchType, MAX_ATTACHMENT_BYTES, type ChatMessageCreatePayload, type OutgoingMessageCreatePayload } from './wire';

export class ChatApplyRefusal extends Error {
  constructor(
    message: string,
    /** not_found, or invalid for an attachment that is not what it says. */
    readonly reason: 'not_found' | 'invalid' = 'not_found',
  ) {
    super(message);
  }
}

/** A provider-style message id, as the SMS gateway would hand back. */
function smsSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

/**
 * Stores the message under the id the desk gave it (entity_id), numbered next in its conversation.
 * A message written offline to a conversation closed or transferred meanwhile is still kept: the
 * transcript must hold every word. SMS conversations hand it to the gateway (recorded as sent).
 * A consultant's attachment is checked again here (size, and bytes that match the declared type).
 */
export async function applyChatMessage(tx: Queryable, mutation: Mutation, user: SessionUser, payload: ChatMessageCreatePayload, now: number): Promise<void> {
  const conversation = await findConversation(tx, payload.conversation_id);
  if (!conversation) throw new ChatApplyRefusal('No such conversation');
  let attachmentId: string | null = null;
  if (payload.attachment) {
    const bytes = Buffer.from(payload.attachment.data_base64, 'base64');
    if (bytes.length === 0 || bytes.length > MAX_ATTACHMENT_BYTES) throw new ChatApplyRefusal(`Attachments are at most ${MAX_ATTACHMENT_BYTES} bytes`, 'invalid');
    if (!bytesMatchType(bytes, payload.attachment.type)) throw new ChatApplyRefusal('The file content does not match its type', 'invalid');
    attachmentId = payload.attachment.id;
    await insertAttachment(tx, { id: attachmentId, conversationId: conversation.id, name: payload.attachment.name, type: payload.attachment.type, size: bytes.length, base64: bytes.toString('base64'), now });
  }
  await appendMessage(tx, {
    id: mutation.entity_id,
    conversationId: conversation.id,
    author: 'agent',
    authorId: user.id,
    authorName: user.name,
    text: payload.text,
    attachmentId,
    smsSid: conversation.channel === 'sms' ? smsSid() : null,
    clientCreatedAt: payload.created_at,
    now,
  });
  if ((conversation.channel === 'messenger' || conversation.channel === 'email') && conversation.resident_contact) {
    await queueChannelReply(tx, mutation.entity_id, conversation.channel, conversation.resident_contact, user, payload, now);
  }
}

/**
 * A consultant's reply in a Messenger or e-mail conversation, recorded as queued (outgoing_messages)
 * for the Send API or the city's mail relay, under the chat message's id. Nothing here delivers it:
 * this backend has no connection to Meta and no SMTP, so it stays 'queued' until a sender takes it.
 * An e-mail's provider_id is its Message-Id, which the resident's reply names in In-Reply-To.
 */
async function queueChannelReply(tx: Queryable, id: string, channel: 'messenger' | 'email', recipient: string, user: SessionUser, payload: ChatMessageCreatePayload, now: number): Promise<void> {
  await tx.run(
    `INSERT INTO outgoing_messages (id, channel, recipient, subject, text, kb_article_id, status, provider_id, user_id, client_created_at, created_at)
     VALUES (?, ?, ?, ?, ?, NULL, 'queued', ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [
      id,
      channel,
      recipient,
      channel === 'email' ? EMAIL_REPLY_SUBJECT : null,
      payload.text,
      channel === 'email' ? `<${id}@${EMAIL_MESSAGE_ID_DOMAIN}>` : null,
      user.id,
      payload.created_at,
      now,
    ],
  );
}

/** The subject of consultants' e-mail answers in a chat (the thread is kept by Message-Id, not by subject). */
export const EMAIL_REPLY_SUBJECT = 'Odpowiedź Centrum Kontaktu Miasta';

/**
 * An answer sent by SMS or e-mail outside a chat: recorded as queued for the SMS gateway (with
 * the gateway's message id, as chat SMS are) or for the city's mail relay. This backend sends no
 * e-mail itself: a relay that takes queued rows is the city's to connect.
 */
export async function applyOutgoingMessage(tx: Queryable, mutation: Mutation, user: SessionUser, payload: OutgoingMessageCreatePayload, now: number): Promise<boolean> {
  const inserted = await tx.run(
    `INSERT INTO outgoing_messages (id, channel, recipient, subject, text, kb_article_id, status, provider_id, user_id, client_created_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    [
      mutation.entity_id,
      payload.channel,
      payload.to,
      payload.channel === 'email' ? payload.subject : null,
      payload.text,
      payload.kb_article_id,
      payload.channel === 'sms' ? smsSid() : null,
      user.id,
      payload.created_at,
      now,
    ],
  );
  return inserted > 0;
}
