import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { SessionUser } from '../contract';
import type { Db } from '../db/adapter';
import { uuidv7 } from '../common/ids';
import {
  agentChatSettings,
  appendMessage,
  conversationsWhere,
  findConversation,
  findMessage,
  latestAgentState,
  messagesAfter,
  publicConversation,
  updateConversation,
  type StoredConversation,
} from './chat-store';
import { MAX_CHAT_TEXT, type DeskToServer, type ResidentToServer, type ResidentView, type RosterAgent, type ServerToDesk, type WireMessage, type WireOffer } from './wire';

export interface ChatHubOptions {
  /** Most chats one consultant holds at once, unless chat_agents says otherwise. */
  maxChatsPerAgent: number;
  /** How long an offer waits for accept or decline. */
  offerTimeoutMs: number;
  /** After a decline (or an offer left to time out) the consultant is not offered the same chat again for this long. */
  declineCooldownMs: number;
  /** Queues residents may choose; consultants without chat_agents skills serve all of them. */
  queues: readonly string[];
  /** Safety net: routing also runs on this interval (events trigger it at once). */
  routeIntervalMs: number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

interface Offer {
  id: string;
  conversationId: string;
  userId: string;
  expiresAt: number;
  note: string | null;
  fromName: string | null;
  timer: NodeJS.Timeout;
}

/** Sends a frame if the socket is open; a closed one is simply skipped (its owner resumes on reconnect). */
function send(socket: WebSocket, frame: unknown): void {
  if (socket.readyState === 1) socket.send(JSON.stringify(frame));
}

/**
 * The live side of chats: the sockets of desks and residents, routing of waiting conversations to
 * available consultants (queue skills, a limit of concurrent chats), offers with accept, decline
 * and timeout, transfer, close and rating. The database holds every conversation and message; this
 * holds only what lives with the connections (sockets, offers in flight).
 */
export class ChatHub {
  private readonly desks = new Map<string, { user: SessionUser; sockets: Set<WebSocket> }>();
  private readonly residents = new Map<string, Set<WebSocket>>();
  private readonly offers = new Map<string, Offer>();
  private readonly declined = new Map<string, Map<string, number>>();
  /** A transfer to a named colleague: only they are offered the chat; declined, it goes back to its queue. */
  private readonly targets = new Map<string, { userId: string; note: string; fromName: string }>();
  private routing: Promise<void> = Promise.resolve();
  private routeQueued = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Db,
    readonly options: ChatHubOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.route(), this.options.routeIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    for (const offer of this.offers.values()) clearTimeout(offer.timer);
    this.offers.clear();
    for (const desk of this.desks.values()) for (const socket of desk.sockets) socket.close(1001, 'server closing');
    for (const set of this.residents.values()) for (const socket of set) socket.close(1001, 'server closing');
  }

  private log(message: string, details?: Record<string, unknown>): void {
    this.options.log?.(message, details);
  }

  // ---- desks ----

  async deskConnected(user: SessionUser, socket: WebSocket): Promise<void> {
    let desk = this.desks.get(user.id);
    if (!desk) this.desks.set(user.id, (desk = { user, sockets: new Set() }));
    desk.sockets.add(socket);
    socket.on('close', () => {
      desk.sockets.delete(socket);
      if (desk.sockets.size === 0) {
        this.desks.delete(user.id);
        // Offers to a desk that went away go to someone else now.
        for (const offer of [...this.offers.values()]) if (offer.userId === user.id) this.dropOffer(offer, 'timeout', false);
      }
      void this.broadcastRoster();
      this.route();
    });
    const conversations = await conversationsWhere(this.db, "assigned_to = ? AND status = 'active' ORDER BY created_at", [user.id]);
    const offers: WireOffer[] = [];
    for (const offer of this.offers.values()) if (offer.userId === user.id) {
      const wire = await this.wireOffer(offer);
      if (wire) offers.push(wire);
    }
    send(socket, { type: 'hello', user_id: user.id, conversations: conversations.map(publicConversation), offers, queues: [...this.options.queues] } satisfies ServerToDesk);
    void this.broadcastRoster();
    this.route();
  }

