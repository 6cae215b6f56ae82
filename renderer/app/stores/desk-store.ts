import { create } from 'zustand';
import type { MethodResult } from '../../../preload/contract';

export type Hello = MethodResult<'core.hello'>;

/** loading → ready, or store_failed (the database cannot be used), or load_failed (a request failed). */
export type DeskPhase = 'loading' | 'ready' | 'store_failed' | 'load_failed';

interface DeskStore {
  phase: DeskPhase;
  hello: Hello | null;
  loadError: string | null;
  recoveredDismissed: boolean;
  setHello(hello: Hello): void;
  setPhase(phase: DeskPhase, loadError?: string | null): void;
  dismissRecovered(): void;
}

/** What the core said about itself at hello: version, data folder, store health. */
export const useDeskStore = create<DeskStore>()((set) => ({
  phase: 'loading',
  hello: null,
  loadError: null,
  recoveredDismissed: false,
  setHello: (hello) => set({ hello }),
  setPhase: (phase, loadError = null) => set({ phase, loadError }),
  dismissRecovered: () => set({ recoveredDismissed: true }),
}));
