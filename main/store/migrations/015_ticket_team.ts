import type { Migration } from './types';

// The "my team's tickets" list reads the pulled ticket statuses (replica_records) by the author's
// team, newest first: an index on the record's JSON, only over ticket statuses.
export const TEAM_TICKETS_INDEX = 'replica_ticket_status_by_team';

export const migration015TicketTeam: Migration = {
  version: 15,
  name: 'ticket_team',
  up(db) {
    db.exec(`
      CREATE INDEX ${TEAM_TICKETS_INDEX} ON replica_records (json_extract(data, '$.team'), json_extract(data, '$.reported_at'))
        WHERE entity = 'ticket_status';
    `);
  },
};
