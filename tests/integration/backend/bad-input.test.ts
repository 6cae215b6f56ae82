import { describe, expect, it } from 'vitest';
import { ErrorResponse, PullResponse, type TicketStatus } from '../../../backend/contract';
import { DIALECTS } from './helpers/dialects';
import { mutation, startBackend, ticketPayload } from './helpers/server';

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  it('answers malformed JSON and schema failures with 400 and field errors', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const broken = await backend.call('/sync/push', { token, body: '{"mutations": [', headers: { 'content-type': 'application/json' } });
    expect(broken.status).toBe(400);
    expect(ErrorResponse.parse(await broken.json()).error).toMatchObject({ code: 'invalid_request', field_errors: [{ path: '', code: 'invalid_json' }] });

    const wrong = await backend.call('/sync/push', { token, json: { mutations: [{ client_id: '', seq: -1, mutation_id: 'abc', entity: 'ticket', entity_id: 'x', kind: 'create', payload: {} }] } });
    expect(wrong.status).toBe(400);
    const paths = ErrorResponse.parse(await wrong.json()).error.field_errors!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['body.mutations.0.client_id', 'body.mutations.0.seq', 'body.mutations.0.mutation_id', 'body.mutations.0.entity_id']));

    const login = await backend.call('/auth/login', { json: { username: 'konsultant' } });
    expect(login.status).toBe(400);
    expect(ErrorResponse.parse(await login.json()).error.field_errors).toEqual([expect.objectContaining({ path: 'body.password' })]);
  });

  it('refuses an oversized body with 413 and an unknown content type with 415', async () => {
    const backend = await startBackend(dialect, { bodyLimit: 64 * 1024 });
    const token = await backend.login('konsultant');
    const huge = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload({ description: 'x'.repeat(100 * 1024) }) });
    const response = await backend.call('/sync/push', { token, json: { mutations: [huge] } });
    expect(response.status).toBe(413);
    expect(ErrorResponse.parse(await response.json()).error.code).toBe('payload_too_large');
    const open311 = await backend.call('/open311/v2/requests.json', { method: 'POST', body: `api_key=test-key&description=${'x'.repeat(100 * 1024)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(open311.status).toBe(413);
    expect(await open311.json()).toEqual([{ code: 413, description: expect.any(String) }]);
    const xml = await backend.call('/sync/push', { token, body: '<mutations/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.status).toBe(415);
  });

  it('stores injection attempts as plain text', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('dyspozytor');
    const evil = "'); DROP TABLE tickets; -- <script>alert(1)</script> \" OR 1=1";
    const ticket = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload({ title: evil, description: evil, address: evil }) });
    expect((await backend.call('/sync/push', { token, json: { mutations: [ticket] } })).status).toBe(200);
    const update = mutation({ entity: 'ticket', kind: 'update', entity_id: ticket.entity_id, payload: { status: 'rejected', status_note: evil, updated_at: 1 } });
    expect((await backend.call('/sync/push', { token, json: { mutations: [update] } })).status).toBe(200);
    const [request] = (await (await backend.call(`/open311/v2/requests/${ticket.entity_id}.json`)).json()) as { description: string; address: string; status_notes: string }[];
    expect(request).toMatchObject({ description: evil, address: evil, status_notes: evil });
    const xml = await (await backend.call(`/open311/v2/requests/${ticket.entity_id}.xml`)).text();
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
    const page = PullResponse.parse(await (await backend.call('/sync/pull?limit=1000', { token })).json());
    expect((page.changes.find((c) => c.id === ticket.entity_id)?.data as TicketStatus).status_note).toBe(evil);
    // Filters take injection strings as values, nothing more.
    const filtered = await backend.call(`/open311/v2/requests.json?service_code=${encodeURIComponent("x' OR '1'='1")}`);
    expect(await filtered.json()).toEqual([]);
    const login = await backend.call('/auth/login', { json: { username: "admin' --", password: 'x' } });
    expect(login.status).toBe(401);
  });

  it('answers an unknown path with 404 in the right format', async () => {
    const backend = await startBackend(dialect);
    expect(ErrorResponse.parse(await (await backend.call('/nie-ma')).json()).error.code).toBe('not_found');
    const open311 = await backend.call('/open311/v2/requests/abc.csv');
    expect(open311.status).toBe(404);
    expect(await open311.json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });
});
