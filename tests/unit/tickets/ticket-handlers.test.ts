import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { CallLog } from '../../../main/calls/call-log';
import { BridgeFailure } from '../../../main/core/bridge-failure';
import type { FeatureContext } from '../../../main/core/feature-context';
import type { Logger } from '../../../main/core/log';
import { Outbox } from '../../../main/store/outbox';
import { ticketHandlers } from '../../../main/tickets/ticket-handlers';
import { databaseAt } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';

// The ticket handlers over a real desk database; the core's other services are small fakes.

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const NOW = Date.parse('2025-03-12T10:00:00Z');

let db: Database;
let events: { name: string; payload: unknown }[];
let kicks: number;
let handlers: ReturnType<typeof ticketHandlers>;

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger;

beforeEach(() => {
  db = databaseAt(join(tempDir(), 'desk.sqlite'));
  events = [];
  kicks = 0;
  const outbox = new Outbox(db);
  const context = {
    db,
    outbox,
    settings: { read: () => ({ backend: { url: '', kind: 'city_backend', open311ApiKey: '', open311Jurisdiction: '' } }) },
    sync: { kick: () => void kicks++ },
    log: silent,
    emit: (name: string, payload: unknown) => events.push({ name, payload }),
    emitStatus: () => undefined,
    userId: () => 'user-anna',
    actor: () => 'anna',
    now: () => NOW,
  } as unknown as FeatureContext;
  handlers = ticketHandlers(() => context);
});
afterEach(() => db.close());

const outboxRows = () => db.prepare('SELECT entity, entity_id AS entityId, kind, payload FROM outbox ORDER BY seq').all() as { entity: string; entityId: string; kind: string; payload: string }[];

async function failure(promise: unknown): Promise<BridgeFailure['error']> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BridgeFailure) return error.error;
    throw error;
  }
  throw new Error('expected a BridgeFailure');
}

const information = { kind: 'information' as const, channel: 'phone' as const, serviceCode: '', description: 'Godziny otwarcia', answer: 'Pn 10–18', kbArticleId: 'kb-1', streetId: null, building: '', district: '', whereExactly: '', lat: null, lon: null, attributes: {}, callerName: '', callerPhone: '', contactId: null, callId: null, chatId: null, unitId: null, draftId: null, visit: null };