  async deskFrame(user: SessionUser, socket: WebSocket, frame: DeskToServer): Promise<void> {
    const ack = (ok: boolean, code?: Extract<ServerToDesk, { type: 'ack' }>['code']): void => {
      if ('ref' in frame) send(socket, { type: 'ack', ref: frame.ref, ok, ...(code ? { code } : {}) } satisfies ServerToDesk);
    };
    switch (frame.type) {
      case 'accept':
        return ack(...(await this.accept(user, frame.offer_id)));
      case 'decline': {
        const offer = this.offers.get(frame.offer_id);
        if (!offer || offer.userId !== user.id) return ack(false, 'offer_gone');
        this.dropOffer(offer, 'declined', true);
        return ack(true);
      }
      case 'fetch': {
        const conversation = await findConversation(this.db, frame.conversation_id);
        if (!conversation || !this.mayRead(user, conversation)) return;
        const messages = await messagesAfter(this.db, conversation.id, frame.after);
        send(socket, { type: 'messages', conversation_id: conversation.id, messages } satisfies ServerToDesk);
        send(socket, { type: 'conversation', conversation: publicConversation(conversation) } satisfies ServerToDesk);
        return;
      }
      case 'typing': {
        const conversation = await findConversation(this.db, frame.conversation_id);
        if (conversation?.assigned_to === user.id) this.toResident(conversation.id, { type: 'typing', typing: frame.typing });
        return;
      }
      case 'read': {
        const conversation = await findConversation(this.db, frame.conversation_id);
        if (conversation?.assigned_to !== user.id || frame.seq <= conversation.agent_read_seq) return;
        const seq = Math.min(frame.seq, conversation.last_seq);
        await updateConversation(this.db, conversation.id, { agent_read_seq: seq });
        this.toResident(conversation.id, { type: 'read', seq });
        return;
      }
      case 'transfer':
        return ack(...(await this.transfer(user, frame.conversation_id, frame.target, frame.note)));
      case 'close':
        return ack(...(await this.close(user, frame.conversation_id, frame.wrap_up_code)));
      case 'link_ticket': {
        const conversation = await findConversation(this.db, frame.conversation_id);
        if (!conversation) return ack(false, 'not_found');
        if (!this.mayRead(user, conversation)) return ack(false, 'not_yours');
        if (!conversation.ticket_ids.includes(frame.ticket_id)) {
          if (conversation.ticket_ids.length >= 50) return ack(false, 'too_many_tickets');
          await updateConversation(this.db, conversation.id, { ticket_ids: JSON.stringify([...conversation.ticket_ids, frame.ticket_id]) });
        }
        await this.publishConversation(conversation.id);
        return ack(true);
      }
    }
  }

  /** The consultant it is assigned to, or (after it ended or moved on) nobody else but its last one may read it. */
  private mayRead(user: SessionUser, conversation: StoredConversation): boolean {
    return conversation.assigned_to === user.id;
  }

  private async accept(user: SessionUser, offerId: string): Promise<[boolean, Extract<ServerToDesk, { type: 'ack' }>['code']?]> {
    const offer = this.offers.get(offerId);
    if (!offer || offer.userId !== user.id) return [false, 'offer_gone'];
    clearTimeout(offer.timer);
    this.offers.delete(offer.id);
    const conversation = await findConversation(this.db, offer.conversationId);
    if (!conversation || conversation.status === 'closed') return [false, 'closed'];
    const now = Date.now();
    await updateConversation(this.db, conversation.id, { status: 'active', assigned_to: user.id, assigned_at: now, transfer_note: offer.note });
    this.targets.delete(conversation.id);
    this.declined.delete(conversation.id);
    this.toDesk(user.id, { type: 'offer_gone', offer_id: offer.id, reason: 'accepted' });
    await this.publishConversation(conversation.id);
    const messages = await messagesAfter(this.db, conversation.id, 0);
    this.toDesk(user.id, { type: 'messages', conversation_id: conversation.id, messages });
    await this.publishResidentView(conversation.id);
    void this.broadcastRoster();
    return [true];
  }

  private async transfer(user: SessionUser, conversationId: string, target: Extract<DeskToServer, { type: 'transfer' }>['target'], note: string): Promise<[boolean, Extract<ServerToDesk, { type: 'ack' }>['code']?]> {
    const conversation = await findConversation(this.db, conversationId);
    if (!conversation) return [false, 'not_found'];
    if (conversation.assigned_to !== user.id) return [false, 'not_yours'];
    if (conversation.status === 'closed') return [false, 'closed'];
    if (target.kind === 'agent' && (target.user_id === user.id || !this.desks.has(target.user_id))) return [false, 'unknown_agent'];
    await updateConversation(this.db, conversationId, {
      status: 'waiting',
      assigned_to: null,
      transfer_note: note || null,
      ...(target.kind === 'queue' ? { queue: target.queue } : {}),
    });
    if (target.kind === 'agent') this.targets.set(conversationId, { userId: target.user_id, note, fromName: user.name });
    // Not straight back to the one who passed it on.
    this.declined.set(conversationId, new Map([[user.id, Date.now() + this.options.declineCooldownMs]]));
    this.toDesk(user.id, { type: 'released', conversation_id: conversationId, reason: 'transferred' });
    await this.publishResidentView(conversationId);
    void this.broadcastRoster();
    this.route();
    return [true];
  }

