import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../main/core/core';
import { signedInTestCore } from '../../helpers/test-desk';
import { readDatabase } from '../../helpers/sqlite';
import { testBackend } from '../../helpers/test-backend';

const signedInDesk = signedInTestCore;

const T0 = Date.UTC(2025, 10, 3, 8, 0, 0);

describe('contacts and the call log go through the outbox to the backend and reach other desks', () => {
  it('a contact, its note, a call with later notes and a callback made at one desk show on another desk\'s card', async () => {
    const city = await testBackend();
    const first = await signedInDesk(city.url);
    const second = await signedInDesk(city.url);

    const anna = await first.ok('contacts.create', { name: 'Anna Kowalska', phones: ['601 234 567'], consent: 'consent', flags: ['prefers_sms'], addresses: ['ul. Żółta 5'] });
    await first.ok('contacts.addNote', { contactId: anna.id, text: 'Słabo słyszy, mówić wyraźnie.' });
    await first.ok('calls.started', { id: '0190aaaa-0000-7000-8000-000000000001', direction: 'inbound', remoteNumber: '+48601234567', remoteName: 'Anna', startedAt: T0 });
    await first.ok('calls.answered', { id: '0190aaaa-0000-7000-8000-000000000001', answeredAt: T0 + 3000 });
    await first.ok('calls.ended', { id: '0190aaaa-0000-7000-8000-000000000001', endedAt: T0 + 63_000, outcome: 'answered' });
    // After the call: notes and a wrap-up code travel as an update of the sent call log.
    await first.ok('calls.update', { id: '0190aaaa-0000-7000-8000-000000000001', notes: 'Awaria oświetlenia', wrapUpCode: 'info' });
    await first.ok('contacts.scheduleCallback', { contactId: anna.id, number: '601234567', dueAt: T0 + 86_400_000, note: 'Oddzwonić' });

    const sent = await first.core.syncOnce();
    expect(sent).toMatchObject({ unsentCount: 0, needsReviewCount: 0, lastError: null });
    const stored = readDatabase(city.dbFile, (db) => ({
      call: db.prepare('SELECT outcome, notes, wrap_up_code, duration_ms, remote_e164, contact_id FROM call_logs').get(),
      contacts: db.prepare('SELECT id FROM contacts').pluck().all(),
      notes: db.prepare('SELECT text, author_name FROM contact_notes').all(),
    }));
    expect(stored).toEqual({
      call: { outcome: 'answered', notes: 'Awaria oświetlenia', wrap_up_code: 'info', duration_ms: 60_000, remote_e164: '+48601234567', contact_id: anna.id },
      contacts: [anna.id],
      notes: [{ text: 'Słabo słyszy, mówić wyraźnie.', author_name: expect.any(String) }],
    });

    await second.core.syncOnce();
    const pop = await second.ok('contacts.screenPop', { number: '0048601234567' });
    expect(pop.card?.contact).toMatchObject({ id: anna.id, name: 'Anna Kowalska', flags: ['prefers_sms'], addresses: ['ul. Żółta 5'], consent: { basis: 'consent' } });
    expect(pop.card?.contact?.notes.map((n) => n.text)).toEqual(['Słabo słyszy, mówić wyraźnie.']);
    expect(pop.card?.timeline.map((item) => item.kind).sort()).toEqual(['call', 'callback']);
    expect(pop.card?.timeline.find((item) => item.kind === 'call')).toMatchObject({ notes: 'Awaria oświetlenia', wrapUpCode: 'info', outcome: 'answered' });

    // The first desk's own rows stay its own after its pull brings them back.
    await first.core.syncOnce();
    const origins = readDatabase(join(first.dataDir, DATABASE_FILE), (db) => db.prepare(`SELECT DISTINCT origin FROM call_log`).pluck().all());
    expect(origins).toEqual(['local']);
  });

  it('a merge made at one desk reaches the other, and so does its undoing', async () => {
    const city = await testBackend();
    const first = await signedInDesk(city.url);
    const second = await signedInDesk(city.url);
    const a = await first.ok('contacts.create', { name: 'Ewa Malinowska', phones: ['601 000 001'], consent: 'consent' });
    const b = await first.ok('contacts.create', { name: 'E. Malinowska', phones: ['601 000 002'], consent: 'consent' });
    const { mergeId } = await first.ok('contacts.merge', { survivorId: a.id, mergedId: b.id });
    expect(await first.core.syncOnce()).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    await second.core.syncOnce();
    expect((await second.ok('contacts.screenPop', { number: '601000002' })).card?.contact?.id).toBe(a.id);
    await first.ok('contacts.unmerge', { mergeId });
    expect(await first.core.syncOnce()).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    await second.core.syncOnce();
    expect((await second.ok('contacts.screenPop', { number: '601000002' })).card?.contact?.id).toBe(b.id);
  });

  it('a callback closed at one desk is closed at the other, whose open card is told its contact changed', async () => {
    const city = await testBackend();
    const first = await signedInDesk(city.url);
    const second = await signedInDesk(city.url);
    const anna = await first.ok('contacts.create', { name: 'Anna Kowalska', phones: ['601 234 567'], consent: 'consent' });
    const callback = await first.ok('contacts.scheduleCallback', { contactId: anna.id, number: '601234567', dueAt: T0 + 86_400_000, note: 'Oddzwonić' });
    expect(await first.core.syncOnce()).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    await second.core.syncOnce();
    await new Promise((tick) => setImmediate(tick));
    const told = (): string[] => second.events.filter((e) => e.name === 'contacts.changed').flatMap((e) => (e.payload as { ids: string[] }).ids);
    expect(told()).toContain(anna.id);

    second.events.length = 0;
    await first.ok('contacts.setCallbackState', { id: callback.id, state: 'done' });
    expect(await first.core.syncOnce()).toMatchObject({ unsentCount: 0, needsReviewCount: 0 });
    expect(readDatabase(city.dbFile, (db) => db.prepare('SELECT state FROM callbacks WHERE id = ?').pluck().get(callback.id))).toBe('done');
    await second.core.syncOnce();
    await new Promise((tick) => setImmediate(tick));
    expect(told()).toEqual([anna.id]);
    const card = await second.ok('contacts.card', { contactId: anna.id });
    expect(card.timeline.find((item) => item.kind === 'callback')).toMatchObject({ id: callback.id, state: 'done' });
  });

  it('only a supervisor changes the retention policy; a consultant is refused by the core', async () => {
    const city = await testBackend();
    const consultant = await signedInDesk(city.url);
    const supervisor = await signedInDesk(city.url, 'kierownik');
    expect(await consultant.ok('contacts.retention', {})).toEqual({ policy: { historyMonths: 24, personalMonths: 36 }, canChange: false });
    expect(await consultant.call('contacts.setRetention', { historyMonths: 6, personalMonths: 12 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await consultant.call('contacts.purge', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await supervisor.ok('contacts.setRetention', { historyMonths: 6, personalMonths: 12 })).toEqual({ policy: { historyMonths: 6, personalMonths: 12 }, canChange: true });
    expect(await supervisor.ok('contacts.purge', {})).toEqual({ callsCounted: 0, contactsPurged: 0, callbacksRemoved: 0 });
    const audits = readDatabase(join(supervisor.dataDir, DATABASE_FILE), (db) => db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'contact.retention%' ORDER BY id`).pluck().all());
    expect(audits).toEqual(['contact.retention_changed', 'contact.retention_purge']);
  });
});
