import type { Migration } from './types';

// Work is queued under the identity of who saved it: the user signed in at that moment (null when
// nobody was). The sender sends a row only in that user's session, so work saved offline by one
// consultant is never delivered as another's.
export const migration007OutboxUser: Migration = {
  version: 7,
  name: 'outbox_user',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN user_id TEXT;
      -- The sender asks "pending rows of this user (or of nobody), in order".
      CREATE INDEX outbox_by_state_user ON outbox (state, user_id, seq);
    `);
  },
};