  private async close(user: SessionUser, conversationId: string, wrapUpCode: string): Promise<[boolean, Extract<ServerToDesk, { type: 'ack' }>['code']?]> {
    const conversation = await findConversation(this.db, conversationId);
    if (!conversation) return [false, 'not_found'];
    if (conversation.assigned_to !== user.id) return [false, 'not_yours'];
    if (conversation.status === 'closed') return [false, 'closed'];
    const now = Date.now();
    await updateConversation(this.db, conversationId, { status: 'closed', wrap_up_code: wrapUpCode, closed_at: now });
    if (conversation.channel === 'sms') {
      // An SMS resident has no page with stars: the question goes by SMS, answered with one digit.
      const message = await this.db.transaction(async (tx) => {
        const id = uuidv7(now);
        await appendMessage(tx, { id, conversationId, author: 'system', authorId: null, authorName: null, text: RATING_QUESTION_SMS, smsSid: `SM${randomUUID().replaceAll('-', '')}`, now });
        return findMessage(tx, id);
      });
      if (message) this.publishMessage(message, conversation.assigned_to);
    }
    await this.publishConversation(conversationId);
    await this.publishResidentView(conversationId);
    void this.broadcastRoster();
    this.route(); // a place freed up
    return [true];
  }

  // ---- residents ----

  async residentConnected(conversationId: string, socket: WebSocket, after: number): Promise<void> {
    let set = this.residents.get(conversationId);
    if (!set) this.residents.set(conversationId, (set = new Set()));
    set.add(socket);
    socket.on('close', () => {
      set.delete(socket);
      if (set.size === 0) this.residents.delete(conversationId);
    });
    const view = await this.residentView(conversationId);
    const messages = await messagesAfter(this.db, conversationId, after);
    send(socket, { type: 'hello', conversation: view, messages: messages.map(residentMessage), max_text: MAX_CHAT_TEXT });
  }

  async residentFrame(conversationId: string, socket: WebSocket, frame: ResidentToServer): Promise<void> {
    const conversation = await findConversation(this.db, conversationId);
    if (!conversation) return;
    switch (frame.type) {
      case 'message': {
        const text = frame.text.trim();
        if (frame.text.length > MAX_CHAT_TEXT) return send(socket, { type: 'error', code: 'too_long', max: MAX_CHAT_TEXT, client_id: frame.client_id });
        if (text === '' && !frame.attachment_id) return send(socket, { type: 'error', code: 'empty', client_id: frame.client_id });
        if (conversation.status === 'closed') return send(socket, { type: 'error', code: 'closed', client_id: frame.client_id });
        const message = await this.residentMessage(conversation, frame.client_id, text, frame.attachment_id ?? null);
        if (!message) return send(socket, { type: 'error', code: 'attachment_unknown', client_id: frame.client_id });
        return;
      }
      case 'typing':
        if (conversation.assigned_to) this.toDesk(conversation.assigned_to, { type: 'typing', conversation_id: conversationId, typing: frame.typing });
        return;
      case 'seen': {
        const seq = Math.min(frame.seq, conversation.last_seq);
        const delivered = Math.max(conversation.resident_delivered_seq, seq);
        const read = frame.read ? Math.max(conversation.resident_read_seq, seq) : conversation.resident_read_seq;
        if (delivered === conversation.resident_delivered_seq && read === conversation.resident_read_seq) return;
        await updateConversation(this.db, conversationId, { resident_delivered_seq: delivered, resident_read_seq: read });
        if (conversation.assigned_to) this.toDesk(conversation.assigned_to, { type: 'receipt', conversation_id: conversationId, delivered_seq: delivered, read_seq: read });
        return;
      }
      case 'rate':
        await this.rate(conversation, frame.rating);
        return;
    }
  }

