import { z } from 'zod';

/*
 * GeoReport v2 replies as real servers send them, read tolerantly: numbers may come as strings
 * (some servers quote lat/long and ids), optional fields may be missing or null, unknown fields are
 * ignored, and a few dialects rename fields (Mark-a-Spot: `address_string`, `status_note`). What a
 * desk cannot work without (a request's id, an update's id) stays required.
 * JSON only: servers that speak only XML are out of scope.
 */

/** A string, or a number sent where a string is meant (ids, codes): always a string after parsing. */
const Text = z.union([z.string(), z.number().transform(String)]);
/** Missing, null and "" all mean "not given". */
const OptionalText = z.union([Text, z.null()]).optional().transform((value) => (value === '' || value === undefined ? null : value));
/** A number, or a numeric string ("50.93"); anything else is null rather than a failed reply. */
const OptionalNumber = z.unknown().transform((value) => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
});
/** true/false, "true"/"false", 1/0. */
const LooseBoolean = z.unknown().transform((value) => value === true || value === 'true' || value === 1 || value === '1');

export const Open311Service = z.looseObject({
  service_code: Text,
  service_name: OptionalText,
  description: OptionalText,
  metadata: LooseBoolean.optional(),
  type: OptionalText,
  keywords: OptionalText,
  group: OptionalText,
});
export type Open311Service = z.infer<typeof Open311Service>;

/**
 * The service list: the spec's array, or (San Francisco's 2012 export and some dialects) an object
 * of groups, each an array of services; the group's name then fills `group`.
 */
export const Open311ServiceList = z.union([
  z.array(Open311Service),
  z.record(z.string(), z.array(Open311Service)).transform((groups) => Object.entries(groups).flatMap(([group, services]) => services.map((s) => ({ ...s, group: s.group ?? group })))),
]);

export const Open311AttributeDefinition = z.looseObject({
  code: Text,
  variable: LooseBoolean.optional(),
  datatype: OptionalText,
  required: LooseBoolean.optional(),
  datatype_description: OptionalText.optional(),
  order: OptionalNumber.optional(),
  description: OptionalText.optional(),
  values: z.array(z.looseObject({ key: Text, name: OptionalText })).nullish(),
});

export const Open311ServiceDefinition = z.looseObject({
  service_code: Text,
  attributes: z.array(Open311AttributeDefinition).nullish().transform((a) => a ?? []),
});
export type Open311ServiceDefinition = z.infer<typeof Open311ServiceDefinition>;

/** A request as GET requests.json returns it; Mark-a-Spot's `address_string` and `status_note` are read as the spec's names. */
export const Open311RequestRecord = z
  .looseObject({
    service_request_id: Text,
    status: OptionalText,
    status_notes: OptionalText.optional(),
    status_note: OptionalText.optional(),
    service_name: OptionalText.optional(),
    service_code: OptionalText.optional(),
    description: OptionalText.optional(),
    requested_datetime: OptionalText.optional(),
    updated_datetime: OptionalText.optional(),
    address: OptionalText.optional(),
    address_string: OptionalText.optional(),
    lat: OptionalNumber.optional(),
    long: OptionalNumber.optional(),
    media_url: OptionalText.optional(),
  })
  .transform((r) => ({
    service_request_id: r.service_request_id,
    status: r.status ?? null,
    status_notes: r.status_notes ?? r.status_note ?? null,
    service_name: r.service_name ?? null,
    service_code: r.service_code ?? null,
    description: r.description ?? null,
    requested_datetime: r.requested_datetime ?? null,
    updated_datetime: r.updated_datetime ?? null,
    address: r.address ?? r.address_string ?? null,
    lat: r.lat ?? null,
    long: r.long ?? null,
    media_url: r.media_url ?? null,
  }));
export type Open311RequestRecord = z.infer<typeof Open311RequestRecord>;

/** One entry of the servicerequestupdates extension (FixMyStreet's shape). */
export const Open311UpdateRecord = z.looseObject({
  update_id: Text,
  service_request_id: Text,
  status: OptionalText,
  updated_datetime: OptionalText,
  description: OptionalText.optional(),
  media_url: OptionalText.optional(),
});
export type Open311UpdateRecord = z.infer<typeof Open311UpdateRecord>;

/** POST requests answers with the new id, or with a token when the server creates it later. */
export const Open311CreateReply = z.array(
  z
    .looseObject({ service_request_id: OptionalText.optional(), token: OptionalText.optional(), service_notice: OptionalText.optional() })
    .refine((r) => r.service_request_id || r.token, 'neither service_request_id nor token'),
).min(1);
export type Open311CreateReply = z.infer<typeof Open311CreateReply>;

/** GET tokens/{token}: the id once the server made the request. */
export const Open311TokenReply = z.array(z.looseObject({ service_request_id: OptionalText.optional(), token: OptionalText.optional() }));

/** The spec's error body: `[{code, description}]`; some servers send one object. */
export const Open311ErrorBody = z.union([
  z.array(z.looseObject({ code: OptionalText.optional(), description: OptionalText.optional() })),
  z.looseObject({ code: OptionalText.optional(), description: OptionalText.optional() }).transform((e) => [e]),
]);

/** A list reply; entries that do not parse are dropped (and counted) instead of failing the whole list. */
export function parseList<T extends z.ZodType>(schema: T, input: unknown): { items: z.infer<T>[]; skipped: number } | null {
  if (!Array.isArray(input)) return null;
  const items: z.infer<T>[] = [];
  let skipped = 0;
  for (const entry of input) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) items.push(parsed.data);
    else skipped += 1;
  }
  return { items, skipped };
}
