import type { Change, TicketStatus, TicketStatusValue } from '../../../backend/contract';
import type { Logger } from '../../core/log';
import type { DeskMeta } from '../desk-meta';
import type { Replica } from '../replica';
import { parseServerDate } from './dates';
import type { Open311Client } from './open311-client';
import { Open311Failure } from './open311-client';
import type { Open311Store, RequestMapping } from './open311-store';
import type { Open311RequestRecord, Open311UpdateRecord } from './schemas';
import { toTicketStatus } from './status-map';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Each window starts this much before the last one ended: late commits and clock steps on the server are not missed. */
export const DEFAULT_OVERLAP_MS = 10 * 60_000;
/** Longest window asked for at once, so a desk back after days does not hit the server's result cap. */
const MAX_WINDOW_MS = DAY;
/** Seen ids older than this before the window start can no longer come back; they are forgotten. */
const KEEP_SEEN_MS = 30 * DAY;
/** After the server said it has no servicerequestupdates, ask again after this long (desk clock: only a timer). */
const RECHECK_EXTENSION_MS = DAY;
const IDS_PER_REQUEST = 50;

export interface PollerDeps {
  client: Open311Client;
  store: Open311Store;
  replica: Replica;
  meta: DeskMeta;
  endpoint: string;
  log: Logger;
  overlapMs?: number;
}

interface StatusChange {
  mapping: RequestMapping;
  status: TicketStatusValue;
  note: string | null;
  atMs: number;
  iso: string;
}

/**
 * Reads the status of the desk's Open311 requests into the replica (`ticket_status`, as the city
 * backend publishes it). With the servicerequestupdates extension: overlapping time windows in the
 * server's clock, each update applied once (its id is remembered). Without it: the desk's open
 * requests by id through GET requests.json.
 */
export class Open311UpdatePoller {
  private readonly overlapMs: number;

  constructor(private readonly deps: PollerDeps) {
    this.overlapMs = deps.overlapMs ?? DEFAULT_OVERLAP_MS;
  }

  private key(name: string): string {
    return `open311:${name}:${this.deps.endpoint}`;
  }

  /** One poll; returns how many status changes were applied. */
  async poll(): Promise<number> {
    await this.resolveTokens();
    const unsupportedAt = Number(this.deps.meta.get(this.key('no_updates_extension')) ?? 0);
    if (unsupportedAt && Date.now() - unsupportedAt < RECHECK_EXTENSION_MS) return this.pollRequests();
    try {
      return await this.pollUpdates();
    } catch (error) {
      if (error instanceof Open311Failure && (error.status === 404 || error.status === 405 || error.status === 501)) {
        this.deps.log.info('open311: server has no servicerequestupdates; polling requests by id', { status: error.status });
        this.deps.meta.set(this.key('no_updates_extension'), String(Date.now()));
        return this.pollRequests();
      }
      throw error;
    }
  }

  /** Windows from (last end − overlap) to the server's now, skipping update ids already applied. */
  async pollUpdates(): Promise<number> {
    const { client, store, endpoint, meta } = this.deps;
    const lastEnd = Number(meta.get(this.key('window_end')) ?? Number.NaN);
    const firstNeeded = store.oldestOpenAttempt(endpoint);
    if (Number.isNaN(lastEnd) && firstNeeded === null) return 0; // nothing of ours to ask about yet
    let start = (Number.isNaN(lastEnd) ? firstNeeded! : lastEnd) - this.overlapMs;
    let applied = 0;
    for (;;) {
      // A long gap goes in day-long windows; the last window is left open (no end_date), so the
      // server's own "now" closes it: our estimate of the server clock (the Date header, whole
      // seconds) may lag and would leave out the last second's updates until the next poll.
      const now = client.serverNow();
      const end = now !== null && now - start > MAX_WINDOW_MS ? start + MAX_WINDOW_MS : null;
      const updates = await client.updates(start, end);
      // The window's end in the server's clock: what we asked for, else this reply's Date header
      // (never later than the server's "now" for the query); the desk's clock is not used.
      const windowEnd = end ?? client.serverNow() ?? latest(updates) ?? start + this.overlapMs;
      applied += this.applyUpdates(updates, windowEnd, start);
      if (end === null) return applied;
      start = end - this.overlapMs;
    }
  }

