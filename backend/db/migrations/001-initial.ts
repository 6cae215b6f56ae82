import type { Migration } from './types';

/** Users and sessions, the sync bookkeeping, tickets and what hangs off them, the change feed. */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: ({ bigint, real, strict, randomHex }) => `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at ${bigint} NOT NULL
)${strict};

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at ${bigint} NOT NULL,
  expires_at ${bigint} NOT NULL
)${strict};
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

-- The highest seq processed per desk install, written in the same transaction as each mutation.
CREATE TABLE sync_clients (
  client_id TEXT PRIMARY KEY,
  last_seq ${bigint} NOT NULL,
  user_id TEXT,
  updated_at ${bigint} NOT NULL
)${strict};

-- Every mutation processed (applied or rejected): the idempotency record.
CREATE TABLE mutations (
  client_id TEXT NOT NULL,
  mutation_id TEXT NOT NULL,
  seq ${bigint} NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  outcome TEXT NOT NULL,
  reason TEXT,
  user_id TEXT,
  received_at ${bigint} NOT NULL,
  PRIMARY KEY (client_id, mutation_id)
)${strict};

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  service_code TEXT,
  unit_id TEXT,
  priority TEXT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL,
  status_note TEXT,
  address TEXT,
  district TEXT,
  lat ${real},
  lon ${real},
  caller_name TEXT,
  caller_phone TEXT,
  caller_email TEXT,
  attributes TEXT,
  media_url TEXT,
  -- Idempotency key of an Open311 create (attribute[client_uuid] or Idempotency-Key).
  client_ref TEXT UNIQUE,
  created_by TEXT,
  client_created_at ${bigint},
  created_at ${bigint} NOT NULL,
  updated_at ${bigint} NOT NULL
)${strict};
CREATE INDEX tickets_by_created ON tickets(created_at);

CREATE TABLE ticket_updates (
  update_id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  status TEXT NOT NULL,
  description TEXT,
  author_id TEXT,
  updated_at ${bigint} NOT NULL
)${strict};
CREATE INDEX ticket_updates_by_time ON ticket_updates(updated_at);

CREATE TABLE ticket_notes (
  id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  text TEXT NOT NULL,
  visibility TEXT NOT NULL,
  author_id TEXT,
  client_created_at ${bigint},
  created_at ${bigint} NOT NULL
)${strict};
CREATE INDEX ticket_notes_by_ticket ON ticket_notes(ticket_id);

CREATE TABLE call_logs (
  id TEXT PRIMARY KEY,
  user_id TEXT,
  client_id TEXT NOT NULL,
  direction TEXT NOT NULL,
  remote_number TEXT,
  queue TEXT,
  outcome TEXT NOT NULL,
  ticket_id TEXT,
  notes TEXT,
  client_started_at ${bigint} NOT NULL,
  client_answered_at ${bigint},
  client_ended_at ${bigint},
  received_at ${bigint} NOT NULL
)${strict};

CREATE TABLE agent_states (
  id TEXT PRIMARY KEY,
  user_id TEXT,
  client_id TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  client_changed_at ${bigint} NOT NULL,
  received_at ${bigint} NOT NULL
)${strict};
CREATE INDEX agent_states_by_user ON agent_states(user_id, received_at);

-- Server-owned data the desks replicate: the current version of each record, as JSON.
CREATE TABLE published_records (
  entity TEXT NOT NULL,
  id TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_at ${bigint} NOT NULL,
  PRIMARY KEY (entity, id)
)${strict};

-- The change feed: one row per record (its latest upsert or tombstone), ordered by seq.
CREATE TABLE changes (
  seq ${bigint} PRIMARY KEY,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  op TEXT NOT NULL,
  changed_at ${bigint} NOT NULL,
  UNIQUE (entity, entity_id)
)${strict};

-- Hands out seqs. Updating this one row locks it until commit, so seqs commit in order and a
-- reader never sees seq n+1 before n. feed_id tells cursors of another database apart.
CREATE TABLE feed_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  feed_id TEXT NOT NULL,
  last_seq ${bigint} NOT NULL
)${strict};
INSERT INTO feed_head (id, feed_id, last_seq) VALUES (1, ${randomHex}, 0);
`,
};
