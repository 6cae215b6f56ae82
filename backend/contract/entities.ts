import { z } from 'zod';
import { AgentState, NotAvailableReason } from '../../preload/contract/status';
import { ChatMessageCreatePayload, OutgoingMessageCreatePayload } from '../chats/wire';
import { TicketFeedbackCreatePayload } from '../tickets/feedback-payload';
import { CallLogUpdatePayload, CallRecord, CallbackCreatePayload, CallbackRecord, CallbackUpdatePayload, ContactCreatePayload, ContactNoteCreatePayload, ContactRecord, ContactUpdatePayload } from '../contacts/contract';

/*
 * Payloads of the mutations a desk pushes, one schema per entity and kind. The server checks each
 * with these; a payload that fails is acknowledged as rejected (it can never succeed), so the desk
 * should check it with the same schema before queueing it.
 * Times named `*_at` / `changedAt` here are the desk's claim (milliseconds since the epoch); the server
 * stores them beside its own clock, never instead of it.
 */

const ClaimedTime = z.number().int().nonnegative();
const Text = (max: number) => z.string().max(max);
/** `duplicate`: closed as a repeat of another ticket (the desk shows it as its own outcome). */
export const TicketStatusValue = z.enum(['open', 'in_progress', 'forwarded', 'fixed', 'closed', 'rejected', 'duplicate']);
export type TicketStatusValue = z.infer<typeof TicketStatusValue>;
export const TicketPriority = z.enum(['low', 'normal', 'high', 'urgent']);
export const Channel = z.enum(['phone', 'chat', 'email', 'sms', 'video', 'walk_in', 'web', 'open311']);

export const TicketCreatePayload = z.strictObject({
  title: z.string().trim().min(1).max(200),
  description: Text(4000).default(''),
  service_code: z.string().min(1).max(64).optional(),
  unit_id: z.string().min(1).max(64).optional(),
  priority: TicketPriority.default('normal'),
  channel: Channel.default('phone'),
  address: Text(500).optional(),
  district: Text(100).optional(),
  lat: z.number().min(-90).max(90).optional(),
  long: z.number().min(-180).max(180).optional(),
  caller: z
    .strictObject({ name: Text(200).optional(), phone: Text(50).optional(), email: Text(254).optional() })
    .optional(),
  // The desk's ticket form (issue 7): all optional, so Open311 creates and older desks still fit.
  kind: z.enum(['information', 'fault', 'complaint', 'idea', 'visit']).optional(),
  attributes: z.record(z.string().max(64), z.union([z.string().max(2000), z.array(z.string().max(200)).max(50)])).optional(),
  street_id: Text(40).optional(),
  building: Text(20).optional(),
  location_note: Text(500).optional(),
  answer: Text(4000).optional(),
  kb_article_id: Text(100).optional(),
  contact_id: Text(64).optional(),
  call_id: Text(64).optional(),
  chat_id: Text(64).optional(),
  /** The deadline the desk computed (working hours from the routing rule); the server keeps it. */
  deadline_at: ClaimedTime.optional(),
  created_at: ClaimedTime,
});
export type TicketCreatePayload = z.infer<typeof TicketCreatePayload>;

/** A partial change; `status` and `status_note` need the supervisor, dispatcher or admin role. */
export const TicketUpdatePayload = z
  .strictObject({
    title: z.string().trim().min(1).max(200).optional(),
    description: Text(4000).optional(),
    service_code: z.string().min(1).max(64).optional(),
    unit_id: z.string().min(1).max(64).nullable().optional(),
    priority: TicketPriority.optional(),
    address: Text(500).nullable().optional(),
    district: Text(100).nullable().optional(),
    lat: z.number().min(-90).max(90).nullable().optional(),
    long: z.number().min(-180).max(180).nullable().optional(),
    status: TicketStatusValue.optional(),
    status_note: Text(4000).nullable().optional(),
    updated_at: ClaimedTime,
  })
  .refine((value) => Object.keys(value).some((key) => key !== 'updated_at'), 'nothing to update');
