import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, type RouteContext } from '../server/route';
import type { ChatHub } from './chat-hub';
import { fitChatText, providerMessageId, receiveInbound, sameSecret } from './inbound';

export interface MessengerOptions {
  /** The token typed into the app's webhook settings, echoed back in the subscription handshake; null: no Messenger endpoint. */
  messengerVerifyToken?: string | null;
  /** The Meta app secret that signs every webhook POST (X-Hub-Signature-256). */
  messengerAppSecret?: string | null;
}

/** Meta's webhook signature: `sha256=` and the hex HMAC-SHA256 of the raw body with the app secret. */
export function messengerSignature(appSecret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}

// Only what is used is checked; Meta adds fields over time, which pass through.
const MessagingEvent = z.object({
  sender: z.object({ id: z.string().regex(/^[0-9]{1,32}$/, 'psid_invalid') }),
  recipient: z.object({ id: z.string().max(64) }),
  timestamp: z.number().int().optional(),
  message: z
    .object({
      mid: z.string().min(1).max(500),
      text: z.string().max(20_000).optional(),
      is_echo: z.boolean().optional(),
      attachments: z.array(z.unknown()).optional(),
    })
    .optional(),
});
const MessengerWebhook = z.object({
  object: z.literal('page'),
  entry: z.array(z.object({ id: z.string().max(64).optional(), messaging: z.array(z.unknown()).optional() })).max(1000),
});

/**
 * Facebook Messenger (Meta's Messenger Platform webhook): the subscription handshake and the
 * signed event POST. Each text message continues or opens the sender's messenger conversation
 * (the page-scoped id, PSID, is the resident's contact). Consultants' replies are recorded as
 * queued for the Send API (chat-apply.ts): this backend has no connection to Meta.
 */
export function messengerRoutes(app: FastifyInstance, context: RouteContext, db: Db, hub: ChatHub, options: MessengerOptions): void {
  addRoute(app, context, {
    method: 'GET',
    url: '/chats/messenger/webhook',
    access: 'public',
    tag: 'chats',
    summary: "Messenger webhook verification: hub.mode=subscribe and hub.verify_token equal to the configured token answer hub.challenge as text; 403 otherwise.",
    query: z.object({ 'hub.mode': z.string().max(40).optional(), 'hub.verify_token': z.string().max(200).optional(), 'hub.challenge': z.string().max(200).optional() }),
    responses: { 200: 'empty' },
    handler: async ({ query, reply }) => {
      const token = options.messengerVerifyToken ?? null;
      if (!token) throw new ApiError(404, 'not_found', 'No Messenger page configured');
      if (query['hub.mode'] !== 'subscribe' || !sameSecret(query['hub.verify_token'] ?? '', token) || !query['hub.challenge']) {
        throw new ApiError(403, 'forbidden', 'Verification failed');
      }
      return reply.header('content-type', 'text/plain; charset=utf-8').send(query['hub.challenge']);
    },
  });

  // The signature covers the exact bytes sent: this route reads its JSON body raw.
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    addRoute(scope, context, {
      method: 'POST',
      url: '/chats/messenger/webhook',
      access: 'public',
      tag: 'chats',
      summary:
        "Messenger Platform webhook: JSON {object:'page', entry[].messaging[]} signed in X-Hub-Signature-256 (sha256= hex HMAC-SHA256 of the raw body with the app secret); a missing or wrong signature is refused (403). Text messages are stored in the sender's messenger conversation, a repeated message.mid once; echoes, read and delivery events are ignored. Answers EVENT_RECEIVED.",
      responses: { 200: 'empty' },
      handler: async ({ request, reply }) => {
        const secret = options.messengerAppSecret ?? null;
        if (!secret) throw new ApiError(404, 'not_found', 'No Messenger page configured');
        const raw = Buffer.isBuffer(request.body) ? request.body : null;
        if (!raw) throw new ApiError(415, 'unsupported_media_type', 'JSON expected');
        if (!sameSecret(String(request.headers['x-hub-signature-256'] ?? ''), messengerSignature(secret, raw))) throw new ApiError(403, 'forbidden', 'Bad signature');
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new ApiError(400, 'invalid_request', 'The body is not JSON');
        }
        const webhook = MessengerWebhook.safeParse(json);
        if (!webhook.success) throw new ApiError(400, 'invalid_request', 'Not a Messenger page event');
        for (const entry of webhook.data.entry) {
          for (const item of entry.messaging ?? []) {
            const event = MessagingEvent.safeParse(item);
            const message = event.success ? event.data.message : undefined;
            // Only residents' words: not the page's own echoes, not read or delivery receipts.
            if (!event.success || !message || message.is_echo) continue;
            const text = message.text ?? (message.attachments?.length ? '[załącznik w Messengerze]' : '');
            if (text.trim() === '') continue;
            const psid = event.data.sender.id;
            await receiveInbound(db, hub, { channel: 'messenger', contact: psid, name: null, messageId: providerMessageId('fb', message.mid), text: fitChatText(text) });
          }
        }
        return reply.header('content-type', 'text/plain; charset=utf-8').send('EVENT_RECEIVED');
      },
    });
  });
}
