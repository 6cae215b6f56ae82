import { create } from 'zustand';

interface AgentErrorStore {
  error: string | null;
  set(error: string | null): void;
}

const useAgentErrorStore = create<AgentErrorStore>()((set) => ({ error: null, set: (error) => set({ error }) }));

/** Runs a state change and keeps its failure visible (shortcuts and the menu share it). */
export function runAgentChange(change: () => Promise<void>): void {
  useAgentErrorStore.getState().set(null);
  change().catch((error: unknown) => useAgentErrorStore.getState().set((error as Error).message));
}

export function useAgentStateError(): { error: string | null; run: typeof runAgentChange } {
  return { error: useAgentErrorStore((state) => state.error), run: runAgentChange };
}
