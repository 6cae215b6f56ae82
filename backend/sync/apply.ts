import type { z } from 'zod';
import { insertKbUsage } from '../kb/usage';
import { ProposalRefusal, createProposal, reviewProposal } from '../kb/proposals';
import type { Queryable } from '../db/adapter';
import {
  MutationPayloads,
  toFieldErrors,
  type AgentStateCreatePayload,
  type CallLogCreatePayload,
  type KbUsageCreatePayload,
  type Mutation,
  type RejectReason,
  type SessionUser,
  type TicketCreatePayload,
  type TicketNoteCreatePayload,
  type TicketUpdatePayload,
  type FieldError,
} from '../contract';
import { findTicket, insertTicket, updateTicket } from '../tickets/tickets';
import { catalogueProblems } from '../tickets/catalogue-check';
import { insertFeedback, type TicketFeedbackCreatePayload } from '../tickets/feedback';
import { applyChatMessage, applyOutgoingMessage, ChatApplyRefusal } from '../chats/chat-apply';
import type { ChatMessageCreatePayload, OutgoingMessageCreatePayload } from '../chats/wire';
import { changeCallLog, changeCallback, changeContact, completeCallLog, createCallback, createContact, createContactNote } from '../contacts/contacts';

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
  const stale = await catalogueProblems(tx, payload);
  if (stale) throw new Rejection('catalogue_changed', stale.message, stale.fieldErrors);
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

async function createFeedback({ tx, mutation, user, now }: ApplyContext, payload: TicketFeedbackCreatePayload): Promise<void> {
  const outcome = await insertFeedback(tx, mutation, user, payload, now);
  if (outcome === 'not_found') throw new Rejection('not_found', 'No such ticket');
  if (outcome === 'already_exists') throw new Rejection('already_exists', 'This feedback was already recorded');
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
  await completeCallLog(tx, mutation.entity_id, payload, now);
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

async function createChatMessage({ tx, mutation, user, now }: ApplyContext, payload: ChatMessageCreatePayload): Promise<void> {
  if ((await tx.query('SELECT 1 FROM chat_messages WHERE id = ?', [mutation.entity_id])).length > 0) throw new Rejection('already_exists', 'A chat message with this id already exists');
  try {
    await applyChatMessage(tx, mutation, user, payload, now);
  } catch (error) {
    if (error instanceof ChatApplyRefusal) throw new Rejection(error.reason === 'invalid' ? 'invalid_payload' : 'not_found', error.message);
    throw error;
  }
}

async function createOutgoingMessage({ tx, mutation, user, now }: ApplyContext, payload: OutgoingMessageCreatePayload): Promise<void> {
  if (!(await applyOutgoingMessage(tx, mutation, user, payload, now))) throw new Rejection('already_exists', 'This message was already recorded');
}

async function createKbUsage({ tx, mutation, user, now }: ApplyContext, payload: KbUsageCreatePayload): Promise<void> {
  if (!(await insertKbUsage(tx, mutation, user, payload, now))) throw new Rejection('already_exists', 'This mark was already recorded');
}

/** Proposals and their review, with the refusals mapped to the feed's rejection reasons. */
function proposalStep<P>(step: (tx: Queryable, mutation: Mutation, user: SessionUser, payload: P, now: number) => Promise<void>) {
  return async ({ tx, mutation, user, now }: ApplyContext, payload: P): Promise<void> => {
    try {
      await step(tx, mutation, user, payload, now);
    } catch (error) {
      if (error instanceof ProposalRefusal) throw new Rejection(error.reason, error.message);
      throw error;
    }
  };
}

type Applier = (context: ApplyContext, payload: never) => Promise<void>;
const APPLIERS: Record<string, Record<string, Applier>> = {
  ticket: { create: createTicket, update: changeTicket },
  ticket_note: { create: createNote },
  ticket_feedback: { create: createFeedback },
  call_log: { create: createCallLog, update: changeCallLog },
  contact: { create: createContact, update: changeContact },
  contact_note: { create: createContactNote },
  callback: { create: createCallback, update: changeCallback },
  agent_state: { create: createAgentState },
  chat_message: { create: createChatMessage },
  outgoing_message: { create: createOutgoingMessage },
  kb_usage: { create: createKbUsage },
  kb_proposal: { create: proposalStep(createProposal), review: proposalStep(reviewProposal) },
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
