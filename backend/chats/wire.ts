import { z } from 'zod';

/*
 * The chat live channel: what travels over the backend's WebSockets, between the backend and the
 * desks (/chats/desk) and between the backend and residents (/chats/resident). Shared by the
 * backend and the desk core; zod only, so both sides check every frame.
 */

/** The longest message a resident or a consultant may write (characters, as JS counts them). */
export const MAX_CHAT_TEXT = 2000;
/** Attachments residents may send: pictures and PDF only, at most this many bytes. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'application/pdf'] as const;
export const MAX_ATTACHMENT_BYTES = 512 * 1024;

export const ChatChannel = z.enum(['web', 'sms', 'messenger', 'email']);
export type ChatChannel = z.infer<typeof ChatChannel>;
export const ChatStatus = z.enum(['waiting', 'active', 'closed']);
export type ChatStatus = z.infer<typeof ChatStatus>;
export const ChatAuthor = z.enum(['resident', 'agent', 'system']);
export type ChatAuthor = z.infer<typeof ChatAuthor>;
export const QueueId = z.string().min(1).max(40).regex(/^[a-z0-9_-]+$/);

export const ChatText = z.string().max(MAX_CHAT_TEXT, 'too_long');

export const WireAttachment = z.object({
  id: z.string().max(64),
  name: z.string().max(200),
  type: z.enum(ATTACHMENT_TYPES),
  size: z.number().int().nonnegative(),
});
export type WireAttachment = z.infer<typeof WireAttachment>;

export const WireMessage = z.object({
  id: z.string().min(1).max(64),
  conversation_id: z.string().min(1).max(64),
  seq: z.number().int().positive(),
  author: ChatAuthor,
  author_name: z.string().max(200).nullable(),
  text: z.string().max(MAX_CHAT_TEXT),
  attachment: WireAttachment.nullable(),
  /** SMS written by a consultant: handed to the gateway. */
  sms_sent: z.boolean(),
  created_at: z.number().int(),
});
export type WireMessage = z.infer<typeof WireMessage>;

export const WireConversation = z.object({
  id: z.string().min(1).max(64),
  channel: ChatChannel,
  queue: QueueId,
  status: ChatStatus,
  resident_name: z.string().max(200).nullable(),
  /** Phone number (SMS), e-mail address or messenger id: untrusted text. */
  resident_contact: z.string().max(300).nullable(),
  assigned_to: z.string().max(64).nullable(),
  last_seq: z.number().int().nonnegative(),
  resident_delivered_seq: z.number().int().nonnegative(),
  resident_read_seq: z.number().int().nonnegative(),
  wrap_up_code: z.string().max(64).nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  ticket_ids: z.array(z.string().max(64)).max(50),
  transfer_note: z.string().max(1000).nullable(),
  created_at: z.number().int(),
  closed_at: z.number().int().nullable(),
});
export type WireConversation = z.infer<typeof WireConversation>;

export const WireOffer = z.object({
  id: z.string().min(1).max(64),
  conversation: WireConversation,
  /** The resident's first words, so the consultant sees what it is about. */
  preview: z.string().max(300),
  expires_at: z.number().int(),
  /** From a colleague's transfer. */
  note: z.string().max(1000).nullable(),
  from_name: z.string().max(200).nullable(),
});
export type WireOffer = z.infer<typeof WireOffer>;

export const RosterAgent = z.object({ id: z.string(), name: z.string(), available: z.boolean(), chats: z.number().int() });
export type RosterAgent = z.infer<typeof RosterAgent>;

export const WrapUpCode = z.string().min(1).max(64).regex(/^[a-z0-9_-]+$/);
export const TransferNote = z.string().max(1000);
export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queue: QueueId }),
  z.object({ kind: z.literal('agent'), user_id: z.string().min(1).max(64) }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

/** Desk → backend. `ref` is echoed in the `ack` that answers a command. */
export const DeskToServer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fetch'), conversation_id: z.string().max(64), after: z.number().int().nonnegative() }),
  z.object({ type: z.literal('accept'), ref: z.string().max(64), offer_id: z.string().max(64) }),
  z.object({ type: z.literal('decline'), ref: z.string().max(64), offer_id: z.string().max(64) }),
  z.object({ type: z.literal('typing'), conversation_id: z.string().max(64), typing: z.boolean() }),
  z.object({ type: z.literal('read'), conversation_id: z.string().max(64), seq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('transfer'), ref: z.string().max(64), conversation_id: z.string().max(64), target: TransferTarget, note: TransferNote }),
  z.object({ type: z.literal('close'), ref: z.string().max(64), conversation_id: z.string().max(64), wrap_up_code: WrapUpCode }),
  z.object({ type: z.literal('link_ticket'), ref: z.string().max(64), conversation_id: z.string().max(64), ticket_id: z.string().min(1).max(64) }),
]);
export type DeskToServer = z.infer<typeof DeskToServer>;

