import type { Mutation } from '../../backend/contract';
import { Mutation as MutationSchema } from '../../backend/contract';
import type { AuthStatus, SyncStatus } from '../../preload/contract';
import type { Logger } from '../core/log';
import { BackendClient, BackendFailure } from './backend-client';
import type { DeskMeta } from './desk-meta';
import type { Open311Adapter, Open311Config } from './open311/open311-adapter';
import type { OutboxQueue, QueuedRow } from './outbox-queue';
import type { Replica } from './replica';
import type { SessionStore } from './session-store';

export interface SyncEngineOptions {
  queue: OutboxQueue;
  replica: Replica;
  meta: DeskMeta;
  sessions: SessionStore;
  log: Logger;
  onStatus(status: SyncStatus): void;
  onAuth(status: AuthStatus): void;
  /** Milliseconds between pulls while idle. */
  pullIntervalMs?: number;
  /** Delay after a local write before sending, so a burst goes as one batch. */
  sendDelayMs?: number;
  batchSize?: number;
  pullPageSize?: number;
  /** Builds the round for a city backend that speaks Open311 (settings backend.kind 'open311'). */
  createOpen311?: (config: Open311Config) => Open311Adapter;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 5 * 60_000;
const CURSOR_KEY = 'pull_cursor';

/** Backoff for the n-th consecutive failure: 1 s doubling, capped at 5 min, with jitter (50–100%). */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/**
 * One sender and one puller for the desk. Sends the outbox in order (batches, per-item results),
 * retries what failed for reasons of the network or the server with backoff, parks what the
 * backend refused for good, and pulls server data into the replica.
 */
export class SyncEngine {
  private url = '';
  private client: BackendClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;
  /** The round under way, so "run once" can wait for it instead of returning early. */
  private inFlight: Promise<void> | null = null;
  private failures = 0;
  private failureKind: BackendFailure['kind'] | null = null;
  private lastError: string | null = null;
  private nextAttemptAt: number | null = null;
  private lastSentAt: number | null = null;
  private lastPulledAt: number | null = null;
  private pullApplied = 0;
  private pulling = false;
  private batchSize: number;
  private stopped = false;
  /** Set when the backend is an Open311 server: rounds use it instead of /sync/push and /sync/pull. */
  private open311: Open311Adapter | undefined;
  private backendKey = '';

  constructor(private readonly options: SyncEngineOptions) {
    this.batchSize = options.batchSize ?? 500;
  }

  /** `open311` given: the address is a GeoReport v2 root, used with its api_key instead of a sign-in. */
  setBackend(url: string, open311?: { apiKey: string; jurisdictionId: string }): void {
    const key = JSON.stringify([url, open311 ?? null]);
    if (key === this.backendKey) return;
    this.backendKey = key;
    this.url = url;
    this.client = url === '' || open311 ? undefined : new BackendClient(url);
    this.open311 = url !== '' && open311 && this.options.createOpen311 ? this.options.createOpen311({ url, ...open311 }) : undefined;
    this.resetBackoff();
    this.options.onAuth(this.authStatus());
    this.schedule(0);
  }

  authStatus(): AuthStatus {
    return this.options.sessions.status(this.url, Date.now());
  }

  async login(username: string, password: string): Promise<AuthStatus> {
    if (!this.client) throw new BackendFailure('refused', 'backend not configured');
    const reply = await this.client.login(username, password);
    // Stored in the desk's clock: the server's expiry minus the measured skew.
    const expiresAt = new Date(Date.parse(reply.expires_at) - this.client.clockSkewMs).toISOString();
    this.options.sessions.save({ backendUrl: this.url, token: reply.token, user: reply.user, expiresAt }, Date.now());
    const status = this.authStatus();
    this.options.onAuth(status);
    this.sendNow();
    return status;
  }

  logout(): AuthStatus {
    this.options.sessions.clear();
    const status = this.authStatus();
    this.options.onAuth(status);
    this.emit();
    return status;
  }

