import type { DeskBridgeApi } from '../../preload/contract/bridge-api';
import { BridgeClient } from './client';
import { createElectronTransport } from './electron-transport';
import type { Transport } from './transport';
import { bridgeUrl, createWebSocketTransport } from './websocket-transport';

export { BridgeClient } from './client';
export { BridgeRequestError, isBridgeRequestError } from './request-error';
export type { ConnectionState } from './transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser host. */
    deskBridge?: DeskBridgeApi;
  }
}

/** Electron's preload pipe when present, else the browser host's WebSocket. */
export function createTransport(): Transport {
  return window.deskBridge ? createElectronTransport(window.deskBridge) : createWebSocketTransport({ url: bridgeUrl(window.location) });
}

let client: BridgeClient | undefined;

/** The one client of this window. */
export function bridge(): BridgeClient {
  client ??= new BridgeClient(createTransport());
  return client;
}