  /** Stores a resident's message (once per client id: a page resending after a drop is not doubled) and delivers it. */
  async residentMessage(conversation: StoredConversation, id: string, text: string, attachmentId: string | null): Promise<WireMessage | null> {
    const existing = await findMessage(this.db, id);
    if (existing) {
      if (existing.conversation_id !== conversation.id) return null;
      this.toResident(conversation.id, { type: 'message', message: residentMessage(existing) });
      return existing;
    }
    if (attachmentId) {
      const [row] = await this.db.query('SELECT 1 AS ok FROM chat_attachments WHERE id = ? AND conversation_id = ?', [attachmentId, conversation.id]);
      if (!row) return null;
    }
    const now = Date.now();
    const message = await this.db.transaction(async (tx) => {
      await appendMessage(tx, { id, conversationId: conversation.id, author: 'resident', authorId: null, authorName: conversation.resident_name, text, attachmentId, now });
      return findMessage(tx, id);
    });
    if (message) this.publishMessage(message, conversation.assigned_to);
    return message;
  }

  async rate(conversation: StoredConversation, rating: number): Promise<boolean> {
    if (conversation.status !== 'closed' || conversation.rating !== null) return false;
    await updateConversation(this.db, conversation.id, { rating });
    await this.publishConversation(conversation.id);
    await this.publishResidentView(conversation.id);
    return true;
  }

  /** A consultant's state changed (a desk pushed agent_state): colleagues' transfer lists show it, routing follows it. */
  agentStateChanged(): void {
    void this.broadcastRoster();
    this.route();
  }

  /** A new conversation is waiting (web page or SMS): route it now. */
  conversationCreated(): void {
    this.route();
  }

  // ---- delivery ----

  /** After a desk's push committed: deliver the consultants' messages it carried. */
  async publishPushed(messageIds: readonly string[]): Promise<void> {
    const messages: WireMessage[] = [];
    for (const id of messageIds) {
      const message = await findMessage(this.db, id);
      if (message) messages.push(message);
    }
    messages.sort((a, b) => a.seq - b.seq);
    for (const message of messages) {
      const conversation = await findConversation(this.db, message.conversation_id);
      this.publishMessage(message, conversation?.assigned_to ?? null);
    }
  }

  private publishMessage(message: WireMessage, assignedTo: string | null): void {
    this.toResident(message.conversation_id, { type: 'message', message: residentMessage(message) });
    if (assignedTo) this.toDesk(assignedTo, { type: 'message', message });
  }

  private async publishConversation(conversationId: string): Promise<void> {
    const conversation = await findConversation(this.db, conversationId);
    if (conversation?.assigned_to) this.toDesk(conversation.assigned_to, { type: 'conversation', conversation: publicConversation(conversation) });
  }

  private async residentView(conversationId: string): Promise<ResidentView> {
    const conversation = await findConversation(this.db, conversationId);
    const agent = conversation?.assigned_to ? await this.db.query<{ name: string }>('SELECT name FROM users WHERE id = ?', [conversation.assigned_to]) : [];
    return {
      status: conversation?.status ?? 'closed',
      agent_name: agent[0]?.name ?? null,
      rating: conversation?.rating ?? null,
      agent_read_seq: conversation?.agent_read_seq ?? 0,
    };
  }

  private async publishResidentView(conversationId: string): Promise<void> {
    if (!this.residents.has(conversationId)) return;
    this.toResident(conversationId, { type: 'status', conversation: await this.residentView(conversationId) });
  }

  private toDesk(userId: string, frame: ServerToDesk): void {
    const desk = this.desks.get(userId);
    if (desk) for (const socket of desk.sockets) send(socket, frame);
  }

  private toResident(conversationId: string, frame: unknown): void {
    const set = this.residents.get(conversationId);
    if (set) for (const socket of set) send(socket, frame);
  }

  private async roster(): Promise<RosterAgent[]> {
    const out: RosterAgent[] = [];
    for (const [userId, desk] of this.desks) {
      const [count] = await this.db.query<{ n: number }>("SELECT count(*) AS n FROM chat_conversations WHERE assigned_to = ? AND status = 'active'", [userId]);
      out.push({ id: userId, name: desk.user.name, available: (await latestAgentState(this.db, userId)) === 'available', chats: Number(count?.n ?? 0) });
    }
    return out;
  }

  private async broadcastRoster(): Promise<void> {
    if (this.stopped) return;
    const agents = await this.roster().catch((error: unknown) => (this.log('chat roster failed', { error: String(error) }), null));
    if (!agents) return;
    for (const userId of this.desks.keys()) this.toDesk(userId, { type: 'roster', agents });
  }

  // ---- routing ----

  /** Asks for a routing round; rounds never overlap, and a request during one runs one more after it. */
  route(): void {
    if (this.routeQueued || this.stopped) return;
    this.routeQueued = true;
    this.routing = this.routing
      .then(() => {
        this.routeQueued = false;
        return this.routeNow();
      })
      .catch((error: unknown) => this.log('chat routing failed', { error: String(error) }));
  }

