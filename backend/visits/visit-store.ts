import type { Queryable } from '../db/adapter';
import { isUniqueViolation } from '../db/adapter';
import { OpeningWindow, type VisitBooking, type VisitBookingRequest, type VisitOffice, type VisitSlot } from './contract';
import { freeSlots, isSlotStart } from './slots';
import { z } from 'zod';

interface OfficeRow {
  [key: string]: unknown;
  id: string;
  name: string;
  address: string;
  opening_hours: string;
}
interface ServiceRow {
  [key: string]: unknown;
  office_id: string;
  service_id: string;
  name: string;
  duration_minutes: number;
}
interface BookingRow {
  [key: string]: unknown;
  id: string;
  office_id: string;
  service_id: string;
  starts_at: number;
  ends_at: number;
  ticket_id: string | null;
}

const Hours = z.array(OpeningWindow);

export async function listOffices(db: Queryable): Promise<VisitOffice[]> {
  const offices = await db.query<OfficeRow>('SELECT * FROM visit_offices ORDER BY name');
  const services = await db.query<ServiceRow>('SELECT * FROM visit_services ORDER BY name');
  return offices.map((office) => ({
    id: office.id,
    name: office.name,
    address: office.address,
    opening_hours: Hours.parse(JSON.parse(office.opening_hours)),
    services: services.filter((s) => s.office_id === office.id).map((s) => ({ id: s.service_id, name: s.name, duration_minutes: Number(s.duration_minutes) })),
  }));
}

async function officeService(db: Queryable, officeId: string, serviceId: string): Promise<{ hours: OpeningWindow[]; duration: number } | null> {
  const [row] = await db.query<{ opening_hours: string; duration_minutes: number }>(
    'SELECT o.opening_hours, s.duration_minutes FROM visit_services s JOIN visit_offices o ON o.id = s.office_id WHERE s.office_id = ? AND s.service_id = ?',
    [officeId, serviceId],
  );
  return row ? { hours: Hours.parse(JSON.parse(row.opening_hours)), duration: Number(row.duration_minutes) } : null;
}

/** Free slots of a service at an office from `from` on; null when the office does not offer it. */
export async function slotsFor(db: Queryable, officeId: string, serviceId: string, from: number, limit: number): Promise<VisitSlot[] | null> {
  const service = await officeService(db, officeId, serviceId);
  if (!service) return null;
  const taken = await db.query<{ starts_at: number }>('SELECT starts_at FROM visit_bookings WHERE office_id = ? AND service_id = ? AND starts_at >= ?', [officeId, serviceId, from]);
  return freeSlots(service.hours, service.duration, from, new Set(taken.map((t) => Number(t.starts_at))), limit);
}

function booking(row: BookingRow): VisitBooking {
  return { id: row.id, office_id: row.office_id, service_id: row.service_id, starts_at: Number(row.starts_at), ends_at: Number(row.ends_at), ticket_id: row.ticket_id };
}

export type BookingOutcome =
  | { kind: 'booked'; booking: VisitBooking; repeated: boolean }
  | { kind: 'unknown_service' }
  | { kind: 'not_a_slot' }
  | { kind: 'taken' }
  | { kind: 'id_reused' };

/**
 * Books a slot. The database's UNIQUE (office, service, start) decides a race: the second insert
 * fails and the slot is reported as taken. The same request repeated (same id) returns the booking.
 */
export async function book(db: Queryable, request: VisitBookingRequest, userId: string, now: number): Promise<BookingOutcome> {
  const [existing] = await db.query<BookingRow>('SELECT * FROM visit_bookings WHERE id = ?', [request.id]);
  if (existing) {
    const same = existing.office_id === request.office_id && existing.service_id === request.service_id && Number(existing.starts_at) === request.starts_at;
    return same ? { kind: 'booked', booking: booking(existing), repeated: true } : { kind: 'id_reused' };
  }
  const service = await officeService(db, request.office_id, request.service_id);
  if (!service) return { kind: 'unknown_service' };
  if (request.starts_at < now || !isSlotStart(service.hours, service.duration, request.starts_at)) return { kind: 'not_a_slot' };
  const endsAt = request.starts_at + service.duration * 60_000;
  try {
    await db.run(
      `INSERT INTO visit_bookings (id, office_id, service_id, starts_at, ends_at, resident_name, resident_phone, ticket_id, booked_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [request.id, request.office_id, request.service_id, request.starts_at, endsAt, request.resident_name, request.resident_phone, request.ticket_id, userId, now],
    );
  } catch (error) {
    if (isUniqueViolation(error)) return { kind: 'taken' };
    throw error;
  }
  return { kind: 'booked', booking: { id: request.id, office_id: request.office_id, service_id: request.service_id, starts_at: request.starts_at, ends_at: endsAt, ticket_id: request.ticket_id }, repeated: false };
}

export interface OfficeSeed {
  id: string;
  name: string;
  address: string;
  opening_hours: OpeningWindow[];
  services: { id: string; name: string; duration_minutes: number }[];
}

export async function putOffice(tx: Queryable, office: OfficeSeed): Promise<void> {
  await tx.run('INSERT INTO visit_offices (id, name, address, opening_hours) VALUES (?, ?, ?, ?)', [office.id, office.name, office.address, JSON.stringify(office.opening_hours)]);
  for (const service of office.services) {
    await tx.run('INSERT INTO visit_services (office_id, service_id, name, duration_minutes) VALUES (?, ?, ?, ?)', [office.id, service.id, service.name, service.duration_minutes]);
  }
}
