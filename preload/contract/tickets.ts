import { z } from 'zod';
import type { FieldIssue } from './errors';
import { AttachmentMime, MAX_ATTACHMENT_BASE64, TicketAttachmentView } from './ticket-attachments';

export * from './ticket-attachments';

/*
 * Tickets (zgłoszenia): the form is driven by the service catalogue pulled from the backend
 * (Open311 services with their attributes); the core checks every ticket with `checkTicket` below,
 * the same function the renderer runs as the consultant types, so the messages never disagree.
 * Issue codes (`required`, `number_invalid`…) are translated by the renderer.
 */

export const TicketKind = z.enum(['information', 'fault', 'complaint', 'idea', 'visit']);
export type TicketKind = z.infer<typeof TicketKind>;

/** The desk's lifecycle; the backend's words fold into it (open → new, fixed/closed → resolved). */
export const TicketLifecycle = z.enum(['new', 'forwarded', 'in_progress', 'resolved', 'rejected', 'duplicate']);
export type TicketLifecycle = z.infer<typeof TicketLifecycle>;

export const TicketChannel = z.enum(['phone', 'chat', 'email', 'walk_in', 'manual']);
export type TicketChannel = z.infer<typeof TicketChannel>;

export const AttributeDatatype = z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']);

export const ServiceAttributeView = z.object({
  code: z.string(),
  datatype: AttributeDatatype,
  required: z.boolean(),
  description: z.string(),
  hint: z.string(),
  order: z.number().int(),
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});
export type ServiceAttributeView = z.infer<typeof ServiceAttributeView>;

export const ServiceView = z.object({
  code: z.string(),
  name: z.string(),
  group: z.string(),
  description: z.string(),
  keywords: z.array(z.string()),
  unitId: z.string().nullable(),
  /** Working hours the unit has to answer (the deadline); null: the desk's default. */
  responseHours: z.number().int().nullable(),
  attributes: z.array(ServiceAttributeView),
});
export type ServiceView = z.infer<typeof ServiceView>;

export const UnitView = z.object({ id: z.string(), shortName: z.string(), name: z.string() });
export type UnitView = z.infer<typeof UnitView>;

export const Catalogue = z.object({ services: z.array(ServiceView), units: z.array(UnitView) });
export type Catalogue = z.infer<typeof Catalogue>;

export const AttributeValue = z.union([z.string().max(2000), z.array(z.string().max(200)).max(50)]);
export type AttributeValue = z.infer<typeof AttributeValue>;

/** A visit's slot as the consultant chose it (names for showing; the ids and time are booked). */
export const VisitChoice = z
  .object({
    officeId: z.string().min(1).max(64),
    officeName: z.string().max(200),
    serviceId: z.string().min(1).max(64),
    serviceName: z.string().max(200),
    startsAt: z.number().int().nonnegative(),
    endsAt: z.number().int().nonnegative(),
  })
  .strict();
export type VisitChoice = z.infer<typeof VisitChoice>;

/** What the consultant fills in. Everything is a plain value so a draft can hold it half-typed. */
export const TicketInput = z
  .object({
    id: z.uuid().optional(),
    kind: TicketKind,
    channel: TicketChannel.default('phone'),
    serviceCode: z.string().max(64).default(''),
    description: z.string().max(4000).default(''),
    /** Information request: the answer given (logged), and the article that gave it. */
    answer: z.string().max(4000).default(''),
    kbArticleId: z.string().max(100).nullable().default(null),
    streetId: z.string().max(40).nullable().default(null),
    building: z.string().max(20).default(''),
    district: z.string().max(100).default(''),
    whereExactly: z.string().max(500).default(''),
    lat: z.number().min(-90).max(90).nullable().default(null),
    lon: z.number().min(-180).max(180).nullable().default(null),
    attributes: z.record(z.string().max(64), AttributeValue).default({}),
    callerName: z.string().max(200).default(''),
    callerPhone: z.string().max(50).default(''),
    contactId: z.string().max(64).nullable().default(null),
    callId: z.string().max(64).nullable().default(null),
    chatId: z.string().max(64).nullable().default(null),
    /** The unit the consultant confirmed (the routing suggestion, or another). */
    unitId: z.string().max(64).nullable().default(null),
    /** The draft this ticket came from: removed in the same commit. */
    draftId: z.string().max(64).nullable().default(null),
    /** Visit booking (kind visit): booked at the backend when the ticket is saved. */
    visit: VisitChoice.nullable().default(null),
  })
  .strict();
