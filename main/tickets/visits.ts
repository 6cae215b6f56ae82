import { VisitBooking, VisitOfficesResponse, VisitSlotsResponse } from '../../backend/visits/contract';
import type { VisitChoice, VisitOfficeView, VisitSlotView } from '../../preload/contract';
import { BridgeFailure } from '../core/bridge-failure';
import { backendRequest, type BackendTarget } from './ticket-backend';

/*
 * Visits are booked at the backend at once: a slot is free only when the backend says so, so
 * booking is not queued offline (the desk says the backend is needed). A slot taken meanwhile
 * comes back as `conflict` with the issue `visit: slot_taken`; the form then offers the next free ones.
 */

export async function visitOffices(target: BackendTarget): Promise<VisitOfficeView[]> {
  const reply = await backendRequest(target, 'GET', 'visits/offices', VisitOfficesResponse);
  if (!reply.body) throw new BridgeFailure({ code: 'backend_unreachable', message: `visits/offices: HTTP ${reply.status}` });
  return reply.body.offices.map((o) => ({ id: o.id, name: o.name, address: o.address, services: o.services.map((s) => ({ id: s.id, name: s.name, durationMinutes: s.duration_minutes })) }));
}

export async function visitSlots(target: BackendTarget, officeId: string, serviceId: string, from: number | undefined, limit: number): Promise<VisitSlotView[]> {
  const query = new URLSearchParams({ office_id: officeId, service_id: serviceId, limit: String(limit), ...(from !== undefined ? { from: String(from) } : {}) });
  const reply = await backendRequest(target, 'GET', `visits/slots?${query}`, VisitSlotsResponse);
  if (reply.status === 404) throw new BridgeFailure({ code: 'not_found', message: 'the office does not handle this service' });
  if (!reply.body) throw new BridgeFailure({ code: 'backend_unreachable', message: `visits/slots: HTTP ${reply.status}` });
  return reply.body.slots.map((s) => ({ startsAt: s.starts_at, endsAt: s.ends_at }));
}

/** Books the slot for the ticket `ticketId`; the booking id makes a retry the same booking. */
export async function bookVisit(target: BackendTarget, bookingId: string, ticketId: string, visit: VisitChoice, resident: { name: string; phone: string }): Promise<VisitBooking> {
  const reply = await backendRequest(target, 'POST', 'visits/bookings', VisitBooking, {
    id: bookingId,
    office_id: visit.officeId,
    service_id: visit.serviceId,
    starts_at: visit.startsAt,
    resident_name: resident.name,
    resident_phone: resident.phone,
    ticket_id: ticketId,
  });
  if (reply.body) return reply.body;
  if (reply.status === 409) throw new BridgeFailure({ code: 'conflict', message: 'the slot was taken meanwhile', issues: [{ field: 'visit', code: 'slot_taken' }] });
  if (reply.status === 400 || reply.status === 404) throw new BridgeFailure({ code: 'invalid_params', message: 'no such slot', issues: [{ field: 'visit', code: 'slot_unknown' }] });
  throw new BridgeFailure({ code: 'backend_unreachable', message: `visits/bookings: HTTP ${reply.status}` });
}
