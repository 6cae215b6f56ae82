import { z } from 'zod';

/*
 * Contacts, the caller card (screen pop) and the caller's history (issue 5). Names, notes,
 * addresses and numbers are untrusted text: the renderer shows them as text only.
 */

const Id = z.string().min(1).max(64);
const Time = z.number().int().nonnegative();

/** What a consultant must see before saying "good morning". */
export const ContactFlag = z.enum(['hearing_impaired', 'speech_impaired', 'prefers_sms', 'needs_interpreter', 'vulnerable', 'frequent_caller', 'abusive']);
export type ContactFlag = z.infer<typeof ContactFlag>;
export const PreferredChannel = z.enum(['phone', 'sms', 'email', 'chat', 'letter']);
export type PreferredChannel = z.infer<typeof PreferredChannel>;
/** The lawful basis the consultant recorded when the caller's details were saved. */
export const ConsentBasis = z.enum(['consent', 'public_task']);
export type ConsentBasis = z.infer<typeof ConsentBasis>;

export const ContactNote = z.object({ id: Id, text: z.string().max(2000), author: z.string().max(200), createdAt: Time });
export type ContactNote = z.infer<typeof ContactNote>;

export const ContactPhone = z.object({ e164: z.string().max(20), display: z.string().max(40), label: z.string().max(50).nullable() });
export type ContactPhone = z.infer<typeof ContactPhone>;

export const Contact = z.object({
  id: Id,
  name: z.string().max(200).nullable(),
  phones: z.array(ContactPhone).max(20),
  addresses: z.array(z.string().max(300)).max(20),
  preferredChannel: PreferredChannel.nullable(),
  language: z.string().max(10).nullable(),
  flags: z.array(ContactFlag).max(20),
  notes: z.array(ContactNote).max(500),
  consent: z.object({ basis: ConsentBasis, at: Time, by: z.string().max(200) }).nullable(),
  /** Set when the personal fields were removed by the retention policy. */
  purgedAt: Time.nullable(),
  createdAt: Time,
  updatedAt: Time,
});
export type Contact = z.infer<typeof Contact>;

/** Enough to choose between several contacts on one number, or from search results. */
export const ContactSummary = z.object({
  id: Id,
  name: z.string().max(200).nullable(),
  phones: z.array(z.string().max(40)).max(20),
  address: z.string().max(300).nullable(),
  flags: z.array(ContactFlag).max(20),
  openTickets: z.number().int().nonnegative(),
});
export type ContactSummary = z.infer<typeof ContactSummary>;

/** The backend's status words and the desk's own ticket lifecycle (tickets made at this desk). */
export const TicketState = z.enum(['open', 'new', 'in_progress', 'forwarded', 'fixed', 'closed', 'resolved', 'rejected', 'duplicate', 'unknown']);
/** One entry of the caller's timeline, newest first. */
export const TimelineItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('call'),
    id: Id,
    at: Time,
    direction: z.enum(['inbound', 'outbound']),
    number: z.string().max(256),
    outcome: z.enum(['answered', 'missed', 'abandoned', 'rejected', 'transferred', 'failed']).nullable(),
    durationMs: z.number().int().nonnegative().nullable(),
    wrapUpCode: z.string().max(64).nullable(),
    notes: z.string().max(4000),
    ticketIds: z.array(z.string().max(64)),
  }),
  z.object({
    kind: z.literal('ticket'),
    id: Id,
    at: Time,
    /** The readable number (Z-20250312-4F2A1C) of a ticket made at a desk; null when only its id is known. */
    number: z.string().max(64).nullable(),
    title: z.string().max(300).nullable(),
    status: TicketState,
    open: z.boolean(),
    dueAt: Time.nullable(),
  }),
  z.object({ kind: z.literal('callback'), id: Id, at: Time, dueAt: Time, number: z.string().max(40), note: z.string().max(1000), state: z.enum(['scheduled', 'done', 'cancelled']) }),
  /** Chats, SMS and e-mails from the desk's chat tables. */
  z.object({ kind: z.enum(['chat', 'sms', 'email']), id: Id, at: Time, summary: z.string().max(500), open: z.boolean() }),
]);
export type TimelineItem = z.infer<typeof TimelineItem>;

/** History older than the retention policy's window survives only as counts. */
export const HistoryCounts = z.object({ calls: z.number().int().nonnegative(), since: Time.nullable(), until: Time.nullable() });

export const CallerCard = z.object({
  /** Null for an unknown number: the card shows the number's own call history. */
  contact: Contact.nullable(),
  /** The number the card was opened for (E.164), if any. */
  e164: z.string().max(20).nullable(),
  timeline: z.array(TimelineItem),
  olderCounts: HistoryCounts,
  openTickets: z.number().int().nonnegative(),
  /** Whether the timeline was cut at its limit. */
  more: z.boolean(),
});
export type CallerCard = z.infer<typeof CallerCard>;

