import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { z } from 'zod';
import { OutgoingMessageCreatePayload, ServerToDesk, bytesMatchType, type DeskToServer, type WireConversation, type WireMessage, type WireOffer } from '../../backend/chats/wire';
import { CHAT_ATTACHMENT_MAX_BYTES, CHAT_ATTACHMENT_TYPES, SMS_TEXT_MAX, normalizeCaller } from '../../preload/contract';
import type { ChatAgent, ChatConnection, ChatConversation, ChatMessage, ChatOffer, ChatsState } from '../../preload/contract';

import { BridgeFailure } from '../core/bridge-failure';
import type { FeatureContext } from '../core/feature-context';
import { uuidv7 } from '../store/ids';
import { SessionStore } from '../sync/session-store';
import { CANNED_REPLIES, WRAP_UP_CODES } from './canned-replies';
import { ChatRepository } from './chat-repository';

/** Backoff for the n-th reconnect: 0.5 s doubling, capped at 10 s, with jitter (50–100%). */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(Math.min(10_000, 500 * 2 ** attempt) * (0.5 + random() * 0.5));
}

type ChatAttachmentType = (typeof CHAT_ATTACHMENT_TYPES)[number];

const COMMAND_TIMEOUT_MS = 8_000;
const PING_EVERY_MS = 15_000;

interface Target {
  key: string;
  url: string;
  token: string;
  userName: string;
}

type AckFrame = Extract<ServerToDesk, { type: 'ack' }>;

function toOffer(offer: WireOffer, conversation: ChatConversation): ChatOffer {
  return { id: offer.id, conversation, preview: offer.preview, expiresAt: offer.expires_at, note: offer.note, fromName: offer.from_name };
}

/** The conversation as the offer shows it, before it is stored here (it is stored when accepted). */
function offeredConversation(c: WireConversation): ChatConversation {
  return {
    id: c.id,
    channel: c.channel,
    queue: c.queue,
    status: c.status,
    residentName: c.resident_name,
    residentContact: c.resident_contact,
    lastSeq: c.last_seq,
    residentDeliveredSeq: c.resident_delivered_seq,
    residentReadSeq: c.resident_read_seq,
    agentReadSeq: 0,
    unread: 0,
    wrapUpCode: c.wrap_up_code,
    rating: c.rating,
    ticketIds: c.ticket_ids,
    transferNote: c.transfer_note,
    released: false,
    createdAt: c.created_at,
    closedAt: c.closed_at,
  };
}

/**
 * The desk's end of the chat live channel. It keeps one WebSocket to the city backend under the
 * consultant's sync session (reconnecting with backoff), stores conversations and messages
 * locally, and turns the backend's frames into bridge events. Messages the consultant writes never
 * go over this socket: they are stored with an outbox entry and pushed by the sync engine, the one
 * path that delivers them exactly once (docs/decisions/0009-chat-delivery.md).
 */
export class ChatService {
  private socket: WebSocket | null = null;
  private target: Target | null = null;
  private connection: ChatConnection = { state: 'disabled', since: Date.now() };
  private readonly offers = new Map<string, ChatOffer>();
  private agents: ChatAgent[] = [];
  private queues: string[] = [];
  private userId: string | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private readonly pending = new Map<string, { resolve(ack: AckFrame): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  private repository: ChatRepository | null = null;
  private sessions: SessionStore | null = null;

  constructor(private readonly context: () => FeatureContext) {}

  private repo(): ChatRepository {
    this.repository ??= new ChatRepository(this.context().db);
    return this.repository;
  }

  /** Starts following the backend settings and the session (checked every second: sign-in, sign-out, address change). */
  start(): void {
    if (this.watchTimer) return;
    // The core closing ends the live channel at once (the watch below would notice within a second).
    this.context().onClose?.(() => this.stop());
    this.watchTimer = setInterval(() => this.check(), 1_000);
    this.watchTimer.unref();
    this.check();
  }

  stop(): void {
    if (this.watchTimer) clearInterval(this.watchTimer);
    this.watchTimer = undefined;
    this.disconnect();
  }

  private check(): void {
    let context: FeatureContext;
    try {
      context = this.context();
    } catch {
      return this.stop();
    }
    if (!context.db.open) return this.stop(); // the core closed
    const backend = context.settings.read().backend;
    let next: Target | null = null;
    let idle: ChatConnection['state'] = 'disabled';
    if (backend.url !== '' && backend.kind !== 'open311') {
      this.sessions ??= new SessionStore(context.db);
      const session = this.sessions.get(backend.url);
      if (session && Date.parse(session.expiresAt) > Date.now()) {
        next = { key: `${backend.url}\n${session.token}`, url: backend.url, token: session.token, userName: session.user.name };
      } else idle = 'signed_out';
    }
    if (next?.key === this.target?.key) return;
    this.disconnect();
    this.target = next;
    if (next) this.connect();
    else this.setConnection(idle);
  }

  private setConnection(state: ChatConnection['state']): void {
    if (state === this.connection.state) return;
    this.connection = { state, since: Date.now() };
    this.context().emit('chats.connection', this.connection);
  }

  private disconnect(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.retryTimer = undefined;
    this.pingTimer = undefined;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
    }
    this.failPending('disconnected');
    if (this.offers.size > 0) {
      for (const id of this.offers.keys()) this.context().emit('chats.offerGone', { offerId: id, reason: 'timeout' });
      this.offers.clear();
    }
  }

