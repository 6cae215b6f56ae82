import type { ConnectionState, Transport } from './transport';

export interface WebSocketTransportOptions {
  url: string;
  /** First retry delay; doubles up to `maxDelayMs`. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * The browser host's pipe: JSON text over a WebSocket, reconnecting on its own with a bounded
 * backoff so a restarted host or a sleeping laptop comes back without a reload.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions): Transport {
  const initialDelay = options.initialDelayMs ?? 250;
  const maxDelay = options.maxDelayMs ?? 5000;
  const messageListeners = new Set<(message: unknown) => void>();
  const stateListeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connecting';
  let socket: WebSocket | null = null;
  let delay = initialDelay;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  const setState = (next: ConnectionState): void => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const open = (): void => {
    const ws = new WebSocket(options.url);
    socket = ws;
    ws.addEventListener('open', () => {
      delay = initialDelay;
      setState('connected');
    });
    ws.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string') return;
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return; // not ours to crash on; the client only acts on valid envelopes
      }
      for (const listener of messageListeners) listener(message);
    });
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      setState('reconnecting');
      retryTimer = setTimeout(open, delay);
      delay = Math.min(delay * 2, maxDelay);
    });
  };

  open();

  return {
    get state() {
      return state;
    },
    send(message) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(JSON.stringify(message));
      return true;
    },
    onMessage(listener) {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    onStateChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      socket?.close();
    },
  };
}

/** The bridge address on the page's own host: ws://127.0.0.1:PORT/bridge or wss:// behind TLS. */
export function bridgeUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/bridge`;
}
