import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, type RouteContext } from '../server/route';
import { VisitBooking, VisitBookingRequest, VisitOfficesResponse, VisitSlotsQuery, VisitSlotsResponse } from './contract';
import { book, listOffices, slotsFor } from './visit-store';

/** Visits at customer offices: offices and their services, free slots, booking (any signed-in user). */
export function visitRoutes(app: FastifyInstance, context: RouteContext, db: Db): void {
  addRoute(app, context, {
    method: 'GET',
    url: '/visits/offices',
    access: 'signed_in',
    tag: 'visits',
    summary: 'Customer offices with their opening hours and the services each handles.',
    responses: { 200: VisitOfficesResponse },
    handler: async () => ({ offices: await listOffices(db) }),
  });

  addRoute(app, context, {
    method: 'GET',
    url: '/visits/slots',
    access: 'signed_in',
    tag: 'visits',
    summary: 'Free slots of a service at an office, earliest first, from `from` (default now), skipping public holidays.',
    query: VisitSlotsQuery,
    responses: { 200: VisitSlotsResponse },
    handler: async ({ query }) => {
      const slots = await slotsFor(db, query.office_id, query.service_id, Math.max(query.from ?? 0, Date.now()), query.limit);
      if (!slots) throw new ApiError(404, 'not_found', 'The office does not handle this service');
      return { slots };
    },
  });

  addRoute(app, context, {
    method: 'POST',
    url: '/visits/bookings',
    access: 'signed_in',
    tag: 'visits',
    summary: 'Books a slot: 201 booked (200 when the same request is repeated), 409 when the slot was taken meanwhile.',
    body: VisitBookingRequest,
    responses: { 200: VisitBooking, 201: VisitBooking },
    handler: async ({ body, user, reply }) => {
      const outcome = await book(db, body, user!.id, Date.now());
      switch (outcome.kind) {
        case 'booked':
          return reply.status(outcome.repeated ? 200 : 201).send(outcome.booking);
        case 'taken':
          throw new ApiError(409, 'conflict', 'This slot was taken meanwhile', [{ path: 'body.starts_at', code: 'slot_taken', message: 'taken meanwhile' }]);
        case 'id_reused':
          throw new ApiError(409, 'conflict', 'A booking with this id exists for another slot', [{ path: 'body.id', code: 'already_exists', message: 'id reused' }]);
        case 'unknown_service':
          throw new ApiError(404, 'not_found', 'The office does not handle this service');
        case 'not_a_slot':
          throw new ApiError(400, 'invalid_request', 'No such slot in the schedule', [{ path: 'body.starts_at', code: 'not_a_slot', message: 'not a free slot of the schedule' }]);
      }
    },
  });
}
