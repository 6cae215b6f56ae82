import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, type RouteContext } from '../server/route';
import type { ChatHub } from './chat-hub';
import { findConversation, findMessage, type StoredConversation } from './chat-store';
import { fitChatText, openConversation, providerMessageId, receiveInbound, sameSecret } from './inbound';

export interface EmailOptions {
  /** The password of HTTP Basic auth the mail provider's inbound-parse webhook sends; null: no e-mail endpoint. */
  emailInboundSecret?: string | null;
}

/** The domain of the Message-Id of consultants' e-mails (`<message id@domain>`): a resident's reply names it in In-Reply-To. */
export const EMAIL_MESSAGE_ID_DOMAIN = 'czat.kontakt.miasto.invalid';

const EMAIL = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

/** `Jan Kowalski <jan@example.pl>` or `jan@example.pl`: the address (lower case) and the name. */
export function parseMailbox(value: string): { address: string; name: string | null } | null {
  const angle = /^(.*)<([^<>]+)>\s*$/.exec(value.trim());
  const address = (angle ? angle[2]! : value).trim().toLowerCase();
  if (!EMAIL.test(address) || address.length > 300) return null;
  const name = angle ? angle[1]!.trim().replace(/^"(.*)"$/, '$1').trim() : '';
  return { address, name: name ? name.slice(0, 200) : null };
}

/** A Message-Id without its angle brackets, so `<a@b>` and `a@b` are the same message. */
function bareId(value: string): string {
  return value.trim().replace(/^<(.*)>$/, '$1').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML reduced to its text: scripts and styles dropped, blocks and <br> as line breaks, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? whole;
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '';
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// The line a mail program puts above the quoted message: "On … wrote:", "W dniu … napisał(a):", "-----Original Message-----".
const REPLY_MARKER = /^\s*(On\s.+\swrote:|W dniu\s.+\snapisał(\(a\))?:|Dnia\s.+\snapisał(\(a\))?:|-{2,}\s*(Original Message|Wiadomość oryginalna|Oryginalna wiadomość)\s*-{2,})\s*$/i;

/**
 * Minimal removal of the quoted message: from the first reply marker on, the marker and lines
 * starting with '>' go; what the resident wrote between quotes stays. No marker: the text as is.
 */
export function stripQuoted(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const marker = lines.findIndex((line) => REPLY_MARKER.test(line));
  if (marker < 0) return text.trim();
  const kept = [...lines.slice(0, marker), ...lines.slice(marker + 1).filter((line) => !line.trimStart().startsWith('>'))];
  return kept.join('\n').trim();
}

const InboundEmail = z.object({
  from: z.string().min(3).max(400),
  to: z.string().max(2000).optional(),
  subject: z.string().max(1000).optional(),
  text: z.string().max(200_000).optional(),
  html: z.string().max(1_000_000).optional(),
  'message-id': z.string().min(3).max(1000),
  'in-reply-to': z.string().max(1000).optional(),
  references: z.string().max(10_000).optional(),
});

/** Provider field names (any case; Mailgun's body-plain and body-html too) to the ones checked above. */
function normalizeFields(raw: Record<string, unknown>): Record<string, string> {
  const aliases: Record<string, string> = { 'body-plain': 'text', 'body-html': 'html', messageid: 'message-id', message_id: 'message-id', in_reply_to: 'in-reply-to' };
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string') continue;
    const lower = key.toLowerCase();
    out[aliases[lower] ?? lower] = value;
  }
  return out;
}

/**
 * E-mail to the contact centre, shaped like a mail provider's inbound-parse webhook. A reply
 * continues its conversation by In-Reply-To / References (an earlier e-mail of the resident or a
 * consultant's answer, whose Message-Id names the chat message), else the sender's open e-mail
 * conversation, else a new one. Consultants' answers are queued for the city's mail relay.
 */
export function emailRoutes(app: FastifyInstance, context: RouteContext, db: Db, hub: ChatHub, options: EmailOptions): void {
  /** The open e-mail conversation a reply refers to, if any. */
  const referenced = async (ids: string[]): Promise<StoredConversation | null> => {
    for (const id of ids) {
      const local = /^([A-Za-z0-9-]{1,64})@(.+)$/.exec(id);
      const candidates = [providerMessageId('email', id), ...(local && local[2] === EMAIL_MESSAGE_ID_DOMAIN ? [local[1]!] : [])];
      for (const candidate of candidates) {
        const message = await findMessage(db, candidate);
        const conversation = message ? await findConversation(db, message.conversation_id) : null;
        if (conversation?.channel === 'email' && conversation.status !== 'closed') return conversation;
      }
    }
    return null;
  };

  addRoute(app, context, {
    method: 'POST',
    url: '/chats/email/inbound',
    access: 'public',
    tag: 'chats',
    summary:
      'Inbound e-mail (a mail provider\'s inbound-parse webhook): form-encoded or JSON from, to, subject, text, html, Message-Id, In-Reply-To, References; HTTP Basic auth whose password is the shared secret (401 otherwise). Text only: quoted reply text after the first reply marker is dropped, HTML-only mail is reduced to text. A repeated Message-Id is stored once.',
    responses: { 200: z.object({ stored: z.boolean() }) },
    handler: async ({ request, reply }) => {
      const secret = options.emailInboundSecret ?? null;
      if (!secret) throw new ApiError(404, 'not_found', 'No mail provider configured');
      const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const credentials = basic ? Buffer.from(basic[1]!, 'base64').toString('utf8') : '';
      const password = credentials.includes(':') ? credentials.slice(credentials.indexOf(':') + 1) : '';
      if (!sameSecret(password, secret)) throw new ApiError(401, 'unauthorized', 'Bad credentials', undefined, { 'www-authenticate': 'Basic realm="inbound-email"' });
      const raw = request.body;
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new ApiError(400, 'invalid_request', 'Form fields or a JSON object expected');
      const parsed = InboundEmail.safeParse(normalizeFields(raw as Record<string, unknown>));
      if (!parsed.success) throw new ApiError(400, 'invalid_request', 'from and Message-Id are required');
      const mail = parsed.data;
      const sender = parseMailbox(mail.from);
      if (!sender) throw new ApiError(400, 'invalid_request', 'The sender is not an e-mail address', [{ path: 'body.from', code: 'email_invalid', message: 'not an e-mail address' }]);
      const body = stripQuoted(mail.text?.trim() ? mail.text : htmlToText(mail.html ?? ''));
      const references = [mail['in-reply-to'] ?? '', ...(mail.references ?? '').split(/\s+/).reverse()].map(bareId).filter((id) => id !== '');
      const conversation = await referenced(references);
      const opening = !conversation && !(await openConversation(db, 'email', sender.address));
      const subject = mail.subject?.trim();
      // The first e-mail of a conversation keeps its subject: the consultant sees what it is about.
      const text = fitChatText(opening && subject ? `Temat: ${subject}\n\n${body}` : body || (subject ?? ''));
      if (text === '') return reply.send({ stored: false });
      const stored = await receiveInbound(db, hub, { channel: 'email', contact: sender.address, name: sender.name, messageId: providerMessageId('email', bareId(mail['message-id'])), text, conversation });
      return reply.send({ stored });
    },
  });
}
