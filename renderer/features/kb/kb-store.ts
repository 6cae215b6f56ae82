import { create } from 'zustand';
import type { KbFacets } from '../../../preload/contract';
import type { BridgeClient } from '../../bridge';

interface KbStore {
  /** Null until kb.facets answered; stays null when the core cannot answer it. */
  facets: KbFacets | null;
  /** Bumped when the articles may have changed (a pull finished): searches run again. */
  revision: number;
  loadFacets(client: BridgeClient): Promise<void>;
}

let facetsRound = 0;

/** What the knowledge base holds: units and categories to filter by, and how many articles. */
export const useKbStore = create<KbStore>()((set, get) => ({
  facets: null,
  revision: 0,
  loadFacets: async (client) => {
    const round = ++facetsRound;
    try {
      const facets = await client.request('kb.facets', {});
      if (round === facetsRound) set({ facets, revision: get().revision + 1 });
    } catch {
      // An older core without the index: the panel keeps its honest "empty" state.
    }
  },
}));
