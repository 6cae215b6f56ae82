// The shell's own client of the core: requests and replies over one message pipe, speaking the
// same contract as the renderer. Every reply and event is checked against the contract before use.
// No electron import: the pipe is given as two functions, so this is unit-tested with a fake.
import { CoreToClient, events, methods } from '../../preload/contract';
import type { EventName, EventPayload, MethodName, MethodParams, MethodResult, RequestEnvelope } from '../../preload/contract';

export interface CorePipe {
  send(message: RequestEnvelope): void;
  /** Registers the receiver of every message from the core. */
  onMessage(listener: (message: unknown) => void): void;
  close(): void;
}

export class CoreRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Pending {
  method: MethodName;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

type AnyEventListener = (payload: unknown) => void;

export class CoreClient {
  private pipe: CorePipe | null = null;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<EventName, Set<AnyEventListener>>();

  constructor(
    private readonly options: { timeoutMs?: number; onInvalidMessage?: (detail: string) => void } = {},
  ) {}

  /**
   * Uses a new pipe (first start, or after the core restarted). Requests still waiting on the old
   * one can never be answered: they fail now instead of at their timeout.
   */
  attach(pipe: CorePipe): void {
    this.detach(new CoreRequestError('core_restarted', 'the core restarted before answering'));
    this.pipe = pipe;
    pipe.onMessage((message) => {
      if (this.pipe === pipe) this.receive(message);
    });
  }

  detach(reason = new CoreRequestError('core_gone', 'the core is not running')): void {
    const pipe = this.pipe;
    this.pipe = null;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      pending.reject(reason);
      this.pending.delete(id);
    }
    pipe?.close();
  }

  get connected(): boolean {
    return this.pipe !== null;
  }

  request<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>> {
    const pipe = this.pipe;
    if (!pipe) return Promise.reject(new CoreRequestError('core_gone', 'the core is not running'));
    const id = `shell-${this.nextId++}`;
    return new Promise<MethodResult<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new CoreRequestError('timeout', `${method} got no answer in time`));
      }, this.options.timeoutMs ?? 5_000);
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      pipe.send({ kind: 'request', id, method, params });
    });
  }

  /** Listens to one event; returns the function that stops listening. */
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as AnyEventListener);
    return () => set.delete(listener as AnyEventListener);
  }

  private receive(message: unknown): void {
    const parsed = CoreToClient.safeParse(message);
    if (!parsed.success) return this.options.onInvalidMessage?.('not a reply or event envelope');
    const envelope = parsed.data;
    if (envelope.kind === 'event') {
      if (!Object.hasOwn(events, envelope.name)) return; // a newer core's event: not ours to read
      const name = envelope.name as EventName;
      const payload = events[name].safeParse(envelope.payload);
      if (!payload.success) return this.options.onInvalidMessage?.(`event ${name} does not match the contract`);
      for (const listener of this.listeners.get(name) ?? []) listener(payload.data);
      return;
    }
    const pending = this.pending.get(envelope.id);
    if (!pending) return; // not ours (timed out already)
    this.pending.delete(envelope.id);
    clearTimeout(pending.timer);
    if (!envelope.ok) return pending.reject(new CoreRequestError(envelope.error.code, envelope.error.message));
    const result = methods[pending.method].result.safeParse(envelope.result);
    if (!result.success) {
      this.options.onInvalidMessage?.(`reply to ${pending.method} does not match the contract`);
      return pending.reject(new CoreRequestError('invalid_reply', `reply to ${pending.method} does not match the contract`));
    }
    pending.resolve(result.data);
  }
}
