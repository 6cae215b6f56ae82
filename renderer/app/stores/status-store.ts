import { create } from 'zustand';
import type { DeskStatus } from '../../../preload/contract';

interface StatusStore {
  status: DeskStatus | null;
  set(status: DeskStatus): void;
}

/** The desk's live status (backend reachability, unsent work, agent state), from status.changed. */
export const useStatusStore = create<StatusStore>()((set) => ({
  status: null,
  set: (status) => set({ status }),
}));
