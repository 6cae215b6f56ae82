import type { MethodName, MethodParams } from '../../../preload/contract';

type CallLogMethod = Extract<MethodName, 'calls.started' | 'calls.answered' | 'calls.ended' | 'calls.update'>;
type Report = { [M in CallLogMethod]: { method: M; params: MethodParams<M> } }[CallLogMethod];

export type SendReport = <M extends CallLogMethod>(method: M, params: MethodParams<M>) => Promise<unknown>;

/**
 * Reports each call's life to the core's call log, in order per call. A failed report (the core
 * restarting, the call log not ready) stays queued in memory and is sent again with a growing
 * delay; a call is never held up by its report.
 */
export class CallLogReporter {
  private readonly queue: Report[] = [];
  private sending = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;

  constructor(
    private readonly send: SendReport,
    private readonly maxDelayMs = 30_000,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  report<M extends CallLogMethod>(method: M, params: MethodParams<M>): void {
    this.queue.push({ method, params } as Report);
    void this.flush();
  }

  /** Sends what is queued now (after the core reconnected, for example). */
  async flush(): Promise<void> {
    if (this.sending) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const next = this.queue[0]!;
        try {
          await this.send(next.method, next.params as never);
          this.queue.shift();
          this.failures = 0;
        } catch (error) {
          this.failures += 1;
          this.onError(error);
          const delay = Math.min(this.maxDelayMs, 500 * 2 ** Math.min(this.failures, 10));
          this.retryTimer = setTimeout(() => void this.flush(), delay);
          return;
        }
      }
    } finally {
      this.sending = false;
    }
  }

  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
