import type { Migration } from './types';

// The caller card's history reads the caller's conversations (SMS, e-mail) by the number or
// address the resident wrote from: an index on the chat table of migration 010, newest first.
// The card's "undo a merge" lists the merges into a contact that are not undone yet. A frequent
// caller's newest tickets come in order from an index (a caller may have thousands: no sort).
export const migration014CallerHistory: Migration = {
  version: 14,
  name: 'caller_history',
  up(db) {
    db.exec(`
      CREATE INDEX chat_conversations_by_resident_contact ON chat_conversations (resident_contact, created_at DESC) WHERE resident_contact IS NOT NULL;
      CREATE INDEX tickets_by_contact_created ON tickets (contact_id, created_at DESC) WHERE contact_id IS NOT NULL;
      CREATE INDEX contact_merges_by_survivor ON contact_merges (survivor_id, merged_at DESC) WHERE undone_at IS NULL;
    `);
  },
};
