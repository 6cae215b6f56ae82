import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../backend/helpers/dialects';
import { mutation, startBackend, ticketPayload } from '../backend/helpers/server';
import type { VisitOffice, VisitSlot } from '../../../backend/visits/contract';
import { freeSlots } from '../../../backend/visits/slots';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('visit slots from opening hours', () => {
  const hours = [{ weekday: 1, open: '10:00', close: '11:00' }, ...[2, 3, 4, 5].map((weekday) => ({ weekday, open: '08:00', close: '09:00' }))];
  it('skips weekends and Polish public holidays, and the slots taken', () => {
    // Friday 31 October 2025, 12:00 Warsaw: next are Mon 3 Nov (1 Nov is a Saturday holiday anyway).
    const from = Date.parse('2025-10-31T11:00:00Z');
    const slots = freeSlots(hours, 30, from, new Set([Date.parse('2025-11-03T09:00:00Z')]), 3);
    expect(slots.map((s) => new Date(s.starts_at).toISOString())).toEqual(['2025-11-03T09:30:00.000Z', '2025-11-04T07:00:00.000Z', '2025-11-04T07:30:00.000Z']);
    // Monday 10 November 2025, then 11 November (holiday) is skipped: Wednesday 12th follows.
    const nov = freeSlots(hours, 60, Date.parse('2025-11-10T08:00:00Z'), new Set(), 2);
    expect(nov.map((s) => new Date(s.starts_at).toISOString())).toEqual(['2025-11-10T09:00:00.000Z', '2025-11-12T07:00:00.000Z']);
  });
});

describe.each(DIALECTS)('visits, attachments and feedback on the backend (%s)', (dialect) => {
  it('books a slot once: the second desk gets 409 and the slot is no longer offered', async () => {
    const backend = await startBackend(dialect);
    const anna = await backend.login('konsultant');
    const piotr = await backend.login('kierownik');
    const { offices } = (await (await backend.call('/visits/offices', { token: anna })).json()) as { offices: VisitOffice[] };
    expect(offices.map((o) => o.id)).toContain('bom-centrum');
    const query = '/visits/slots?office_id=bom-centrum&service_id=dowod&limit=3';
    const { slots } = (await (await backend.call(query, { token: anna })).json()) as { slots: VisitSlot[] };
    expect(slots).toHaveLength(3);
    const slot = slots[0]!;
    const request = { office_id: 'bom-centrum', service_id: 'dowod', starts_at: slot.starts_at, resident_name: 'Jan Nowak', resident_phone: '600100200' };
    const first = { ...request, id: randomUUID() };
    // Both desks at once: exactly one wins, by the database's unique key.
    const [a, b] = await Promise.all([backend.call('/visits/bookings', { token: anna, json: first }), backend.call('/visits/bookings', { token: piotr, json: { ...request, id: randomUUID() } })]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const loser = a.status === 409 ? a : b;
    expect(((await loser.json()) as { error: { code: string } }).error.code).toBe('conflict');
    // The same request again is the same booking, not a conflict.
    if (a.status === 201) expect((await backend.call('/visits/bookings', { token: anna, json: first })).status).toBe(200);
    const after = (await (await backend.call(query, { token: anna })).json()) as { slots: VisitSlot[] };
    expect(after.slots[0]!.starts_at).toBe(slots[1]!.starts_at);
    // A time that is not a slot of the schedule is refused.
    expect((await backend.call('/visits/bookings', { token: anna, json: { ...request, id: randomUUID(), starts_at: slot.starts_at + 60_000 } })).status).toBe(400);
  });

  it('stores an attachment whose bytes match its type, refuses others, and records feedback given', async () => {
    const backend = await startBackend(dialect);
    const token = await backend.login('konsultant');
    const create = mutation({ entity: 'ticket', kind: 'create', payload: ticketPayload() });
    expect((await backend.call('/sync/push', { token, json: { mutations: [create] } })).status).toBe(200);
    const id = randomUUID();
    const upload = (body: Record<string, unknown>) => backend.call(`/tickets/${create.entity_id}/attachments`, { token, json: body });
    expect((await upload({ id, name: 'zdjęcie.png', mime: 'image/png', data_base64: PNG.toString('base64') })).status).toBe(201);
    expect((await upload({ id, name: 'zdjęcie.png', mime: 'image/png', data_base64: PNG.toString('base64') })).status).toBe(200);
    expect((await upload({ id: randomUUID(), name: 'x.png', mime: 'image/png', data_base64: Buffer.from('MZ\x90\x00').toString('base64') })).status).toBe(415);
    expect((await upload({ id: randomUUID(), name: 'x.html', mime: 'text/html', data_base64: Buffer.from('<b>').toString('base64') })).status).toBe(400);
    const download = await backend.call(`/tickets/attachments/${id}`, { token });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await download.arrayBuffer()).equals(PNG)).toBe(true);

    const feedback = mutation({ entity: 'ticket_feedback', kind: 'create', payload: { ticket_id: create.entity_id, channel: 'sms', given_at: Date.now() } });
    const reply = (await (await backend.call('/sync/push', { token, json: { mutations: [feedback] } })).json()) as { results: { status: string }[] };
    expect(reply.results[0]!.status).toBe('applied');
  });
});
