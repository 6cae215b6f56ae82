import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import {
  RequestEnvelope,
  events,
  isMethodName,
  methods,
  toFieldIssues,
} from '../../preload/contract';
import type {
  BridgeError,
  DeskStatus,
  EventEnvelope,
  EventName,
  EventPayload,
  MethodName,
  ReplyEnvelope,
  Settings,
  StoreStatus,
  SyncStatus,
} from '../../preload/contract';
import { AuditLog } from '../audit/audit-log';
import { KbIndex } from '../kb/kb-index';
import { kbHandlers } from '../kb/kb-handlers';
import { SettingsRepository } from '../settings/settings-repository';
import { AgentStateRepository } from '../status/agent-state-repository';
import { BackendProbe } from '../status/backend-probe';
import { openStore } from '../store/database';
import { Outbox } from '../store/outbox';
import { BackendFailure } from '../sync/backend-client';
import { DeskMeta } from '../sync/desk-meta';
import { OutboxQueue } from '../sync/outbox-queue';
import { Replica } from '../sync/replica';
import { SessionStore } from '../sync/session-store';
import { Open311Adapter } from '../sync/open311/open311-adapter';
import { SyncEngine } from '../sync/sync-engine';
import { callHandlers } from '../calls/call-handlers';
import { chatHandlers } from '../chats/chat-handlers';
import { contactHandlers } from '../callers/contact-handlers';
import { softphoneHandlers } from '../softphone/softphone-handlers';
import { ticketHandlers } from '../tickets/ticket-handlers';
import { BridgeFailure } from './bridge-failure';
import type { FeatureContext, Handler } from './feature-context';
import type { Logger } from './log';

export const DATABASE_FILE = 'desk.sqlite';

export interface CoreOptions {
  dataDir: string;
  appVersion: string;
  log: Logger;
  /** Milliseconds between backend health checks. */
  backendCheckIntervalMs?: number;
  /** Milliseconds between pulls while idle (tests shorten it). */
  pullIntervalMs?: number;
}

export type EventListener = (event: EventEnvelope) => void;

export { BridgeFailure };
type Handlers = { [M in MethodName]: Handler<M> };

/** The use-cases that need the database; absent when it could not be opened. */
interface OpenDesk {
  db: Database;
  settings: SettingsRepository;
  outbox: Outbox;
  agent: AgentStateRepository;
  kb: KbIndex;
  queue: OutboxQueue;
  sync: SyncEngine;
  audit: AuditLog;
}

/**
 * The core: owns the database and the rules, answers contract requests, pushes events. It knows
 * nothing about transports (MessagePort, WebSocket) nor about Electron.
 */
export class Core {
  readonly startedAt = Date.now();
  readonly readyInMs: number;
  readonly store: StoreStatus;
  private readonly desk: OpenDesk | undefined;
  private readonly listeners = new Set<EventListener>();
  private readonly probe: BackendProbe;
  private activeCalls = 0;
  /** What capabilities asked to stop when the core closes (FeatureContext.onClose). */
  private readonly closers: (() => void)[] = [];
  private readonly handlers: Handlers;

