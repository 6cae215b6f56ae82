import type { FieldError, Service, TicketCreatePayload } from '../contract';
import type { Queryable } from '../db/adapter';
import { publishedRecord } from '../sync/feed';

/**
 * A desk may have filled a ticket form offline against a catalogue that has since changed: the
 * service withdrawn, an attribute made required, a choice removed. Such a ticket is refused with a
 * reason a consultant can act on (the desk parks it for review), never stored half-valid.
 */
export async function catalogueProblems(tx: Queryable, payload: TicketCreatePayload): Promise<{ message: string; fieldErrors: FieldError[] } | null> {
  if (!payload.service_code) return null;
  const service = await publishedRecord<Service>(tx, 'service', payload.service_code);
  if (!service) {
    return { message: `The service ${payload.service_code} is no longer in the catalogue`, fieldErrors: [{ path: 'payload.service_code', code: 'service_unknown', message: 'not in the catalogue' }] };
  }
  // Payloads without attributes come from clients that do not fill forms (older desks, scripts):
  // only the service is checked for them.
  if (payload.attributes === undefined) return null;
  const given = payload.attributes;
  const errors: FieldError[] = [];
  for (const definition of service.attributes) {
    const value = given[definition.code];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    if (definition.required && definition.variable && values.every((v) => v.trim() === '')) {
      errors.push({ path: `payload.attributes.${definition.code}`, code: 'required', message: `${definition.description} is now required` });
    } else if (definition.values && values.some((v) => !definition.values!.some((allowed) => allowed.key === v))) {
      errors.push({ path: `payload.attributes.${definition.code}`, code: 'choice_invalid', message: `${definition.description}: a value is no longer offered` });
    }
  }
  if (errors.length === 0) return null;
  return { message: `The form of ${service.service_name} changed: ${errors.map((e) => e.message).join('; ')}`, fieldErrors: errors };
}
