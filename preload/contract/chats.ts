import { z } from 'zod';

/*
 * Chat panes (issue 8): conversations with residents (web chat, SMS, Messenger, e-mail) that the
 * core holds over the city backend's live channel. Every text here is untrusted: the renderer
 * shows it as text, never as HTML.
 */

/** The longest message a consultant may send (the backend's limit too). */
export const CHAT_TEXT_MAX = 2000;

/** Files a consultant may attach (the backend's own list and limit): pictures and PDF, 512 KB. */
export const CHAT_ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export const CHAT_ATTACHMENT_MAX_BYTES = 512 * 1024;
/** Answers sent outside a chat: an SMS of a few parts, an e-mail of a page or two. */
export const SMS_TEXT_MAX = 918;
export const EMAIL_TEXT_MAX = 20_000;

const Id = z.string().min(1).max(64);
export const ChatChannel = z.enum(['web', 'sms', 'messenger', 'email']);
export type ChatChannel = z.infer<typeof ChatChannel>;

export const ChatConversation = z.object({
  id: Id,
  channel: ChatChannel,
  queue: z.string(),
  status: z.enum(['waiting', 'active', 'closed']),
  residentName: z.string().nullable(),
  residentContact: z.string().nullable(),
  lastSeq: z.number().int(),
  /** The resident's page has everything up to here, and has shown it up to here. */
  residentDeliveredSeq: z.number().int(),
  residentReadSeq: z.number().int(),
  agentReadSeq: z.number().int(),
  /** Resident messages after agentReadSeq. */
  unread: z.number().int(),
  wrapUpCode: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  ticketIds: z.array(z.string()),
  transferNote: z.string().nullable(),
  /** Transferred away from this desk: read-only here. */
  released: z.boolean(),
  createdAt: z.number().int(),
  closedAt: z.number().int().nullable(),
});
export type ChatConversation = z.infer<typeof ChatConversation>;

export const ChatAttachment = z.object({ id: z.string(), name: z.string(), type: z.string(), size: z.number().int() });
export type ChatAttachment = z.infer<typeof ChatAttachment>;

