import { dirname } from 'node:path';
import type { ticketMethods, TicketView } from '../../preload/contract';
import { checkTicket, TicketDraft } from '../../preload/contract';
import { MAX_ATTACHMENTS_PER_TICKET, attachmentProblem } from '../../preload/contract/ticket-attachments';
import { CallLog } from '../calls/call-log';
import { CategorySuggester } from '../classifier/suggest';
import { BridgeFailure } from '../core/bridge-failure';
import type { FeatureContext, FeatureFactory } from '../core/feature-context';
import { addWorkingHours } from '../routing/working-time';
import { uuidv7 } from '../store/ids';
import { StreetDictionary } from '../streets/street-dictionary';
import { seedStreetsIfEmpty } from '../streets/seed';
import { AttachmentUploader } from './attachment-uploader';
import { CatalogueCache } from './catalogue';
import { backendTarget } from './ticket-backend';
import { bookVisit, visitOffices, visitSlots } from './visits';
import { TicketStore } from './ticket-store';

/** Deadline when the catalogue names none: five working days. */
const DEFAULT_RESPONSE_HOURS = 40;

interface TicketServices {
  catalogue: CatalogueCache;
  store: TicketStore;
  streets: StreetDictionary;
  suggester: CategorySuggester;
  calls: CallLog;
}