  /** Resolves when the routing asked for so far has run (tests). */
  settled(): Promise<void> {
    return this.routing;
  }

  private async routeNow(): Promise<void> {
    const waiting = await conversationsWhere(this.db, "status = 'waiting' ORDER BY created_at", []);
    if (waiting.length === 0 || this.desks.size === 0) return;
    const now = Date.now();
    const agents: { userId: string; available: boolean; skills: string[] | null; max: number; load: number }[] = [];
    for (const userId of this.desks.keys()) {
      const settings = await agentChatSettings(this.db, userId);
      const [count] = await this.db.query<{ n: number }>("SELECT count(*) AS n FROM chat_conversations WHERE assigned_to = ? AND status = 'active'", [userId]);
      const offered = [...this.offers.values()].filter((o) => o.userId === userId).length;
      agents.push({
        userId,
        available: (await latestAgentState(this.db, userId)) === 'available',
        skills: settings.skills,
        max: settings.maxChats ?? this.options.maxChatsPerAgent,
        load: Number(count?.n ?? 0) + offered,
      });
    }
    for (const conversation of waiting) {
      if ([...this.offers.values()].some((o) => o.conversationId === conversation.id)) continue;
      const target = this.targets.get(conversation.id);
      const declined = this.declined.get(conversation.id);
      const pool = agents.filter((a) =>
        target
          ? a.userId === target.userId && a.load < a.max
          : a.available && a.load < a.max && (a.skills === null || a.skills.includes(conversation.queue)) && !((declined?.get(a.userId) ?? 0) > now),
      );
      if (target && pool.length === 0 && !this.desks.has(target.userId)) this.targets.delete(conversation.id); // they left: back to the queue
      const chosen = pool.sort((a, b) => a.load - b.load)[0];
      if (!chosen) continue;
      chosen.load += 1;
      await this.makeOffer(conversation, chosen.userId, target ?? null);
    }
  }

  private async makeOffer(conversation: StoredConversation, userId: string, target: { note: string; fromName: string } | null): Promise<void> {
    const id = uuidv7();
    const expiresAt = Date.now() + this.options.offerTimeoutMs;
    const offer: Offer = {
      id,
      conversationId: conversation.id,
      userId,
      expiresAt,
      note: target?.note || conversation.transfer_note,
      fromName: target?.fromName ?? null,
      timer: setTimeout(() => this.dropOffer(offer, 'timeout', true), this.options.offerTimeoutMs),
    };
    offer.timer.unref();
    this.offers.set(id, offer);
    const wire = await this.wireOffer(offer);
    if (wire) this.toDesk(userId, { type: 'offer', offer: wire });
  }

  private async wireOffer(offer: Offer): Promise<WireOffer | null> {
    const conversation = await findConversation(this.db, offer.conversationId);
    if (!conversation) return null;
    const [first] = await this.db.query<{ text: string }>("SELECT text FROM chat_messages WHERE conversation_id = ? AND author = 'resident' ORDER BY seq LIMIT 1", [conversation.id]);
    return {
      id: offer.id,
      conversation: publicConversation(conversation),
      preview: (first?.text ?? '').slice(0, 300),
      expires_at: offer.expiresAt,
      note: offer.note,
      from_name: offer.fromName,
    };
  }

  private dropOffer(offer: Offer, reason: 'declined' | 'timeout', remember: boolean): void {
    clearTimeout(offer.timer);
    if (!this.offers.delete(offer.id)) return;
    if (remember) {
      let map = this.declined.get(offer.conversationId);
      if (!map) this.declined.set(offer.conversationId, (map = new Map()));
      map.set(offer.userId, Date.now() + this.options.declineCooldownMs);
    }
    // A named colleague who said no: the chat goes back to its queue for anyone.
    if (this.targets.get(offer.conversationId)?.userId === offer.userId) this.targets.delete(offer.conversationId);
    this.toDesk(offer.userId, { type: 'offer_gone', offer_id: offer.id, reason });
    this.route();
  }
}

export const RATING_QUESTION_SMS = 'Dziękujemy za rozmowę. Jak ją oceniasz? Odpowiedz jedną cyfrą od 1 (źle) do 5 (bardzo dobrze).';

/** What a resident sees of a message: no consultant ids. */
export function residentMessage(message: WireMessage): Omit<WireMessage, 'sms_sent'> {
  const { sms_sent: _sent, ...rest } = message;
  void _sent;
  return rest;
}
