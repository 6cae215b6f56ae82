// The core in its own thread, served over the MessagePort it is handed: like the utility process.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { serveClient } from '../../main/core/bridge-server';
import { Core } from '../../main/core/core';
import { silentLogger } from '../../main/core/log';

const { dataDir, port } = workerData as { dataDir: string; port: MessagePort };
const core = new Core({ dataDir, appVersion: 'bench', log: silentLogger });
serveClient(core, {
  send: (message) => port.postMessage(message),
  onMessage: (listener) => port.on('message', listener),
  onClose: (listener) => port.on('close', listener),
});
parentPort?.postMessage('ready');
