import type { Database } from 'better-sqlite3';
import type { Logger } from '../../core/log';
import type { DeskMeta } from '../desk-meta';
import type { OutboxQueue } from '../outbox-queue';
import type { Replica } from '../replica';
import { Open311Client } from './open311-client';
import { Open311Sender } from './open311-sender';
import { Open311Store } from './open311-store';
import { Open311UpdatePoller } from './update-poller';

export interface Open311Config {
  url: string;
  apiKey: string;
  jurisdictionId: string;
}

export interface Open311AdapterDeps {
  db: Database;
  queue: OutboxQueue;
  replica: Replica;
  meta: DeskMeta;
  log: Logger;
}

/** The sync engine's round for a city whose backend speaks GeoReport v2: send the outbox, then poll statuses. */
export class Open311Adapter {
  readonly client: Open311Client;
  readonly sender: Open311Sender;
  readonly poller: Open311UpdatePoller;

  constructor(config: Open311Config, deps: Open311AdapterDeps, options: { overlapMs?: number; timeoutMs?: number } = {}) {
    this.client = new Open311Client({ baseUrl: config.url, apiKey: config.apiKey, jurisdictionId: config.jurisdictionId, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
    const store = new Open311Store(deps.db);
    // Mappings and seen ids belong to one server (and jurisdiction): another address starts afresh.
    const endpoint = `${config.url}#${config.jurisdictionId}`;
    this.sender = new Open311Sender({ client: this.client, store, queue: deps.queue, endpoint, log: deps.log });
    this.poller = new Open311UpdatePoller({ client: this.client, store, replica: deps.replica, meta: deps.meta, endpoint, log: deps.log, ...(options.overlapMs ? { overlapMs: options.overlapMs } : {}) });
  }
}