export type TicketUpdatePayload = z.infer<typeof TicketUpdatePayload>;

export const TicketNoteCreatePayload = z.strictObject({
  ticket_id: z.uuid(),
  text: z.string().trim().min(1).max(4000),
  visibility: z.enum(['internal', 'public']).default('internal'),
  created_at: ClaimedTime,
});
export type TicketNoteCreatePayload = z.infer<typeof TicketNoteCreatePayload>;

export const CallLogCreatePayload = z.strictObject({
  direction: z.enum(['inbound', 'outbound']),
  remote_number: Text(64).optional(),
  queue: Text(100).optional(),
  outcome: z.enum(['answered', 'missed', 'abandoned', 'rejected', 'transferred', 'failed']),
  started_at: ClaimedTime,
  answered_at: ClaimedTime.nullable().optional(),
  ended_at: ClaimedTime.nullable().optional(),
  ticket_id: z.uuid().nullable().optional(),
  notes: Text(4000).optional(),
  // Sent by desks with the caller card (issue 5): the whole call log when the call ends.
  remote_e164: Text(20).nullable().optional(),
  remote_name: Text(200).nullable().optional(),
  duration_ms: z.number().int().nonnegative().nullable().optional(),
  transferred_to: Text(300).nullable().optional(),
  wrap_up_code: Text(64).nullable().optional(),
  ticket_ids: z.array(Text(64)).max(50).optional(),
  contact_id: Text(64).nullable().optional(),
});
export type CallLogCreatePayload = z.infer<typeof CallLogCreatePayload>;

/** What the desk's agent-state repository already queues. */
export const AgentStateCreatePayload = z.strictObject({
  state: AgentState,
  reason: NotAvailableReason.nullable(),
  changedAt: ClaimedTime,
});
export type AgentStateCreatePayload = z.infer<typeof AgentStateCreatePayload>;

/** A consultant marked a knowledge-base article as the answer to a contact, or as not helpful. */
export const KbUsageCreatePayload = z.strictObject({
  article_id: z.string().min(1).max(100),
  kind: z.enum(['answered', 'not_helpful']),
  call_id: z.string().max(64).nullable().default(null),
  chat_id: z.string().max(64).nullable().default(null),
  comment: Text(1000).default(''),
  used_at: ClaimedTime,
});
export type KbUsageCreatePayload = z.infer<typeof KbUsageCreatePayload>;

/** The article text a consultant proposes (a new card, or a correction of `article_id`). */
export const KbProposalFields = z.strictObject({
  title: z.string().trim().min(1).max(300),
  summary: Text(2000).default(''),
  body: z.string().trim().min(1).max(200_000),
  keywords: z.array(z.string().max(100)).max(200).default([]),
  unit: Text(200).default(''),
  category: Text(200).default(''),
});
export type KbProposalFields = z.infer<typeof KbProposalFields>;

export const KbProposalCreatePayload = z.strictObject({
  /** Null for a new card. */
  article_id: z.string().min(1).max(64).nullable(),
  /** The article's updated_at the consultant saw, so the editor can tell it changed meanwhile. */
  base_updated_at: z.string().max(40).nullable().default(null),
  fields: KbProposalFields,
  note: Text(2000).default(''),
  proposed_at: ClaimedTime,
});
export type KbProposalCreatePayload = z.infer<typeof KbProposalCreatePayload>;

/** An editor's decision; `publish` may carry the text as the editor amended it. Supervisor or admin. */
export const KbProposalReviewPayload = z.strictObject({
  decision: z.enum(['publish', 'reject']),
  fields: KbProposalFields.optional(),
  note: Text(2000).default(''),
  reviewed_at: ClaimedTime,
});
export type KbProposalReviewPayload = z.infer<typeof KbProposalReviewPayload>;

