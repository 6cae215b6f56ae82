import type { Migration } from './types';

/**
 * What follows a ticket (issue 7): files a desk attached (uploaded after the ticket was accepted),
 * the record that the resident was told how it ended, and a team for each user (the desk's
 * "my team's tickets" list).
 */
export const migration007: Migration = {
  version: 7,
  name: 'ticket-attachments-feedback',
  sql: ({ bigint, strict }) => `
CREATE TABLE ticket_attachments (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  data_base64 TEXT NOT NULL,
  uploaded_by TEXT,
  created_at ${bigint} NOT NULL
)${strict};
CREATE INDEX ticket_attachments_by_ticket ON ticket_attachments(ticket_id);

CREATE TABLE ticket_feedback (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  channel TEXT NOT NULL,
  note TEXT NOT NULL,
  given_by TEXT,
  client_given_at ${bigint} NOT NULL,
  received_at ${bigint} NOT NULL
)${strict};
CREATE INDEX ticket_feedback_by_ticket ON ticket_feedback(ticket_id);

ALTER TABLE users ADD COLUMN team TEXT;
`,
};