  /** Something was queued: send soon. */
  kick(): void {
    if (this.nextAttemptAt === null) this.schedule(this.options.sendDelayMs ?? 50);
    else this.emit();
  }

  /** Forget the backoff and try at once ("send now", connectivity back, resume from sleep). */
  sendNow(): void {
    this.resetBackoff();
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  status(): SyncStatus {
    const counts = this.options.queue.counts();
    return {
      state: this.state(),
      unsentCount: counts.pending + counts.parked,
      needsReviewCount: counts.parked,
      oldestUnsentAt: counts.oldest,
      lastError: this.lastError,
      nextAttemptAt: this.nextAttemptAt,
      lastSentAt: this.lastSentAt,
      lastPulledAt: this.lastPulledAt,
      pull: { applied: this.pullApplied, running: this.pulling },
    };
  }

  /** One full round now: push everything sendable, then pull. Resolves when done (for tests and the CLI). */
  async runOnce(): Promise<SyncStatus> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.inFlight) await this.inFlight; // a round started by a save or the probe: let it end
    await this.round(); // then one whole round of our own
    return this.status();
  }

  private state(): SyncStatus['state'] {
    if (this.url === '') return 'not_configured';
    if (!this.open311 && this.authStatus().state !== 'signed_in') return 'signed_out';
    if (this.running && !this.pulling) return 'sending';
    if (this.nextAttemptAt !== null) return this.failureKind === 'network' ? 'offline' : 'waiting';
    return 'idle';
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.round(), delayMs);
    this.timer.unref();
    this.emit();
  }

  private resetBackoff(): void {
    this.failures = 0;
    this.failureKind = null;
    this.nextAttemptAt = null;
  }

  private round(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.roundNow().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async roundNow(): Promise<void> {
    this.running = true;
    this.timer = undefined;
    this.emit();
    try {
      if (this.open311) {
        await this.open311Round(this.open311);
        return;
      }
      const session = this.options.sessions.get(this.url);
      if (!this.client || !session || this.authStatus().state !== 'signed_in') return;
      await this.pushAll(this.client, session.token, session.user.id);
      await this.pullAll(this.client, session.token);
      this.resetBackoff();
      this.lastError = null;
    } catch (error) {
      this.fail(error);
    } finally {
      this.running = false;
      this.pulling = false;
      if (this.again) {
        this.again = false;
        this.schedule(0);
      } else if (this.nextAttemptAt === null && !this.stopped && this.url !== '' && this.timer === undefined) {
        // Only when nothing was queued meanwhile: a kick during the round (its 50 ms timer still
        // pending) must not be pushed back to the next pull, 30 s away.
        this.schedule(this.options.pullIntervalMs ?? 30_000);
      }
      this.emit();
    }
  }

  /** Open311: deliver ticket creates (the rest is parked as not supported), then poll statuses. No sign-in: the api_key stands in. */
  private async open311Round(adapter: Open311Adapter): Promise<void> {
    await adapter.sender.sendAll(() => {
      this.lastSentAt = Date.now();
      this.emit();
    });
    this.pulling = true;
    this.pullApplied = 0;
    this.emit();
    this.pullApplied = await adapter.poller.poll();
    this.lastPulledAt = Date.now();
    this.pulling = false;
    this.resetBackoff();
    this.lastError = null;
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    if (!(error instanceof BackendFailure)) {
      this.options.log.error('sync round failed', { error: String((error as Error)?.stack ?? error) });
      this.lastError = String((error as Error)?.message ?? error);
      this.failureKind = 'retryable';
    } else if (error.kind === 'unauthorized' && !this.open311) {
      this.options.sessions.clear();
      this.options.onAuth(this.authStatus());
      this.lastError = 'session_expired';
      this.failureKind = null;
      this.nextAttemptAt = null;
      return;
    } else {
      this.lastError = error.message;
      this.failureKind = error.kind;
    }
    this.failures += 1;
    const delay = Math.max(backoffMs(this.failures), error instanceof BackendFailure ? (error.retryAfterMs ?? 0) : 0);
    this.nextAttemptAt = Date.now() + delay;
    this.options.log.warn('sync will retry', { inMs: delay, failures: this.failures, error: this.lastError });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.nextAttemptAt = null;
      void this.round();
    }, delay);
    this.timer.unref();
  }

  private async pushAll(client: BackendClient, token: string, userId: string): Promise<void> {
    const clientId = this.options.meta.clientId();
    for (;;) {
      const rows = this.options.queue.nextBatch(this.batchSize, userId);
      if (rows.length === 0) return;
      const mutations = this.toMutations(rows, clientId);
      if (mutations.length === 0) continue; // every row was invalid and is now parked
      let reply;
      try {
        reply = await client.push(token, mutations);
      } catch (error) {
        if (error instanceof BackendFailure && error.kind === 'too_large' && this.batchSize > 1) {
          this.batchSize = Math.max(1, Math.floor(this.batchSize / 2));
          continue;
        }
        if (error instanceof BackendFailure && error.kind === 'refused' && mutations.length === 1) {
          this.options.queue.park(mutations[0]!.mutation_id, `refused: ${error.message}`);
          continue;
        }
        if (error instanceof BackendFailure && error.kind === 'refused') {
          this.batchSize = Math.max(1, Math.floor(mutations.length / 2)); // find the one it refuses
          continue;
        }
        this.options.queue.noteFailure(mutations.map((m) => m.mutation_id), error instanceof Error ? error.message : String(error));
        throw error;
      }
      this.options.queue.settle(
        reply.results.map((result) => {
          if (result.status === 'applied' || (result.status === 'duplicate' && result.outcome === 'applied')) return { mutationId: result.mutation_id, delivered: true };
          if (result.status === 'duplicate') return { mutationId: result.mutation_id, delivered: false, reason: result.reason ?? 'rejected' };
          if (result.status === 'rejected') return { mutationId: result.mutation_id, delivered: false, reason: `${result.reason}: ${result.message}` };
          return { mutationId: result.mutation_id, delivered: false, reason: `conflict: ${result.message}` };
        }),
      );
      this.lastSentAt = Date.now();
      this.batchSize = this.options.batchSize ?? 500;
      this.emit();
    }
  }

  /** Rows as the backend's mutations; a row that cannot even be one is parked with the reason. */
  private toMutations(rows: readonly QueuedRow[], clientId: string): Mutation[] {
    const out: Mutation[] = [];
    for (const row of rows) {
      let payload: unknown;
      try {
        payload = JSON.parse(row.payload);
      } catch {
        this.options.queue.park(row.mutation_id, 'invalid_locally: payload is not JSON');
        continue;
      }
      const parsed = MutationSchema.safeParse({
        client_id: clientId,
        seq: row.seq,
        mutation_id: row.mutation_id,
        entity: row.entity,
        entity_id: row.entity_id,
        kind: row.kind,
        payload,
        depends_on: row.depends_on,
      });
      if (parsed.success) out.push(parsed.data);
      else this.options.queue.park(row.mutation_id, `invalid_locally: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    return out;
  }

  private async pullAll(client: BackendClient, token: string): Promise<void> {
    this.pulling = true;
    this.pullApplied = 0;
    this.emit();
    for (;;) {
      const since = this.options.meta.get(CURSOR_KEY);
      const page = await client.pull(token, since, this.options.pullPageSize ?? 500);
      if (page.reset) this.options.replica.wipe();
      this.pullApplied += this.options.replica.applyPage(page.changes, () => this.options.meta.set(CURSOR_KEY, page.cursor), Date.now());
      this.emit();
      if (!page.has_more) break;
    }
    this.lastPulledAt = Date.now();
    this.pulling = false;
  }

  private emit(): void {
    if (this.stopped) return; // a round that outlived stop() (the core closed): its store is gone
    this.options.onStatus(this.status());
  }
}
