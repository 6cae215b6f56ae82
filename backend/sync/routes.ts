import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PullQuery, PullResponse, PushRequest, PushResponse, TicketStatusChangeRequest } from '../contract';
import type { Db } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, type RouteContext } from '../server/route';
import { findTicket, updateTicket } from '../tickets/tickets';
import { pull } from './pull';
import { push } from './push';

export function syncRoutes(app: FastifyInstance, context: RouteContext, db: Db): void {
  addRoute(app, context, {
    method: 'POST',
    url: '/sync/push',
    access: 'signed_in',
    tag: 'sync',
    summary: 'Push a batch of queued mutations. 200 with a result per mutation; 422 (same body shape) when any item is a conflict.',
    body: PushRequest,
    responses: { 200: PushResponse, 422: PushResponse },
    handler: async ({ body, user, reply }) => {
      const response = await push(db, body.mutations, user!);
      return reply.status(response.results.some((r) => r.status === 'conflict') ? 422 : 200).send(response);
    },
  });

  addRoute(app, context, {
    method: 'GET',
    url: '/sync/pull',
    access: 'signed_in',
    tag: 'sync',
    summary: 'One page of the change feed after the cursor `since` (absent: from the start).',
    query: PullQuery,
    responses: { 200: PullResponse },
    handler: async ({ query }) => pull(db, query.since, query.limit),
  });

  addRoute(app, context, {
    method: 'POST',
    url: '/tickets/:id/status',
    access: ['supervisor', 'dispatcher', 'admin'],
    tag: 'tickets',
    summary: 'Change the status and resolution note of a ticket (back office); published to every desk and to Open311 updates.',
    params: z.object({ id: z.string().max(100) }),
    body: TicketStatusChangeRequest,
    responses: { 204: 'empty' },
    handler: async ({ params, body, user, reply }) => {
      const found = await db.transaction(async (tx) => {
        if (!(await findTicket(tx, params.id))) return false;
        return updateTicket(tx, params.id, { status: body.status, ...(body.note !== undefined ? { status_note: body.note } : {}) }, user!.id);
      });
      if (!found) throw new ApiError(404, 'not_found', 'No such ticket');
      return reply.status(204).send();
    },
  });
}
