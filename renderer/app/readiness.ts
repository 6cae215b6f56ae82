import { useSettingsStore } from '../features/settings/settings-store';
import { useConnectionStore } from './stores/connection-store';
import { useDeskStore } from './stores/desk-store';
import { useStatusStore } from './stores/status-store';

/**
 * Mirrors the app's state onto <html data-*> so tests (and support staff with devtools) can wait
 * on facts instead of sleeping: data-core-connection, data-desk-ready, data-store-state.
 */
export function startReadinessMarkers(root: HTMLElement = document.documentElement): () => void {
  const update = (): void => {
    const { phase, hello } = useDeskStore.getState();
    root.dataset.coreConnection = useConnectionStore.getState().state;
    const ready = phase === 'ready' && useSettingsStore.getState().settings !== null && useStatusStore.getState().status !== null;
    root.dataset.deskReady = String(ready);
    // The first time the desk is usable: a performance mark the time-to-interactive benchmark reads,
    // set on the next frame so the ready desk has been laid out.
    if (ready && performance.getEntriesByName('desk:ready').length === 0) {
      requestAnimationFrame(() => {
        if (performance.getEntriesByName('desk:ready').length === 0) performance.mark('desk:ready');
      });
    }
    if (hello) root.dataset.storeState = hello.store.state;
  };
  update();
  const unsubscribers = [useDeskStore.subscribe(update), useConnectionStore.subscribe(update), useSettingsStore.subscribe(update), useStatusStore.subscribe(update)];
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
