import { z } from 'zod';

/*
 * Visits at a customer office (issue 7), as the backend's API gives them: offices with their
 * opening hours and services, free slots, bookings. Times are milliseconds since the epoch (the
 * server's clock); wall-clock hours are in the city's time zone.
 */

const HourMinute = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** One opening window: ISO weekday (1 = Monday … 7 = Sunday) and wall-clock hours. */
export const OpeningWindow = z.strictObject({ weekday: z.number().int().min(1).max(7), open: HourMinute, close: HourMinute });
export type OpeningWindow = z.infer<typeof OpeningWindow>;

export const VisitService = z.strictObject({ id: z.string(), name: z.string(), duration_minutes: z.number().int().positive() });
export type VisitService = z.infer<typeof VisitService>;

export const VisitOffice = z.strictObject({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  opening_hours: z.array(OpeningWindow),
  services: z.array(VisitService),
});
export type VisitOffice = z.infer<typeof VisitOffice>;

export const VisitOfficesResponse = z.strictObject({ offices: z.array(VisitOffice) });

export const VisitSlot = z.strictObject({ starts_at: z.number().int(), ends_at: z.number().int() });
export type VisitSlot = z.infer<typeof VisitSlot>;

export const VisitSlotsQuery = z.strictObject({
  office_id: z.string().min(1).max(64),
  service_id: z.string().min(1).max(64),
  /** Slots starting at or after this instant (default: now). */
  from: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});
export const VisitSlotsResponse = z.strictObject({ slots: z.array(VisitSlot) });

export const VisitBookingRequest = z.strictObject({
  /** Made by the desk: repeating a request with the same id returns the same booking. */
  id: z.uuid(),
  office_id: z.string().min(1).max(64),
  service_id: z.string().min(1).max(64),
  starts_at: z.number().int().nonnegative(),
  resident_name: z.string().max(200).default(''),
  resident_phone: z.string().max(50).default(''),
  /** The desk's ticket (kind visit) this booking belongs to. */
  ticket_id: z.string().max(64).nullable().default(null),
});
export type VisitBookingRequest = z.infer<typeof VisitBookingRequest>;

export const VisitBooking = z.strictObject({
  id: z.string(),
  office_id: z.string(),
  service_id: z.string(),
  starts_at: z.number().int(),
  ends_at: z.number().int(),
  ticket_id: z.string().nullable(),
});
export type VisitBooking = z.infer<typeof VisitBooking>;
