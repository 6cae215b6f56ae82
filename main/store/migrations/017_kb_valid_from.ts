import type { Migration } from './types';

// The date an article comes into force (new fees from 1 January, say): announced ahead, so the
// desk can answer "what changes", marked and ranked behind the rules that apply today.
export const migration017KbValidFrom: Migration = {
  version: 17,
  name: 'kb_valid_from',
  up(db) {
    db.exec('ALTER TABLE kb_articles ADD COLUMN valid_from TEXT');
  },
};
