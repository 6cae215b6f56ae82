import { create } from 'zustand';
import type { TicketKind } from '../../../preload/contract';

/** What another feature (caller card, chats, knowledge base) knows when it asks for a new ticket. */
export interface TicketPrefill {
  kind?: TicketKind;
  callerName?: string;
  callerPhone?: string;
  contactId?: string | null;
  callId?: string | null;
  chatId?: string | null;
  channel?: 'phone' | 'chat' | 'email' | 'walk_in' | 'manual';
  description?: string;
  /** Information request answered from the knowledge base: the article, and the answer read out. */
  kbArticleId?: string | null;
  answer?: string;
}

interface TicketDraftRequestStore {
  /** The request waiting for the tickets panel; null when none. */
  pending: (TicketPrefill & { at: number }) | null;
  /** Opens the new-ticket form with these fields filled in (call from any feature). */
  request(prefill: TicketPrefill): void;
  /** The tickets panel takes the request (once). */
  take(): (TicketPrefill & { at: number }) | null;
}

/** "New ticket for this caller": the one way other features open the ticket form. */
export const useTicketDraftRequest = create<TicketDraftRequestStore>()((set, get) => ({
  pending: null,
  request: (prefill) => set({ pending: { ...prefill, at: Date.now() } }),
  take: () => {
    const pending = get().pending;
    if (pending) set({ pending: null });
    return pending;
  },
}));
