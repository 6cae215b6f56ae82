import type { Database } from 'better-sqlite3';
import type { EventName, EventPayload, MethodName, MethodParsedParams, MethodResult } from '../../preload/contract';
import type { AuditLog } from '../audit/audit-log';
import type { KbIndex } from '../kb/kb-index';
import type { SettingsRepository } from '../settings/settings-repository';
import type { AgentStateRepository } from '../status/agent-state-repository';
import type { Outbox } from '../store/outbox';
import type { SyncEngine } from '../sync/sync-engine';
import type { Logger } from './log';

/** What a capability's request handlers may use: the open store and the core's shared services. */
export interface FeatureContext {
  db: Database;
  settings: SettingsRepository;
  outbox: Outbox;
  agent: AgentStateRepository;
  kb: KbIndex;
  audit: AuditLog;
  sync: SyncEngine;
  log: Logger;
  /** Pushes an event to every client (checked against the contract). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Pushes the desk status again (after the outbox or agent state changed). */
  emitStatus(): void;
  /** The signed-in user's id (a cached session counts offline too): queued work is tagged with it. */
  userId(): string | null;
  /** Who the audit log names. */
  actor(): string;
  now(): number;
  /** Runs `stop` when the core closes: a capability's live connections and timers end with it. */
  onClose?(stop: () => void): void;
}

export type Handler<M extends MethodName> = (params: MethodParsedParams<M>) => MethodResult<M> | Promise<MethodResult<M>>;

/** The handlers of one capability: exactly its methods. `context()` throws when the store is unusable. */
export type FeatureHandlers<M extends MethodName> = { [K in M]: Handler<K> };
export type FeatureFactory<M extends MethodName> = (context: () => FeatureContext) => FeatureHandlers<M>;
