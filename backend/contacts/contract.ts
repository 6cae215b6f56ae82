import { z } from 'zod';
import { ConsentBasis, ContactFlag, PreferredChannel } from '../../preload/contract/contacts';

/*
 * Contacts, callbacks and call-log changes as the desks push them, and as the backend publishes
 * them back in the change feed (so every desk's caller card knows what another desk learnt).
 * Times are milliseconds since the epoch; `*_at` sent by a desk is the desk's claim.
 */

const ClaimedTime = z.number().int().nonnegative();
const E164 = z.string().regex(/^\+?\d{3,17}$/);
const Phone = z.strictObject({ e164: E164, label: z.string().max(50).nullable().default(null) });
const Consent = z.strictObject({ basis: ConsentBasis, at: ClaimedTime, by: z.string().max(200) });

export const ContactCreatePayload = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phones: z.array(Phone).max(20).default([]),
  addresses: z.array(z.string().max(300)).max(20).default([]),
  preferred_channel: PreferredChannel.nullable().default(null),
  language: z.string().max(10).nullable().default(null),
  flags: z.array(ContactFlag).max(20).default([]),
  consent: Consent,
  created_at: ClaimedTime,
});
export type ContactCreatePayload = z.infer<typeof ContactCreatePayload>;

/** A partial change; `merged_into` folds the contact into another (null undoes it). */
export const ContactUpdatePayload = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  phones: z.array(Phone).max(20).optional(),
  addresses: z.array(z.string().max(300)).max(20).optional(),
  preferred_channel: PreferredChannel.nullable().optional(),
  language: z.string().max(10).nullable().optional(),
  flags: z.array(ContactFlag).max(20).optional(),
  merged_into: z.string().max(64).nullable().optional(),
  updated_at: ClaimedTime,
});
export type ContactUpdatePayload = z.infer<typeof ContactUpdatePayload>;

export const ContactNoteCreatePayload = z.strictObject({
  contact_id: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(2000),
  created_at: ClaimedTime,
});
export type ContactNoteCreatePayload = z.infer<typeof ContactNoteCreatePayload>;

export const CallbackCreatePayload = z.strictObject({
  contact_id: z.string().max(64).nullable(),
  e164: E164,
  due_at: ClaimedTime,
  note: z.string().max(1000).default(''),
  call_id: z.string().max(64).nullable().default(null),
  created_at: ClaimedTime,
});
export type CallbackCreatePayload = z.infer<typeof CallbackCreatePayload>;

/** A callback was made or is no longer needed. */
export const CallbackUpdatePayload = z.strictObject({
  state: z.enum(['done', 'cancelled']),
  updated_at: ClaimedTime,
});
export type CallbackUpdatePayload = z.infer<typeof CallbackUpdatePayload>;

/** What changed on a call after its log was sent: notes, wrap-up, linked tickets, the contact. */
export const CallLogUpdatePayload = z.strictObject({
  notes: z.string().max(4000).optional(),
  wrap_up_code: z.string().max(64).nullable().optional(),
  ticket_ids: z.array(z.string().max(64)).max(50).optional(),
  contact_id: z.string().max(64).nullable().optional(),
  updated_at: ClaimedTime,
});
export type CallLogUpdatePayload = z.infer<typeof CallLogUpdatePayload>;

/** Published: a contact with its notes, as every desk sees it. */
export const ContactRecord = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().max(200).nullable(),
  phones: z.array(Phone).max(20),
  addresses: z.array(z.string().max(300)).max(20),
  preferred_channel: PreferredChannel.nullable(),
  language: z.string().max(10).nullable(),
  flags: z.array(ContactFlag).max(20),
  notes: z.array(z.strictObject({ id: z.string().max(64), text: z.string().max(2000), author: z.string().max(200), created_at: ClaimedTime })).max(500),
  consent: Consent.nullable(),
  merged_into: z.string().max(64).nullable(),
  created_at: ClaimedTime,
  updated_at: ClaimedTime,
});
export type ContactRecord = z.infer<typeof ContactRecord>;

/** Published: a call as the caller card's history shows it. */
export const CallRecord = z.strictObject({
  id: z.string().min(1).max(64),
  direction: z.enum(['inbound', 'outbound']),
  remote_number: z.string().max(256),
  remote_e164: z.string().max(20).nullable(),
  remote_name: z.string().max(200).nullable(),
  queue: z.string().max(100).nullable(),
  outcome: z.enum(['answered', 'missed', 'abandoned', 'rejected', 'transferred', 'failed']),
  started_at: ClaimedTime,
  answered_at: ClaimedTime.nullable(),
  ended_at: ClaimedTime.nullable(),
  duration_ms: z.number().int().nonnegative().nullable(),
  transferred_to: z.string().max(300).nullable(),
  wrap_up_code: z.string().max(64).nullable(),
  notes: z.string().max(4000),
  ticket_ids: z.array(z.string().max(64)).max(50),
  contact_id: z.string().max(64).nullable(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const CallbackRecord = z.strictObject({
  id: z.string().min(1).max(64),
  contact_id: z.string().max(64).nullable(),
  e164: z.string().max(20),
  due_at: ClaimedTime,
  note: z.string().max(1000),
  call_id: z.string().max(64).nullable(),
  state: z.enum(['scheduled', 'done', 'cancelled']),
  created_by: z.string().max(200),
  created_at: ClaimedTime,
});
export type CallbackRecord = z.infer<typeof CallbackRecord>;