/** Tickets, catalogue, streets, routing and suggestions (issue 7). */
export const ticketHandlers: FeatureFactory<keyof typeof ticketMethods> = (context) => {
  // Built on first use with the open store (the context throws while the store is unusable).
  let built: { db: unknown; services: TicketServices } | null = null;
  const services = (): { ctx: FeatureContext; t: TicketServices } => {
    const ctx = context();
    if (built?.db !== ctx.db) {
      seedStreetsIfEmpty(ctx.db, ctx.log);
      const catalogue = new CatalogueCache(ctx.db);
      built = {
        db: ctx.db,
        services: {
          catalogue,
          store: new TicketStore(ctx.db, ctx.outbox, catalogue),
          streets: new StreetDictionary(ctx.db),
          suggester: new CategorySuggester(dirname(ctx.db.name)),
          calls: new CallLog(ctx.db, ctx.outbox),
        },
      };
      uploader.start();
    }
    return { ctx, t: built.services };
  };
  const uploader = new AttachmentUploader(context, () => services().t.store);

  /** A ticket made during a call is written into that call's log (the call log links its tickets). */
  const linkToCall = (ctx: FeatureContext, t: TicketServices, callId: string, ticketId: string) => {
    const call = t.calls.get(callId);
    if (!call || call.ticketIds.includes(ticketId)) return;
    const updated = t.calls.update(callId, { ticketIds: [...call.ticketIds, ticketId] }, ctx.userId(), ctx.now());
    if (updated) ctx.emit('calls.changed', updated);
  };

  /** Statuses pulled from the backend since the last call become the tickets' own. */
  const catchUp = (ctx: FeatureContext, t: TicketServices): void => {
    const changed = t.store.applyPulledStatuses(ctx.now());
    if (changed.length > 0) ctx.emit('tickets.changed', { ids: changed });
  };

  const route = (t: TicketServices, serviceCode: string, district: string, from: number) => {
    const service = t.catalogue.service(serviceCode);
    if (!service) return { unitId: null, unitName: null, deadlineAt: null, responseHours: null };
    const unitId = t.catalogue.unitFor(serviceCode, district);
    const hours = service.responseHours ?? DEFAULT_RESPONSE_HOURS;
    return { unitId, unitName: t.catalogue.unit(unitId)?.name ?? unitId, deadlineAt: addWorkingHours(from, hours), responseHours: hours };
  };

  const mustGet = (t: TicketServices, id: string, now: number) => {
    const ticket = t.store.get(id, now);
    if (!ticket) throw new BridgeFailure({ code: 'not_found', message: 'no such ticket' });
    return ticket;
  };

  return {
    'tickets.catalogue': () => services().t.catalogue.catalogue(),

    'tickets.create': async (input) => {
      const { ctx, t } = services();
      const service = t.catalogue.service(input.serviceCode);
      const issues = checkTicket(input, service);
      const street = input.streetId ? t.streets.get(input.streetId) : null;
      if (input.streetId && !street) issues.push({ field: 'streetId', code: 'street_unknown' });
      if (issues.length > 0) throw new BridgeFailure({ code: 'invalid_params', message: 'the ticket is not valid', issues });
      const now = ctx.now();
      const id = input.id ?? uuidv7(now);
      if (t.store.get(id, now)) throw new BridgeFailure({ code: 'invalid_params', message: 'a ticket with this id exists', issues: [{ field: 'id', code: 'already_exists' }] });
      const district = input.district || (street?.districts.length === 1 ? street.districts[0]! : '');
      const routing = service ? route(t, service.code, district, now) : null;
      // A visit is booked at the backend first: only a booked slot makes a visit ticket.
      let visit: TicketView['visit'] = null;
      let description = input.description;
      if (input.kind === 'visit' && input.visit) {
        const booking = await bookVisit(backendTarget(ctx), uuidv7(now), id, input.visit, { name: input.callerName.trim(), phone: input.callerPhone.trim() });
        visit = { ...input.visit, startsAt: booking.starts_at, endsAt: booking.ends_at, bookingId: booking.id };
        const when = new Intl.DateTimeFormat('pl-PL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Warsaw' }).format(new Date(booking.starts_at));
        description = [`Wizyta: ${input.visit.serviceName}, ${input.visit.officeName}, ${when}.`, input.description.trim()].filter(Boolean).join('\n');
      }
      const title = visit ? `Wizyta: ${visit.serviceName}` : (service?.name ?? (input.description.trim() || input.answer.trim()).split('\n')[0]!.slice(0, 120));
      const ticket = t.store.create({
        id,
        visit,
        input: { ...input, district, description },
        title,
        streetName: street?.name ?? null,
        unitId: input.unitId ?? routing?.unitId ?? null,
        deadlineAt: routing?.deadlineAt ?? null,
        userId: ctx.userId(),
        now,
      });
      if (input.callId) linkToCall(ctx, t, input.callId, id);
      ctx.sync.kick();
      ctx.emitStatus();
      ctx.emit('tickets.changed', { ids: [id] });
      return ticket;
    },

    'tickets.get': ({ id }) => {
      const { ctx, t } = services();
      catchUp(ctx, t);
      // A teammate's ticket from another desk opens too (read-only, from the pulled summary).
      const ticket = t.store.getAny(id, ctx.now());
      if (!ticket) throw new BridgeFailure({ code: 'not_found', message: 'no such ticket' });
      return ticket;
    },

    'tickets.list': (params) => {
      const { ctx, t } = services();
      catchUp(ctx, t);
      // The team as the backend said at sign-in (a cached session counts offline too).
      return t.store.list(params, ctx.userId(), ctx.now(), ctx.sync.authStatus().user?.team ?? null);
    },

    'tickets.saveDraft': ({ id, data }) => {
      const { ctx, t } = services();
      const now = ctx.now();
      t.store.saveDraft(id, data, ctx.userId(), now);
      return { savedAt: now };
    },

    'tickets.drafts': () => {
      const { ctx, t } = services();
      return t.store.drafts(ctx.userId()).map((d) => TicketDraft.parse(d));
    },

    'tickets.discardDraft': ({ id }) => {
      services().t.store.discardDraft(id);
      return {};
    },

    'tickets.streets': ({ query, limit }) => services().t.streets.search(query, limit),

    'tickets.route': ({ serviceCode, district }) => {
      const { ctx, t } = services();
      return route(t, serviceCode, district, ctx.now());
    },

    'tickets.duplicates': ({ serviceCode, streetId, lat, lon }) => {
      const { ctx, t } = services();
      catchUp(ctx, t);
      return serviceCode === '' ? [] : t.store.duplicates(serviceCode, streetId, lat, lon, ctx.now());
    },

    'tickets.linkReport': (params) => {
      const { ctx, t } = services();
      const now = ctx.now();
      mustGet(t, params.ticketId, now);
      t.store.link(params.ticketId, uuidv7(now), params, ctx.userId(), now);
      ctx.sync.kick();
      ctx.emitStatus();
      ctx.emit('tickets.changed', { ids: [params.ticketId] });
      return mustGet(t, params.ticketId, now);
    },

    'tickets.suggest': ({ text }) => {
      const { t } = services();
      return t.suggester.suggest(text, t.catalogue.catalogue().services, (id) => t.catalogue.unit(id)?.shortName ?? id);
    },

    'tickets.escalate': ({ id, note }) => {
      const { ctx, t } = services();
      const now = ctx.now();
      mustGet(t, id, now);
      t.store.escalate(id, uuidv7(now), note, ctx.userId(), now);
      ctx.sync.kick();
      ctx.emitStatus();
      ctx.emit('tickets.changed', { ids: [id] });
      return mustGet(t, id, now);
    },

    'tickets.feedbackGiven': ({ id, channel, note }) => {
      const { ctx, t } = services();
      const now = ctx.now();
      mustGet(t, id, now);
      t.store.feedbackGiven(id, uuidv7(now), channel, note, ctx.userId(), now);
      ctx.sync.kick();
      ctx.emitStatus();
      ctx.emit('tickets.changed', { ids: [id] });
      return mustGet(t, id, now);
    },

    'tickets.visitOffices': async () => visitOffices(backendTarget(services().ctx)),

    'tickets.visitSlots': async ({ officeId, serviceId, from, limit }) => visitSlots(backendTarget(services().ctx), officeId, serviceId, from, limit),

    'tickets.attach': ({ ticketId, name, mime, dataBase64 }) => {
      const { ctx, t } = services();
      const now = ctx.now();
      mustGet(t, ticketId, now);
      const bytes = Buffer.from(dataBase64, 'base64');
      const problem = attachmentProblem(name, mime, bytes);
      if (problem) throw new BridgeFailure({ code: 'invalid_params', message: `attachment refused: ${problem}`, issues: [{ field: 'attachment', code: problem }] });
      if (t.store.attachmentCount(ticketId) >= MAX_ATTACHMENTS_PER_TICKET) {
        throw new BridgeFailure({ code: 'invalid_params', message: 'too many attachments', issues: [{ field: 'attachment', code: 'too_many' }] });
      }
      t.store.attach(ticketId, uuidv7(now), name.trim(), mime, bytes, now);
      void uploader.runOnce();
      ctx.emit('tickets.changed', { ids: [ticketId] });
      return mustGet(t, ticketId, now);
    },

    'tickets.attachment': ({ id }) => {
      const file = services().t.store.attachmentData(id);
      if (!file) throw new BridgeFailure({ code: 'not_found', message: 'no such attachment' });
      return { name: file.name, mime: file.mime, dataBase64: file.data.toString('base64') };
    },
  };
};
