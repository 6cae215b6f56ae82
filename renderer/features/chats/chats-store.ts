import { create } from 'zustand';
import type { CannedReply, ChatAgent, ChatConnection, ChatConversation, ChatMessage, ChatOffer, ChatsState } from '../../../preload/contract';
import type { BridgeClient } from '../../bridge';
import { byOrder, mergeSorted } from './chat-order';

interface ChatsStore {
  loaded: boolean;
  connection: ChatConnection | null;
  /** Pane order: as they arrived. */
  order: string[];
  conversations: Record<string, ChatConversation>;
  /** Loaded transcripts, sorted: numbered ones by seq, then those still in the outbox. */
  messages: Record<string, ChatMessage[]>;
  offers: Record<string, ChatOffer>;
  agents: ChatAgent[];
  queues: string[];
  wrapUpCodes: string[];
  cannedReplies: CannedReply[];
  userId: string | null;
  typing: Record<string, boolean>;
  activeId: string | null;
  /** A keyboard command for the shown pane's composer (Alt+Insert, Alt+K); `at` makes a repeat a new one. */
  composerCommand: { kind: 'canned' | 'kb'; at: number } | null;
  commandComposer(kind: 'canned' | 'kb'): void;
  setState(state: ChatsState): void;
  setConnection(connection: ChatConnection): void;
  upsertConversation(conversation: ChatConversation): void;
  setMessages(conversationId: string, messages: ChatMessage[]): void;
  mergeMessages(conversationId: string, messages: ChatMessage[]): void;
  addOffer(offer: ChatOffer): void;
  removeOffer(offerId: string): void;
  setAgents(agents: ChatAgent[]): void;
  setTyping(conversationId: string, typing: boolean): void;
  activate(conversationId: string | null): void;
  remove(conversationId: string): void;
}

export const useChatsStore = create<ChatsStore>()((set, get) => ({
  loaded: false,
  connection: null,
  order: [],
  conversations: {},
  messages: {},
  offers: {},
  agents: [],
  queues: [],
  wrapUpCodes: [],
  cannedReplies: [],
  userId: null,
  typing: {},
  activeId: null,
  composerCommand: null,
  commandComposer: (kind) => set({ composerCommand: { kind, at: Date.now() } }),
  setState: (state) => {
    const conversations = Object.fromEntries(state.conversations.map((c) => [c.id, c]));
    const previous = get().order.filter((id) => conversations[id]);
    const order = [...previous, ...state.conversations.map((c) => c.id).filter((id) => !previous.includes(id))];
    const activeId = get().activeId && conversations[get().activeId!] ? get().activeId : (order[0] ?? null);
    set({
      loaded: true,
      connection: state.connection,
      conversations,
      order,
      offers: Object.fromEntries(state.offers.map((o) => [o.id, o])),
      agents: state.agents,
      queues: state.queues,
      wrapUpCodes: state.wrapUpCodes,
      cannedReplies: state.cannedReplies,
      userId: state.userId,
      activeId,
    });
  },
  setConnection: (connection) => set({ connection }),
  upsertConversation: (conversation) =>
    set((s) => ({
      conversations: { ...s.conversations, [conversation.id]: conversation },
      order: s.order.includes(conversation.id) ? s.order : [...s.order, conversation.id],
      activeId: s.activeId ?? conversation.id,
    })),
  setMessages: (conversationId, messages) => set((s) => ({ messages: { ...s.messages, [conversationId]: [...messages].sort(byOrder) } })),
  mergeMessages: (conversationId, messages) =>
    set((s) => {
      const existing = s.messages[conversationId];
      if (!existing) return {}; // not loaded yet: the pane loads the whole transcript when opened
      return { messages: { ...s.messages, [conversationId]: mergeSorted(existing, messages) } };
    }),
  addOffer: (offer) => set((s) => ({ offers: { ...s.offers, [offer.id]: offer } })),
  removeOffer: (offerId) =>
    set((s) => {
      const offers = { ...s.offers };
      delete offers[offerId];
      return { offers };
    }),
  setAgents: (agents) => set({ agents }),
  setTyping: (conversationId, typing) => set((s) => ({ typing: { ...s.typing, [conversationId]: typing } })),
  activate: (conversationId) => set({ activeId: conversationId }),
  remove: (conversationId) =>
    set((s) => {
      const conversations = { ...s.conversations };
      delete conversations[conversationId];
      const messages = { ...s.messages };
      delete messages[conversationId];
      const order = s.order.filter((id) => id !== conversationId);
      return { conversations, messages, order, activeId: s.activeId === conversationId ? (order[0] ?? null) : s.activeId };
    }),
}));

/** Subscribes the store to the core's chat events; loads the state now and after every reconnect of the bridge. */
export function startChatsSync(client: BridgeClient): () => void {
  const store = () => useChatsStore.getState();
  const load = async () => {
    try {
      const state = await client.request('chats.state', {});
      store().setState(state);
      // Transcripts already open are refreshed: events sent while the bridge was down are lost.
      for (const id of Object.keys(store().messages)) {
        if (store().conversations[id]) store().setMessages(id, await client.request('chats.messages', { conversationId: id }));
      }
    } catch {
      // The store is unusable or the core is older: the panel says what it knows.
    }
  };
  const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const unsubscribers = [
    client.subscribe('chats.connection', (connection) => {
      store().setConnection(connection);
      if (connection.state === 'connected') void load();
    }),
    client.subscribe('chats.offer', (offer) => store().addOffer(offer)),
    client.subscribe('chats.offerGone', ({ offerId }) => store().removeOffer(offerId)),
    client.subscribe('chats.conversation', (conversation) => store().upsertConversation(conversation)),
    client.subscribe('chats.messages', ({ conversationId, messages }) => {
      store().mergeMessages(conversationId, messages);
      if (messages.some((m) => m.author === 'resident')) store().setTyping(conversationId, false);
    }),
    client.subscribe('chats.typing', ({ conversationId, typing }) => {
      store().setTyping(conversationId, typing);
      // A resident who stopped without saying so: the indicator goes after a while.
      clearTimeout(typingTimers.get(conversationId));
      if (typing) typingTimers.set(conversationId, setTimeout(() => store().setTyping(conversationId, false), 6_000));
    }),
    client.subscribe('chats.agents', (agents) => store().setAgents(agents)),
    client.onConnectionChange((state) => {
      if (state === 'connected') void load();
    }),
  ];
  if (client.connection === 'connected') void load();
  return () => {
    unsubscribers.forEach((unsubscribe) => unsubscribe());
    typingTimers.forEach((timer) => clearTimeout(timer));
  };
}