export type TicketInput = z.input<typeof TicketInput>;
export type TicketInputParsed = z.output<typeof TicketInput>;

const BUILDING = /^\d{1,4}[A-Za-z]?(\s?\/\s?\d{1,4}[A-Za-z]?)?$/;

/** Kinds that need a place; information requests and ideas may have none. */
export function needsLocation(kind: TicketKind): boolean {
  return kind === 'fault';
}

/** Kinds that need a catalogue service. */
export function needsService(kind: TicketKind): boolean {
  return kind === 'fault';
}

/**
 * Checks a ticket against its service's attributes. Returns field issues (empty when valid).
 * `service` is null when no service is chosen or the chosen one is not in the catalogue.
 */
export function checkTicket(input: TicketInputParsed, service: ServiceView | null): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, code: string) => issues.push({ field, code });
  if (input.serviceCode !== '' && !service) add('serviceCode', 'service_unknown');
  if (needsService(input.kind) && input.serviceCode === '') add('serviceCode', 'required');
  if (input.kind === 'information' && input.answer.trim() === '') add('answer', 'required');
  if (input.kind !== 'information' && input.kind !== 'visit' && input.description.trim() === '') add('description', 'required');
  if (input.kind === 'visit' && !input.visit) add('visit', 'required');
  if (needsLocation(input.kind) && !input.streetId && (input.lat === null || input.lon === null)) add('streetId', 'required');
  if (input.building.trim() !== '' && !BUILDING.test(input.building.trim())) add('building', 'building_invalid');
  if ((input.lat === null) !== (input.lon === null)) add(input.lat === null ? 'lat' : 'lon', 'required');
  if (input.callerPhone.trim() !== '' && !/^[+0-9 ()-]{3,30}$/.test(input.callerPhone.trim())) add('callerPhone', 'phone_invalid');
  if (service) {
    for (const attribute of service.attributes) {
      const field = `attributes.${attribute.code}`;
      const value = input.attributes[attribute.code];
      const empty = value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '');
      if (empty) {
        if (attribute.required) add(field, 'required');
        continue;
      }
      const keys = new Set(attribute.values.map((v) => v.key));
      switch (attribute.datatype) {
        case 'number':
          if (Array.isArray(value) || !/^-?\d+([.,]\d+)?$/.test(value.trim())) add(field, 'number_invalid');
          break;
        case 'datetime':
          if (Array.isArray(value) || Number.isNaN(Date.parse(value))) add(field, 'datetime_invalid');
          break;
        case 'singlevaluelist':
          if (Array.isArray(value) || !keys.has(value)) add(field, 'choice_invalid');
          break;
        case 'multivaluelist':
          if (!Array.isArray(value) || value.some((v) => !keys.has(v))) add(field, 'choice_invalid');
          break;
        case 'string':
          if (Array.isArray(value) || value.length > 500) add(field, 'too_long');
          break;
        default:
          if (Array.isArray(value)) add(field, 'choice_invalid');
      }
    }
  }
  return issues;
}