  private connect(): void {
    const target = this.target;
    if (!target) return;
    const base = new URL(target.url.endsWith('/') ? target.url : `${target.url}/`);
    const url = new URL('chats/desk', base);
    url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
    this.setConnection(this.attempt === 0 ? 'connecting' : 'offline');
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${target.token}` }, handshakeTimeout: 5_000, maxPayload: 16 * 1024 * 1024 });
    this.socket = socket;
    let alive = true;
    socket.on('open', () => {
      // A connection that silently died (no FIN) is found by its missing pong.
      this.pingTimer = setInterval(() => {
        if (!alive) return socket.terminate();
        alive = false;
        socket.ping();
      }, PING_EVERY_MS);
      this.pingTimer.unref();
    });
    socket.on('pong', () => (alive = true));
    socket.on('message', (raw) => {
      let frame: ServerToDesk;
      try {
        const parsed = ServerToDesk.safeParse(JSON.parse(String(raw)));
        if (!parsed.success) return this.context().log.warn('chat frame refused', { issues: parsed.error.issues.length });
        frame = parsed.data;
      } catch {
        return;
      }
      try {
        this.receive(frame);
      } catch (error) {
        this.context().log.error('chat frame failed', { type: frame.type, error: String((error as Error)?.stack ?? error) });
      }
    });
    socket.on('error', () => undefined); // 'close' follows
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.pingTimer) clearInterval(this.pingTimer);
      this.failPending('disconnected');
      this.setConnection(code === 4401 ? 'signed_out' : 'offline');
      const delay = reconnectDelayMs(this.attempt++);
      this.retryTimer = setTimeout(() => this.connect(), delay);
      this.retryTimer.unref();
    });
  }

  private failPending(reason: string): void {
    for (const [ref, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(new BridgeFailure({ code: 'chat_offline', message: `chat channel ${reason}` }));
      this.pending.delete(ref);
    }
  }

  private sendFrame(frame: DeskToServer): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Sends a command and waits for the backend's ack; refused ones become typed failures. */
  private async command(frame: DeskToServer & { ref: string }): Promise<void> {
    if (this.connection.state !== 'connected') throw new BridgeFailure({ code: 'chat_offline', message: 'chat channel not connected' });
    const ack = await new Promise<AckFrame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(frame.ref);
        reject(new BridgeFailure({ code: 'chat_offline', message: 'no answer from the backend' }));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(frame.ref, { resolve, reject, timer });
      if (!this.sendFrame(frame)) {
        clearTimeout(timer);
        this.pending.delete(frame.ref);
        reject(new BridgeFailure({ code: 'chat_offline', message: 'chat channel not connected' }));
      }
    });
    if (!ack.ok) throw new BridgeFailure({ code: 'chat_refused', message: `refused: ${ack.code ?? 'unknown'}`, issues: [{ field: '', code: ack.code ?? 'refused' }] });
  }

  private receive(frame: ServerToDesk): void {
    const context = this.context();
    const repo = this.repo();
    const now = Date.now();
    switch (frame.type) {
      case 'hello': {
        this.userId = frame.user_id;
        this.queues = frame.queues;
        const held = new Set(frame.conversations.map((c) => c.id));
        // Ours here but no longer at the backend (transferred or ended while we were away): ask, then read-only.
        for (const id of repo.activeIds()) {
          if (held.has(id)) continue;
          repo.release(id, now);
          this.sendFrame({ type: 'fetch', conversation_id: id, after: repo.lastSeq(id) });
          context.emit('chats.conversation', repo.conversation(id)!);
        }
        for (const c of frame.conversations) {
          context.emit('chats.conversation', repo.upsertConversation(c, now));
          // Resume: what arrived while we were away, after the last seq we hold.
          const last = repo.lastSeq(c.id);
          if (last < c.last_seq) this.sendFrame({ type: 'fetch', conversation_id: c.id, after: last });
        }
        this.offers.clear();
        for (const offer of frame.offers) this.addOffer(offer);
        this.attempt = 0;
        this.setConnection('connected');
        return;
      }
      case 'offer':
        return this.addOffer(frame.offer);
      case 'offer_gone':
        this.offers.delete(frame.offer_id);
        context.emit('chats.offerGone', { offerId: frame.offer_id, reason: frame.reason });
        return;
      case 'conversation':
        context.emit('chats.conversation', repo.upsertConversation(frame.conversation, now));
        return;
      case 'released':
        repo.release(frame.conversation_id, now);
        if (repo.conversation(frame.conversation_id)) context.emit('chats.conversation', repo.conversation(frame.conversation_id)!);
        return;
      case 'message':
        return this.storeMessages(frame.message.conversation_id, [frame.message]);
      case 'messages':
        return this.storeMessages(frame.conversation_id, frame.messages);
      case 'typing':
        context.emit('chats.typing', { conversationId: frame.conversation_id, typing: frame.typing });
        return;
      case 'receipt': {
        repo.setReceipts(frame.conversation_id, frame.delivered_seq, frame.read_seq, now);
        const conversation = repo.conversation(frame.conversation_id);
        if (conversation) context.emit('chats.conversation', conversation);
        return;
      }
      case 'roster':
        this.agents = frame.agents;
        context.emit('chats.agents', this.agents);
        return;
      case 'ack': {
        const pending = this.pending.get(frame.ref);
        if (!pending) return;
        clearTimeout(pending.timer);
        this.pending.delete(frame.ref);
        pending.resolve(frame);
        return;
      }
    }
  }

  private addOffer(offer: WireOffer): void {
    const local = this.repo().conversation(offer.conversation.id);
    const chatOffer = toOffer(offer, local ? { ...local, ...offeredConversation(offer.conversation), agentReadSeq: local.agentReadSeq } : offeredConversation(offer.conversation));
    this.offers.set(offer.id, chatOffer);
    this.context().emit('chats.offer', chatOffer);
  }

  private storeMessages(conversationId: string, messages: WireMessage[]): void {
    const repo = this.repo();
    const before = repo.lastSeq(conversationId);
    const changed = repo.upsertMessages(messages);
    // A gap (a frame lost with a dropped connection): fetch from the last one we hold.
    const lowest = Math.min(...messages.map((m) => m.seq));
    if (messages.length > 0 && lowest > before + 1) this.sendFrame({ type: 'fetch', conversation_id: conversationId, after: before });
    if (changed.length === 0) return;
    const context = this.context();
    context.emit('chats.messages', { conversationId, messages: changed });
    const conversation = repo.conversation(conversationId);
    if (conversation) context.emit('chats.conversation', conversation);
  }

  // ---- the bridge methods ----

  state(): ChatsState {
    this.start();
    return {
      connection: this.connection,
      conversations: this.repo().openConversations(),
      offers: [...this.offers.values()],
      agents: this.agents,
      queues: this.queues,
      wrapUpCodes: [...WRAP_UP_CODES],
      cannedReplies: CANNED_REPLIES,
      userId: this.userId,
    };
  }

  messages(conversationId: string): ChatMessage[] {
    if (!this.repo().conversation(conversationId)) throw new BridgeFailure({ code: 'not_found', message: 'no such conversation' });
    return this.repo().messages(conversationId);
  }

  async accept(offerId: string): Promise<void> {
    await this.command({ type: 'accept', ref: randomUUID(), offer_id: offerId });
  }

  async decline(offerId: string): Promise<void> {
    await this.command({ type: 'decline', ref: randomUUID(), offer_id: offerId });
  }

  /** Stored here with its outbox entry in one transaction; the sync engine delivers it (exactly once, in order). */
  send(conversationId: string, text: string, file?: { name: string; type: ChatAttachmentType; dataBase64: string }): ChatMessage {
    const context = this.context();
    const repo = this.repo();
    const conversation = repo.conversation(conversationId);
    if (!conversation) throw new BridgeFailure({ code: 'not_found', message: 'no such conversation' });
    if (conversation.status !== 'active' || conversation.released) {
      throw new BridgeFailure({ code: 'chat_refused', message: 'the conversation is not yours to write in', issues: [{ field: '', code: conversation.status === 'closed' ? 'closed' : 'not_yours' }] });
    }
    const now = context.now();
    const id = uuidv7(now);
    const userName = this.target?.userName ?? null;
    const upload = file ? { id: uuidv7(now), name: file.name, type: file.type, data_base64: file.dataBase64 } : undefined;
    const attachment = upload ? { id: upload.id, name: upload.name, type: upload.type, size: Buffer.from(upload.data_base64, 'base64').length } : null;
    const message = context.db.transaction(() => {
      const stored = repo.insertPending({ id, conversationId, authorName: userName, text, attachment, now });
      const payload = { conversation_id: conversationId, text, ...(upload ? { attachment: upload } : {}), created_at: now };
      context.outbox.add({ entity: 'chat_message', entityId: id, kind: 'create', payload, userId: context.userId() }, now);
      return stored;
    })();
    context.sync.kick();
    context.emitStatus();
    context.emit('chats.messages', { conversationId, messages: [message] });
    return message;
  }

  /** A consultant's file: the type, the size and the bytes checked here, so the backend need never refuse it. */
  sendAttachment(conversationId: string, name: string, type: string, dataBase64: string, text: string): ChatMessage {
    const invalid = (code: string, message: string) => new BridgeFailure({ code: 'invalid_params', message, issues: [{ field: 'dataBase64', code }] });
    if (!(CHAT_ATTACHMENT_TYPES as readonly string[]).includes(type)) throw invalid('attachment_type', 'only PNG, JPEG and PDF files');
    const bytes = Buffer.from(dataBase64, 'base64');
    if (bytes.length > CHAT_ATTACHMENT_MAX_BYTES) throw invalid('attachment_too_large', 'at most 512 KB');
    if (bytes.length === 0 || !bytesMatchType(bytes, type)) throw invalid('attachment_type', 'the content is not what the type says');
    return this.send(conversationId, text.trim(), { name, type: type as ChatAttachmentType, dataBase64: bytes.toString('base64') });
  }

  /** An answer by SMS or e-mail outside a chat: stored with its outbox entry in one transaction. */
  sendOutgoing(params: { channel: 'sms' | 'email'; to: string; subject: string; text: string; kbArticleId: string | null }): { id: string; channel: 'sms' | 'email'; to: string; status: 'queued' } {
    const context = this.context();
    const invalid = (field: string, code: string) => new BridgeFailure({ code: 'invalid_params', message: `${field}: ${code}`, issues: [{ field, code }] });
    let to: string;
    if (params.channel === 'sms') {
      const number = normalizeCaller(params.to);
      if (number.kind !== 'phone') throw invalid('to', 'phone_invalid');
      to = number.e164;
      if (params.text.length > SMS_TEXT_MAX) throw invalid('text', 'too_long');
    } else {
      to = params.to.trim();
      if (!z.email().max(254).safeParse(to).success) throw invalid('to', 'email_invalid');
    }
    const now = context.now();
    const id = uuidv7(now);
    const subject = params.channel === 'email' ? params.subject || 'Odpowiedź z Centrum Kontaktu Miasta' : null;
    const payload = OutgoingMessageCreatePayload.safeParse({
      channel: params.channel,
      to,
      ...(subject ? { subject } : {}),
      text: params.text,
      kb_article_id: params.kbArticleId,
      created_at: now,
    });
    if (!payload.success) throw invalid(String(payload.error.issues[0]?.path[0] ?? 'text'), params.channel === 'sms' ? 'phone_invalid' : 'email_invalid');
    context.db.transaction(() => {
      this.repo().insertOutgoing({ id, channel: params.channel, recipient: to, subject, text: params.text, kbArticleId: params.kbArticleId, userId: context.userId(), now });
      context.outbox.add({ entity: 'outgoing_message', entityId: id, kind: 'create', payload: payload.data, userId: context.userId() }, now);
    })();
    context.sync.kick();
    context.emitStatus();
    return { id, channel: params.channel, to, status: 'queued' };
  }

  typing(conversationId: string, typing: boolean): void {
    this.sendFrame({ type: 'typing', conversation_id: conversationId, typing });
  }

  read(conversationId: string, seq: number): ChatConversation {
    const repo = this.repo();
    if (!repo.conversation(conversationId)) throw new BridgeFailure({ code: 'not_found', message: 'no such conversation' });
    repo.setAgentRead(conversationId, seq, Date.now());
    this.sendFrame({ type: 'read', conversation_id: conversationId, seq });
    const conversation = repo.conversation(conversationId)!;
    this.context().emit('chats.conversation', conversation);
    return conversation;
  }

  async transfer(conversationId: string, target: { kind: 'queue'; queue: string } | { kind: 'agent'; userId: string }, note: string): Promise<void> {
    const wire = target.kind === 'queue' ? { kind: 'queue' as const, queue: target.queue } : { kind: 'agent' as const, user_id: target.userId };
    await this.command({ type: 'transfer', ref: randomUUID(), conversation_id: conversationId, target: wire, note });
  }

  async close(conversationId: string, wrapUpCode: string): Promise<ChatConversation> {
    const repo = this.repo();
    if (!repo.conversation(conversationId)) throw new BridgeFailure({ code: 'not_found', message: 'no such conversation' });
    // The resident must get every word before the chat ends: closing waits for the outbox.
    if (repo.unsentCount(conversationId) > 0) {
      this.context().sync.sendNow();
      throw new BridgeFailure({ code: 'chat_unsent', message: 'messages of this conversation are still in the outbox' });
    }
    await this.command({ type: 'close', ref: randomUUID(), conversation_id: conversationId, wrap_up_code: wrapUpCode });
    return repo.conversation(conversationId)!;
  }

  dismiss(conversationId: string): void {
    if (!this.repo().dismiss(conversationId, Date.now())) throw new BridgeFailure({ code: 'not_found', message: 'no such conversation' });
  }

  async linkTicket(conversationId: string, ticketId: string): Promise<ChatConversation> {
    await this.command({ type: 'link_ticket', ref: randomUUID(), conversation_id: conversationId, ticket_id: ticketId });
    const conversation = this.repo().conversation(conversationId);
    if (!conversation) throw new BridgeFailure({ code: 'not_found', message: 'no such conversation' });
    return conversation;
  }

  async attachment(id: string): Promise<{ name: string; type: string; dataBase64: string }> {
    const target = this.target;
    if (!target) throw new BridgeFailure({ code: 'chat_offline', message: 'not signed in' });
    const base = target.url.endsWith('/') ? target.url : `${target.url}/`;
    let response: Response;
    try {
      response = await fetch(new URL(`chats/attachments/${encodeURIComponent(id)}`, base), { headers: { authorization: `Bearer ${target.token}` } });
    } catch (error) {
      throw new BridgeFailure({ code: 'backend_unreachable', message: String((error as Error).message) });
    }
    if (response.status === 404) throw new BridgeFailure({ code: 'not_found', message: 'no such attachment' });
    if (!response.ok) throw new BridgeFailure({ code: 'backend_unreachable', message: `HTTP ${response.status}` });
    const disposition = response.headers.get('content-disposition') ?? '';
    const name = decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? 'plik');
    return { name, type: response.headers.get('content-type') ?? 'application/octet-stream', dataBase64: Buffer.from(await response.arrayBuffer()).toString('base64') };
  }
}
