// Entry of the core when the Electron shell runs it as a utility process. The shell hands over one
// MessagePort per client (the window, the shell itself); this file never imports `electron`: the
// parent port is reached through `process.parentPort`, typed here by what the core uses of it.
import { parseArgs } from 'node:util';
import type { CoreToClient } from '../../preload/contract';
import { APP_VERSION, defaultDataDir } from './app-info';
import { serveClient } from './bridge-server';
import { Core } from './core';
import { useBackendIfUnset } from './default-backend';
import { createLogger } from './log';

interface PortMainLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  on(event: 'close', listener: () => void): void;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMainLike[] }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) throw new Error('core/utility-entry must be started by the shell as an Electron utility process');

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, 'default-backend': { type: 'string' } }, strict: false });
const dataDir = typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir();
const log = createLogger(process.stderr);
const core = new Core({ dataDir, appVersion: APP_VERSION, log });
// `npm start`'s embedded default: the local demo backend, when the desk has no backend yet.
if (typeof values['default-backend'] === 'string') await useBackendIfUnset(core, values['default-backend']);

/** Closes the database (checkpointing the WAL) before the process ends. */
function shutdown(): void {
  core.close();
  process.exit(0);
}
process.once('SIGTERM', shutdown);

parentPort.on('message', ({ data, ports }) => {
  const type = (data as { type?: string } | null)?.type;
  if (type === 'shutdown') return shutdown();
  if (type !== 'connect') return;
  for (const port of ports) {
    serveClient(core, {
      send: (message: CoreToClient) => port.postMessage(message),
      onMessage: (listener) => port.on('message', ({ data: message }) => listener(message)),
      onClose: (listener) => port.on('close', listener),
    });
    port.start();
  }
});
parentPort.postMessage({ type: 'core-ready', store: core.store.state, readyInMs: core.readyInMs });

process.on('exit', () => core.close());
