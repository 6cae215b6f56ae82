import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { uuidv7 } from '../common/ids';
import { parseZonedIso } from '../common/time';
import type { Service } from '../contract';
import type { Db } from '../db/adapter';
import { isUniqueViolation } from '../db/adapter';
import { ApiError } from '../server/errors';
import { addRoute, parsePart, type RouteContext } from '../server/route';
import { publishedRecord, publishedRecords } from '../sync/feed';
import { findTicket, insertTicket } from '../tickets/tickets';
import { findRequests, findUpdates, lookups, toOpen311 } from './requests';
import { Open311CreateRequest, Open311CreateResponse, Open311Error, Open311Request, Open311RequestsQuery, Open311ServiceOut, Open311Update, Open311UpdatesQuery } from './schemas';
import { xmlDocument, xmlList, type XmlNode } from './xml';

export interface Open311Options {
  /** The key POST requests must carry; null refuses every POST. */
  apiKey: string | null;
  timeZone: string;
}

const BASE = '/open311/v2';
const MAX_RESULTS = 1000;
const DAY = 24 * 3600_000;
type Format = 'json' | 'xml';

function send(reply: FastifyReply, format: Format, json: unknown, xml: () => string): FastifyReply {
  return format === 'xml' ? reply.type('application/xml; charset=utf-8').send(xml()) : reply.send(json);
}

/** `code.json` → { name: 'code', format: 'json' }; any other extension is 404. */
function splitFile(file: string): { name: string; format: Format } {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  if (!match) throw new ApiError(404, 'not_found', 'Unknown format; use .json or .xml');
  return { name: match[1]!, format: match[2] as Format };
}

function zoned(text: string | undefined, field: string): number | undefined {
  if (text === undefined || text === '') return undefined;
  const ms = parseZonedIso(text);
  if (ms === null) throw new ApiError(400, 'invalid_request', `${field} must be an ISO 8601 date-time with a time zone`);
  return ms;
}

function sameKey(given: string | undefined, expected: string | null): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Form fields `attribute[code]` (and JSON `attribute: {...}`) gathered into one object. */
function normalizeCreateBody(body: unknown): Record<string, unknown> {
  const input = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  const attribute: Record<string, unknown> = { ...(input.attribute && typeof input.attribute === 'object' ? (input.attribute as object) : {}) };
  for (const [key, value] of Object.entries(input)) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (match) attribute[match[1]!] = value;
    else if (key !== 'attribute' && value !== '') out[key] = value; // an empty form field means "not given"
  }
  if (Object.keys(attribute).length) out.attribute = attribute;
  return out;
}

/** Checks attributes against the service definition: required present, list values known. */
function checkAttributes(service: Service, given: Record<string, string | string[]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const definition of service.attributes) {
    const value = given[definition.code];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (definition.required && definition.variable && values.every((v) => v.trim() === '')) {
      throw new ApiError(400, 'invalid_request', `attribute[${definition.code}] is required`);
    }
    if (definition.values && values.some((v) => !definition.values!.some((allowed) => allowed.key === v))) {
      throw new ApiError(400, 'invalid_request', `attribute[${definition.code}] has a value not in the service definition`);
    }
    if (values.length) out[definition.code] = values.join(',');
  }
  return out;
}

function serviceOut(s: Service): z.infer<typeof Open311ServiceOut> {
  return { service_code: s.service_code, service_name: s.service_name, description: s.description, metadata: s.attributes.length > 0, type: s.type, keywords: s.keywords.join(','), group: s.group };
}

function serviceDefinition(s: Service) {
  return {
    service_code: s.service_code,
    attributes: s.attributes.map((a) => ({
      variable: a.variable,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: a.datatype_description,
      order: a.order,
      description: a.description,
      ...(a.values ? { values: a.values } : {}),
    })),
  };
}

