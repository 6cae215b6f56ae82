import type { DeskBridgeApi } from '../../preload/contract/bridge-api';
import type { ConnectionState, Transport } from './transport';

/** In Electron the preload hands us a ready pipe; the shell keeps it up, so it is always connected. */
export function createElectronTransport(api: DeskBridgeApi): Transport {
  const state: ConnectionState = 'connected';
  return {
    state,
    send(message) {
      api.send(message);
      return true;
    },
    onMessage: (listener) => api.onMessage(listener),
    onStateChange: () => () => undefined,
    close: () => undefined,
  };
}