  private applyUpdates(updates: readonly Open311UpdateRecord[], windowEnd: number, windowStart: number): number {
    const { store, endpoint } = this.deps;
    const dated = updates
      .map((u) => ({ u, date: parseServerDate(u.updated_datetime) }))
      .sort((a, b) => (a.date?.ms ?? windowEnd) - (b.date?.ms ?? windowEnd) || a.u.update_id.localeCompare(b.u.update_id));
    const seenNow = new Set<string>();
    const changes: StatusChange[] = [];
    let duplicates = 0;
    let foreign = 0;
    for (const { u, date } of dated) {
      if (seenNow.has(u.update_id) || store.isSeen(endpoint, u.update_id)) {
        duplicates += 1;
        continue;
      }
      seenNow.add(u.update_id);
      const mapping = store.byRequestId(endpoint, u.service_request_id);
      if (!mapping) {
        foreign += 1; // a request another channel or desk made: not one of this desk's tickets
        continue;
      }
      const { status, known } = toTicketStatus(u.status);
      if (!known) this.deps.log.warn('open311: unknown status word; kept open', { status: u.status, updateId: u.update_id });
      const atMs = date?.ms ?? windowEnd;
      changes.push({ mapping, status, note: u.description ?? null, atMs, iso: date?.iso ?? new Date(atMs).toISOString() });
    }
    const applied = this.apply(changes, () => {
      for (const id of seenNow) store.markSeen(endpoint, id, windowEnd);
      store.pruneSeen(endpoint, windowStart - KEEP_SEEN_MS);
      this.deps.meta.set(this.key('window_end'), String(windowEnd));
    });
    if (duplicates || foreign) this.deps.log.debug('open311: updates skipped', { duplicates, foreign });
    return applied;
  }

  /** Fallback: the desk's open requests by id, applied when their status or time moved on. */
  async pollRequests(): Promise<number> {
    const { client, store, endpoint } = this.deps;
    const open = store.openRequests(endpoint);
    let applied = 0;
    for (let i = 0; i < open.length; i += IDS_PER_REQUEST) {
      const chunk = open.slice(i, i + IDS_PER_REQUEST);
      const records = await client.requests({ ids: chunk.map((m) => m.service_request_id!) });
      const byId = new Map(chunk.map((m) => [m.service_request_id!, m]));
      const changes: StatusChange[] = [];
      for (const record of records) {
        const mapping = byId.get(record.service_request_id);
        if (!mapping) continue;
        const change = this.fromRequest(mapping, record);
        if (change) changes.push(change);
      }
      applied += this.apply(changes, () => undefined);
    }
    return applied;
  }

  private fromRequest(mapping: RequestMapping, record: Open311RequestRecord): StatusChange | null {
    const { status } = toTicketStatus(record.status);
    const date = parseServerDate(record.updated_datetime);
    const atMs = date?.ms ?? this.deps.client.serverNow() ?? Date.now();
    if (status === mapping.status && (date === null || (mapping.status_updated_at !== null && date.ms <= mapping.status_updated_at))) return null;
    return { mapping, status, note: record.status_notes, atMs, iso: date?.iso ?? new Date(atMs).toISOString() };
  }

  /** Newer-than-known changes into the replica and the mapping, with `also` in the same transaction. */
  private apply(changes: readonly StatusChange[], also: () => void): number {
    const { store, endpoint } = this.deps;
    const latestByTicket = new Map<string, StatusChange>();
    for (const change of changes) {
      const known = latestByTicket.get(change.mapping.client_uuid)?.atMs ?? change.mapping.status_updated_at ?? Number.NEGATIVE_INFINITY;
      if (change.atMs >= known) latestByTicket.set(change.mapping.client_uuid, change); // never let an older update undo a newer one
    }
    const records: Change[] = [...latestByTicket.values()].map((c) => ({
      entity: 'ticket_status',
      id: c.mapping.client_uuid,
      op: 'upsert',
      data: {
        ticket_id: c.mapping.client_uuid,
        status: c.status,
        status_note: c.note,
        service_code: c.mapping.service_code,
        unit_id: c.mapping.unit_id,
        updated_at: c.iso,
      } satisfies TicketStatus,
    }));
    let applied = 0;
    store.db.transaction(() => {
      applied = this.deps.replica.applyPage(records, also, Date.now());
      for (const c of latestByTicket.values()) store.setStatus(endpoint, c.mapping.client_uuid, c.status, c.atMs);
    })();
    return applied;
  }

  /** Requests the server answered with a token: ask for their ids (GET tokens/{token}). */
  private async resolveTokens(): Promise<void> {
    const { client, store, endpoint } = this.deps;
    for (const mapping of store.awaitingToken(endpoint)) {
      try {
        const id = await client.token(mapping.token!);
        if (id) store.resolveToken(endpoint, mapping.client_uuid, id);
      } catch (error) {
        if (!(error instanceof Open311Failure) || error.kind === 'network') throw error;
        this.deps.log.debug('open311: token not resolved yet', { token: mapping.token, error: error.message });
      }
    }
  }
}

function latest(updates: readonly Open311UpdateRecord[]): number | null {
  const times = updates.map((u) => parseServerDate(u.updated_datetime)?.ms).filter((ms): ms is number => ms !== undefined);
  return times.length ? Math.max(...times) : null;
}
