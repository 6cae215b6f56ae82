import { create } from 'zustand';
import type { SyncStatus } from '../../../preload/contract';
import { bridge } from '../../bridge';

interface SyncStore {
  /** Null until the core has answered (or when it cannot answer sync.status). */
  sync: SyncStatus | null;
  /** The last "send now" failure, shown beside the button. */
  sendError: string | null;
  /**
   * Unsent work as last reported by either status.changed or sync.changed, whichever came last:
   * saving work announces the one, sending it the other.
   */
  unsentCount: number | null;
  set(sync: SyncStatus | null): void;
  setUnsent(count: number): void;
  sendNow(): Promise<void>;
}

/** The outbox towards the city backend as the core reports it; sync.changed keeps it current. */
export const useSyncStore = create<SyncStore>()((set) => ({
  sync: null,
  sendError: null,
  unsentCount: null,
  set: (sync) => set(sync ? { sync, unsentCount: sync.unsentCount } : { sync }),
  setUnsent: (unsentCount) => set({ unsentCount }),
  sendNow: async () => {
    set({ sendError: null });
    try {
      const sync = await bridge().request('sync.sendNow', {});
      set({ sync, unsentCount: sync.unsentCount });
    } catch (error) {
      set({ sendError: (error as Error).message });
    }
  },
}));
