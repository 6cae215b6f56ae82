import type { Database } from 'better-sqlite3';
import type { TicketStatusValue } from '../../../backend/contract';

export interface RequestMapping {
  client_uuid: string;
  state: 'unknown' | 'created';
  service_request_id: string | null;
  token: string | null;
  service_code: string;
  description: string;
  status: TicketStatusValue;
  status_updated_at: number | null;
  attempted_at: number;
  unit_id: string | null;
}

/**
 * What the adapter remembers per Open311 server (tables of migration 006): the request each desk
 * ticket became, and the update ids already applied. Times here are the server's clock.
 */
export class Open311Store {
  private readonly s;

  constructor(readonly db: Database) {
    this.s = {
      find: db.prepare('SELECT * FROM open311_requests WHERE endpoint = ? AND client_uuid = ?'),
      byRequest: db.prepare('SELECT * FROM open311_requests WHERE endpoint = ? AND service_request_id = ?'),
      begin: db.prepare(
        `INSERT INTO open311_requests (endpoint, client_uuid, state, service_code, description, attempted_at, unit_id) VALUES (?, ?, 'unknown', ?, ?, ?, ?)
         ON CONFLICT (endpoint, client_uuid) DO NOTHING`,
      ),
      created: db.prepare(`UPDATE open311_requests SET state = 'created', service_request_id = ?, token = ? WHERE endpoint = ? AND client_uuid = ?`),
      resolveToken: db.prepare('UPDATE open311_requests SET service_request_id = ? WHERE endpoint = ? AND client_uuid = ?'),
      status: db.prepare('UPDATE open311_requests SET status = ?, status_updated_at = ? WHERE endpoint = ? AND client_uuid = ?'),
      open: db.prepare(
        `SELECT * FROM open311_requests WHERE endpoint = ? AND status IN ('open', 'in_progress', 'forwarded') ORDER BY attempted_at`,
      ),
      tokens: db.prepare(`SELECT * FROM open311_requests WHERE endpoint = ? AND state = 'created' AND service_request_id IS NULL`),
      oldestOpen: db.prepare(`SELECT min(attempted_at) FROM open311_requests WHERE endpoint = ? AND status IN ('open', 'in_progress', 'forwarded')`).pluck(),
      seen: db.prepare('SELECT 1 FROM open311_seen_updates WHERE endpoint = ? AND update_id = ?').pluck(),
      markSeen: db.prepare('INSERT INTO open311_seen_updates (endpoint, update_id, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      prune: db.prepare('DELETE FROM open311_seen_updates WHERE endpoint = ? AND seen_at < ?'),
    };
  }

  find(endpoint: string, clientUuid: string): RequestMapping | undefined {
    return this.s.find.get(endpoint, clientUuid) as RequestMapping | undefined;
  }

  byRequestId(endpoint: string, serviceRequestId: string): RequestMapping | undefined {
    return this.s.byRequest.get(endpoint, serviceRequestId) as RequestMapping | undefined;
  }

  /** Written before the POST, so a lost reply leaves a trace that makes the retry careful. */
  beginAttempt(endpoint: string, clientUuid: string, serviceCode: string, description: string, unitId: string | null, atMs: number): void {
    this.s.begin.run(endpoint, clientUuid, serviceCode, description, Math.round(atMs), unitId);
  }

  recordCreated(endpoint: string, clientUuid: string, serviceRequestId: string | null, token: string | null): void {
    this.s.created.run(serviceRequestId, token, endpoint, clientUuid);
  }

  resolveToken(endpoint: string, clientUuid: string, serviceRequestId: string): void {
    this.s.resolveToken.run(serviceRequestId, endpoint, clientUuid);
  }

  setStatus(endpoint: string, clientUuid: string, status: TicketStatusValue, atMs: number): void {
    this.s.status.run(status, Math.round(atMs), endpoint, clientUuid);
  }

  openRequests(endpoint: string): RequestMapping[] {
    return (this.s.open.all(endpoint) as RequestMapping[]).filter((m) => m.service_request_id !== null); // not yet known: nothing to ask for
  }

  awaitingToken(endpoint: string): RequestMapping[] {
    return this.s.tokens.all(endpoint) as RequestMapping[];
  }

  oldestOpenAttempt(endpoint: string): number | null {
    return (this.s.oldestOpen.get(endpoint) as number | null) ?? null;
  }

  isSeen(endpoint: string, updateId: string): boolean {
    return this.s.seen.get(endpoint, updateId) === 1;
  }

  markSeen(endpoint: string, updateId: string, atMs: number): void {
    this.s.markSeen.run(endpoint, updateId, Math.round(atMs));
  }

  pruneSeen(endpoint: string, beforeMs: number): void {
    this.s.prune.run(endpoint, Math.round(beforeMs));
  }
}
