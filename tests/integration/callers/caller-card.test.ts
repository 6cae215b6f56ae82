import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { openTestCore } from '../../helpers/test-desk';
import { readDatabase } from '../../helpers/sqlite';

const start = openTestCore;

const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);

describe('caller card: contacts, history and the audit of every opening', () => {
  it('finds one contact from numbers written in different formats and shows its history newest first', async () => {
    const desk = start();
    const anna = await desk.ok('contacts.create', { name: 'Anna Kowalska', phones: ['0048 601 234 567'], consent: 'consent', flags: ['hearing_impaired'], addresses: ['ul. Żółta 5, Kraków'] });
    for (const [i, number] of ['+48601234567', '601-234-567', 'sip:+48601234567@pbx.example;user=phone', '(+48) 601 234 567'].entries()) {
      const id = `call-${i}`;
      await desk.ok('calls.started', { id, direction: 'inbound', remoteNumber: number, remoteName: null, startedAt: T0 + i * 60_000 });
      await desk.ok('calls.ended', { id, endedAt: T0 + i * 60_000 + 5000, outcome: 'missed' });
    }
    const pop = await desk.ok('contacts.screenPop', { number: 'tel:+48-601-234-567', callId: 'call-3' });
    expect(pop.identity).toEqual({ kind: 'phone', e164: '+48601234567', display: '+48 601 234 567' });
    expect(pop.card?.contact?.id).toBe(anna.id);
    expect(pop.card?.contact?.flags).toEqual(['hearing_impaired']);
    const calls = pop.card?.timeline.filter((item) => item.kind === 'call').map((item) => item.id);
    // call-3 is the call the card pops up for: the others are its history.
    expect(calls).toEqual(['call-2', 'call-1', 'call-0']);
    // Every call started on that number was linked to the one contact.
    const recent = await desk.ok('calls.recent', { limit: 10 });
    expect(recent.every((call) => call.contactId === anna.id && call.remoteE164 === '+48601234567')).toBe(true);
    // The opening is in the audit log, and the call logs went to the outbox with the contact.
    const { audits, queued } = readDatabase(join(desk.dataDir, DATABASE_FILE), (db) => ({
      audits: db.prepare(`SELECT action, details FROM audit_log WHERE action LIKE '%history_opened'`).all() as { action: string; details: string }[],
      queued: db.prepare(`SELECT entity, kind FROM outbox ORDER BY seq`).all() as { entity: string; kind: string }[],
    }));
    expect(audits).toEqual([{ action: 'contact.history_opened', details: JSON.stringify({ contactId: anna.id, callId: 'call-3' }) }]);
    expect(queued).toEqual([{ entity: 'contact', kind: 'create' }, ...Array.from({ length: 4 }, () => ({ entity: 'call_log', kind: 'create' }))]);
  });

  it('shows a withheld caller without a lookup and an unknown number with its own earlier calls', async () => {
    const desk = start();
    for (const raw of ['anonymous', 'sip:anonymous@anonymous.invalid', '', 'Withheld']) {
      expect(await desk.ok('contacts.screenPop', { number: raw })).toEqual({ identity: { kind: 'withheld' }, candidates: [], card: null });
    }
    await desk.ok('calls.started', { id: 'u1', direction: 'inbound', remoteNumber: '+48 22 123 45 67', remoteName: 'x'.repeat(5000), startedAt: T0 });
    const call = await desk.ok('calls.ended', { id: 'u1', endedAt: T0 + 1000, outcome: 'abandoned' });
    expect(call.remoteName).toHaveLength(200);
    const pop = await desk.ok('contacts.screenPop', { number: '0048221234567' });
    expect(pop.candidates).toEqual([]);
    expect(pop.card?.contact).toBeNull();
    expect(pop.card?.timeline.map((item) => item.id)).toEqual(['u1']);
  });

  it('offers the choice between several contacts on one number, and an unknown caller becomes a contact with consent', async () => {
    const desk = start();
    const a = await desk.ok('contacts.create', { name: 'Jan Nowak', phones: ['22 600 00 01'], consent: 'consent' });
    const b = await desk.ok('contacts.create', { name: 'Maria Nowak', phones: ['+48226000001'], consent: 'public_task' });
    await desk.ok('calls.started', { id: 'f1', direction: 'inbound', remoteNumber: '226000001', remoteName: null, startedAt: T0 });
    const pop = await desk.ok('contacts.screenPop', { number: '226000001', callId: 'f1' });
    expect(pop.card).toBeNull();
    expect(pop.candidates.map((c) => c.name).sort()).toEqual(['Jan Nowak', 'Maria Nowak']);
    // The consultant picks Maria: the call is linked, and the next pop for this call shows her card.
    await desk.ok('calls.update', { id: 'f1', contactId: b.id });
    expect((await desk.ok('contacts.screenPop', { number: '226000001', callId: 'f1' })).card?.contact?.id).toBe(b.id);
    expect(a.consent).toMatchObject({ basis: 'consent' });

    await desk.ok('calls.started', { id: 'n1', direction: 'inbound', remoteNumber: '+48 12 555 55 55', remoteName: null, startedAt: T0 + 1000 });
    const created = await desk.ok('contacts.create', { name: '<img src=x onerror=alert(1)>', phones: ['+48125555555'], consent: 'consent', callId: 'n1' });
    expect(created.name).toBe('<img src=x onerror=alert(1)>');
    expect((await desk.ok('calls.recent', { limit: 1 }))[0]?.contactId).toBe(created.id);
    const bad = await desk.call('contacts.create', { name: 'X', phones: ['not a number'], consent: 'consent' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_params', issues: [{ field: 'phones.0', code: 'phone_invalid' }] } });
  });

  it('searches by name, address, phone and ticket number', async () => {
    const desk = start();
    const anna = await desk.ok('contacts.create', { name: 'Anna Łęcka', phones: ['601 111 222'], consent: 'consent', addresses: ['ul. Marszałkowska 10, Warszawa'] });
    await desk.ok('contacts.create', { name: 'Piotr Zieliński', phones: ['601 333 444'], consent: 'consent' });
    await desk.ok('calls.started', { id: 'c1', direction: 'inbound', remoteNumber: '601111222', remoteName: null, startedAt: T0 });
    await desk.ok('calls.update', { id: 'c1', ticketIds: ['0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001'] });
    const names = async (query: string): Promise<(string | null)[]> => (await desk.ok('contacts.search', { query })).map((c) => c.name);
    expect(await names('lecka')).toEqual(['Anna Łęcka']);
    expect(await names('an łęc')).toEqual(['Anna Łęcka']);
    expect(await names('marszałk')).toEqual(['Anna Łęcka']);
    expect(await names('+48 601 111 222')).toEqual(['Anna Łęcka']);
    expect(await names('0190aaaa-bbbb')).toEqual(['Anna Łęcka']);
    expect(await names('nikt')).toEqual([]);
    const [hit] = await desk.ok('contacts.search', { query: 'Anna' });
    expect(hit).toMatchObject({ id: anna.id, openTickets: 1 });
  });

  it('merges two contacts (audited) and undoes the merge', async () => {
    const desk = start();
    const a = await desk.ok('contacts.create', { name: 'Ewa Malinowska', phones: ['601 000 001'], consent: 'consent', flags: ['prefers_sms'] });
    const b = await desk.ok('contacts.create', { name: 'E. Malinowska', phones: ['601 000 002'], consent: 'consent', addresses: ['ul. Długa 1'] });
    await desk.ok('contacts.addNote', { contactId: b.id, text: 'Prosi o kontakt po 16.' });
    const { mergeId, contact } = await desk.ok('contacts.merge', { survivorId: a.id, mergedId: b.id });
    expect(contact.phones.map((p) => p.e164)).toEqual(['+48601000001', '+48601000002']);
    expect(contact.addresses).toEqual(['ul. Długa 1']);
    expect(contact.notes.map((n) => n.text)).toEqual(['Prosi o kontakt po 16.']);
    expect((await desk.ok('contacts.screenPop', { number: '601000002' })).card?.contact?.id).toBe(a.id);
    expect((await desk.ok('contacts.card', { contactId: b.id })).contact?.id).toBe(a.id);
    const { survivor, restored } = await desk.ok('contacts.unmerge', { mergeId });
    expect(survivor.phones.map((p) => p.e164)).toEqual(['+48601000001']);
    expect(survivor.flags).toEqual(['prefers_sms']);
    expect(restored.phones.map((p) => p.e164)).toEqual(['+48601000002']);
    expect(restored.addresses).toEqual(['ul. Długa 1']);
    expect((await desk.ok('contacts.screenPop', { number: '601000002' })).card?.contact?.id).toBe(b.id);
    expect(await desk.call('contacts.unmerge', { mergeId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const actions = readDatabase(join(desk.dataDir, DATABASE_FILE), (db) => db.prepare(`SELECT action FROM audit_log WHERE action IN ('contact.merge', 'contact.unmerge') ORDER BY id`).pluck().all());
    expect(actions).toEqual(['contact.merge', 'contact.unmerge']);
  });

  it('keeps callbacks on the timeline and queues them', async () => {
    const desk = start();
    const a = await desk.ok('contacts.create', { name: 'Olga', phones: ['601 999 000'], consent: 'consent' });
    await desk.ok('contacts.scheduleCallback', { contactId: a.id, number: '601999000', dueAt: T0 + 3_600_000, note: 'Oddzwonić w sprawie wywozu' });
    const card = await desk.ok('contacts.card', { contactId: a.id });
    expect(card.timeline).toMatchObject([{ kind: 'callback', dueAt: T0 + 3_600_000, state: 'scheduled', note: 'Oddzwonić w sprawie wywozu' }]);
    expect(await desk.call('contacts.scheduleCallback', { contactId: null, number: 'abc', dueAt: T0 })).toMatchObject({ ok: false, error: { code: 'invalid_params' } });
  });
});
