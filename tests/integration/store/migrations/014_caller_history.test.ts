import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONVERSATIONS_BY_CONTACT, TICKETS_BY_CALL, TICKETS_BY_CONTACT } from '../../../../main/callers/history';
import { databaseAt, queryPlan } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 014: indexes of the caller history', () => {
  it('reads a caller\'s conversations by the number or address they wrote from, newest first, without a sort', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 14);
    const plan = queryPlan(db, CONVERSATIONS_BY_CONTACT, '+48601234567').join('\n');
    expect(plan).toMatch(/SEARCH chat_conversations USING INDEX chat_conversations_by_resident_contact \(resident_contact=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('reads a caller\'s newest tickets in index order, and a call\'s tickets by seek', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 14);
    const byContact = queryPlan(db, TICKETS_BY_CONTACT, 'c1').join('\n');
    expect(byContact).toMatch(/SEARCH tickets USING INDEX tickets_by_contact_created \(contact_id=\?\)/);
    expect(byContact).not.toMatch(/TEMP B-TREE/);
    expect(queryPlan(db, TICKETS_BY_CALL, 'k1').join('\n')).toMatch(/SEARCH tickets USING INDEX tickets_by_call \(call_id=\?\)/);
    db.close();
  });

  it('lists the merges into a contact not undone yet from an index', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 14);
    const plan = queryPlan(db, 'SELECT id FROM contact_merges WHERE survivor_id = ? AND undone_at IS NULL ORDER BY merged_at DESC, id DESC LIMIT 50', 'c1').join('\n');
    expect(plan).toMatch(/SEARCH contact_merges USING INDEX contact_merges_by_survivor \(survivor_id=\?\)/);
    db.close();
  });
});
