import { describe, expect, it } from 'vitest';
import { PullResponse, PushResponse, type Mutation, type TicketStatus } from '../../../backend/contract';
import { uuidv7 } from '../../../backend/common/ids';
import { DIALECTS } from './helpers/dialects';
import { mutation, startBackend, ticketPayload, type TestBackend } from './helpers/server';

async function push(backend: TestBackend, token: string, mutations: Mutation[]): Promise<{ status: number; body: PushResponse }> {
  const response = await backend.call('/sync/push', { token, json: { mutations } });
  return { status: response.status, body: PushResponse.parse(await response.json()) };
}

async function ticketStatuses(backend: TestBackend, token: string): Promise<Map<string, TicketStatus>> {
  const page = PullResponse.parse(await (await backend.call('/sync/pull?limit=1000', { token })).json());
  return new Map(page.changes.filter((c) => c.entity === 'ticket_status').map((c) => [c.id, c.data as TicketStatus]));
}

describe.each(DIALECTS)('push on %s', (dialect) => {
  it('applies a batch in order and records the client seq', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const ticket = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload() });
    const note = mutation({ entity: 'ticket_note', kind: 'create', payload: { ticket_id: ticket.entity_id, text: 'Mieszkaniec dzwonił drugi raz', created_at: Date.now() }, depends_on: ticket.mutation_id });
    const call = mutation({ entity: 'call_log', kind: 'create', payload: { direction: 'inbound', remote_number: '+48500100200', outcome: 'answered', started_at: Date.now() - 60_000, ended_at: Date.now(), ticket_id: ticket.entity_id } });
    const state = mutation({ entity: 'agent_state', kind: 'create', payload: { state: 'not_available', reason: 'break', changedAt: Date.now() } });
    const { status, body } = await push(backend, token, [ticket, note, call, state]);
    expect(status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(body.last_seq['desk-1']).toBe(state.seq);
    // The new ticket's status reaches every desk through the feed.
    expect((await ticketStatuses(backend, token)).get(ticket.entity_id)).toMatchObject({ status: 'open', service_code: 'ZDIZ-DZIURA', team: 'zespol-1', title: 'Dziura w jezdni na ul. Grunwaldzkiej', reported_at: (ticket.payload as { created_at: number }).created_at });
  });

  it('acknowledges a replay as a duplicate and does not apply it twice', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const note = (ticketId: string) => mutation({ entity: 'ticket_note', kind: 'create', payload: { ticket_id: ticketId, text: 'notatka', created_at: 1 } });
    const ticket = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload() });
    const first = note(ticket.entity_id);
    await push(backend, token, [ticket, first]);
    // The classic case: the reply was lost and the desk sends the same batch again.
    const again = await push(backend, token, [ticket, first]);
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual([
      { mutation_id: ticket.mutation_id, status: 'duplicate', outcome: 'applied' },
      { mutation_id: first.mutation_id, status: 'duplicate', outcome: 'applied' },
    ]);
    // Concurrent replays of one mutation: exactly one applies.
    const racing = note(ticket.entity_id);
    const raced = await Promise.all([1, 2, 3].map(() => push(backend, token, [racing])));
    expect(raced.map((r) => r.body.results[0]!.status).sort()).toEqual(['applied', 'duplicate', 'duplicate']);
  });

  it('answers the same mutation_id with another payload with 422 and a conflict item, processing the rest', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const original = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload() });
    await push(backend, token, [original]);
    const changed = { ...original, payload: ticketPayload({ title: 'Inny tytuł' }) };
    const other = mutation({ entity: 'agent_state', kind: 'create', payload: { state: 'available', reason: null, changedAt: 5 } });
    const { status, body } = await push(backend, token, [changed, other]);
    expect(status).toBe(422);
    expect(body.results[0]).toMatchObject({ mutation_id: original.mutation_id, status: 'conflict' });
    expect(body.results[1]).toMatchObject({ status: 'applied' });
  });

  it('rejects what can never succeed with a reason, and still advances the seq', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const unknown = mutation({ client_id: 'desk-9', entity: 'spaceship', kind: 'launch', payload: {} });
    const invalid = mutation({ client_id: 'desk-9', entity: 'ticket', kind: 'create', payload: { title: '', created_at: 'wczoraj' } });
    const missing = mutation({ client_id: 'desk-9', entity: 'ticket', kind: 'update', payload: { priority: 'high', updated_at: 1 } });
    const { status, body } = await push(backend, token, [unknown, invalid, missing]);
    expect(status).toBe(200);
    expect(body.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['unknown_entity', 'invalid_payload', 'not_found']);
    const invalidResult = body.results[1]!;
    expect(invalidResult.status === 'rejected' && invalidResult.field_errors?.map((f) => f.path)).toEqual(expect.arrayContaining(['payload.title', 'payload.created_at']));
    expect(body.last_seq['desk-9']).toBe(missing.seq);
    // A replay of a rejected mutation stays rejected; it is not tried again.
    const replay = await push(backend, token, [unknown]);
    expect(replay.body.results[0]).toEqual({ mutation_id: unknown.mutation_id, status: 'duplicate', outcome: 'rejected', reason: 'unknown_entity' });
  });

  it('rejects a child whose parent never arrived or was rejected (the desk sends parents first)', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const orphan = mutation({ entity: 'ticket_note', kind: 'create', payload: { ticket_id: uuidv7(), text: 'x', created_at: 1 }, depends_on: uuidv7() });
    const badParent = mutation({ entity: 'ticket', kind: 'create', payload: { title: '' } });
    const child = mutation({ entity: 'ticket_note', kind: 'create', payload: { ticket_id: badParent.entity_id, text: 'x', created_at: 1 }, depends_on: badParent.mutation_id });
    const { body } = await push(backend, token, [orphan, badParent, child]);
    expect(body.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['parent_unknown', 'invalid_payload', 'parent_rejected']);
  });

  it('stamps server time and keeps the desk clock beside it, even hours wrong', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const wrongClock = Date.now() + 5 * 3600_000;
    const ticket = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload({ created_at: wrongClock }) });
    await push(backend, token, [ticket]);
    const [request] = (await (await backend.call(`/open311/v2/requests/${ticket.entity_id}.json`)).json()) as { requested_datetime: string }[];
    expect(Math.abs(Date.parse(request!.requested_datetime) - Date.now())).toBeLessThan(60_000);
  });

  it('lets only supervisors, dispatchers and admins change a status; the change is published', async () => {
    const backend = await startBackend(dialect);
    const consultant = await backend.login('konsultant');
    const dispatcher = await backend.login('dyspozytor');
    const ticket = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload() });
    await push(backend, consultant, [ticket]);
    const close = (token: string) => push(backend, token, [mutation({ entity: 'ticket', kind: 'update', entity_id: ticket.entity_id, payload: { status: 'fixed', status_note: 'Ubytek załatany', updated_at: 1 } })]);
    expect((await close(consultant)).body.results[0]).toMatchObject({ status: 'rejected', reason: 'forbidden' });
    expect((await close(dispatcher)).body.results[0]).toMatchObject({ status: 'applied' });
    expect((await ticketStatuses(backend, consultant)).get(ticket.entity_id)).toMatchObject({ status: 'fixed', status_note: 'Ubytek załatany' });
    // The back-office endpoint does the same.
    const response = await backend.call(`/tickets/${ticket.entity_id}/status`, { token: dispatcher, json: { status: 'closed', note: 'Zamknięte' } });
    expect(response.status).toBe(204);
    expect((await backend.call(`/tickets/${ticket.entity_id}/status`, { token: consultant, json: { status: 'closed' } })).status).toBe(403);
    expect((await backend.call(`/tickets/${uuidv7()}/status`, { token: dispatcher, json: { status: 'closed' } })).status).toBe(404);
  });

  it('refuses a batch over the size limit with 400', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const many = Array.from({ length: 501 }, () => mutation({ entity: 'agent_state', kind: 'create', payload: { state: 'available', reason: null, changedAt: 1 } }));
    const response = await backend.call('/sync/push', { token, json: { mutations: many } });
    expect(response.status).toBe(400);
  });
});