export const TicketView = z.object({
  id: z.string(),
  number: z.string(),
  kind: TicketKind,
  channel: TicketChannel,
  title: z.string(),
  serviceCode: z.string().nullable(),
  serviceName: z.string().nullable(),
  description: z.string(),
  answer: z.string(),
  kbArticleId: z.string().nullable(),
  streetId: z.string().nullable(),
  streetName: z.string().nullable(),
  building: z.string(),
  district: z.string(),
  whereExactly: z.string(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  attributes: z.record(z.string(), AttributeValue),
  callerName: z.string(),
  callerPhone: z.string(),
  contactId: z.string().nullable(),
  callId: z.string().nullable(),
  chatId: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  status: TicketLifecycle,
  statusNote: z.string().nullable(),
  deadlineAt: z.number().int().nullable(),
  overdue: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  /** Waiting to be sent, sent, or refused by the backend and waiting in review (with its reason). */
  sync: z.enum(['pending', 'sent', 'needs_review']),
  syncReason: z.string().nullable(),
  escalated: z.boolean(),
  escalationNote: z.string().nullable(),
  /** Inform-the-resident task after resolution: none, to do, or done (with how). */
  feedback: z.enum(['none', 'todo', 'done']),
  feedbackChannel: z.string().nullable(),
  linkedReports: z.number().int(),
  attachments: z.array(TicketAttachmentView),
  /** Kind visit: the slot booked, with the backend's booking id. */
  visit: VisitChoice.extend({ bookingId: z.string() }).nullable(),
});
export type TicketView = z.infer<typeof TicketView>;

export const TicketListParams = z
  .object({
    view: z.enum(['mine', 'team', 'overdue', 'all']).default('mine'),
    status: TicketLifecycle.optional(),
    kind: TicketKind.optional(),
    serviceCode: z.string().max(64).optional(),
    query: z.string().max(200).default(''),
    sort: z.enum(['newest', 'oldest', 'deadline']).default('newest'),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type TicketListParams = z.input<typeof TicketListParams>;

export const TicketSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: TicketKind,
  title: z.string(),
  status: TicketLifecycle,
  streetName: z.string().nullable(),
  building: z.string(),
  unitName: z.string().nullable(),
  deadlineAt: z.number().int().nullable(),
  overdue: z.boolean(),
  createdAt: z.number().int(),
  sync: z.enum(['pending', 'sent', 'needs_review']),
  feedback: z.enum(['none', 'todo', 'done']),
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const StreetHit = z.object({
  id: z.string(),
  name: z.string(),
  /** Districts the street runs through; one means the district is known from the street alone. */
  districts: z.array(z.string()),
});
export type StreetHit = z.infer<typeof StreetHit>;

export const RouteSuggestion = z.object({
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  deadlineAt: z.number().int().nullable(),
  responseHours: z.number().int().nullable(),
});
export type RouteSuggestion = z.infer<typeof RouteSuggestion>;

export const CategorySuggestion = z.object({ serviceCode: z.string(), serviceName: z.string(), unitName: z.string().nullable(), score: z.number() });
export type CategorySuggestion = z.infer<typeof CategorySuggestion>;

export const TicketDraft = z.object({ id: z.string(), data: z.string(), updatedAt: z.number().int() });
export type TicketDraft = z.infer<typeof TicketDraft>;

const Id = z.string().min(1).max(64);
const Empty = z.object({}).strict();

export const VisitOfficeView = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  services: z.array(z.object({ id: z.string(), name: z.string(), durationMinutes: z.number().int() })),
});
export type VisitOfficeView = z.infer<typeof VisitOfficeView>;
export const VisitSlotView = z.object({ startsAt: z.number().int(), endsAt: z.number().int() });
export type VisitSlotView = z.infer<typeof VisitSlotView>;

/** Visits need the backend at once (a slot is only a slot when the backend says so). */
export const ticketVisitMethods = {
  /** Offices and their services; backend_not_configured, signed_out or backend_unreachable when the backend cannot be asked. */
  'tickets.visitOffices': { params: Empty, result: z.array(VisitOfficeView) },
  /** Free slots, earliest first, from `from` (default now). */
  'tickets.visitSlots': {
    params: z.object({ officeId: z.string().min(1).max(64), serviceId: z.string().min(1).max(64), from: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(50).default(12) }).strict(),
    result: z.array(VisitSlotView),
  },
} as const;

/** Files attached to a ticket: one file a request (a bridge message holds one). */
export const ticketAttachmentMethods = {
  /** Stores the file with the ticket (checked: type, size, bytes against type); sent after the ticket is accepted. */
  'tickets.attach': {
    params: z.object({ ticketId: Id, name: z.string().trim().min(1).max(200), mime: AttachmentMime, dataBase64: z.string().max(MAX_ATTACHMENT_BASE64) }).strict(),
    result: TicketView,
  },
  /** The stored bytes, to save or open with the system's viewer (never rendered as a page). */
  'tickets.attachment': { params: z.object({ id: Id }).strict(), result: z.object({ name: z.string(), mime: z.string(), dataBase64: z.string() }) },
} as const;


export const ticketMethods = {
  /** Services (with their attributes) and units from the backend's catalogue. */
  'tickets.catalogue': { params: Empty, result: Catalogue },
  /** Commits the ticket and its outbox entry in one transaction; invalid_params with field issues. */
  'tickets.create': { params: TicketInput, result: TicketView },
  'tickets.get': { params: z.object({ id: Id }).strict(), result: TicketView },
  'tickets.list': { params: TicketListParams, result: z.object({ items: z.array(TicketSummary), total: z.number().int() }) },
  /** Saved as the form is typed: the JSON of the half-filled form. */
  'tickets.saveDraft': { params: z.object({ id: Id, data: z.string().max(200_000) }).strict(), result: z.object({ savedAt: z.number().int() }) },
  /** The signed-in user's unfinished drafts, newest first. */
  'tickets.drafts': { params: Empty, result: z.array(TicketDraft) },
  'tickets.discardDraft': { params: z.object({ id: Id }).strict(), result: Empty },
  'tickets.streets': { params: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(50).default(10) }).strict(), result: z.array(StreetHit) },
  /** Unit and deadline for a service (and district), from now. */
  'tickets.route': { params: z.object({ serviceCode: z.string().max(64), district: z.string().max(100).default('') }).strict(), result: RouteSuggestion },
  /** Recent open tickets of the same service on the same street (or within 150 m). */
  'tickets.duplicates': {
    params: z.object({ serviceCode: z.string().max(64), streetId: z.string().max(40).nullable().default(null), lat: z.number().nullable().default(null), lon: z.number().nullable().default(null) }).strict(),
    result: z.array(TicketSummary),
  },
  /** Records another report of an existing ticket (instead of a new one): a note to the backend. */
  'tickets.linkReport': {
    params: z.object({ ticketId: Id, callerName: z.string().max(200).default(''), callerPhone: z.string().max(50).default(''), contactId: z.string().max(64).nullable().default(null), callId: z.string().max(64).nullable().default(null), note: z.string().max(2000).default(''), draftId: z.string().max(64).nullable().default(null) }).strict(),
    result: TicketView,
  },
  /** Category suggestions from the description, best first (the local classifier). */
  'tickets.suggest': { params: z.object({ text: z.string().max(4000) }).strict(), result: z.array(CategorySuggestion) },
  /** Hands the ticket to the second line with a note. */
  'tickets.escalate': { params: z.object({ id: Id, note: z.string().trim().min(1, 'required').max(2000) }).strict(), result: TicketView },
  /** The resident was told how the ticket ended. */
  'tickets.feedbackGiven': { params: z.object({ id: Id, channel: z.enum(['callback', 'sms', 'email']), note: z.string().max(2000).default('') }).strict(), result: TicketView },
  ...ticketVisitMethods,
  ...ticketAttachmentMethods,
} as const;

export const ticketEvents = {
  /** A ticket was created or changed here, or its status came from the backend. */
  'tickets.changed': z.object({ ids: z.array(z.string()) }),
} as const;
