import { describe, expect, it } from 'vitest';
import { DIALECTS } from './helpers/dialects';
import { startBackend, type TestBackend } from './helpers/server';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

function form(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

function without(fields: Record<string, string>, ...keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !keys.includes(key)));
}

const pothole = { api_key: 'test-key', service_code: 'ZDIZ-DZIURA', lat: '54.372', long: '18.638', address_string: 'ul. Grunwaldzka 100, Gdańsk', description: 'Dziura przy przystanku', 'attribute[zagrozenie]': 'tak' };

async function create(backend: TestBackend, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  const f = form(fields);
  return backend.call('/open311/v2/requests.json', { method: 'POST', body: f.body, headers: { ...f.headers, ...headers } });
}

describe.each(DIALECTS)('Open311 GeoReport v2 on %s', (dialect) => {
  it('lists services in JSON and XML, and a service definition', async () => {
    const backend = await startBackend(dialect);
    const json = await backend.call('/open311/v2/services.json');
    expect(json.status).toBe(200);
    const services = (await json.json()) as Record<string, unknown>[];
    expect(services.find((s) => s.service_code === 'ZDIZ-DRZEWO')).toEqual({
      service_code: 'ZDIZ-DRZEWO',
      service_name: 'Powalone drzewo',
      description: expect.any(String),
      metadata: true,
      type: 'realtime',
      keywords: 'drzewo,konar,wichura',
      group: 'Zieleń',
    });
    const xml = await backend.call('/open311/v2/services.xml');
    expect(xml.headers.get('content-type')).toMatch(/application\/xml/);
    const text = await xml.text();
    expect(text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>/);
    expect(text).toContain('<service_name>Martwe zwierzę</service_name>');
    const definition = (await (await backend.call('/open311/v2/services/ZDIZ-DZIURA.json')).json()) as { attributes: { code: string; required: boolean; values: unknown[] }[] };
    expect(definition.attributes[0]).toMatchObject({ code: 'zagrozenie', required: true, datatype: 'singlevaluelist' });
    expect(await (await backend.call('/open311/v2/services/ZDIZ-DZIURA.xml')).text()).toContain('<attributes><attribute><variable>true</variable><code>zagrozenie</code>');
    const missing = await backend.call('/open311/v2/services/NIE-MA.json');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual([{ code: 404, description: 'service_code NIE-MA not found' }]);
  });

  it('refuses a POST without a valid api_key with 403 in the spec format', async () => {
    const backend = await startBackend(dialect);
    for (const fields of [without(pothole, 'api_key'), { ...pothole, api_key: 'wrong' }]) {
      const response = await create(backend, fields);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual([{ code: 403, description: expect.any(String) }]);
    }
  });

  it('creates a request from a form post and shows it in requests.json and requests/{id}', async () => {
    const backend = await startBackend(dialect);
    const response = await create(backend, pothole);
    expect(response.status).toBe(201);
    const [created] = (await response.json()) as { service_request_id: string }[];
    const one = (await (await backend.call(`/open311/v2/requests/${created!.service_request_id}.json`)).json()) as Record<string, unknown>[];
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({
      service_request_id: created!.service_request_id,
      status: 'open',
      service_code: 'ZDIZ-DZIURA',
      service_name: 'Dziura w jezdni',
      agency_responsible: 'Zarząd Dróg i Zieleni',
      description: 'Dziura przy przystanku',
      address: 'ul. Grunwaldzka 100, Gdańsk',
      lat: 54.372,
      long: 18.638,
    });
    expect(one[0]!.requested_datetime).toMatch(ISO_WITH_ZONE);
    expect(JSON.stringify(one)).not.toContain('test-key');
    const xml = await (await backend.call(`/open311/v2/requests/${created!.service_request_id}.xml`)).text();
    expect(xml).toContain(`<service_requests><request><service_request_id>${created!.service_request_id}</service_request_id>`);
    expect((await backend.call('/open311/v2/requests/01234567-0000-7000-8000-000000000000.json')).status).toBe(404);
    // JSON bodies work as well.
    const viaJson = await backend.call('/open311/v2/requests.json', { json: { ...pothole, attribute: { zagrozenie: 'nie' } } });
    expect(viaJson.status).toBe(201);
  });

  it('makes create idempotent by attribute[client_uuid] or Idempotency-Key', async () => {
    const backend = await startBackend(dialect);
    const withUuid = { ...pothole, 'attribute[client_uuid]': '0190a6d2-1111-7000-8000-000000000001' };
    const first = await create(backend, withUuid);
    const second = await create(backend, withUuid);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    const [a, b] = [(await first.json()) as { service_request_id: string }[], (await second.json()) as { service_request_id: string }[]];
    expect(b[0]!.service_request_id).toBe(a[0]!.service_request_id);
    const byHeader = await Promise.all([1, 2, 3].map(() => create(backend, pothole, { 'idempotency-key': 'fms-report-42' })));
    const ids = new Set(await Promise.all(byHeader.map(async (r) => ((await r.json()) as { service_request_id: string }[])[0]!.service_request_id)));
    expect(ids.size).toBe(1);
    const all = (await (await backend.call('/open311/v2/requests.json')).json()) as unknown[];
    expect(all).toHaveLength(2);
  });

  it('refuses invalid requests with 400 in the spec format', async () => {
    const backend = await startBackend(dialect);
    const tooLong = await create(backend, { ...pothole, description: 'x'.repeat(4001) });
    expect(tooLong.status).toBe(400);
    const [error] = (await tooLong.json()) as { code: number; description: string }[];
    expect(error!.code).toBe(400);
    expect(error!.description).toContain('description');
    expect((await create(backend, { ...pothole, description: 'x'.repeat(4000) })).status).toBe(201);
    expect((await create(backend, without(pothole, 'lat', 'long', 'address_string'))).status).toBe(400);
    expect((await create(backend, { ...pothole, service_code: 'NIE-MA' })).status).toBe(400);
    expect((await create(backend, without(pothole, 'attribute[zagrozenie]'))).status).toBe(400);
    expect((await create(backend, { ...pothole, 'attribute[zagrozenie]': 'może' })).status).toBe(400);
    expect((await create(backend, { ...pothole, lat: 'north' })).status).toBe(400);
    expect((await create(backend, { ...pothole, media_url: 'javascript:alert(1)' })).status).toBe(400);
    expect((await backend.call('/open311/v2/requests.json?start_date=yesterday')).status).toBe(400);
    expect((await backend.call('/open311/v2/requests.json?start_date=2024-01-01T00:00:00')).status).toBe(400);
  });

  it('filters requests by id list, service_code, status and dates', async () => {
    const backend = await startBackend(dialect);
    const dispatcher = await backend.login('dyspozytor');
    const ids: string[] = [];
    for (const fields of [pothole, { ...pothole, service_code: 'WGO-WYSYPISKO' }, { ...pothole, service_code: 'OSW-AWARIA' }]) {
      ids.push(((await (await create(backend, fields)).json()) as { service_request_id: string }[])[0]!.service_request_id);
    }
    await backend.call(`/tickets/${ids[1]}/status`, { token: dispatcher, json: { status: 'fixed', note: 'Odpady usunięte' } });
    const get = async (query: string) => ((await (await backend.call(`/open311/v2/requests.json?${query}`)).json()) as { service_request_id: string; status: string; status_notes: string | null }[]);
    expect((await get('')).map((r) => r.service_request_id).sort()).toEqual([...ids].sort());
    expect((await get(`service_request_id=${ids[0]},${ids[2]}`)).map((r) => r.service_request_id).sort()).toEqual([ids[0], ids[2]].sort());
    expect((await get('service_code=WGO-WYSYPISKO,OSW-AWARIA')).length).toBe(2);
    const closed = await get('status=closed');
    expect(closed).toEqual([expect.objectContaining({ service_request_id: ids[1], status: 'closed', status_notes: 'Odpady usunięte' })]);
    expect((await get('status=open')).length).toBe(2);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await get(`start_date=${encodeURIComponent(future)}`)).toEqual([]);
    const past = '2020-01-01T00:00:00+01:00';
    expect((await get(`start_date=${encodeURIComponent(past)}&end_date=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`)).length).toBe(3);
    const xml = await (await backend.call('/open311/v2/requests.xml?status=closed')).text();
    expect(xml).toContain('<status>closed</status><status_notes>Odpady usunięte</status_notes>');
  });

  it('reports status updates through servicerequestupdates', async () => {
    const backend = await startBackend(dialect);
    const dispatcher = await backend.login('dyspozytor');
    const [created] = (await (await create(backend, pothole)).json()) as { service_request_id: string }[];
    const id = created!.service_request_id;
    const start = new Date(Date.now() - 60_000).toISOString();
    await backend.call(`/tickets/${id}/status`, { token: dispatcher, json: { status: 'in_progress', note: 'Ekipa w drodze' } });
    await backend.call(`/tickets/${id}/status`, { token: dispatcher, json: { status: 'fixed', note: 'Załatane' } });
    const end = new Date(Date.now() + 60_000).toISOString();
    const updates = (await (await backend.call(`/open311/v2/servicerequestupdates.json?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`)).json()) as Record<string, unknown>[];
    expect(updates).toEqual([
      { update_id: expect.any(String), service_request_id: id, status: 'in_progress', updated_datetime: expect.stringMatching(ISO_WITH_ZONE), description: 'Ekipa w drodze', media_url: null },
      { update_id: expect.any(String), service_request_id: id, status: 'fixed', updated_datetime: expect.stringMatching(ISO_WITH_ZONE), description: 'Załatane', media_url: null },
    ]);
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(2);
    const xml = await (await backend.call('/open311/v2/servicerequestupdates.xml')).text();
    expect(xml).toContain('<service_request_updates><request_update><update_id>');
  });
});
