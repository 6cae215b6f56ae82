import type { Logger } from '../../core/log';
import type { OutboxQueue, QueuedRow } from '../outbox-queue';
import { toCreateForm } from './create-form';
import type { Open311Client } from './open311-client';
import { Open311Failure } from './open311-client';
import type { Open311Store, RequestMapping } from './open311-store';

/** How far around the lost attempt the look-up searches (server clocks and our estimate of them differ a little). */
const LOOKUP_SLACK_MS = 10 * 60_000;

export interface Open311SenderDeps {
  client: Open311Client;
  store: Open311Store;
  queue: OutboxQueue;
  endpoint: string;
  log: Logger;
}

/**
 * Delivers the outbox to an Open311 server. Only ticket creates have an Open311 equivalent; every
 * other row is parked as not supported (never dropped, so a person sees it). Ack deletes the row in
 * the same transaction that records the request's id; a refusal with a reason parks the row; network
 * trouble and 5xx leave it queued and end the round, so the engine retries with its backoff.
 */
export class Open311Sender {
  constructor(private readonly deps: Open311SenderDeps) {}

  /** Sends until the queue has nothing sendable; returns how many rows were delivered. */
  async sendAll(onDelivered: () => void): Promise<number> {
    let delivered = 0;
    for (;;) {
      const rows = this.deps.queue.nextBatch(50);
      if (rows.length === 0) return delivered;
      for (const row of rows) {
        if (await this.sendOne(row)) {
          delivered += 1;
          onDelivered();
        }
      }
    }
  }

  private async sendOne(row: QueuedRow): Promise<boolean> {
    const { queue, store, endpoint } = this.deps;
    if (row.entity !== 'ticket' || row.kind !== 'create') {
      queue.park(row.mutation_id, `not_supported_by_open311: Open311 has no equivalent of ${row.entity} ${row.kind}; it cannot be sent to this server.`);
      return false;
    }
    const form = toCreateForm(row.entity_id, row.payload);
    if (!form.ok) {
      queue.park(row.mutation_id, form.reason);
      return false;
    }
    const known = store.find(endpoint, row.entity_id);
    if (known?.state === 'created') return this.acknowledge(row, known.service_request_id, known.token);
    if (known?.state === 'unknown') {
      // An earlier POST got no answer: it may have created the request. Servers that honour
      // client_uuid / Idempotency-Key answer a repeat with the same id; for those that do not,
      // look for it first and re-POST only when it is not there.
      const found = await this.lookUp(known);
      if (found) {
        this.deps.log.info('open311: found the request of a lost reply; not posting again', { clientUuid: row.entity_id, serviceRequestId: found });
        return this.acknowledge(row, found, null);
      }
    } else {
      store.beginAttempt(endpoint, row.entity_id, form.serviceCode, form.description, form.unitId, this.deps.client.serverNow() ?? Date.now());
    }
    try {
      const created = await this.deps.client.create(form.fields, row.mutation_id);
      return this.acknowledge(row, created.serviceRequestId, created.token);
    } catch (error) {
      if (!(error instanceof Open311Failure)) throw error;
      if (error.kind === 'refused' && (error.status === 400 || error.status === 422)) {
        queue.park(row.mutation_id, `open311_refused: ${error.reason ?? error.message}`);
        return false;
      }
      if (error.kind === 'too_large') {
        queue.park(row.mutation_id, `open311_refused: the server refused the request as too large (HTTP 413)`);
        return false;
      }
      queue.noteFailure([row.mutation_id], error.message);
      // A wrong key or address is the settings' fault, not the row's: keep the row, wait, show why.
      if (error.kind === 'unauthorized') throw new Open311Failure('retryable', `open311_api_key_refused: ${error.message}`, error.status, null, error.reason);
      if (error.kind === 'refused') throw new Open311Failure('retryable', `open311_endpoint_refused: ${error.message}`, error.status, null, error.reason);
      throw error;
    }
  }

  private acknowledge(row: QueuedRow, serviceRequestId: string | null, token: string | null): boolean {
    const { store, queue, endpoint } = this.deps;
    store.db.transaction(() => {
      store.recordCreated(endpoint, row.entity_id, serviceRequestId, token);
      queue.settle([{ mutationId: row.mutation_id, delivered: true }]);
    })();
    return true;
  }

  /**
   * Best effort: GET requests.json for the service around the lost attempt and take the one request
   * with exactly our description that no other desk ticket is mapped to. GeoReport v2 cannot search
   * by attribute, so this is a heuristic; when it finds nothing (or more than one) we re-POST and rely
   * on client_uuid / Idempotency-Key.
   */
  private async lookUp(known: RequestMapping): Promise<string | null> {
    try {
      const candidates = await this.deps.client.requests({ serviceCode: known.service_code, startMs: known.attempted_at - LOOKUP_SLACK_MS });
      const matches = candidates.filter((c) => c.description === known.description && !this.deps.store.byRequestId(this.deps.endpoint, c.service_request_id));
      return matches.length === 1 ? matches[0]!.service_request_id : null;
    } catch (error) {
      this.deps.log.warn('open311: look-up before re-posting failed; relying on the idempotency key', { error: String((error as Error).message) });
      return null;
    }
  }
}
