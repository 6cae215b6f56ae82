import { CoreToClient, events, isMethodName, methods, toFieldIssues } from '../../preload/contract';
import type { EventName, EventPayload, MethodName, MethodParams, MethodResult } from '../../preload/contract';
import { BridgeRequestError } from './request-error';
import type { ConnectionState, Transport } from './transport';

interface Pending {
  method: MethodName;
  /** Whether the envelope left; a request still queued survives a reconnect. */
  sent: boolean;
  envelope: { kind: 'request'; id: string; method: string; params: unknown };
  resolve(result: unknown): void;
  reject(error: BridgeRequestError): void;
  timer: ReturnType<typeof setTimeout>;
}

type EventHandler<E extends EventName> = (payload: EventPayload<E>) => void;

export interface BridgeClientOptions {
  /** How long one request may wait for its reply, queueing included. */
  timeoutMs?: number;
}

/**
 * The renderer's end of the contract: typed requests whose replies are checked against the
 * contract's result schemas, and typed event subscriptions. Nothing unchecked reaches a store.
 */
export class BridgeClient {
  private readonly pending = new Map<string, Pending>();
  private readonly handlers = new Map<EventName, Set<(payload: unknown) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly idPrefix = randomPrefix();
  private nextId = 1;
  private readonly timeoutMs: number;

  constructor(
    private readonly transport: Transport,
    options: BridgeClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    transport.onMessage((message) => this.receive(message));
    transport.onStateChange((state) => {
      if (state === 'connected') this.flush();
      else this.failSent();
      for (const listener of this.stateListeners) listener(state);
    });
  }

  get connection(): ConnectionState {
    return this.transport.state;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const id = `${this.idPrefix}-${this.nextId++}`;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      const pending: Pending = {
        method,
        sent: false,
        envelope: { kind: 'request', id, method, params },
        resolve: (result) => resolve(result as MethodResult<M>),
        reject,
        timer: setTimeout(() => {
          this.pending.delete(id);
          reject(new BridgeRequestError(method, { code: 'timeout', message: `no reply in ${this.timeoutMs} ms` }));
        }, this.timeoutMs),
      };
      this.pending.set(id, pending);
      pending.sent = this.transport.send(pending.envelope);
    });
  }

  subscribe<E extends EventName>(name: E, handler: EventHandler<E>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    const untyped = handler as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  close(): void {
    this.transport.close();
    for (const [id, pending] of this.pending) this.settleError(id, pending, 'disconnected', 'client closed');
  }

  private receive(message: unknown): void {
    const parsed = CoreToClient.safeParse(message);
    if (!parsed.success) return;
    const envelope = parsed.data;
    if (envelope.kind === 'event') {
      if (!Object.hasOwn(events, envelope.name)) return;
      const name = envelope.name as EventName;
      const payload = events[name].safeParse(envelope.payload);
      if (!payload.success) return;
      for (const handler of this.handlers.get(name) ?? []) handler(payload.data);
      return;
    }
    const pending = this.pending.get(envelope.id);
    if (!pending) return;
    this.pending.delete(envelope.id);
    clearTimeout(pending.timer);
    if (!envelope.ok) {
      pending.reject(new BridgeRequestError(pending.method, envelope.error));
      return;
    }
    const result = isMethodName(pending.method) ? methods[pending.method].result.safeParse(envelope.result) : undefined;
    if (!result?.success) {
      pending.reject(
        new BridgeRequestError(pending.method, {
          code: 'invalid_reply',
          message: 'the reply does not match the contract',
          ...(result ? { issues: toFieldIssues(result.error) } : {}),
        }),
      );
      return;
    }
    pending.resolve(result.data);
  }

  /** Sends what waited for a connection. */
  private flush(): void {
    for (const pending of this.pending.values()) {
      if (!pending.sent) pending.sent = this.transport.send(pending.envelope);
    }
  }

  /** The connection dropped: a reply to what was sent can never come, so say so now. */
  private failSent(): void {
    for (const [id, pending] of this.pending) {
      if (pending.sent) this.settleError(id, pending, 'disconnected', 'connection to the core lost');
    }
  }

  private settleError(id: string, pending: Pending, code: 'disconnected', message: string): void {
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.reject(new BridgeRequestError(pending.method, { code, message }));
  }
}

function randomPrefix(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