/** entity → kind → payload schema. Anything not listed is rejected as unknown. */
export const MutationPayloads = {
  ticket: { create: TicketCreatePayload, update: TicketUpdatePayload },
  ticket_note: { create: TicketNoteCreatePayload },
  ticket_feedback: { create: TicketFeedbackCreatePayload },
  call_log: { create: CallLogCreatePayload, update: CallLogUpdatePayload },
  contact: { create: ContactCreatePayload, update: ContactUpdatePayload },
  contact_note: { create: ContactNoteCreatePayload },
  callback: { create: CallbackCreatePayload, update: CallbackUpdatePayload },
  agent_state: { create: AgentStateCreatePayload },
  chat_message: { create: ChatMessageCreatePayload },
  outgoing_message: { create: OutgoingMessageCreatePayload },
  kb_usage: { create: KbUsageCreatePayload },
  kb_proposal: { create: KbProposalCreatePayload, review: KbProposalReviewPayload },
} as const;
export type MutationEntity = keyof typeof MutationPayloads;

/*
 * Server-owned data the desk replicates through pull: one schema per published entity; the `data`
 * of an upsert in a pull page matches the schema of its `entity`.
 */

export const ServiceAttribute = z.strictObject({
  code: z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/),
  variable: z.boolean().default(true),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  datatype_description: Text(500).default(''),
  order: z.number().int().nonnegative(),
  description: Text(1000),
  values: z.array(z.strictObject({ key: z.string().max(100), name: Text(200) })).optional(),
});
export type ServiceAttribute = z.infer<typeof ServiceAttribute>;

/** An Open311 service of the catalogue (karta usługi for field reports). */
export const Service = z.strictObject({
  service_code: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/),
  service_name: z.string().min(1).max(200),
  description: Text(2000).default(''),
  group: Text(200).default(''),
  keywords: z.array(z.string().max(100)).max(50).default([]),
  type: z.enum(['realtime', 'batch', 'blackbox']).default('realtime'),
  unit_id: z.string().max(64).nullable().default(null),
  attributes: z.array(ServiceAttribute).max(50).default([]),
  /** Working hours the unit has to answer a ticket of this service (routing rule); absent: the desk's default. */
  response_hours: z.number().int().positive().max(2000).optional(),
  /** Another unit for some districts (routing by district), district name → unit id. */
  district_units: z.record(z.string().max(100), z.string().max(64)).optional(),
});
export type Service = z.infer<typeof Service>;

export const CityUnit = z.strictObject({
  id: z.string().min(1).max(64),
  short_name: Text(50),
  name: z.string().min(1).max(300),
  kind: z.enum(['department', 'board', 'police', 'social', 'company', 'other']).default('department'),
  phone: Text(50).nullable().default(null),
  email: Text(254).nullable().default(null),
  address: Text(300).nullable().default(null),
  hours: Text(300).nullable().default(null),
});
export type CityUnit = z.infer<typeof CityUnit>;

/** A related form or page: a web address, which the desk opens in the system browser. */
export const KbLink = z.strictObject({ title: z.string().trim().min(1).max(200), url: z.url({ protocol: /^https?$/ }).max(2000) });

export const KbArticle = z.strictObject({
  id: z.string().min(1).max(64),
  title: z.string().min(1).max(300),
  summary: Text(2000).default(''),
  /** Markdown; any HTML in it is shown as text by the desk, never interpreted. */
  body: Text(200_000),
  /** The facts a consultant reads out, each on its own: required documents (one item each), fees, deadlines, where and when. */
  documents: z.array(z.string().min(1).max(500)).max(50).default([]),
  fees: Text(2000).default(''),
  deadlines: Text(2000).default(''),
  where_when: Text(2000).default(''),
  /** Related forms and links. */
  links: z.array(KbLink).max(20).default([]),
  /** Residents' own words and synonyms: weighted in the desk's search. */
  keywords: z.array(z.string().max(100)).max(200).default([]),
  /** The responsible unit as residents know it, and its id in the catalogue when there is one. */
  unit: Text(200).default(''),
  unit_id: z.string().max(64).nullable().default(null),
  category: Text(200).default(''),
  lang: z.enum(['pl', 'en']).default('pl'),
  /** Announced ahead: until this date the desk marks it and ranks it behind those in force. */
  valid_from: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).nullable().default(null),
  /** After this date the desk marks the article as expired (ISO 8601 date or date-time). */
  expires_at: z.string().max(40).nullable().default(null),
  /** Server time of the last edit, ISO 8601. Set by the server. */
  updated_at: z.string().optional(),
});
export type KbArticle = z.infer<typeof KbArticle>;

