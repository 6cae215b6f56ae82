import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CallLog } from '../../../main/calls/call-log';
import { ContactRepository } from '../../../main/callers/contact-repository';
import { historyOf } from '../../../main/callers/history';
import { purgeExpired } from '../../../main/callers/retention';
import { Outbox } from '../../../main/store/outbox';
import { databaseAt } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const at = (iso: string): number => Date.parse(iso);

function call(log: CallLog, id: string, number: string, startedAt: number, notes = ''): void {
  log.started({ id, direction: 'inbound', remoteNumber: number, remoteName: 'Dzwoniący', queue: null, startedAt });
  log.ended(id, startedAt + 60_000, 'answered', null, null, startedAt + 60_000);
  if (notes) log.update(id, { notes }, null, startedAt + 60_000);
}

function store(): Database {
  const db = databaseAt(join(tempDir(), 'desk.sqlite'));
  const contacts = new ContactRepository(db);
  const log = new CallLog(db, new Outbox(db));
  const fields = (name: string, e164: string) => ({ name, phones: [{ e164, label: null }], addresses: [`${name} street 1`], preferredChannel: 'sms' as const, language: 'pl', flags: ['prefers_sms' as const] });
  // A: last heard of in 2023 – stale for a 24-month personal window.
  contacts.insert('A', fields('Adam Stary', '+48601000001'), { basis: 'consent', at: at('2023-03-01'), by: 'kons' }, at('2023-03-01'));
  contacts.addNote('nA', 'A', 'Notatka o Adamie', 'kons', at('2023-03-01'));
  call(log, 'a1', '+48601000001', at('2023-03-02T10:00:00Z'), 'stara rozmowa A');
  db.prepare(`UPDATE contacts SET last_seen_at = ? WHERE id = 'A'`).run(at('2023-03-02T10:00:00Z'));
  // B: active – one call older than the 12-month history window, one recent.
  contacts.insert('B', fields('Beata Nowa', '+48601000002'), { basis: 'consent', at: at('2024-06-01'), by: 'kons' }, at('2024-06-01'));
  contacts.addNote('nB', 'B', 'Notatka o Beacie', 'kons', at('2024-06-01'));
  call(log, 'b1', '+48601000002', at('2024-06-10T10:00:00Z'), 'stara rozmowa B');
  call(log, 'b2', '+48601000002', at('2025-12-10T10:00:00Z'), 'nowa rozmowa B');
  // An unknown number: very old (beyond personal window), old (beyond history), recent.
  call(log, 'u1', '+48221112233', at('2023-05-05T10:00:00Z'));
  call(log, 'u2', '+48221112233', at('2024-09-05T10:00:00Z'));
  call(log, 'u3', '+48221112233', at('2025-11-05T10:00:00Z'), 'nowa rozmowa U');
  const callback = db.prepare(`INSERT INTO callbacks (id, contact_id, e164, due_at, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, 'kons')`);
  callback.run('cb-old', 'B', '+48601000002', at('2024-06-11'), 'stare', at('2024-06-10'));
  callback.run('cb-new', 'B', '+48601000002', at('2026-01-20'), 'nowe', at('2025-12-10'));
  return db;
}

const snapshot = (db: Database) => ({
  calls: db.prepare('SELECT id, remote_number, remote_e164, remote_name, notes, contact_id FROM call_log ORDER BY id').all(),
  counts: db.prepare('SELECT subject, month, calls FROM call_counts ORDER BY subject, month').all(),
  contacts: db.prepare('SELECT id, name, preferred_channel, language, consent_basis, purged_at FROM contacts ORDER BY id').all(),
  phones: db.prepare('SELECT e164, contact_id FROM contact_phones ORDER BY 1').all(),
  addresses: db.prepare('SELECT contact_id, text FROM contact_addresses ORDER BY 1').all(),
  flags: db.prepare('SELECT contact_id, flag FROM contact_flags ORDER BY 1').all(),
  notes: db.prepare('SELECT id, contact_id FROM contact_notes ORDER BY 1').all(),
  terms: db.prepare('SELECT DISTINCT contact_id FROM contact_terms ORDER BY 1').pluck().all(),
  callbacks: db.prepare('SELECT id FROM callbacks ORDER BY 1').pluck().all(),
});

