import type { Migration } from './types';

/**
 * Visits (issue 7): customer offices with their opening hours, the services each office handles
 * (slot length), and the bookings. One booking per office, service and start: the UNIQUE key is
 * what refuses a slot another desk took a moment earlier (no read-then-write race).
 */
export const migration006: Migration = {
  version: 6,
  name: 'visits',
  sql: ({ bigint, strict }) => `
CREATE TABLE visit_offices (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  opening_hours TEXT NOT NULL
)${strict};

CREATE TABLE visit_services (
  office_id TEXT NOT NULL REFERENCES visit_offices(id),
  service_id TEXT NOT NULL,
  name TEXT NOT NULL,
  duration_minutes INTEGER NOT NULL,
  PRIMARY KEY (office_id, service_id)
)${strict};

CREATE TABLE visit_bookings (
  id TEXT PRIMARY KEY,
  office_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  starts_at ${bigint} NOT NULL,
  ends_at ${bigint} NOT NULL,
  resident_name TEXT NOT NULL,
  resident_phone TEXT NOT NULL,
  ticket_id TEXT,
  booked_by TEXT,
  created_at ${bigint} NOT NULL,
  UNIQUE (office_id, service_id, starts_at)
)${strict};
`,
};
