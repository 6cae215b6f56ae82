import { TicketCreatePayload } from '../../../backend/contract';

/** GeoReport v2's limit on a request's description. */
export const MAX_DESCRIPTION = 4000;

export type CreateForm =
  | { ok: true; fields: [string, string][]; serviceCode: string; description: string; unitId: string | null }
  | { ok: false; reason: string };

/**
 * A queued ticket create as the fields of POST requests.json. What Open311 cannot carry is refused
 * here with a reason a person can act on (the row is parked for review), rather than by the server.
 * The ticket's id goes as `attribute[client_uuid]` (FixMyStreet's way to let servers spot repeats).
 * The form's service attributes go as `attribute[code]`; the address (street and building number,
 * as the desk wrote it) as `address_string`.
 * Caller contact data is not sent: it stays on the desk (the city backend does not publish it either).
 */
export function toCreateForm(entityId: string, payloadText: string, attributes: Record<string, string | string[]> = {}): CreateForm {
  let raw: unknown;
  try {
    raw = JSON.parse(payloadText);
  } catch {
    return { ok: false, reason: 'invalid_locally: payload is not JSON' };
  }
  const description = (raw as { description?: unknown } | null)?.description;
  if (typeof description === 'string' && description.length > MAX_DESCRIPTION) {
    return { ok: false, reason: `open311_description_too_long: the description has ${description.length} characters; Open311 accepts at most ${MAX_DESCRIPTION}. Shorten it and send again.` };
  }
  const parsed = TicketCreatePayload.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `invalid_locally: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` };
  const ticket = parsed.data;
  if (!ticket.service_code) return { ok: false, reason: 'open311_service_code_required: an Open311 request needs a service (service_code); choose one and send again.' };
  const hasPoint = ticket.lat !== undefined && ticket.long !== undefined;
  if (!hasPoint && !ticket.address) return { ok: false, reason: 'open311_location_required: an Open311 request needs a place (lat/long or an address); add one and send again.' };
  // Open311 has no title: the description carries the report, the title stands in when it is empty.
  const text = ticket.description.trim() === '' ? ticket.title : ticket.description;
  // Pairs, not an object: a multivaluelist attribute repeats `attribute[code][]`, as the spec shows.
  const fields: [string, string][] = [
    ['service_code', ticket.service_code],
    ['description', text],
  ];
  if (hasPoint) fields.push(['lat', String(ticket.lat)], ['long', String(ticket.long)]);
  if (ticket.address) fields.push(['address_string', ticket.address]);
  // The desk's form fills the service's attributes into the payload; `attributes` given here add to them.
  for (const [code, value] of Object.entries({ ...ticket.attributes, ...attributes })) {
    if (code === 'client_uuid') continue;
    if (Array.isArray(value)) for (const v of value) fields.push([`attribute[${code}][]`, v]);
    else fields.push([`attribute[${code}]`, value]);
  }
  fields.push(['attribute[client_uuid]', entityId]);
  return { ok: true, fields, serviceCode: ticket.service_code, description: text, unitId: ticket.unit_id ?? null };
}
