import type { Migration } from './types';

// A service card's facts, each read out on its own: required documents, fees, deadlines, where and
// when, and related forms and links. Lists are JSON arrays; cards held before have none.
export const migration018KbArticleFacts: Migration = {
  version: 18,
  name: 'kb_article_facts',
  up(db) {
    db.exec(`
      ALTER TABLE kb_articles ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE kb_articles ADD COLUMN fees TEXT NOT NULL DEFAULT '';
      ALTER TABLE kb_articles ADD COLUMN deadlines TEXT NOT NULL DEFAULT '';
      ALTER TABLE kb_articles ADD COLUMN where_when TEXT NOT NULL DEFAULT '';
      ALTER TABLE kb_articles ADD COLUMN links TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
