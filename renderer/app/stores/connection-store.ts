import { create } from 'zustand';
import type { ConnectionState } from '../../bridge';

interface ConnectionStore {
  state: ConnectionState;
  set(state: ConnectionState): void;
}

/** Whether the pipe to the core is up; the status bar and <html data-core-connection> show it. */
export const useConnectionStore = create<ConnectionStore>()((set) => ({
  state: 'connecting',
  set: (state) => set({ state }),
}));
