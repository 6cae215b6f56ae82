import type { BridgeClient } from '../bridge';
import { useAuthStore } from '../features/auth/auth-store';
import { useKbStore } from '../features/kb/kb-store';
import { useSettingsStore } from '../features/settings/settings-store';
import { useSoftphoneStore } from '../features/softphone/softphone-store';
import { useConnectionStore } from './stores/connection-store';
import { useDeskStore } from './stores/desk-store';
import { useStatusStore } from './stores/status-store';
import { useSyncStore } from '../features/sync/sync-store';

/**
 * Connects the stores to the core: events keep them current, and every (re)connection loads
 * hello, settings and status again, since events sent while disconnected are lost.
 */
export function startDeskSync(client: BridgeClient): () => void {
  const unsubscribers = [
    client.subscribe('status.changed', (status) => {
      useStatusStore.getState().set(status);
      useSyncStore.getState().setUnsent(status.unsentCount);
    }),
    client.subscribe('settings.changed', (settings) => useSettingsStore.getState().set(settings)),
    client.subscribe('auth.changed', (auth) => useAuthStore.getState().set(auth)),
    client.subscribe('sync.changed', (sync) => {
      const before = useSyncStore.getState().sync;
      useSyncStore.getState().set(sync);
      // A pull that finished may have brought articles: refresh the filters and the count.
      if ((before?.pull.running && !sync.pull.running) || (before && before.lastPulledAt !== sync.lastPulledAt)) void useKbStore.getState().loadFacets(client);
    }),
    client.subscribe('desk.linkOpened', ({ uri, at }) => useSoftphoneStore.getState().openLink(uri, at)),
    client.subscribe('system.power', ({ event, at }) => {
      useSoftphoneStore.getState().power(event, at);
      // Back from sleep: the core re-checks the backend; show its fresh answer, not the old one.
      if (event === 'resume' || event === 'unlock-screen') void client.request('status.get', {}).then((s) => useStatusStore.getState().set(s), () => undefined);
    }),
    client.onConnectionChange((state) => {
      useConnectionStore.getState().set(state);
      if (state === 'connected') void load(client);
    }),
  ];
  useConnectionStore.getState().set(client.connection);
  if (client.connection === 'connected') void load(client);
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}

let loadRound = 0;

export async function load(client: BridgeClient): Promise<void> {
  const round = ++loadRound;
  const desk = useDeskStore.getState();
  try {
    const hello = await client.request('core.hello', { client: 'renderer' });
    if (round !== loadRound) return;
    desk.setHello(hello);
    if (hello.store.state === 'failed') {
      desk.setPhase('store_failed');
      return;
    }
    const [settings, status] = await Promise.all([client.request('settings.get', {}), client.request('status.get', {})]);
    if (round !== loadRound) return;
    useSettingsStore.getState().set(settings);
    useStatusStore.getState().set(status);
    // Sign-in, sync and the knowledge base are optional for showing the desk: a core that cannot
    // answer them yet leaves those parts in their "unknown" state instead of failing the desk.
    const [auth, sync] = await Promise.all([client.request('auth.status', {}).catch(() => null), client.request('sync.status', {}).catch(() => null)]);
    if (round !== loadRound) return;
    useAuthStore.getState().set(auth);
    useSyncStore.getState().set(sync);
    useSyncStore.getState().setUnsent(sync?.unsentCount ?? status.unsentCount);
    void useKbStore.getState().loadFacets(client);
    desk.setPhase('ready');
  } catch (error) {
    if (round !== loadRound) return;
    // A dropped connection is retried by the next 'connected'; anything else is shown.
    if (client.connection === 'connected') desk.setPhase('load_failed', (error as Error).message);
  }
}
