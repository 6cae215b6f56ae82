import { z } from 'zod';

/*
 * The call log: the softphone (renderer) reports each call's life to the core, which stores it,
 * queues it for the backend through the outbox, and feeds the caller card's history.
 * Ids are made by the softphone (uuid v7 strings) so a report never waits for the core.
 */

export const CallDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

/** answered; missed (rang, not answered by us); abandoned (caller hung up while ringing); rejected (we declined); transferred; failed (never connected, or media failed). */
export const CallOutcome = z.enum(['answered', 'missed', 'abandoned', 'rejected', 'transferred', 'failed']);
export type CallOutcome = z.infer<typeof CallOutcome>;

const CallId = z.string().min(1).max(64);
const Time = z.number().int().nonnegative();

export const CallLogEntry = z.object({
  id: CallId,
  direction: CallDirection,
  /** As the network gave it (untrusted text), and normalized to E.164 when it is a phone number. */
  remoteNumber: z.string().max(256),
  remoteE164: z.string().max(20).nullable(),
  /** The display name the caller's side sent: untrusted text, shortened to 200 characters. */
  remoteName: z.string().max(200).nullable(),
  queue: z.string().max(100).nullable(),
  startedAt: Time,
  answeredAt: Time.nullable(),
  endedAt: Time.nullable(),
  durationMs: z.number().int().nonnegative().nullable(),
  outcome: CallOutcome.nullable(),
  /** Where a transferred call went (number, SIP URI or directory name). */
  transferredTo: z.string().max(300).nullable(),
  wrapUpCode: z.string().max(64).nullable(),
  notes: z.string().max(4000),
  ticketIds: z.array(z.string().max(64)).max(50),
  contactId: z.string().max(64).nullable(),
});
export type CallLogEntry = z.infer<typeof CallLogEntry>;

export const callMethods = {
  /** A call began ringing (inbound) or was placed (outbound). */
  'calls.started': {
    params: z
      .object({
        id: CallId,
        direction: CallDirection,
        remoteNumber: z.string().max(256),
        remoteName: z.string().max(10_000).nullable().default(null), // shortened by the core
        queue: z.string().max(100).nullable().default(null),
        startedAt: Time,
      })
      .strict(),
    result: CallLogEntry,
  },
  'calls.answered': { params: z.object({ id: CallId, answeredAt: Time }).strict(), result: CallLogEntry },
  'calls.ended': {
    params: z
      .object({ id: CallId, endedAt: Time, outcome: CallOutcome, transferredTo: z.string().max(300).nullable().default(null) })
      .strict(),
    result: CallLogEntry,
  },
  /** Notes typed during or after the call, the wrap-up code, linked tickets. */
  'calls.update': {
    params: z
      .object({
        id: CallId,
        notes: z.string().max(4000).optional(),
        wrapUpCode: z.string().max(64).nullable().optional(),
        ticketIds: z.array(z.string().max(64)).max(50).optional(),
        /** The contact the consultant chose on the caller card (several on one number, or a new one). */
        contactId: z.string().max(64).nullable().optional(),
      })
      .strict(),
    result: CallLogEntry,
  },
  /** Newest first. */
  'calls.recent': { params: z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict(), result: z.array(CallLogEntry) },
} as const;

export const callEvents = {
  /** A call log entry was created or changed (any client may show it). */
  'calls.changed': CallLogEntry,
} as const;
