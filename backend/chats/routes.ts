import { createHmac, randomBytes } from 'node:crypto';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { uuidv7 } from '../common/ids';
import type { Db } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, parsePart, type RouteContext } from '../server/route';
import { ChatHub, type ChatHubOptions } from './chat-hub';
import { emailRoutes, type EmailOptions } from './email-inbound';
import { openConversation, receiveInbound, sameSecret } from './inbound';
import { messengerRoutes, type MessengerOptions } from './messenger-inbound';
import { conversationsWhere, findAttachment, findConversation, insertAttachment, insertConversation, keyHash } from './chat-store';
import { RESIDENT_PAGE_CSS, RESIDENT_PAGE_HTML, RESIDENT_PAGE_SCRIPT } from './resident-page';
import { ATTACHMENT_TYPES, bytesMatchType, DeskToServer, MAX_ATTACHMENT_BYTES, MAX_CHAT_TEXT, ResidentToServer, StartChatRequest } from './wire';

export interface ChatRouteOptions extends Partial<ChatHubOptions>, MessengerOptions, EmailOptions {
  /** Shared secret of the SMS gateway (as a provider's auth token signs its webhooks); null: no SMS endpoint. */
  smsSecret?: string | null;
  /** The public address the provider posts to, when the server sits behind a proxy (the signature covers it). */
  smsWebhookUrl?: string | null;
}

const DEFAULT_QUEUES = ['general', 'transport', 'en', 'sms'];
const FRAME_LIMIT = 256 * 1024;

/** A provider-style webhook signature: base64 HMAC-SHA1 over the URL and the sorted form fields (key then value). */
export function smsSignature(secret: string, url: string, form: Record<string, string>): string {
  const data = url + Object.keys(form).sort().map((key) => key + form[key]).join('');
  return createHmac('sha1', secret).update(data, 'utf8').digest('base64');
}

