import type { Queryable, SqlValue } from '../db/adapter';
import { isoWithOffset } from '../common/time';
import type { CityUnit, Service, TicketStatusValue } from '../contract';
import { publishedRecords } from '../sync/feed';
import type { TicketRow } from '../tickets/tickets';
import type { Open311Request, Open311Update } from './schemas';

/** GeoReport v2 knows open and closed; the richer ticket statuses fold into those. */
export function open311Status(status: TicketStatusValue): 'open' | 'closed' {
  return status === 'fixed' || status === 'closed' || status === 'rejected' || status === 'duplicate' ? 'closed' : 'open';
}

/** Status words of the servicerequestupdates extension (as FixMyStreet reads them, lower case). */
const UPDATE_STATUS: Record<TicketStatusValue, string> = {
  open: 'open',
  in_progress: 'in_progress',
  forwarded: 'internal_referral',
  fixed: 'fixed',
  closed: 'closed',
  rejected: 'no_further_action',
  duplicate: 'duplicate',
};

export interface Lookups {
  services: Map<string, Service>;
  units: Map<string, CityUnit>;
}

export async function lookups(db: Queryable): Promise<Lookups> {
  const [services, units] = await Promise.all([publishedRecords<Service>(db, 'service'), publishedRecords<CityUnit>(db, 'city_unit')]);
  return { services: new Map(services.map((s) => [s.service_code, s])), units: new Map(units.map((u) => [u.id, u])) };
}

/** A ticket as an Open311 request. Caller contact data is never part of it. */
export function toOpen311(ticket: TicketRow, { services, units }: Lookups, timeZone: string): Open311Request {
  const service = ticket.service_code ? services.get(ticket.service_code) : undefined;
  const unitId = ticket.unit_id ?? service?.unit_id ?? null;
  return {
    service_request_id: ticket.id,
    status: open311Status(ticket.status),
    status_notes: ticket.status_note,
    service_name: service?.service_name ?? null,
    service_code: ticket.service_code,
    description: ticket.description,
    agency_responsible: unitId ? (units.get(unitId)?.name ?? null) : null,
    service_notice: null,
    requested_datetime: isoWithOffset(Number(ticket.created_at), timeZone),
    updated_datetime: isoWithOffset(Number(ticket.updated_at), timeZone),
    expected_datetime: null,
    address: ticket.address,
    address_id: null,
    zipcode: null,
    lat: ticket.lat,
    long: ticket.lon,
    media_url: ticket.media_url,
  };
}

export interface RequestFilter {
  ids?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  from: number;
  to: number;
  statuses?: ('open' | 'closed')[] | undefined;
  limit: number;
}

const CLOSED: TicketStatusValue[] = ['fixed', 'closed', 'rejected', 'duplicate'];

export async function findRequests(db: Queryable, filter: RequestFilter): Promise<TicketRow[]> {
  const where: string[] = [];
  const params: SqlValue[] = [];
  const inList = (column: string, values: readonly string[]) => {
    where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  if (filter.ids) {
    // The spec: a list of ids overrides every other filter.
    inList('id', filter.ids.length ? filter.ids : ['']);
  } else {
    where.push('created_at >= ?', 'created_at <= ?');
    params.push(filter.from, filter.to);
    if (filter.serviceCodes?.length) inList('service_code', filter.serviceCodes);
    if (filter.statuses?.length === 1) {
      where.push(`status ${filter.statuses[0] === 'closed' ? '' : 'NOT '}IN (${CLOSED.map(() => '?').join(', ')})`);
      params.push(...CLOSED);
    }
  }
  return db.query<TicketRow>(`SELECT * FROM tickets WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT ?`, [...params, filter.limit]);
}

export async function findUpdates(db: Queryable, from: number, to: number, ids: string[] | undefined, limit: number, timeZone: string): Promise<Open311Update[]> {
  const params: SqlValue[] = [from, to];
  let idFilter = '';
  if (ids?.length) {
    idFilter = ` AND ticket_id IN (${ids.map(() => '?').join(', ')})`;
    params.push(...ids);
  }
  const rows = await db.query<{ update_id: string; ticket_id: string; status: TicketStatusValue; description: string | null; updated_at: number }>(
    `SELECT update_id, ticket_id, status, description, updated_at FROM ticket_updates WHERE updated_at >= ? AND updated_at <= ?${idFilter} ORDER BY updated_at, update_id LIMIT ?`,
    [...params, limit],
  );
  return rows.map((row) => ({
    update_id: row.update_id,
    service_request_id: row.ticket_id,
    status: UPDATE_STATUS[row.status] ?? row.status,
    updated_datetime: isoWithOffset(Number(row.updated_at), timeZone),
    description: row.description,
    media_url: null,
  }));
}