describe('ticket handlers', () => {
  it('commits the ticket with its outbox entry, removes its draft, and tells every client', async () => {
    handlers['tickets.saveDraft']({ id: 'draft-1', data: '{}' });
    const ticket = await handlers['tickets.create']({ ...information, draftId: 'draft-1' });
    expect(ticket).toMatchObject({ kind: 'information', answer: 'Pn 10–18', kbArticleId: 'kb-1', sync: 'pending', createdBy: 'user-anna' });
    expect(outboxRows()).toEqual([expect.objectContaining({ entity: 'ticket', entityId: ticket.id, kind: 'create' })]);
    expect(JSON.parse(outboxRows()[0]!.payload)).toMatchObject({ kind: 'information', answer: 'Pn 10–18', kb_article_id: 'kb-1' });
    expect(handlers['tickets.drafts']({})).toEqual([]);
    expect(events).toContainEqual({ name: 'tickets.changed', payload: { ids: [ticket.id] } });
    expect(kicks).toBe(1);
  });

  it('refuses an invalid ticket with field issues and saves nothing', async () => {
    const error = await failure(handlers['tickets.create']({ ...information, answer: '', callerPhone: 'abc', building: '12 b' }));
    expect(error.code).toBe('invalid_params');
    expect(error.issues).toEqual(expect.arrayContaining([{ field: 'answer', code: 'required' }, { field: 'callerPhone', code: 'phone_invalid' }, { field: 'building', code: 'building_invalid' }]));
    expect(outboxRows()).toEqual([]);
  });

  it('writes a ticket made during a call into that call log', async () => {
    const calls = new CallLog(db, new Outbox(db));
    calls.started({ id: 'call-1', direction: 'inbound', remoteNumber: '+48600100200', remoteName: null, queue: null, startedAt: NOW - 60_000 });
    const first = await handlers['tickets.create']({ ...information, callId: 'call-1' });
    const second = await handlers['tickets.create']({ ...information, callId: 'call-1' });
    expect(calls.get('call-1')!.ticketIds).toEqual([first.id, second.id]);
    expect(events.filter((e) => e.name === 'calls.changed')).toHaveLength(2);
  });

  it('a visit needs its slot, and the backend to book it', async () => {
    const missing = await failure(handlers['tickets.create']({ ...information, kind: 'visit', answer: '' }));
    expect(missing.issues).toEqual([{ field: 'visit', code: 'required' }]);
    const visit = { officeId: 'bom-centrum', officeName: 'BOM', serviceId: 'dowod', serviceName: 'Dowód', startsAt: NOW + 3600_000, endsAt: NOW + 4500_000 };
    expect((await failure(handlers['tickets.create']({ ...information, kind: 'visit', answer: '', visit }))).code).toBe('backend_not_configured');
    expect((await failure(handlers['tickets.visitOffices']({}))).code).toBe('backend_not_configured');
    expect(outboxRows()).toEqual([]);
  });

  it('stores attachments whose bytes match their type, at most five', async () => {
    const ticket = await handlers['tickets.create'](information);
    const attach = (name: string, mime: 'image/png' | 'image/jpeg' | 'application/pdf', bytes: Buffer) => handlers['tickets.attach']({ ticketId: ticket.id, name, mime, dataBase64: bytes.toString('base64') });
    expect((await failure(Promise.resolve().then(() => attach('a.png', 'image/png', Buffer.from('MZ not a png'))))).issues).toEqual([{ field: 'attachment', code: 'type_mismatch' }]);
    expect((await failure(Promise.resolve().then(() => attach('a.pdf', 'application/pdf', Buffer.alloc(0))))).issues).toEqual([{ field: 'attachment', code: 'empty' }]);
    for (let i = 1; i <= 5; i++) attach(`zdjęcie ${i}.png`, 'image/png', PNG);
    expect((await failure(Promise.resolve().then(() => attach('6.png', 'image/png', PNG)))).issues).toEqual([{ field: 'attachment', code: 'too_many' }]);
    const view = handlers['tickets.get']({ id: ticket.id }) as Awaited<ReturnType<(typeof handlers)['tickets.get']>>;
    expect(view.attachments.map((a) => [a.name, a.mime, a.size, a.uploaded])).toEqual([1, 2, 3, 4, 5].map((i) => [`zdjęcie ${i}.png`, 'image/png', PNG.length, false]));
    const stored = handlers['tickets.attachment']({ id: view.attachments[0]!.id }) as { dataBase64: string };
    expect(Buffer.from(stored.dataBase64, 'base64').equals(PNG)).toBe(true);
  });

  it('a status resolved at the backend opens the inform-the-resident task; giving feedback queues it', async () => {
    const ticket = await handlers['tickets.create'](information);
    db.prepare(`INSERT INTO replica_records (entity, id, data, pulled_at) VALUES ('ticket_status', ?, ?, ?)`).run(
      ticket.id,
      JSON.stringify({ ticket_id: ticket.id, status: 'fixed', status_note: 'Załatwione', service_code: null, unit_id: null, updated_at: '2025-03-12T12:00:00+01:00' }),
      NOW,
    );
    const resolved = handlers['tickets.get']({ id: ticket.id }) as Awaited<ReturnType<(typeof handlers)['tickets.get']>>;
    expect(resolved).toMatchObject({ status: 'resolved', statusNote: 'Załatwione', feedback: 'todo' });
    const done = handlers['tickets.feedbackGiven']({ id: ticket.id, channel: 'callback', note: '' }) as Awaited<ReturnType<(typeof handlers)['tickets.feedbackGiven']>>;
    expect(done).toMatchObject({ feedback: 'done', feedbackChannel: 'callback' });
    const queued = outboxRows().find((r) => r.entity === 'ticket_feedback')!;
    expect(JSON.parse(queued.payload)).toEqual({ ticket_id: ticket.id, channel: 'callback', note: '', given_at: NOW });
    expect((await failure(Promise.resolve().then(() => handlers['tickets.feedbackGiven']({ id: 'nope', channel: 'sms', note: '' })))).code).toBe('not_found');
  });
});
