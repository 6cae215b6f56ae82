// The preload: exposes `window.deskBridge` (DeskBridgeApi) and `window.deskSecrets` (DeskSecretsApi:
// safeStorage sealing of the SIP password, decision 0008), nothing else. The MessagePort to the
// core arrives from the shell and stays here, in the isolated world; the page can only send and
// receive plain messages through the two functions below. It runs sandboxed, bundled into one
// CommonJS file, so it imports nothing but electron and types.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { DeskBridgeApi } from './contract/bridge-api';
import type { DeskSecretsApi } from './contract/desk-secrets-api';

/** The DOM MessagePort, as Electron types it (the project's type-check uses Node's globals). */
type CorePort = IpcRendererEvent['ports'][number];

/** Messages the page sent before the port arrived (the page starts before the shell joins it). */
const MAX_QUEUED = 1_000;

let port: CorePort | null = null;
const queued: unknown[] = [];
const listeners = new Set<(message: unknown) => void>();

function deliver(message: unknown): void {
  for (const listener of listeners) {
    try {
      listener(message);
    } catch (error) {
      console.error('deskBridge listener failed', error);
    }
  }
}

// A new port replaces the old one: the core restarted, and the old pipe leads nowhere.
ipcRenderer.on('core-port', (event) => {
  const next = event.ports[0];
  if (!next) return;
  port?.close();
  port = next;
  next.onmessage = (message: { data: unknown }) => deliver(message.data);
  for (const message of queued.splice(0)) next.postMessage(message);
});

const bridge: DeskBridgeApi = {
  send(message) {
    if (port) port.postMessage(message);
    else if (queued.length < MAX_QUEUED) queued.push(message);
    else console.error('deskBridge: the core is not connected; message dropped');
  },
  onMessage(listener) {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
  platform: { shell: 'electron', os: process.platform },
};

contextBridge.exposeInMainWorld('deskBridge', bridge);

// Channel names as in DESK_SECRETS_CHANNELS (a value import would pull the contract into this file).
const secrets: DeskSecretsApi = {
  seal: (plain) => (typeof plain === 'string' ? ipcRenderer.invoke('desk-secrets:seal', plain) : Promise.reject(new TypeError('secret must be text'))),
  open: (sealed) => (typeof sealed === 'string' ? ipcRenderer.invoke('desk-secrets:open', sealed) : Promise.reject(new TypeError('sealed secret must be text'))),
};
contextBridge.exposeInMainWorld('deskSecrets', secrets);
