import { z } from 'zod';

/*
 * GeoReport v2 shapes (https://wiki.open311.org/GeoReport_v2), as this server speaks them. Field names
 * follow the spec and the real responses of Köln and San Francisco.
 */

const optionalText = (max: number) => z.string().max(max).optional();

export const Open311ServiceOut = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean(),
  type: z.enum(['realtime', 'batch', 'blackbox']),
  keywords: z.string(),
  group: z.string(),
});

export const Open311Error = z.array(z.object({ code: z.number().int(), description: z.string() }));

/** POST requests: form fields (or JSON with the same names); attributes as `attribute[code]` or an object. */
export const Open311CreateRequest = z
  .object({
    api_key: z.string().optional(),
    jurisdiction_id: optionalText(200),
    service_code: z.string().min(1).max(64),
    lat: z.coerce.number().min(-90).max(90).optional(),
    long: z.coerce.number().min(-180).max(180).optional(),
    address_string: optionalText(500),
    address_id: optionalText(100),
    email: optionalText(254),
    device_id: optionalText(200),
    account_id: optionalText(200),
    first_name: optionalText(100),
    last_name: optionalText(100),
    phone: optionalText(50),
    description: z.string().max(4000, 'description is at most 4000 characters').optional(),
    media_url: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    attribute: z.record(z.string().max(64), z.union([z.string().max(4000), z.array(z.string().max(4000)).max(50)])).optional(),
  })
  .refine((r) => (r.lat !== undefined && r.long !== undefined) || r.address_string || r.address_id, {
    message: 'a location is required: lat and long, address_string or address_id',
    path: ['lat'],
  });
export type Open311CreateRequest = z.infer<typeof Open311CreateRequest>;

export const Open311CreateResponse = z.array(z.object({ service_request_id: z.string(), service_notice: z.string().nullable(), account_id: z.string().nullable() }));

const list = z
  .string()
  .max(5000)
  .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean));

export const Open311RequestsQuery = z.object({
  jurisdiction_id: optionalText(200),
  service_request_id: list.optional(),
  service_code: list.optional(),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  status: list.pipe(z.array(z.enum(['open', 'closed']))).optional(),
});

export const Open311Request = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string().nullable(),
  service_code: z.string().nullable(),
  description: z.string(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().nullable(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});
export type Open311Request = z.infer<typeof Open311Request>;

export const Open311UpdatesQuery = z.object({
  jurisdiction_id: optionalText(200),
  start_date: z.string().max(40).optional(),
  end_date: z.string().max(40).optional(),
  service_request_id: list.optional(),
});

export const Open311Update = z.object({
  update_id: z.string(),
  service_request_id: z.string(),
  status: z.string(),
  updated_datetime: z.string(),
  description: z.string().nullable(),
  media_url: z.string().nullable(),
});
export type Open311Update = z.infer<typeof Open311Update>;