function parseFrame<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> | null {
  try {
    const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const SmsForm = z.object({
  From: z.string().regex(/^\+?[0-9]{3,20}$/, 'phone_invalid'),
  To: z.string().max(40),
  Body: z.string().max(MAX_CHAT_TEXT, 'too_long'),
  MessageSid: z.string().regex(/^[A-Za-z0-9]{10,64}$/, 'sid_invalid'),
});

const AttachmentUpload = z.object({
  conversation_id: z.string().max(64),
  key: z.string().max(100),
  name: z.string().trim().min(1).max(200),
  type: z.string().max(100),
  data_base64: z.string().max(Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 8),
});

/**
 * Chats: the desks' live channel (/chats/desk), the resident page and its live channel
 * (/chat, /chats/resident), attachments, and the SMS, Messenger and e-mail webhooks. Returns the hub (tests).
 */
export function chatRoutes(app: FastifyInstance, context: RouteContext, db: Db, options: ChatRouteOptions = {}): ChatHub {
  const hub = new ChatHub(db, {
    maxChatsPerAgent: options.maxChatsPerAgent ?? 3,
    offerTimeoutMs: options.offerTimeoutMs ?? 30_000,
    declineCooldownMs: options.declineCooldownMs ?? 60_000,
    queues: options.queues ?? DEFAULT_QUEUES,
    routeIntervalMs: options.routeIntervalMs ?? 2_000,
    log: (message, details) => app.log.warn(details ?? {}, message),
  });
  app.addHook('onReady', async () => hub.start());
  app.addHook('onClose', async () => hub.stop());

  // A desk's push committed: deliver the chat messages it carried, and route again if a consultant's state changed.
  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.url !== '/sync/push' || (reply.statusCode !== 200 && reply.statusCode !== 422)) return;
    const mutations = (request.body as { mutations?: { entity?: unknown; entity_id?: unknown }[] } | null)?.mutations ?? [];
    const ids = mutations.filter((m) => m.entity === 'chat_message' && typeof m.entity_id === 'string').map((m) => m.entity_id as string);
    if (ids.length > 0) await hub.publishPushed(ids).catch((error: unknown) => app.log.warn({ error: String(error) }, 'chat delivery failed'));
    if (mutations.some((m) => m.entity === 'agent_state')) hub.agentStateChanged();
  });

  void app.register(async (scope) => {
    await scope.register(fastifyWebsocket, { options: { maxPayload: FRAME_LIMIT } });

    // The desk core's live channel. The bearer token is the desk's sync session.
    scope.get('/chats/desk', { websocket: true }, async (socket: WebSocket, request: FastifyRequest) => {
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const user = match?.[1] ? await context.authenticate(match[1]) : null;
      if (!user) {
        socket.close(4401, 'unauthorized');
        return;
      }
      // Frames are handled one after another, in the order the desk sent them.
      let chain = Promise.resolve();
      socket.on('message', (raw) => {
        const frame = parseFrame(DeskToServer, raw);
        if (!frame) return;
        chain = chain.then(() => hub.deskFrame(user, socket, frame)).catch((error: unknown) => app.log.warn({ error: String(error) }, 'desk chat frame failed'));
      });
      await hub.deskConnected(user, socket);
    });

    // The resident page's live channel: the conversation's secret key is its credential.
    scope.get('/chats/resident', { websocket: true }, async (socket: WebSocket, request: FastifyRequest) => {
      const query = request.query as Record<string, string | undefined>;
      const conversation = query.conversation ? await findConversation(db, query.conversation) : null;
      if (!conversation || !conversation.resident_key_hash || !query.key || keyHash(query.key) !== conversation.resident_key_hash) {
        socket.close(4403, 'forbidden');
        return;
      }
      let chain = Promise.resolve();
      socket.on('message', (raw) => {
        const frame = parseFrame(ResidentToServer, raw);
        if (!frame) {
          socket.send(JSON.stringify({ type: 'error', code: 'invalid' }));
          return;
        }
        chain = chain.then(() => hub.residentFrame(conversation.id, socket, frame)).catch((error: unknown) => app.log.warn({ error: String(error) }, 'resident chat frame failed'));
      });
      await hub.residentConnected(conversation.id, socket, Math.max(0, Number(query.after) || 0));
    });
  });

  const page = (type: string, body: string) => ({
    method: 'GET' as const,
    access: 'public' as const,
    tag: 'chats',
    responses: { 200: 'empty' as const },
    handler: async ({ reply }: { reply: FastifyReply }) =>
      reply
        .header('content-type', type)
        .header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'")
        .header('x-content-type-options', 'nosniff')
        .send(body),
  });
  addRoute(app, context, { ...page('text/html; charset=utf-8', RESIDENT_PAGE_HTML), url: '/chat', summary: 'The minimal resident chat page (demo and tests).' });
  addRoute(app, context, { ...page('text/javascript; charset=utf-8', RESIDENT_PAGE_SCRIPT), url: '/chat/app.js', summary: "The resident page's script." });
  addRoute(app, context, { ...page('text/css; charset=utf-8', RESIDENT_PAGE_CSS), url: '/chat/app.css', summary: "The resident page's styles." });

  addRoute(app, context, {
    method: 'POST',
    url: '/chat/start',
    access: 'public',
    tag: 'chats',
    summary: 'A resident starts a web chat: the conversation id and the secret key that continues it.',
    body: StartChatRequest,
    handler: async ({ body, reply }) => {
      const queues = hub.options.queues;
      if (!queues.includes(body.queue)) throw new ApiError(400, 'invalid_request', 'Unknown queue', [{ path: 'body.queue', code: 'queue_unknown', message: 'unknown queue' }]);
      const id = uuidv7();
      const key = randomBytes(24).toString('base64url');
      await insertConversation(db, { id, channel: 'web', queue: body.queue, residentName: body.name, residentContact: null, keyHash: keyHash(key), now: Date.now() });
      hub.conversationCreated();
      return reply.status(201).send({ conversation_id: id, key });
    },
  });

  addRoute(app, context, {
    method: 'POST',
    url: '/chat/attachments',
    access: 'public',
    tag: 'chats',
    summary: 'A resident attaches a file (PNG, JPEG or PDF, at most 512 KB): 415 for other types, 413 when larger.',
    body: AttachmentUpload,
    handler: async ({ body, reply }) => {
      const conversation = await findConversation(db, body.conversation_id);
      if (!conversation?.resident_key_hash || keyHash(body.key) !== conversation.resident_key_hash) throw new ApiError(403, 'forbidden', 'Not your conversation');
      if (!(ATTACHMENT_TYPES as readonly string[]).includes(body.type)) throw new ApiError(415, 'unsupported_media_type', 'Only PNG, JPEG and PDF files may be attached');
      const bytes = Buffer.from(body.data_base64, 'base64');
      if (bytes.length > MAX_ATTACHMENT_BYTES) throw new ApiError(413, 'payload_too_large', `Attachments are at most ${MAX_ATTACHMENT_BYTES} bytes`);
      if (!bytesMatchType(bytes, body.type)) throw new ApiError(415, 'unsupported_media_type', 'The file content does not match its type');
      const id = uuidv7();
      await insertAttachment(db, { id, conversationId: conversation.id, name: body.name, type: body.type, size: bytes.length, base64: bytes.toString('base64'), now: Date.now() });
      return reply.status(201).send({ id });
    },
  });

  const sendAttachment = async (id: string, allowed: (conversationId: string) => Promise<boolean>, reply: FastifyReply) => {
    const attachment = await findAttachment(db, id);
    if (!attachment || !(await allowed(attachment.conversation_id))) throw new ApiError(404, 'not_found', 'No such attachment');
    return reply
      .header('content-type', attachment.type)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'")
      .send(Buffer.from(attachment.data_base64, 'base64'));
  };
  addRoute(app, context, {
    method: 'GET',
    url: '/chat/attachments/:id',
    access: 'public',
    tag: 'chats',
    summary: "A resident downloads an attachment of their conversation (its key in the query).",
    params: z.object({ id: z.string().max(64) }),
    query: z.object({ conversation: z.string().max(64), key: z.string().max(100) }),
    responses: { 200: 'empty' },
    handler: async ({ params, query, reply }) =>
      sendAttachment(
        params.id,
        async (conversationId) => {
          const conversation = await findConversation(db, conversationId);
          return conversationId === query.conversation && !!conversation?.resident_key_hash && keyHash(query.key) === conversation.resident_key_hash;
        },
        reply,
      ),
  });
  addRoute(app, context, {
    method: 'GET',
    url: '/chats/attachments/:id',
    access: 'signed_in',
    tag: 'chats',
    summary: 'A consultant downloads an attachment of a conversation assigned to them.',
    params: z.object({ id: z.string().max(64) }),
    responses: { 200: 'empty' },
    handler: async ({ params, user, reply }) =>
      sendAttachment(params.id, async (conversationId) => (await findConversation(db, conversationId))?.assigned_to === user!.id, reply),
  });

  addRoute(app, context, {
    method: 'POST',
    url: '/chats/sms/inbound',
    access: 'public',
    tag: 'chats',
    summary:
      'SMS gateway webhook, shaped like a provider\'s: form-encoded From, To, Body, MessageSid, signed in X-Signature (base64 HMAC-SHA1 of the URL and the sorted fields with the shared secret). Answers an empty TwiML-style <Response/>. A retried MessageSid is stored once.',
    responses: { 200: 'xml' },
    handler: async ({ request, reply }) => {
      const secret = options.smsSecret ?? null;
      if (!secret) throw new ApiError(404, 'not_found', 'No SMS gateway configured');
      const raw = (request.body ?? {}) as Record<string, unknown>;
      if (typeof raw !== 'object' || Array.isArray(raw)) throw new ApiError(400, 'invalid_request', 'Form fields expected');
      const form: Record<string, string> = {};
      for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') form[key] = value;
      const url = options.smsWebhookUrl ?? `${request.protocol}://${request.headers.host ?? ''}${request.url}`;
      const given = String(request.headers['x-signature'] ?? request.headers['x-twilio-signature'] ?? '');
      if (!sameSecret(given, smsSignature(secret, url, form))) throw new ApiError(403, 'forbidden', 'Bad signature');
      const sms = parsePart(SmsForm, form, 'body');
      const from = sms.From.startsWith('+') ? sms.From : `+${sms.From}`;
      const messageId = `sms-${sms.MessageSid}`;
      const open = await openConversation(db, 'sms', from);
      if (!open) {
        // One digit right after a closed SMS chat answers its rating question.
        const [closed] = await conversationsWhere(db, "channel = 'sms' AND resident_contact = ? AND status = 'closed' ORDER BY closed_at DESC LIMIT 1", [from]);
        if (closed && closed.rating === null && /^\s*[1-5]\s*$/.test(sms.Body) && Date.now() - (closed.closed_at ?? 0) < 24 * 3600_000) {
          await hub.rate(closed, Number(sms.Body.trim()));
          return reply.header('content-type', 'text/xml; charset=utf-8').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
        }
      }
      await receiveInbound(db, hub, { channel: 'sms', contact: from, name: null, messageId, text: sms.Body.trim(), conversation: open }, 'sms');
      return reply.header('content-type', 'text/xml; charset=utf-8').send('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    },
  });

  messengerRoutes(app, context, db, hub, options);
  emailRoutes(app, context, db, hub, options);
  return hub;
}