export function open311Routes(app: FastifyInstance, context: RouteContext, db: Db, options: Open311Options): void {
  const { timeZone } = options;

  for (const format of ['json', 'xml'] as const) {
    addRoute(app, context, {
      method: 'GET',
      url: `${BASE}/services.${format}`,
      access: 'public',
      tag: 'open311',
      summary: 'The service catalogue (GeoReport v2 service list).',
      query: z.object({ jurisdiction_id: z.string().max(200).optional() }),
      responses: { 200: format === 'json' ? z.array(Open311ServiceOut) : 'xml' },
      handler: async ({ reply }) => {
        const services = (await publishedRecords<Service>(db, 'service')).map(serviceOut);
        return send(reply, format, services, () => xmlList('services', 'service', services as unknown as XmlNode[]));
      },
    });

    addRoute(app, context, {
      method: 'GET',
      url: `${BASE}/servicerequestupdates.${format}`,
      access: 'public',
      tag: 'open311',
      summary: 'Status updates of requests in a time window (servicerequestupdates extension); default the last 24 hours.',
      query: Open311UpdatesQuery,
      responses: { 200: format === 'json' ? z.array(Open311Update) : 'xml' },
      handler: async ({ query, reply }) => {
        const to = zoned(query.end_date, 'end_date') ?? Date.now();
        const from = zoned(query.start_date, 'start_date') ?? to - DAY;
        const updates = await findUpdates(db, from, to, query.service_request_id, MAX_RESULTS, timeZone);
        return send(reply, format, updates, () => xmlList('service_request_updates', 'request_update', updates));
      },
    });

    addRoute(app, context, {
      method: 'GET',
      url: `${BASE}/requests.${format}`,
      access: 'public',
      tag: 'open311',
      summary: 'Service requests, newest first, at most 1000; by default those of the last 90 days.',
      query: Open311RequestsQuery,
      responses: { 200: format === 'json' ? z.array(Open311Request) : 'xml' },
      handler: async ({ query, reply }) => {
        const end = zoned(query.end_date, 'end_date');
        const start = zoned(query.start_date, 'start_date');
        const to = end ?? (start !== undefined ? start + 90 * DAY : Date.now());
        const from = start ?? to - 90 * DAY;
        const rows = await findRequests(db, { ids: query.service_request_id, serviceCodes: query.service_code, statuses: query.status, from, to, limit: MAX_RESULTS });
        const context = await lookups(db);
        const requests = rows.map((row) => toOpen311(row, context, timeZone));
        return send(reply, format, requests, () => xmlList('service_requests', 'request', requests));
      },
    });

    addRoute(app, context, {
      method: 'POST',
      url: `${BASE}/requests.${format}`,
      access: 'public', // guarded by api_key below, as the spec asks
      tag: 'open311',
      summary:
        'Create a service request (form-encoded or JSON). api_key required (403). A repeat with the same attribute[client_uuid] or Idempotency-Key header returns the same service_request_id (200 instead of 201).',
      documentedBody: Open311CreateRequest,
      responses: { 201: format === 'json' ? Open311CreateResponse : 'xml', 200: format === 'json' ? Open311CreateResponse : 'xml', 400: Open311Error, 403: Open311Error },
      handler: async ({ request, reply }) => {
        const raw = normalizeCreateBody(request.body);
        const key = typeof raw.api_key === 'string' ? raw.api_key : (request.query as Record<string, unknown>).api_key;
        if (!sameKey(typeof key === 'string' ? key : undefined, options.apiKey)) throw new ApiError(403, 'forbidden', 'api_key missing or not valid');
        const body = parsePart(Open311CreateRequest, raw, 'body');
        const service = await publishedRecord<Service>(db, 'service', body.service_code);
        if (!service) throw new ApiError(400, 'invalid_request', `service_code ${body.service_code} is not a service of this jurisdiction`);
        const { client_uuid: clientUuid, ...givenAttributes } = body.attribute ?? {};
        const header = request.headers['idempotency-key'];
        const idempotencyKey = (typeof clientUuid === 'string' && clientUuid) || (typeof header === 'string' && header) || undefined;
        if (idempotencyKey && idempotencyKey.length > 200) throw new ApiError(400, 'invalid_request', 'Idempotency key is too long');
        const attributes = checkAttributes(service, givenAttributes);
        const clientRef = idempotencyKey ? `open311:${idempotencyKey}` : undefined;

        const existing = async () => (clientRef ? ((await db.query<{ id: string }>('SELECT id FROM tickets WHERE client_ref = ?', [clientRef]))[0]?.id ?? null) : null);
        let id = await existing();
        let created = false;
        if (!id) {
          const newId = uuidv7();
          const name = [body.first_name, body.last_name].filter(Boolean).join(' ');
          try {
            await db.transaction((tx) =>
              insertTicket(tx, {
                id: newId,
                title: service.service_name,
                description: body.description ?? '',
                service_code: service.service_code,
                unit_id: service.unit_id ?? undefined,
                priority: 'normal',
                channel: 'open311',
                address: body.address_string ?? body.address_id,
                lat: body.lat,
                long: body.long,
                caller: name || body.email || body.phone ? { name: name || undefined, email: body.email, phone: body.phone } : undefined,
                attributes,
                media_url: body.media_url,
                client_ref: clientRef,
              }),
            );
            id = newId;
            created = true;
          } catch (error) {
            // Two identical POSTs at once: the second finds the first's request.
            if (!isUniqueViolation(error) || !(id = await existing())) throw error;
          }
        }
        const response = [{ service_request_id: id, service_notice: null, account_id: null }];
        void reply.status(created ? 201 : 200);
        if (!created) void reply.header('idempotent-replayed', 'true');
        return send(reply, format, response, () => xmlList('service_requests', 'request', response));
      },
    });
  }

  addRoute(app, context, {
    method: 'GET',
    url: `${BASE}/requests/:file`,
    access: 'public',
    tag: 'open311',
    summary: 'One service request: `requests/{service_request_id}.json` or `.xml`; an array of one, as the spec shows.',
    params: z.object({ file: z.string().max(200) }),
    responses: { 200: z.array(Open311Request), 404: Open311Error },
    handler: async ({ params, reply }) => {
      const { name, format: asked } = splitFile(params.file);
      const ticket = await findTicket(db, name);
      if (!ticket) throw new ApiError(404, 'not_found', `service_request_id ${name} not found`);
      const requests = [toOpen311(ticket, await lookups(db), timeZone)];
      return send(reply, asked, requests, () => xmlList('service_requests', 'request', requests));
    },
  });

  addRoute(app, context, {
    method: 'GET',
    url: `${BASE}/services/:file`,
    access: 'public',
    tag: 'open311',
    summary: 'A service definition (its attributes): `services/{service_code}.json` or `.xml`.',
    params: z.object({ file: z.string().max(200) }),
    responses: { 404: Open311Error },
    handler: async ({ params, reply }) => {
      const { name, format: asked } = splitFile(params.file);
      const service = await publishedRecord<Service>(db, 'service', name);
      if (!service) throw new ApiError(404, 'not_found', `service_code ${name} not found`);
      const definition = serviceDefinition(service);
      return send(reply, asked, definition, () =>
        xmlDocument('service_definition', {
          service_code: definition.service_code,
          attributes: { attribute: definition.attributes.map((a) => ({ ...a, values: a.values ? { value: a.values } : undefined })) },
        }),
      );
    },
  });
}