/** A person, unit desk or line a consultant can transfer a call to. */
export const DirectoryEntry = z.strictObject({
  id: z.string().min(1).max(64),
  kind: z.enum(['person', 'unit', 'line']),
  name: z.string().min(1).max(200),
  unit_id: z.string().max(64).nullable().default(null),
  role: Text(200).nullable().default(null),
  phone: Text(50).nullable().default(null),
  sip_uri: Text(300).nullable().default(null),
  email: Text(254).nullable().default(null),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntry>;

/** Status and resolution note of a ticket, published so every desk sees how a report ended. */
export const TicketStatus = z.strictObject({
  ticket_id: z.string(),
  status: TicketStatusValue,
  /** The resolution note (informacja zwrotna), if any. */
  status_note: z.string().nullable(),
  service_code: z.string().nullable(),
  unit_id: z.string().nullable(),
  /** Server time, ISO 8601 with offset. */
  updated_at: z.string(),
  /*
   * The summary line of the desks' "my team's tickets" list (issue 7). Optional: records published
   * before them, and the Open311 poller's, have none.
   */
  /** The team of the user who registered it (null: no team, or a resident's app). */
  team: z.string().nullable().optional(),
  kind: z.enum(['information', 'fault', 'complaint', 'idea', 'visit']).nullable().optional(),
  title: z.string().optional(),
  address: z.string().nullable().optional(),
  district: z.string().nullable().optional(),
  /** The deadline the desk computed, ms since the epoch. */
  deadline_at: z.number().int().nullable().optional(),
  /** The creating desk's time of registration, ms since the epoch (the ticket's number derives from it). */
  reported_at: z.number().int().optional(),
});
export type TicketStatus = z.infer<typeof TicketStatus>;

/** A proposal as every desk sees it (editors review the pending ones). */
export const KbProposal = z.strictObject({
  id: z.string(),
  article_id: z.string().nullable(),
  base_updated_at: z.string().nullable(),
  fields: KbProposalFields,
  note: z.string(),
  status: z.enum(['pending', 'published', 'rejected']),
  proposed_by: z.string(),
  /** Server time, ISO 8601 with offset. */
  proposed_at: z.string(),
  reviewed_by: z.string().nullable(),
  review_note: z.string(),
  /** The article it became (a new card gets the proposal's id). */
  published_article_id: z.string().nullable(),
});
export type KbProposal = z.infer<typeof KbProposal>;

export const PublishedSchemas = {
  kb_proposal: KbProposal,
  kb_article: KbArticle,
  service: Service,
  city_unit: CityUnit,
  directory_entry: DirectoryEntry,
  ticket_status: TicketStatus,
  contact: ContactRecord,
  call_record: CallRecord,
  callback: CallbackRecord,
} as const;
export const PublishedEntity = z.enum(['kb_proposal', 'kb_article', 'service', 'city_unit', 'directory_entry', 'ticket_status', 'contact', 'call_record', 'callback']);
export type PublishedEntity = z.infer<typeof PublishedEntity>;
/** The published entities an admin edits directly (ticket statuses change through their tickets). */
export const EditableEntity = z.enum(['kb_article', 'service', 'city_unit', 'directory_entry']);
export type EditableEntity = z.infer<typeof EditableEntity>;