export const AckCode = z.enum(['not_found', 'offer_gone', 'not_yours', 'closed', 'unknown_agent', 'too_many_tickets']);
export type AckCode = z.infer<typeof AckCode>;

/** Backend → desk. */
export const ServerToDesk = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), user_id: z.string(), conversations: z.array(WireConversation), offers: z.array(WireOffer), queues: z.array(QueueId) }),
  z.object({ type: z.literal('offer'), offer: WireOffer }),
  z.object({ type: z.literal('offer_gone'), offer_id: z.string(), reason: z.enum(['accepted', 'declined', 'timeout', 'resident_left']) }),
  z.object({ type: z.literal('conversation'), conversation: WireConversation }),
  /** The conversation left this consultant (transferred away, or taken over). */
  z.object({ type: z.literal('released'), conversation_id: z.string(), reason: z.enum(['transferred']) }),
  z.object({ type: z.literal('message'), message: WireMessage }),
  z.object({ type: z.literal('messages'), conversation_id: z.string(), messages: z.array(WireMessage) }),
  z.object({ type: z.literal('typing'), conversation_id: z.string(), typing: z.boolean() }),
  z.object({ type: z.literal('receipt'), conversation_id: z.string(), delivered_seq: z.number().int(), read_seq: z.number().int() }),
  z.object({ type: z.literal('roster'), agents: z.array(RosterAgent) }),
  z.object({ type: z.literal('ack'), ref: z.string(), ok: z.boolean(), code: AckCode.optional() }),
]);
export type ServerToDesk = z.infer<typeof ServerToDesk>;

/** Resident page → backend. */
export const ResidentToServer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message'), client_id: z.uuid(), text: z.string().max(100_000), attachment_id: z.string().max(64).optional() }),
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  z.object({ type: z.literal('seen'), seq: z.number().int().nonnegative(), read: z.boolean() }),
  z.object({ type: z.literal('rate'), rating: z.number().int().min(1).max(5) }),
]);
export type ResidentToServer = z.infer<typeof ResidentToServer>;

/** The conversation as the resident may see it: no internal notes, no consultant ids. */
export const ResidentView = z.object({
  status: ChatStatus,
  agent_name: z.string().nullable(),
  rating: z.number().int().nullable(),
  agent_read_seq: z.number().int(),
});
export type ResidentView = z.infer<typeof ResidentView>;

export const StartChatRequest = z.object({
  name: z.string().trim().min(1, 'required').max(200, 'too_long'),
  queue: QueueId.default('general'),
});

/** A file a consultant attaches: checked on the desk and again here (type, size, magic bytes). */
export const AttachmentUploadPayload = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(200),
  type: z.enum(ATTACHMENT_TYPES),
  data_base64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8),
});

/** A consultant's chat message, pushed through the desk's outbox (the only way desk messages travel). */
export const ChatMessageCreatePayload = z
  .strictObject({
    conversation_id: z.string().min(1).max(64),
    text: z.string().trim().max(MAX_CHAT_TEXT),
    attachment: AttachmentUploadPayload.optional(),
    created_at: z.number().int().nonnegative(),
  })
  .refine((m) => m.text !== '' || m.attachment !== undefined, { message: 'empty', path: ['text'] });

/** Magic numbers: the declared type must match the bytes (a renamed .exe is not a PNG). */
export function bytesMatchType(bytes: Uint8Array, type: string): boolean {
  const starts = (...prefix: number[]) => prefix.every((byte, index) => bytes[index] === byte);
  if (type === 'image/png') return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  if (type === 'image/jpeg') return starts(0xff, 0xd8, 0xff);
  if (type === 'application/pdf') return starts(0x25, 0x50, 0x44, 0x46, 0x2d);
  return false;
}

/** The longest SMS a consultant sends outside a chat (several concatenated parts, as providers allow). */
export const MAX_SMS_TEXT = 918;
export const MAX_EMAIL_TEXT = 20_000;

/** An answer sent by SMS or e-mail outside a chat, through the desk's outbox. */
export const OutgoingMessageCreatePayload = z.discriminatedUnion('channel', [
  z.strictObject({
    channel: z.literal('sms'),
    to: z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'phone_invalid'),
    text: z.string().trim().min(1).max(MAX_SMS_TEXT),
    kb_article_id: z.string().max(100).nullable().default(null),
    created_at: z.number().int().nonnegative(),
  }),
  z.strictObject({
    channel: z.literal('email'),
    to: z.email().max(254),
    subject: z.string().trim().min(1).max(300),
    text: z.string().trim().min(1).max(MAX_EMAIL_TEXT),
    kb_article_id: z.string().max(100).nullable().default(null),
    created_at: z.number().int().nonnegative(),
  }),
]);
export type OutgoingMessageCreatePayload = z.infer<typeof OutgoingMessageCreatePayload>;
export type ChatMessageCreatePayload = z.infer<typeof ChatMessageCreatePayload>;
