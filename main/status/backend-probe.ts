import type { BackendReachability } from '../../preload/contract';

export interface BackendProbeOptions {
  /** Milliseconds between checks while the address stays the same. */
  intervalMs?: number;
  timeoutMs?: number;
  onChange(reachability: BackendReachability, checkedAt: number | null): void;
}

/**
 * Tells whether the configured city backend answers `GET /health`. Checks at once when the
 * address changes, then every `intervalMs`; reports only changes.
 */
export class BackendProbe {
  private url = '';
  private path = 'health';
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private reachability: BackendReachability = 'not_configured';
  private checkedAt: number | null = null;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: BackendProbeOptions) {
    this.intervalMs = options.intervalMs ?? 15_000;
    this.timeoutMs = options.timeoutMs ?? 3_000;
  }

  get state(): { reachability: BackendReachability; checkedAt: number | null } {
    return { reachability: this.reachability, checkedAt: this.checkedAt };
  }

  /** `path`: what answers when the backend is up (an Open311 server has no /health: its services.json). */
  setUrl(url: string, path = 'health'): void {
    if (url === this.url && path === this.path && this.timer) return;
    this.url = url;
    this.path = path;
    this.stop();
    if (url === '') {
      this.set('not_configured', null);
      return;
    }
    this.set('checking', this.checkedAt);
    void this.check();
  }

  /** Checks now, e.g. when the network comes back. */
  checkNow(): void {
    if (this.url !== '') void this.check();
  }

  stop(): void {
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async check(): Promise<void> {
    const generation = ++this.generation;
    if (this.timer) clearTimeout(this.timer);
    let reachable: boolean;
    try {
      const response = await fetch(new URL(this.path, this.url.endsWith('/') ? this.url : `${this.url}/`), {
        signal: AbortSignal.timeout(this.timeoutMs),
        redirect: 'error',
      });
      reachable = response.ok;
      await response.body?.cancel();
    } catch {
      reachable = false;
    }
    if (generation !== this.generation) return; // the address changed meanwhile
    this.set(reachable ? 'reachable' : 'unreachable', Date.now());
    this.timer = setTimeout(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  private set(reachability: BackendReachability, checkedAt: number | null): void {
    const changed = reachability !== this.reachability;
    this.reachability = reachability;
    this.checkedAt = checkedAt;
    if (changed) this.options.onChange(reachability, checkedAt);
  }
}
