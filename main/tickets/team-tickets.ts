import type { Database } from 'better-sqlite3';
import { TicketStatus } from '../../backend/contract';
import type { TicketStatusValue } from '../../backend/contract';
import type { TicketLifecycle, TicketListParams, TicketSummary, TicketView } from '../../preload/contract';
import { TEAM_TICKETS_INDEX } from '../store/migrations/015_ticket_team';

/*
 * "My team's tickets": the tickets of the signed-in user's team, wherever they were registered,
 * read from the pulled ticket statuses (replica_records), so the list works offline too. The
 * backend publishes each status with the author's team and a summary line (title, kind, address,
 * district, deadline, time of registration).
 */

const TEAM = `json_extract(r.data, '$.team')`;
const REPORTED = `json_extract(r.data, '$.reported_at')`;
const DEADLINE = `json_extract(r.data, '$.deadline_at')`;

/** The desk's lifecycle word → the backend's status words it stands for. */
function backendStatuses(lifecycle: TicketLifecycle, map: Record<TicketStatusValue, TicketLifecycle>): TicketStatusValue[] {
  return (Object.keys(map) as TicketStatusValue[]).filter((status) => map[status] === lifecycle);
}

/** A ticket number ("Z-20250312-4F2A1C") or its last hex digits: matched against the ticket's id. */
function idPart(query: string): string | null {
  const match = /^(?:z-\d{8}-)?([0-9a-f]{4,6})$/i.exec(query);
  return match ? match[1]!.toLowerCase() : null;
}

export type TeamListParams = Required<Pick<TicketListParams, 'query' | 'sort' | 'limit'>> & Pick<TicketListParams, 'status' | 'kind' | 'serviceCode'>;

/** The query of the team list (exported for the query-plan test). */
export function teamTicketsQuery(params: TeamListParams, team: string, lifecycle: Record<TicketStatusValue, TicketLifecycle>): { sql: string; countSql: string; values: Record<string, unknown> } {
  const where = [`r.entity = 'ticket_status'`, `${TEAM} = @team`];
  const values: Record<string, unknown> = { team, limit: params.limit };
  if (params.status) {
    const statuses = backendStatuses(params.status, lifecycle);
    statuses.forEach((status, i) => (values[`s${i}`] = status));
    where.push(`json_extract(r.data, '$.status') IN (${statuses.map((_, i) => `@s${i}`).join(', ')})`);
  }
  if (params.kind) {
    where.push(`json_extract(r.data, '$.kind') = @kind`);
    values.kind = params.kind;
  }
  if (params.serviceCode) {
    where.push(`json_extract(r.data, '$.service_code') = @service`);
    values.service = params.serviceCode;
  }
  const query = params.query.trim();
  if (query !== '') {
    const text = [`json_extract(r.data, '$.title') LIKE @like ESCAPE '\\'`, `json_extract(r.data, '$.address') LIKE @like ESCAPE '\\'`, `json_extract(r.data, '$.district') LIKE @like ESCAPE '\\'`];
    values.like = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const id = idPart(query);
    if (id) {
      text.push('r.id LIKE @idLike');
      values.idLike = `%${id}`;
    }
    where.push(`(${text.join(' OR ')})`);
  }
  const order =
    params.sort === 'deadline' ? `${DEADLINE} IS NULL, ${DEADLINE}, ${REPORTED} DESC` : params.sort === 'oldest' ? `${REPORTED}` : `${REPORTED} DESC`;
  const from = `FROM replica_records r INDEXED BY ${TEAM_TICKETS_INDEX} WHERE ${where.join(' AND ')}`;
  return { sql: `SELECT r.id, r.data ${from} ORDER BY ${order} LIMIT @limit`, countSql: `SELECT 1 ${from}`, values };
}

/** Reads the team's pulled ticket records. */
export class TeamTickets {
  constructor(private readonly db: Database) {}

  /** Records in list order (at most `limit`) and how many match (counted up to `cap`). */
  find(params: TeamListParams, team: string, lifecycle: Record<TicketStatusValue, TicketLifecycle>, cap: number): { records: TicketStatus[]; total: number } {
    const { sql, countSql, values } = teamTicketsQuery(params, team, lifecycle);
    const rows = this.db.prepare(sql).all(values) as { id: string; data: string }[];
    const total = (this.db.prepare(`SELECT count(*) AS n FROM (${countSql} LIMIT ${cap + 1})`).get(values) as { n: number }).n;
    const records: TicketStatus[] = [];
    for (const row of rows) {
      const parsed = TicketStatus.safeParse(JSON.parse(row.data));
      if (parsed.success) records.push(parsed.data);
    }
    return { records, total };
  }

  /** One pulled record (a ticket registered at another desk), or null. */
  get(id: string): TicketStatus | null {
    const row = this.db.prepare(`SELECT data FROM replica_records WHERE entity = 'ticket_status' AND id = ?`).pluck().get(id) as string | undefined;
    if (row === undefined) return null;
    const parsed = TicketStatus.safeParse(JSON.parse(row));
    return parsed.success ? parsed.data : null;
  }
}

/** The fields a list row and a read-only view share, from a pulled record. */
export function remoteFields(record: TicketStatus, lifecycle: Record<TicketStatusValue, TicketLifecycle>) {
  const createdAt = record.reported_at ?? Date.parse(record.updated_at);
  return {
    id: record.ticket_id,
    kind: (record.kind ?? (record.service_code ? 'fault' : 'information')) satisfies TicketView['kind'],
    title: record.title ?? '',
    status: lifecycle[record.status] ?? 'new',
    address: record.address ?? null,
    district: record.district ?? '',
    deadlineAt: record.deadline_at ?? null,
    createdAt,
  };
}

/** List order in memory (the team list merges pulled records with this desk's unsent tickets). */
export function compareSummaries(sort: TeamListParams['sort']): (a: TicketSummary, b: TicketSummary) => number {
  if (sort === 'oldest') return (a, b) => a.createdAt - b.createdAt;
  if (sort === 'newest') return (a, b) => b.createdAt - a.createdAt;
  return (a, b) => (a.deadlineAt === null ? 1 : 0) - (b.deadlineAt === null ? 1 : 0) || (a.deadlineAt ?? 0) - (b.deadlineAt ?? 0) || b.createdAt - a.createdAt;
}