  constructor(private readonly options: CoreOptions) {
    const started = performance.now();
    const opened = openStore(join(options.dataDir, DATABASE_FILE));
    this.store = opened.status;
    if (opened.ok) {
      const db = opened.db;
      const outbox = new Outbox(db);
      const kb = new KbIndex(db);
      const audit = new AuditLog(db);
      const queue = new OutboxQueue(db, audit);
      const replica = new Replica(db, kb, options.log);
      const meta = new DeskMeta(db);
      const sync = new SyncEngine({
        queue,
        replica,
        meta,
        createOpen311: (config) => new Open311Adapter(config, { db, queue, replica, meta, log: options.log }),
        sessions: new SessionStore(db),
        log: options.log,
        onStatus: (status) => {
          this.emit('sync.changed', status);
          this.emitStatus(); // the desk status carries the same unsent count
        },
        onAuth: (status) => this.emit('auth.changed', status),
        ...(options.pullIntervalMs ? { pullIntervalMs: options.pullIntervalMs } : {}),
      });
      this.desk = { db, outbox, kb, queue, sync, audit, settings: new SettingsRepository(db, options.log), agent: new AgentStateRepository(db, outbox) };
      if (opened.status.recoveredFrom) options.log.error('database was damaged; moved aside and started anew', { ...opened.status.recoveredFrom });
    } else {
      options.log.error('database cannot be used', { ...opened.status });
    }
    this.probe = new BackendProbe({
      ...(options.backendCheckIntervalMs ? { intervalMs: options.backendCheckIntervalMs } : {}),
      onChange: (reachability) => {
        // Connectivity is back: whatever waits in the outbox goes now, not at the end of a backoff.
        if (reachability === 'reachable') this.desk?.sync.sendNow();
        this.emitStatus();
      },
    });
    if (this.desk) {
      const backend = this.desk.settings.read().backend;
      this.applyBackend(backend);
    }
    this.handlers = this.createHandlers();
    this.readyInMs = performance.now() - started;
    options.log.info('core ready', { store: this.store.state, readyInMs: Math.round(this.readyInMs * 10) / 10 });
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Answers one incoming message. Never throws: every failure becomes a typed error reply. */
  async handle(message: unknown): Promise<ReplyEnvelope> {
    const envelope = RequestEnvelope.safeParse(message);
    if (!envelope.success) {
      const id = typeof (message as { id?: unknown } | null)?.id === 'string' ? String((message as { id: string }).id).slice(0, 64) : '';
      this.options.log.warn('invalid message refused', { issues: toFieldIssues(envelope.error) });
      return this.fail(id, { code: 'invalid_message', message: 'not a request envelope', issues: toFieldIssues(envelope.error) });
    }
    const { id, method } = envelope.data;
    if (!isMethodName(method)) {
      this.options.log.warn('unknown method refused', { method });
      return this.fail(id, { code: 'unknown_method', message: `unknown method: ${method}` });
    }
    const params = methods[method].params.safeParse(envelope.data.params ?? {});
    if (!params.success) {
      const issues = toFieldIssues(params.error);
      this.options.log.warn('invalid params refused', { method, issues });
      return this.fail(id, { code: method === 'settings.update' ? 'invalid_settings' : 'invalid_params', message: `invalid params for ${method}`, issues });
    }
    if (!this.desk && method !== 'core.hello' && method !== 'core.ping') {
      return this.fail(id, { code: 'store_unavailable', message: `database unavailable: ${this.store.state === 'failed' ? this.store.reason : ''}` });
    }
    try {
      const handler = this.handlers[method] as Handler<typeof method>;
      const result = await handler(params.data as never);
      return { kind: 'reply', id, ok: true, result };
    } catch (error) {
      if (error instanceof BridgeFailure) return this.fail(id, error.error);
      this.options.log.error('request failed', { method, error: String((error as Error)?.stack ?? error) });
      return this.fail(id, { code: 'internal', message: (error as Error)?.message ?? 'internal error' });
    }
  }

  status(): DeskStatus {
    const probe = this.probe.state;
    return {
      backend: probe.reachability,
      backendCheckedAt: probe.checkedAt,
      unsentCount: this.desk?.outbox.unsentCount() ?? 0,
      agent: this.desk?.agent.current() ?? { state: 'logged_out', reason: null, since: 0 },
      activeCalls: this.activeCalls,
    };
  }

  /** One sync round now, resolved when done: for the operator CLI and tests. */
  async syncOnce(): Promise<SyncStatus> {
    return this.requireDesk().sync.runOnce();
  }

  close(): void {
    for (const stop of this.closers.splice(0)) stop();
    this.probe.stop();
    this.desk?.sync.stop();
    this.listeners.clear();
    this.desk?.db.close();
  }

  private requireDesk(): OpenDesk {
    if (!this.desk) throw new BridgeFailure({ code: 'store_unavailable', message: 'database unavailable' });
    return this.desk;
  }

  /** What the capabilities' handlers use; only called once the store is known to be open. */
  private featureContext(): FeatureContext {
    const desk = this.requireDesk();
    return {
      db: desk.db,
      settings: desk.settings,
      outbox: desk.outbox,
      agent: desk.agent,
      kb: desk.kb,
      audit: desk.audit,
      sync: desk.sync,
      log: this.options.log,
      emit: (name, payload) => this.emit(name, payload),
      emitStatus: () => this.emitStatus(),
      userId: () => this.signedInUserId(),
      actor: () => this.actor(),
      now: () => Date.now(),
      onClose: (stop) => void this.closers.push(stop),
    };
  }

  private createHandlers(): Handlers {
    const context = (): FeatureContext => this.featureContext();
    return {
      ...kbHandlers(context),
      ...softphoneHandlers(context),
      ...callHandlers(context),
      ...contactHandlers(context),
      ...ticketHandlers(context),
      ...chatHandlers(context),
      'core.hello': () => ({
        appVersion: this.options.appVersion,
        dataDir: this.options.dataDir,
        store: this.store,
        startedAt: this.startedAt,
        readyInMs: this.readyInMs,
      }),
      'core.ping': () => ({ at: Date.now() }),
      'settings.get': () => this.requireDesk().settings.read(),
      'settings.update': (patch) => {
        const result = this.requireDesk().settings.update(patch, Date.now());
        if (!result.ok) throw new BridgeFailure({ code: 'invalid_settings', message: 'settings refused', issues: result.issues });
        this.emit('settings.changed', result.settings);
        if (patch.backend) {
          this.applyBackend(result.settings.backend);
        }
        return result.settings;
      },
      'status.get': () => this.status(),
      'agent.setState': ({ state, reason }) => {
        const desk = this.requireDesk();
        const status = desk.agent.change(state, reason, Date.now(), desk.settings.read().backend.kind !== 'open311', this.signedInUserId());
        desk.sync.kick();
        this.emitStatus();
        return status;
      },
      'desk.reportActivity': ({ activeCalls }) => {
        this.activeCalls = activeCalls;
        this.emitStatus();
        return this.status();
      },
      'desk.quitCheck': () => {
        const unsentCount = this.requireDesk().outbox.unsentCount();
        return { activeCalls: this.activeCalls, unsentCount, mustConfirm: this.activeCalls > 0 || unsentCount > 0 };
      },
      'system.power': ({ event }) => {
        // Back from sleep or unlocked: the network may have changed under us; look again now.
        if (event === 'resume' || event === 'unlock-screen') {
          this.probe.checkNow();
          this.desk?.sync.sendNow();
        }
        this.emit('system.power', { event, at: Date.now() });
        return {};
      },
      'desk.openLink': ({ uri }) => {
        this.emit('desk.linkOpened', { uri, at: Date.now() });
        return {};
      },
      'auth.status': () => this.requireDesk().sync.authStatus(),
      'auth.login': async ({ username, password }) => {
        const desk = this.requireDesk();
        if (desk.settings.read().backend.url === '') throw new BridgeFailure({ code: 'backend_not_configured', message: 'no backend address in settings' });
        try {
          return await desk.sync.login(username, password);
        } catch (error) {
          if (!(error instanceof BackendFailure)) throw error;
          if (error.status === 401) throw new BridgeFailure({ code: 'auth_failed', message: 'wrong user name or password' });
          if (error.status === 429) throw new BridgeFailure({ code: 'rate_limited', message: `too many attempts; retry in ${Math.ceil((error.retryAfterMs ?? 60_000) / 1000)} s` });
          throw new BridgeFailure({ code: 'backend_unreachable', message: error.message });
        }
      },
      'auth.logout': () => this.requireDesk().sync.logout(),
      'sync.status': () => this.requireDesk().sync.status(),
      'sync.sendNow': () => {
        const desk = this.requireDesk();
        desk.sync.sendNow();
        return desk.sync.status();
      },
      'outbox.parked': () => this.requireDesk().queue.parkedItems(),
      'outbox.resend': ({ mutationId, payload }) => {
        const desk = this.requireDesk();
        if (payload !== undefined) {
          let parsed: unknown;
          try {
            parsed = JSON.parse(payload);
          } catch {
            parsed = undefined;
          }
          if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            throw new BridgeFailure({ code: 'invalid_params', message: 'payload must be a JSON object', issues: [{ field: 'payload', code: 'json_object_required' }] });
          }
        }
        if (!desk.queue.resend(mutationId, payload, this.actor(), Date.now())) throw new BridgeFailure({ code: 'not_found', message: `no parked item ${mutationId}` });
        desk.sync.sendNow();
        this.emitStatus();
        return desk.sync.status();
      },
      'outbox.discard': ({ mutationId }) => {
        const desk = this.requireDesk();
        if (!desk.queue.discard(mutationId, this.actor(), Date.now())) throw new BridgeFailure({ code: 'not_found', message: `no parked item ${mutationId}` });
        this.emitStatus();
        const status = desk.sync.status();
        this.emit('sync.changed', status);
        return status;
      },
    };
  }

