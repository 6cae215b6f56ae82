import type { CoreToClient } from '../../preload/contract';
import type { Core } from './core';

/**
 * One client's end of a bidirectional pipe to the core, whatever carries it: an Electron
 * MessagePortMain, a worker_threads MessagePort, or a WebSocket.
 */
export interface ClientPort {
  send(message: CoreToClient): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose(listener: () => void): void;
}

/** Serves the contract to one client: answers its requests and forwards every event to it. */
export function serveClient(core: Core, port: ClientPort): void {
  const unsubscribe = core.subscribe((event) => port.send(event));
  port.onMessage((message) => {
    void core.handle(message).then((reply) => port.send(reply));
  });
  port.onClose(unsubscribe);
}
