import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { openTestCore } from '../../helpers/test-desk';
import { readDatabase } from '../../helpers/sqlite';

const start = openTestCore;

const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);

describe('caller history from the tickets and chat tables', () => {
  it('shows the caller\'s tickets with title, status and due date, and their SMS, e-mails and chats', async () => {
    const desk = start();
    const anna = await desk.ok('contacts.create', { name: 'Anna Kowalska', phones: ['601 234 567'], consent: 'consent', addresses: ['ul. Długa 5', 'Anna.K@Example.pl'] });
    await desk.ok('calls.started', { id: 'call-1', direction: 'inbound', remoteNumber: '+48601234567', remoteName: null, startedAt: T0 });
    await desk.ok('calls.ended', { id: 'call-1', endedAt: T0 + 60_000, outcome: 'answered' });
    const mine = await desk.ok('tickets.create', { kind: 'complaint', description: 'Hałas z budowy w nocy', contactId: anna.id });
    const duringCall = await desk.ok('tickets.create', { kind: 'idea', description: 'Ławki w parku', callId: 'call-1' });
    const other = await desk.ok('tickets.create', { kind: 'complaint', description: 'Cudze zgłoszenie' });
    // Linked by hand to the call: one of this desk's tickets, and one known only by its number.
    await desk.ok('calls.update', { id: 'call-1', ticketIds: [other.id, 'Z-20250101-ABCDEF'] });

    // Conversations as the chats feature stores them (rows pulled from the backend).
    const db = new BetterSqlite3(join(desk.dataDir, DATABASE_FILE));
    const conversation = db.prepare(
      `INSERT INTO chat_conversations (id, channel, queue, status, resident_name, resident_contact, created_at, updated_at) VALUES (?, ?, 'q', ?, ?, ?, ?, ?)`,
    );
    const message = db.prepare(`INSERT INTO chat_messages (id, conversation_id, seq, author, text, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
    conversation.run('sms-1', 'sms', 'closed', null, '+48601234567', T0 + 1000, T0 + 1000);
    message.run('m1', 'sms-1', 1, 'resident', 'Czy   latarnia\nbędzie naprawiona?', T0 + 1000);
    message.run('m2', 'sms-1', 2, 'agent', 'Tak, jutro.', T0 + 2000);
    conversation.run('mail-1', 'email', 'active', 'Anna', 'anna.k@example.pl', T0 + 3000, T0 + 3000);
    message.run('m3', 'mail-1', 1, 'resident', 'Proszę o odpowiedź', T0 + 3000);
    conversation.run('web-1', 'web', 'closed', 'Anna', null, T0 + 4000, T0 + 4000);
    message.run('m4', 'web-1', 1, 'resident', 'Pytanie z czatu', T0 + 4000);
    conversation.run('sms-other', 'sms', 'closed', null, '+48600000000', T0 + 5000, T0 + 5000);
    db.prepare('UPDATE tickets SET chat_id = ? WHERE id = ?').run('web-1', mine.id);
    db.prepare(`UPDATE tickets SET status = 'resolved', deadline_at = ? WHERE id = ?`).run(T0 + 86_400_000, duringCall.id);
    db.close();

    const card = await desk.ok('contacts.card', { contactId: anna.id });
    const tickets = card.timeline.filter((item) => item.kind === 'ticket');
    expect(tickets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: mine.id, number: mine.number, title: 'Hałas z budowy w nocy', status: 'new', open: true }),
        expect.objectContaining({ id: duringCall.id, title: 'Ławki w parku', status: 'resolved', open: false, dueAt: T0 + 86_400_000 }),
        expect.objectContaining({ id: other.id, title: 'Cudze zgłoszenie', status: 'new', open: true }),
        expect.objectContaining({ id: 'Z-20250101-ABCDEF', number: null, title: null, status: 'unknown', open: true }),
      ]),
    );
    expect(tickets).toHaveLength(4);
    expect(card.openTickets).toBe(3);
    const conversations = card.timeline.filter((item) => item.kind === 'sms' || item.kind === 'email' || item.kind === 'chat');
    expect(conversations).toEqual([
      { kind: 'chat', id: 'web-1', at: T0 + 4000, summary: 'Anna: Pytanie z czatu', open: false },
      { kind: 'email', id: 'mail-1', at: T0 + 3000, summary: 'Anna: Proszę o odpowiedź', open: true },
      { kind: 'sms', id: 'sms-1', at: T0 + 1000, summary: 'Czy latarnia będzie naprawiona?', open: false },
    ]);
  });

  it('the ringing call is not its own history', async () => {
    const desk = start();
    await desk.ok('contacts.create', { name: 'Jan Nowak', phones: ['601 000 111'], consent: 'consent' });
    await desk.ok('calls.started', { id: 'old', direction: 'inbound', remoteNumber: '601000111', remoteName: null, startedAt: T0 });
    await desk.ok('calls.ended', { id: 'old', endedAt: T0 + 1000, outcome: 'answered' });
    await desk.ok('calls.started', { id: 'now', direction: 'inbound', remoteNumber: '601000111', remoteName: null, startedAt: T0 + 60_000 });
    const pop = await desk.ok('contacts.screenPop', { number: '+48601000111', callId: 'now' });
    expect(pop.card?.timeline.map((item) => item.id)).toEqual(['old']);
  });
});

describe('callbacks, merges and the audit of lookups', () => {
  it('closes a callback once, through the outbox after its creation', async () => {
    const desk = start();
    const jan = await desk.ok('contacts.create', { name: 'Jan Nowak', phones: ['601 000 111'], consent: 'consent' });
    const { id } = await desk.ok('contacts.scheduleCallback', { contactId: jan.id, number: '601000111', dueAt: T0, note: '' });
    expect(await desk.ok('contacts.setCallbackState', { id, state: 'cancelled' })).toEqual({ id, state: 'cancelled' });
    expect(await desk.call('contacts.setCallbackState', { id, state: 'done' })).toMatchObject({ ok: false, error: { code: 'invalid_params', issues: [{ field: 'state', code: 'callback_closed' }] } });
    expect(await desk.call('contacts.setCallbackState', { id: 'nope', state: 'done' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await desk.call('contacts.setCallbackState', { id, state: 'scheduled' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
    const rows = readDatabase(join(desk.dataDir, DATABASE_FILE), (db) => db.prepare(`SELECT mutation_id, kind, payload, depends_on FROM outbox WHERE entity = 'callback' ORDER BY seq`).all() as { mutation_id: string; kind: string; payload: string; depends_on: string | null }[]);
    expect(rows.map((r) => r.kind)).toEqual(['create', 'update']);
    expect(JSON.parse(rows[1]!.payload)).toMatchObject({ state: 'cancelled' });
    expect(rows[1]!.depends_on).toBe(rows[0]!.mutation_id);
    expect(desk.events.filter((e) => e.name === 'contacts.changed').at(-1)?.payload).toEqual({ ids: [jan.id] });
  });

  it('lists the merges into a contact that can be undone, with the folded contact\'s name', async () => {
    const desk = start();
    const a = await desk.ok('contacts.create', { name: 'Ewa Malinowska', phones: ['601 000 001'], consent: 'consent' });
    const b = await desk.ok('contacts.create', { name: 'E. Malinowska', phones: ['601 000 002'], consent: 'consent' });
    const { mergeId } = await desk.ok('contacts.merge', { survivorId: a.id, mergedId: b.id });
    expect(await desk.ok('contacts.merges', { contactId: a.id })).toEqual([{ mergeId, survivorId: a.id, mergedId: b.id, mergedName: 'E. Malinowska', mergedAt: expect.any(Number), mergedBy: expect.any(String) }]);
    expect(await desk.ok('contacts.merges', { contactId: b.id })).toEqual([]);
    await desk.ok('contacts.unmerge', { mergeId });
    expect(await desk.ok('contacts.merges', { contactId: a.id })).toEqual([]);
  });

  it('records who looked up whom: search results and the candidates on a shared number', async () => {
    const desk = start();
    const a = await desk.ok('contacts.create', { name: 'Ewa Malinowska', phones: ['22 111 22 33'], consent: 'consent' });
    const b = await desk.ok('contacts.create', { name: 'Piotr Malinowski', phones: ['22 111 22 33'], consent: 'consent' });
    await desk.ok('contacts.search', { query: 'malinow', limit: 20 });
    await desk.ok('contacts.search', { query: 'nikt taki', limit: 20 });
    await desk.ok('contacts.screenPop', { number: '+48221112233', callId: 'c-1' });
    const audits = readDatabase(join(desk.dataDir, DATABASE_FILE), (db) =>
      (db.prepare(`SELECT actor, action, details FROM audit_log WHERE action IN ('contact.searched', 'contact.candidates_listed') ORDER BY id`).all() as { actor: string; action: string; details: string }[]).map((r) => ({
        ...r,
        details: JSON.parse(r.details) as Record<string, unknown>,
      })),
    );
    expect(audits).toEqual([
      { actor: expect.any(String), action: 'contact.searched', details: { query: 'malinow', contactIds: expect.arrayContaining([a.id, b.id]) } },
      { actor: expect.any(String), action: 'contact.candidates_listed', details: { e164: '+48221112233', callId: 'c-1', contactIds: expect.arrayContaining([a.id, b.id]) } },
    ]);
  });
});
