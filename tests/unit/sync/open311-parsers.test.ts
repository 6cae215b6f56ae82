import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCreateForm } from '../../../main/sync/open311/create-form';
import { formatServerDate, parseServerDate } from '../../../main/sync/open311/dates';
import { Open311CreateReply, Open311ErrorBody, Open311RequestRecord, Open311ServiceList, Open311UpdateRecord, parseList } from '../../../main/sync/open311/schemas';
import { toTicketStatus } from '../../../main/sync/open311/status-map';

// Real replies of real servers, read where they are kept (never copied into this repository).
const DATA = join(__dirname, '../../../../shared/data/open311');
const real = (file: string): unknown => JSON.parse(readFileSync(join(DATA, file), 'utf8'));

describe('tolerant Open311 parsing of real servers', () => {
  it('reads Köln (Mark-a-Spot) request lists, both dialects, without dropping any', () => {
    for (const file of ['cologne_sags_uns/requests_sags-uns-archiv.stadt-koeln.de.json', 'cologne_sags_uns/requests_sags-uns.stadt-koeln.de.json']) {
      const input = real(file) as unknown[];
      const parsed = parseList(Open311RequestRecord, input)!;
      expect(parsed.skipped, file).toBe(0);
      expect(parsed.items).toHaveLength(input.length);
      for (const request of parsed.items) {
        expect(request.service_request_id).not.toBe('');
        expect(['open', 'closed']).toContain(request.status);
        expect(parseServerDate(request.updated_datetime)?.zoned).toBe(true);
        expect(request.address).not.toBeNull(); // `address` in one dialect, `address_string` in the other
      }
    }
    const newer = parseList(Open311RequestRecord, real('cologne_sags_uns/requests_sags-uns.stadt-koeln.de.json'))!.items;
    expect(newer.some((r) => r.status_notes !== null)).toBe(true); // Mark-a-Spot's `status_note`
    expect(newer.some((r) => r.description === null)).toBe(true);
    expect(newer.some((r) => r.media_url === null)).toBe(true); // "" means not given
  });

  it("reads San Francisco's service list grouped by category, and the spec's flat list", () => {
    const services = Open311ServiceList.parse(real('sf_citytracking/sf_services_2012.json'));
    expect(services.length).toBe(38);
    expect(services.find((s) => s.service_code === '007')).toMatchObject({ service_name: 'Graffiti - Public - Bike_rack', group: 'Graffiti' });
    const flat = Open311ServiceList.parse([{ service_code: 12, service_name: 'Pothole', metadata: 'true', type: 'realtime', keywords: null, group: 'Streets' }]);
    expect(flat[0]).toMatchObject({ service_code: '12', metadata: true, keywords: null });
  });

  it('takes numbers as strings, missing optional fields, and drops only the entries it cannot use', () => {
    const list = parseList(Open311RequestRecord, [
      { service_request_id: 638344, status: 'Open', lat: '37.76', long: '-122.41', requested_datetime: '2012-08-20 10:01:00' },
      { status: 'open' }, // no id: useless to the desk
    ])!;
    expect(list.skipped).toBe(1);
    expect(list.items[0]).toMatchObject({ service_request_id: '638344', lat: 37.76, long: -122.41, description: null, media_url: null });
    expect(parseList(Open311UpdateRecord, [{ update_id: 1, service_request_id: 2, status: 'fixed', updated_datetime: '2024-05-06T14:03:00+0200' }])!.items[0]).toMatchObject({ update_id: '1', service_request_id: '2' });
    expect(parseList(Open311RequestRecord, { error: 'x' })).toBeNull();
  });

  it('reads dates with and without offsets, and writes UTC whole seconds', () => {
    expect(parseServerDate('2023-12-11T09:01:37+01:00')).toEqual({ ms: Date.UTC(2023, 11, 11, 8, 1, 37), iso: '2023-12-11T09:01:37+01:00', zoned: true });
    expect(parseServerDate('2024-05-06T14:03:00+0200')?.ms).toBe(Date.UTC(2024, 4, 6, 12, 3));
    expect(parseServerDate('2024-05-06T14:03:00Z')?.zoned).toBe(true);
    expect(parseServerDate('2012-08-20 10:01:00')).toMatchObject({ ms: Date.UTC(2012, 7, 20, 10, 1), zoned: false });
    expect(parseServerDate('2012-08-20')).toMatchObject({ ms: Date.UTC(2012, 7, 20), zoned: false });
    expect(parseServerDate('yesterday')).toBeNull();
    expect(formatServerDate(Date.UTC(2024, 0, 2, 3, 4, 5, 678))).toBe('2024-01-02T03:04:05Z');
  });

  it('folds status words of real servers into the desk statuses, keeping unknown ones open', () => {
    expect(toTicketStatus('Open').status).toBe('open');
    expect(toTicketStatus('closed').status).toBe('closed');
    expect(toTicketStatus('internal_referral').status).toBe('forwarded');
    expect(toTicketStatus('No further action').status).toBe('rejected');
    expect(toTicketStatus('in-progress').status).toBe('in_progress');
    expect(toTicketStatus('fixed').status).toBe('fixed');
    expect(toTicketStatus('something else')).toEqual({ status: 'open', known: false });
  });

  it("reads the create reply's id or token and the spec's error list", () => {
    expect(Open311CreateReply.parse([{ service_request_id: 293944, service_notice: null }])[0]!.service_request_id).toBe('293944');
    expect(Open311CreateReply.parse([{ token: 'abc' }])[0]!.token).toBe('abc');
    expect(Open311CreateReply.safeParse([{ service_notice: 'x' }]).success).toBe(false);
    expect(Open311ErrorBody.parse([{ code: 400, description: 'service_code not found' }])).toEqual([{ code: '400', description: 'service_code not found' }]);
    expect(Open311ErrorBody.parse({ code: 403, description: 'bad key' })).toHaveLength(1);
  });

  it('builds the form with client_uuid and refuses what Open311 cannot carry, saying why', () => {
    const payload = (extra: object) => JSON.stringify({ title: 'Dziura', description: 'Duża dziura', service_code: 'ZDIZ-DZIURA', lat: 52.2, long: 21.0, created_at: 1, ...extra });
    const form = toCreateForm('0190a6f0-0000-7000-8000-0000000000aa', payload({}), { zagrozenie: 'tak', kolory: ['a', 'b'] });
    expect(form.ok && form.fields).toEqual([
      ['service_code', 'ZDIZ-DZIURA'],
      ['description', 'Duża dziura'],
      ['lat', '52.2'],
      ['long', '21'],
      ['attribute[zagrozenie]', 'tak'],
      ['attribute[kolory][]', 'a'],
      ['attribute[kolory][]', 'b'],
      ['attribute[client_uuid]', '0190a6f0-0000-7000-8000-0000000000aa'],
    ]);
    const long = toCreateForm('x', payload({ description: 'a'.repeat(4001) }));
    expect(!long.ok && long.reason).toMatch(/^open311_description_too_long: .*4001.*4000/);
    expect(!toCreateForm('x', payload({ service_code: undefined })).ok).toBe(true);
    const nowhere = toCreateForm('x', payload({ lat: undefined, long: undefined }));
    expect(!nowhere.ok && nowhere.reason).toMatch(/^open311_location_required/);
    const byAddress = toCreateForm('x', payload({ lat: undefined, long: undefined, address: 'Marszałkowska 1', description: '' }));
    expect(byAddress.ok && byAddress.fields).toContainEqual(['address_string', 'Marszałkowska 1']);
    expect(byAddress.ok && byAddress.description).toBe('Dziura'); // the title stands in for an empty description
  });
});
