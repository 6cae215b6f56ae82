import { z } from 'zod';
import { FieldError } from './errors';
import { PublishedEntity, TicketStatusValue } from './entities';

/** The most mutations one push may carry; the desk splits its queue into batches of this size. */
export const MAX_PUSH_BATCH = 500;
/** Largest page a pull returns, whatever `limit` asks. */
export const MAX_PULL_LIMIT = 1000;
export const DEFAULT_PULL_LIMIT = 500;

/**
 * One queued change from a desk. `mutation_id` (UUIDv7, made on the desk) is the idempotency key
 * together with `client_id`; `seq` counts up per client, and the server records the highest seq it
 * has processed in the same transaction as the change. `depends_on` names the mutation_id of a parent
 * mutation from the same client (a note's ticket): the desk sends parents first.
 */
export const Mutation = z.object({
  client_id: z.string().min(1).max(100),
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  mutation_id: z.uuid({ version: 'v7' }),
  /** Free text here on purpose: an unknown entity or kind is a per-item rejection, not a 400. */
  entity: z.string().min(1).max(64),
  entity_id: z.uuid(),
  kind: z.string().min(1).max(32),
  payload: z.unknown(),
  depends_on: z.uuid({ version: 'v7' }).nullable().optional(),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  mutations: z.array(Mutation).min(1).max(MAX_PUSH_BATCH),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const RejectReason = z.enum([
  'unknown_entity', // entity/kind the server does not know
  'invalid_payload', // payload fails the entity's schema (see field_errors)
  'payload_too_large',
  'not_found', // e.g. updating a ticket that does not exist
  'already_exists', // a create for an id another mutation already created
  'parent_unknown', // depends_on names a mutation the server never saw from this client
  'parent_rejected', // depends_on names a mutation that was rejected
  'forbidden', // the signed-in user's role may not make this change
  'catalogue_changed', // a ticket filled against a service or form the catalogue no longer has
  'conflict', // the record moved on meanwhile (e.g. a proposal another editor already reviewed)
]);
export type RejectReason = z.infer<typeof RejectReason>;

/**
 * The outcome of one mutation:
 * - applied: stored now.
 * - duplicate: seen before with the same content; not applied again. `outcome` says what happened
 *   the first time (a replay of a rejected mutation stays rejected).
 * - rejected: can never succeed; recorded (and the client's seq advanced), so the desk removes it from
 *   its queue and parks it for review. Never retry it with the same mutation_id.
 * - conflict: the mutation_id was seen before with another content; nothing was changed. The HTTP
 *   status of the whole push is 422 when any item is a conflict (all other items were processed).
 */
export const PushResult = z.discriminatedUnion('status', [
  z.object({ mutation_id: z.string(), status: z.literal('applied') }),
  z.object({
    mutation_id: z.string(),
    status: z.literal('duplicate'),
    outcome: z.enum(['applied', 'rejected']),
    reason: RejectReason.optional(),
  }),
  z.object({
    mutation_id: z.string(),
    status: z.literal('rejected'),
    reason: RejectReason,
    message: z.string(),
    field_errors: z.array(FieldError).optional(),
  }),
  z.object({ mutation_id: z.string(), status: z.literal('conflict'), message: z.string() }),
]);
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({
  /** One result per mutation, in request order. */
  results: z.array(PushResult),
  /** Highest seq recorded per client_id in this batch's clients, after processing. */
  last_seq: z.record(z.string(), z.number().int()),
});
export type PushResponse = z.infer<typeof PushResponse>;

export const PullQuery = z.object({
  /** Opaque; absent on the first pull. */
  since: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});
export type PullQuery = z.infer<typeof PullQuery>;

export const Change = z.object({
  entity: PublishedEntity,
  id: z.string(),
  op: z.enum(['upsert', 'delete']),
  /** Present on upsert: the whole record, matching `PublishedSchemas[entity]`. Absent on delete. */
  data: z.unknown().optional(),
});
export type Change = z.infer<typeof Change>;

export const PullResponse = z.object({
  /** Pass back as `since`. Only ever moves forward; equal to `since` when nothing changed. */
  cursor: z.string(),
  changes: z.array(Change),
  has_more: z.boolean(),
  /**
   * True when `since` came from another database (restored, replaced): the desk wipes its replica
   * tables and applies this page as the start of a fresh pull.
   */
  reset: z.boolean(),
});
export type PullResponse = z.infer<typeof PullResponse>;

export const TicketStatusChangeRequest = z.object({
  status: TicketStatusValue,
  note: z.string().max(4000).nullable().optional(),
});
export type TicketStatusChangeRequest = z.infer<typeof TicketStatusChangeRequest>;

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string(), database: z.enum(['sqlite', 'postgres']) });
export type HealthResponse = z.infer<typeof HealthResponse>;