  /** The sync engine follows the backend settings: our city backend, or an Open311 server with its key. */
  private applyBackend(backend: Settings['backend']): void {
    const open311 = backend.kind === 'open311' ? { apiKey: backend.open311ApiKey, jurisdictionId: backend.open311Jurisdiction } : undefined;
    this.probe.setUrl(backend.url, open311 ? 'services.json' : 'health');
    this.requireDesk().sync.setBackend(backend.url, open311);
  }

  /** The identity work is queued under: the signed-in user (a cached session counts offline too). */
  private signedInUserId(): string | null {
    const auth = this.desk?.sync.authStatus();
    return auth?.state === 'signed_in' ? (auth.user?.id ?? null) : null;
  }

  /** Who the audit log names: the signed-in user, or the desk itself. */
  private actor(): string {
    const user = this.desk?.sync.authStatus().user;
    return user ? `${user.username} (${user.id})` : 'desk (not signed in)';
  }

  private emitStatus(): void {
    if (this.listeners.size > 0) this.emit('status.changed', this.status());
  }

  private emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    // Checked here so a core bug can never push an event the contract does not allow.
    const parsed = events[name].parse(payload);
    const envelope: EventEnvelope = { kind: 'event', name, payload: parsed };
    for (const listener of this.listeners) listener(envelope);
  }

  private fail(id: string, error: BridgeError): ReplyEnvelope {
    return { kind: 'reply', id, ok: false, error };
  }
}
