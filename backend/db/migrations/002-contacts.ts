import type { Migration } from './types';

/**
 * Contacts (issue 5): one row per contact with its document (name, numbers, addresses, flags,
 * consent; notes in their own table), callbacks, and the call log's later fields. The contact's
 * phones get their own table so "who is on this number" is an index seek on the server too.
 */
export const migration002: Migration = {
  version: 2,
  name: 'contacts',
  sql: ({ bigint, strict }) => `
CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  data TEXT NOT NULL,
  merged_into TEXT,
  created_by TEXT,
  client_created_at ${bigint},
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL
)${strict};

CREATE TABLE contact_phones (
  e164 TEXT NOT NULL,
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  PRIMARY KEY (e164, contact_id)
)${strict};
CREATE INDEX contact_phones_by_contact ON contact_phones(contact_id);

CREATE TABLE contact_notes (
  id TEXT PRIMARY KEY,
  contact_id TEXT NOT NULL REFERENCES contacts(id),
  text TEXT NOT NULL,
  author_id TEXT,
  author_name TEXT NOT NULL,
  client_created_at ${bigint},
  created_at ${bigint} NOT NULL
)${strict};
CREATE INDEX contact_notes_by_contact ON contact_notes(contact_id, created_at);

CREATE TABLE callbacks (
  id TEXT PRIMARY KEY,
  contact_id TEXT,
  e164 TEXT NOT NULL,
  due_at ${bigint} NOT NULL,
  note TEXT NOT NULL,
  call_id TEXT,
  state TEXT NOT NULL,
  created_by TEXT,
  client_created_at ${bigint},
  created_at ${bigint} NOT NULL
)${strict};
CREATE INDEX callbacks_by_due ON callbacks(state, due_at);

ALTER TABLE call_logs ADD COLUMN remote_e164 TEXT;
ALTER TABLE call_logs ADD COLUMN remote_name TEXT;
ALTER TABLE call_logs ADD COLUMN duration_ms ${bigint};
ALTER TABLE call_logs ADD COLUMN transferred_to TEXT;
ALTER TABLE call_logs ADD COLUMN wrap_up_code TEXT;
ALTER TABLE call_logs ADD COLUMN ticket_ids TEXT;
ALTER TABLE call_logs ADD COLUMN contact_id TEXT;
ALTER TABLE call_logs ADD COLUMN updated_at ${bigint};
CREATE INDEX call_logs_by_e164 ON call_logs(remote_e164, client_started_at);
`,
};
