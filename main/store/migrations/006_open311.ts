import type { Migration } from './types';

// The Open311 adapter (main/sync/open311/): which Open311 request each desk ticket became
// (client_uuid → service_request_id, per server), and the update ids already applied, so the
// overlapping polling windows never apply an update twice. Both belong to one server address.
export const migration006Open311: Migration = {
  version: 6,
  name: 'open311',
  up(db) {
    db.exec(`
      CREATE TABLE open311_requests (
        endpoint           TEXT    NOT NULL,
        client_uuid        TEXT    NOT NULL,
        -- 'unknown': POSTed, no answer seen (the reply may have been lost); 'created': the server answered.
        state              TEXT    NOT NULL CHECK (state IN ('unknown', 'created')),
        service_request_id TEXT,
        token              TEXT,
        service_code       TEXT    NOT NULL,
        description        TEXT    NOT NULL,
        status             TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'forwarded', 'fixed', 'closed', 'rejected')),
        status_updated_at  INTEGER,
        attempted_at       INTEGER NOT NULL,
        unit_id            TEXT,
        UNIQUE (endpoint, client_uuid),
        CHECK (state = 'unknown' OR service_request_id IS NOT NULL OR token IS NOT NULL)
      ) STRICT;
      -- An update names the server's id: find the desk's ticket from it.
      CREATE INDEX open311_requests_by_request ON open311_requests (endpoint, service_request_id);
      -- The fallback poll asks for the requests still open.
      CREATE INDEX open311_requests_by_status ON open311_requests (endpoint, status, attempted_at);

      CREATE TABLE open311_seen_updates (
        endpoint  TEXT    NOT NULL,
        update_id TEXT    NOT NULL,
        seen_at   INTEGER NOT NULL,
        PRIMARY KEY (endpoint, update_id)
      ) STRICT, WITHOUT ROWID;
      -- Old ids are pruned once no window can reach them again.
      CREATE INDEX open311_seen_updates_by_time ON open311_seen_updates (seen_at);
    `);
  },
};
