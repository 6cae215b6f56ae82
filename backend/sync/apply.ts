import type { z } from 'zod';
import type { Queryable } from '../db/adapter';
import {
  MutationPayloads,
  toFieldErrors,
  type AgentStateCreatePayload,
  type CallLogCreatePayload,
  type Mutation,
  type RejectReason,
  type SessionUser,
  type TicketCreatePayload,
  type TicketNoteCreatePayload,
  type TicketUpdatePayload,
  type FieldError,
} from '../contract';
import { findTicket, insertTicket, updateTicket } from '../tickets/tickets';

/** A mutation that can never succeed; recorded as rejected so the desk's queue moves on. */
export class Rejection extends Error {
  constructor(
    readonly reason: RejectReason,
    message: string,
    readonly fieldErrors?: FieldError[],
  ) {
    super(message);
  }
}

const STATUS_ROLES = new Set(['supervisor', 'dispatcher', 'admin']);
/** JSON size of one payload; larger ones are rejected rather than stored. */
export const MAX_PAYLOAD_CHARS = 64 * 1024;

export interface ApplyContext {
  tx: Queryable;
  mutation: Mutation;
  user: SessionUser;
  now: number;
}

async function createTicket({ tx, mutation, user, now }: ApplyContext, payload: TicketCreatePayload): Promise<void> {
  if (await findTicket(tx, mutation.entity_id)) throw new Rejection('already_exists', 'A ticket with this id already exists');
  const { created_at, ...ticket } = payload;
  await insertTicket(tx, { ...ticket, id: mutation.entity_id, client_created_at: created_at, created_by: user.id }, now);
}

async function changeTicket({ tx, mutation, user, now }: ApplyContext, payload: TicketUpdatePayload): Promise<void> {
  if ((payload.status !== undefined || payload.status_note !== undefined) && !user.roles.some((role) => STATUS_ROLES.has(role))) {
    throw new Rejection('forbidden', 'Only a supervisor, dispatcher or admin changes a ticket status');
  }
  const { updated_at: claimedAt, ...change } = payload;
  void claimedAt; // the desk's clock: the server stamps updated_at itself
  if (!(await updateTicket(tx, mutation.entity_id, change, user.id, now))) throw new Rejection('not_found', 'No such ticket');
}

async function createNote({ tx, mutation, user, now }: ApplyContext, payload: TicketNoteCreatePayload): Promise<void> {
  if (!(await findTicket(tx, payload.ticket_id))) throw new Rejection('not_found', 'No such ticket');
  if ((await tx.query('SELECT 1 FROM ticket_notes WHERE id = ?', [mutation.entity_id])).length > 0) throw new Rejection('already_exists', 'A note with this id already exists');
  await tx.run('INSERT INTO ticket_notes (id, ticket_id, text, visibility, author_id, client_created_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    mutation.entity_id,
    payload.ticket_id,
    payload.text,
    payload.visibility,
    user.id,
    payload.created_at,
    now,
  ]);
}

async function createCallLog({ tx, mutation, user, now }: ApplyContext, payload: CallLogCreatePayload): Promise<void> {
  if ((await tx.query('SELECT 1 FROM call_logs WHERE id = ?', [mutation.entity_id])).length > 0) throw new Rejection('already_exists', 'A call log with this id already exists');
  await tx.run(
    `INSERT INTO call_logs (id, user_id, client_id, direction, remote_number, queue, outcome, ticket_id, notes, client_started_at, client_answered_at, client_ended_at, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      mutation.entity_id,
      user.id,
      mutation.client_id,
      payload.direction,
      payload.remote_number ?? null,
      payload.queue ?? null,
      payload.outcome,
      payload.ticket_id ?? null,
      payload.notes ?? null,
      payload.started_at,
      payload.answered_at ?? null,
      payload.ended_at ?? null,
      now,
    ],
  );
}

async function createAgentState({ tx, mutation, user, now }: ApplyContext, payload: AgentStateCreatePayload): Promise<void> {
  if ((await tx.query('SELECT 1 FROM agent_states WHERE id = ?', [mutation.entity_id])).length > 0) throw new Rejection('already_exists', 'An agent state with this id already exists');
  await tx.run('INSERT INTO agent_states (id, user_id, client_id, state, reason, client_changed_at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    mutation.entity_id,
    user.id,
    mutation.client_id,
    payload.state,
    payload.reason,
    payload.changedAt,
    now,
  ]);
}

type Applier = (context: ApplyContext, payload: never) => Promise<void>;
const APPLIERS: Record<string, Record<string, Applier>> = {
  ticket: { create: createTicket, update: changeTicket },
  ticket_note: { create: createNote },
  call_log: { create: createCallLog },
  agent_state: { create: createAgentState },
};

/** Checks the payload against its entity's schema and applies it, or throws a Rejection. */
export async function applyMutation(context: ApplyContext): Promise<void> {
  const { entity, kind, payload } = context.mutation;
  const schemas = Object.hasOwn(MutationPayloads, entity) ? (MutationPayloads as Record<string, Record<string, z.ZodType>>)[entity] : undefined;
  const schema = schemas && Object.hasOwn(schemas, kind) ? schemas[kind] : undefined;
  const applier = APPLIERS[entity]?.[kind];
  if (!schema || !applier) throw new Rejection('unknown_entity', `Unknown entity or kind: ${entity}/${kind}`);
  if (JSON.stringify(payload ?? null).length > MAX_PAYLOAD_CHARS) throw new Rejection('payload_too_large', `The payload is over ${MAX_PAYLOAD_CHARS} characters`);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Rejection('invalid_payload', `Invalid ${entity} ${kind} payload`, toFieldErrors(parsed.error).map((f) => ({ ...f, path: ['payload', f.path].filter(Boolean).join('.') })));
  await applier(context, parsed.data as never);
}
