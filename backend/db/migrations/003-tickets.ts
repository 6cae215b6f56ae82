import type { Migration } from './types';

/**
 * What the desk's ticket form adds (issue 7): the kind, the street from the dictionary, building,
 * "where exactly", the answer given to an information request, the contact and the call or chat
 * it came from, and the deadline. Visits: customer offices, their slots and the bookings.
 */
export const migration003: Migration = {
  version: 3,
  name: 'tickets',
  sql: ({ bigint }) => `
ALTER TABLE tickets ADD COLUMN kind TEXT;
ALTER TABLE tickets ADD COLUMN street_id TEXT;
ALTER TABLE tickets ADD COLUMN building TEXT;
ALTER TABLE tickets ADD COLUMN location_note TEXT;
ALTER TABLE tickets ADD COLUMN answer TEXT;
ALTER TABLE tickets ADD COLUMN kb_article_id TEXT;
ALTER TABLE tickets ADD COLUMN contact_ref TEXT;
ALTER TABLE tickets ADD COLUMN call_ref TEXT;
ALTER TABLE tickets ADD COLUMN chat_ref TEXT;
ALTER TABLE tickets ADD COLUMN deadline_at ${bigint};
CREATE INDEX tickets_by_service_street ON tickets(service_code, street_id, created_at);
`,
};