describe('retention purge', () => {
  it('keeps old history as counts, removes personal fields of stale contacts, and touches nothing else', () => {
    const db = store();
    const report = purgeExpired(db, { historyMonths: 12, personalMonths: 24 }, NOW);
    expect(report).toEqual({ callsCounted: 4, contactsPurged: 1, callbacksRemoved: 1 });
    const after = snapshot(db);
    expect(after.calls).toEqual([
      { id: 'b2', remote_number: '+48601000002', remote_e164: '+48601000002', remote_name: 'Dzwoniący', notes: 'nowa rozmowa B', contact_id: 'B' },
      { id: 'u3', remote_number: '+48221112233', remote_e164: '+48221112233', remote_name: 'Dzwoniący', notes: 'nowa rozmowa U', contact_id: null },
    ]);
    expect(after.counts).toEqual([
      // The unknown number's 2023 call is older than the personal window: counted anonymously.
      { subject: '*', month: '2023-05', calls: 1 },
      { subject: 'A', month: '2023-03', calls: 1 },
      { subject: 'B', month: '2024-06', calls: 1 },
      { subject: 'tel:+48221112233', month: '2024-09', calls: 1 },
    ]);
    expect(after.contacts).toEqual([
      { id: 'A', name: null, preferred_channel: null, language: null, consent_basis: null, purged_at: NOW },
      { id: 'B', name: 'Beata Nowa', preferred_channel: 'sms', language: 'pl', consent_basis: 'consent', purged_at: null },
    ]);
    expect(after.phones).toEqual([{ e164: '+48601000002', contact_id: 'B' }]);
    expect(after.addresses).toEqual([{ contact_id: 'B', text: 'Beata Nowa street 1' }]);
    expect(after.flags).toEqual([{ contact_id: 'B', flag: 'prefers_sms' }]);
    expect(after.notes).toEqual([{ id: 'nB', contact_id: 'B' }]);
    expect(after.terms).toEqual(['B']);
    expect(after.callbacks).toEqual(['cb-new']);
    // The card shows what is left: recent calls in full, older ones as a count.
    const history = historyOf(db, { contactIds: ['B'], phones: ['+48601000002'] }, 50);
    expect(history.timeline.map((item) => item.id)).toEqual(['b2', 'cb-new']);
    expect(history.olderCounts).toMatchObject({ calls: 1, since: at('2024-06-01T00:00:00Z') });

    // A second run at the same time finds nothing more to do.
    expect(purgeExpired(db, { historyMonths: 12, personalMonths: 24 }, NOW)).toEqual({ callsCounted: 0, contactsPurged: 0, callbacksRemoved: 0 });
    expect(snapshot(db)).toEqual(after);
    db.close();
  });

  it('with a personal window shorter than the history window, strips who and what from calls it keeps', () => {
    const db = store();
    purgeExpired(db, { historyMonths: 36, personalMonths: 6 }, NOW);
    const calls = db.prepare('SELECT id, remote_number, notes FROM call_log ORDER BY id').all();
    expect(calls).toEqual([
      { id: 'a1', remote_number: '', notes: '' },
      { id: 'b1', remote_number: '+48601000002', notes: 'stara rozmowa B' },
      { id: 'b2', remote_number: '+48601000002', notes: 'nowa rozmowa B' },
      { id: 'u1', remote_number: '', notes: '' },
      { id: 'u2', remote_number: '', notes: '' },
      { id: 'u3', remote_number: '+48221112233', notes: 'nowa rozmowa U' },
    ]);
    db.close();
  });
});
