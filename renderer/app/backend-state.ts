import type { BackendReachability } from '../../preload/contract';
import { useStatusStore } from './stores/status-store';

/** The backend's reachability, or null while the first status has not arrived. */
export function useBackendState(): BackendReachability | null {
  return useStatusStore((state) => state.status?.backend ?? null);
}
