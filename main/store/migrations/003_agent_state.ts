import type { Migration } from './types';

// Agent state changes, timestamped by the core; the newest row is the current state. Supervisor
// figures are computed from these rows once they reach the backend through the outbox.
export const migration003AgentState: Migration = {
  version: 3,
  name: 'agent_state',
  up(db) {
    db.exec(`
      CREATE TABLE agent_state_changes (
        id         TEXT    NOT NULL PRIMARY KEY,
        state      TEXT    NOT NULL CHECK (state IN ('logged_out', 'available', 'not_available', 'after_call_work', 'on_call')),
        reason     TEXT    CHECK (reason IN ('break', 'training', 'back_office', 'other')),
        changed_at INTEGER NOT NULL,
        CHECK ((state = 'not_available') = (reason IS NOT NULL))
      ) STRICT;
      CREATE INDEX agent_state_changes_by_time ON agent_state_changes (changed_at);
    `);
  },
};