export const ChatMessage = z.object({
  id: Id,
  conversationId: Id,
  /** Null while it waits in the outbox; the backend's number in the conversation once it arrived. */
  seq: z.number().int().nullable(),
  author: z.enum(['resident', 'agent', 'system']),
  authorName: z.string().nullable(),
  text: z.string(),
  attachment: ChatAttachment.nullable(),
  smsSent: z.boolean(),
  createdAt: z.number().int(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

export const ChatOffer = z.object({
  id: Id,
  conversation: ChatConversation,
  preview: z.string(),
  expiresAt: z.number().int(),
  note: z.string().nullable(),
  fromName: z.string().nullable(),
});
export type ChatOffer = z.infer<typeof ChatOffer>;

/** disabled: no city backend (or an Open311 one); signed_out: no session; offline: reconnecting with backoff. */
export const ChatConnection = z.object({
  state: z.enum(['disabled', 'signed_out', 'connecting', 'connected', 'offline']),
  since: z.number().int(),
});
export type ChatConnection = z.infer<typeof ChatConnection>;

export const ChatAgent = z.object({ id: z.string(), name: z.string(), available: z.boolean(), chats: z.number().int() });
export type ChatAgent = z.infer<typeof ChatAgent>;

export const CannedReply = z.object({ id: z.string(), title: z.string(), text: z.string() });
export type CannedReply = z.infer<typeof CannedReply>;

export const ChatsState = z.object({
  connection: ChatConnection,
  /** The panes: open ones and ended ones not yet put away. */
  conversations: z.array(ChatConversation),
  offers: z.array(ChatOffer),
  agents: z.array(ChatAgent),
  queues: z.array(z.string()),
  wrapUpCodes: z.array(z.string()),
  cannedReplies: z.array(CannedReply),
  /** Who this desk is at the backend (the roster lists them too). */
  userId: z.string().nullable(),
});
export type ChatsState = z.infer<typeof ChatsState>;

const ConversationRef = z.object({ conversationId: Id }).strict();

export const chatMethods = {
  /** Everything the panes need at once; also starts the live channel if it was not running. */
  'chats.state': { params: z.object({}).strict(), result: ChatsState },
  /** A pane's whole transcript, in order (pending ones last). */
  'chats.messages': { params: ConversationRef, result: z.array(ChatMessage) },
  'chats.accept': { params: z.object({ offerId: Id }).strict(), result: z.object({}) },
  'chats.decline': { params: z.object({ offerId: Id }).strict(), result: z.object({}) },
  /** Stored here first (with its outbox entry); errors: invalid_params (text too_long / required), not_found. */
  'chats.send': {
    params: z
      .object({ conversationId: Id, text: z.string().max(CHAT_TEXT_MAX, 'too_long').refine((t) => t.trim() !== '', 'required') })
      .strict(),
    result: ChatMessage,
  },
  'chats.typing': { params: z.object({ conversationId: Id, typing: z.boolean() }).strict(), result: z.object({}) },
  /** The consultant has seen the pane up to `seq`: unread drops, the resident sees "read". */
  'chats.read': { params: z.object({ conversationId: Id, seq: z.number().int().nonnegative() }).strict(), result: ChatConversation },
  'chats.transfer': {
    params: z
      .object({
        conversationId: Id,
        target: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('queue'), queue: z.string().min(1).max(40) }),
          z.object({ kind: z.literal('agent'), userId: Id }),
        ]),
        note: z.string().max(1000, 'too_long').default(''),
      })
      .strict(),
    result: z.object({}),
  },
  /** Errors: chat_unsent (messages still in the outbox), chat_offline, chat_refused. */
  'chats.close': { params: z.object({ conversationId: Id, wrapUpCode: z.string().min(1, 'required').max(64) }).strict(), result: ChatConversation },
  /** Puts an ended (or transferred) pane away. */
  'chats.dismiss': { params: ConversationRef, result: z.object({}) },
  'chats.linkTicket': { params: z.object({ conversationId: Id, ticketId: Id }).strict(), result: ChatConversation },
  /**
   * A file the consultant sends into the chat (through the outbox, like their messages). Errors:
   * invalid_params with attachment_type (not PNG, JPEG or PDF, or the bytes are not what the type
   * says), attachment_too_large (over 512 KB), too_long (the text); chat_refused, not_found.
   */
  'chats.sendAttachment': {
    params: z
      .object({
        conversationId: Id,
        name: z.string().trim().min(1, 'required').max(200, 'too_long'),
        type: z.string().max(100).refine((type) => (CHAT_ATTACHMENT_TYPES as readonly string[]).includes(type), 'attachment_type'),
        dataBase64: z.string().max(Math.ceil((CHAT_ATTACHMENT_MAX_BYTES * 4) / 3) + 8, 'attachment_too_large'),
        text: z.string().max(CHAT_TEXT_MAX, 'too_long').default(''),
      })
      .strict(),
    result: ChatMessage,
  },
  /**
   * An answer sent to a resident by SMS or e-mail outside a chat, through the outbox: the backend
   * records it as queued for the SMS gateway or the city's mail relay. Errors: invalid_params with
   * phone_invalid, email_invalid, required, too_long.
   */
  'chats.sendOutgoing': {
    params: z
      .object({
        channel: z.enum(['sms', 'email']),
        to: z.string().trim().min(1, 'required').max(254, 'too_long'),
        subject: z.string().trim().max(300, 'too_long').default(''),
        text: z.string().trim().min(1, 'required').max(EMAIL_TEXT_MAX, 'too_long'),
        kbArticleId: z.string().min(1).max(100).nullable().default(null),
      })
      .strict(),
    result: z.object({ id: Id, channel: z.enum(['sms', 'email']), to: z.string(), status: z.literal('queued') }),
  },
  /** A resident's attachment, fetched by the core (the renderer never talks to the backend). */
  'chats.attachment': { params: z.object({ id: Id }).strict(), result: z.object({ name: z.string(), type: z.string(), dataBase64: z.string() }) },
} as const;

export const chatEvents = {
  'chats.connection': ChatConnection,
  'chats.offer': ChatOffer,
  'chats.offerGone': z.object({ offerId: z.string(), reason: z.enum(['accepted', 'declined', 'timeout', 'resident_left']) }),
  'chats.conversation': ChatConversation,
  /** New or changed messages of one conversation (a single one, or a batch after a reconnect). */
  'chats.messages': z.object({ conversationId: z.string(), messages: z.array(ChatMessage) }),
  'chats.typing': z.object({ conversationId: z.string(), typing: z.boolean() }),
  'chats.agents': z.array(ChatAgent),
} as const;
