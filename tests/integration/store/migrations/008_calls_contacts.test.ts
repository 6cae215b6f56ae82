import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALLS_BY_CONTACT, CALLS_BY_NUMBER } from '../../../../main/callers/history';
import { databaseAt, isStrict, queryPlan } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

const TABLES = ['call_log', 'call_tickets', 'contacts', 'contact_phones', 'contact_addresses', 'contact_flags', 'contact_notes', 'contact_terms', 'contact_merges', 'callbacks', 'call_counts', 'retention_policy'];

describe('migration 008: call log and contacts', () => {
  it('creates strict tables and a default retention policy, on top of a version 7 store', () => {
    const path = join(tempDir(), 'desk.sqlite');
    databaseAt(path, 7).close();
    const db = databaseAt(path, 8);
    for (const table of TABLES) expect(isStrict(db, table), table).toBe(true);
    expect(db.prepare('SELECT history_months, personal_months FROM retention_policy').get()).toEqual({ history_months: 24, personal_months: 36 });
    db.close();
  });

  it('answers the hot queries by index: lookup by number is index-only, history is a seek without a sort', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 8);
    const lookup = queryPlan(db, 'SELECT contact_id FROM contact_phones WHERE e164 = ?', '+48601234567').join('\n');
    expect(lookup).toMatch(/SEARCH contact_phones USING PRIMARY KEY \(e164=\?\)/);
    const byNumber = queryPlan(db, CALLS_BY_NUMBER, '+48601234567', 100).join('\n');
    expect(byNumber).toMatch(/SEARCH call_log USING INDEX call_log_by_e164 \(remote_e164=\?\)/);
    expect(byNumber).not.toMatch(/TEMP B-TREE/);
    const byContact = queryPlan(db, CALLS_BY_CONTACT, 'c1', 100).join('\n');
    expect(byContact).toMatch(/SEARCH call_log USING INDEX call_log_by_contact \(contact_id=\?\)/);
    expect(byContact).not.toMatch(/TEMP B-TREE/);
    const terms = queryPlan(db, 'SELECT contact_id FROM contact_terms WHERE term >= ? AND term < ?', 'kow', 'kow\uffff').join('\n');
    expect(terms).toMatch(/SEARCH contact_terms USING PRIMARY KEY \(term>\? AND term<\?\)/);
    const byTicket = queryPlan(db, 'SELECT call_id FROM call_tickets WHERE ticket_id >= ? AND ticket_id < ?', 'a', 'b').join('\n');
    expect(byTicket).toMatch(/USING COVERING INDEX call_tickets_by_ticket/);
    expect(queryPlan(db, 'SELECT id FROM contacts WHERE merged_into = ?', 'c1').join('\n')).toMatch(/SEARCH contacts USING (COVERING )?INDEX contacts_by_merged_into \(merged_into=\?\)/);
    const recent = queryPlan(db, 'SELECT id FROM call_log ORDER BY started_at DESC LIMIT 50').join('\n');
    expect(recent).toMatch(/call_log_by_started/);
    db.close();
  });

  it('lets several contacts share one number and removes a contact\'s parts with it', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 8);
    const insert = db.prepare(`INSERT INTO contacts (id, name, last_seen_at, created_at, updated_at) VALUES (?, ?, 1, 1, 1)`);
    insert.run('a', 'Jan');
    insert.run('b', 'Maria');
    db.prepare(`INSERT INTO contact_phones (e164, contact_id) VALUES ('+48226000001', 'a'), ('+48226000001', 'b')`).run();
    expect(db.prepare(`SELECT contact_id FROM contact_phones WHERE e164 = '+48226000001' ORDER BY 1`).pluck().all()).toEqual(['a', 'b']);
    db.prepare(`DELETE FROM contacts WHERE id = 'a'`).run();
    expect(db.prepare(`SELECT contact_id FROM contact_phones`).pluck().all()).toEqual(['b']);
    db.close();
  });
});