export const ScreenPop = z.object({
  identity: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('phone'), e164: z.string(), display: z.string() }),
    z.object({ kind: z.literal('sip'), address: z.string(), display: z.string() }),
    z.object({ kind: z.literal('withheld') }),
  ]),
  /** Every contact on this number (a family landline, an institution: more than one). */
  candidates: z.array(ContactSummary),
  /** Filled when the choice is clear: exactly one contact, or an unknown number (its own history). */
  card: CallerCard.nullable(),
});
export type ScreenPop = z.infer<typeof ScreenPop>;

export const RetentionPolicy = z
  .object({
    /** Calls older than this are kept only as counts. */
    historyMonths: z.number().int().min(1).max(240),
    /** A contact not heard from for this long loses its personal fields (name, numbers, addresses, notes, flags). */
    personalMonths: z.number().int().min(1).max(240),
  })
  .strict();
export type RetentionPolicy = z.infer<typeof RetentionPolicy>;

/** What a consultant may see of the policy: the policy, and whether they may change it (supervisors). */
export const RetentionView = z.object({ policy: RetentionPolicy, canChange: z.boolean() });
export type RetentionView = z.infer<typeof RetentionView>;

/** A merge of two contacts that can still be undone. */
export const ContactMerge = z.object({
  mergeId: Id,
  survivorId: Id,
  mergedId: Id,
  /** The name the folded contact had (untrusted text). */
  mergedName: z.string().max(200).nullable(),
  mergedAt: Time,
  mergedBy: z.string().max(200),
});
export type ContactMerge = z.infer<typeof ContactMerge>;

export const CallbackState = z.enum(['scheduled', 'done', 'cancelled']);
export type CallbackState = z.infer<typeof CallbackState>;

export const PurgeReport = z.object({ callsCounted: z.number().int(), contactsPurged: z.number().int(), callbacksRemoved: z.number().int() });
export type PurgeReport = z.infer<typeof PurgeReport>;

const Name = z.string().trim().min(1, 'name_required').max(200, 'name_too_long');
const ContactFields = {
  preferredChannel: PreferredChannel.nullable().optional(),
  language: z.string().max(10).nullable().optional(),
  flags: z.array(ContactFlag).max(20).optional(),
  addresses: z.array(z.string().trim().min(1).max(300)).max(20).optional(),
};

export const contactMethods = {
  /** What the card shows when a call rings or is placed: normalizes the number, finds its contacts. */
  'contacts.screenPop': { params: z.object({ number: z.string().max(512), callId: Id.optional() }).strict(), result: ScreenPop },
  /** One contact's card with history; every opening is written to the audit log. */
  'contacts.card': { params: z.object({ contactId: Id, callId: Id.optional(), limit: z.number().int().min(1).max(500).default(100) }).strict(), result: CallerCard },
  /** By name, address, phone number or ticket number. */
  'contacts.search': { params: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }).strict(), result: z.array(ContactSummary) },
  /** An unknown caller becomes a contact once a name and the consent are recorded. */
  'contacts.create': {
    params: z.object({ name: Name, phones: z.array(z.string().max(64)).max(20).default([]), consent: ConsentBasis, callId: Id.optional(), ...ContactFields }).strict(),
    result: Contact,
  },
  'contacts.update': { params: z.object({ id: Id, name: Name.optional(), ...ContactFields, phones: z.array(z.string().max(64)).max(20).optional() }).strict(), result: Contact },
  'contacts.addNote': { params: z.object({ contactId: Id, text: z.string().trim().min(1, 'note_required').max(2000, 'note_too_long') }).strict(), result: Contact },
  /** Two contacts that are the same person: `mergedId` folds into `survivorId` (audited, reversible). */
  'contacts.merge': { params: z.object({ survivorId: Id, mergedId: Id }).strict(), result: z.object({ mergeId: Id, contact: Contact }) },
  'contacts.unmerge': { params: z.object({ mergeId: Id }).strict(), result: z.object({ survivor: Contact, restored: Contact }) },
  /** A promised callback, stored locally and synced. */
  'contacts.scheduleCallback': {
    params: z.object({ contactId: Id.nullable(), number: z.string().max(64), dueAt: Time, note: z.string().max(1000).default(''), callId: Id.optional() }).strict(),
    result: z.object({ id: Id, dueAt: Time }),
  },
  /** A promised callback was made, or is no longer needed (synced like its creation). */
  'contacts.setCallbackState': {
    params: z.object({ id: Id, state: CallbackState.exclude(['scheduled']) }).strict(),
    result: z.object({ id: Id, state: CallbackState }),
  },
  /** Merges into this contact that can still be undone, newest first. */
  'contacts.merges': { params: z.object({ contactId: Id }).strict(), result: z.array(ContactMerge) },
  'contacts.retention': { params: z.object({}).strict(), result: RetentionView },
  /** Supervisors and administrators only (error `forbidden` otherwise); audited. */
  'contacts.setRetention': { params: RetentionPolicy, result: RetentionView },
  /** Applies the retention policy now (it also runs before history is read, once a day). Supervisors only. */
  'contacts.purge': { params: z.object({}).strict(), result: PurgeReport },
} as const;

export const contactEvents = {
  /** A contact was created, changed, merged or pulled: open cards refresh. */
  'contacts.changed': z.object({ ids: z.array(Id) }),
} as const;
