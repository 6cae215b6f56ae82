import type { Migration } from './types';

// Which article answered which contact, and which did not help: local work, sent through the
// outbox. The counts on kb_articles (migration 004) are this desk's view; the backend sums desks.
export const migration013KbUsage: Migration = {
  version: 13,
  name: 'kb_usage',
  up(db) {
    db.exec(`
      CREATE TABLE kb_usage (
        id         TEXT    PRIMARY KEY,
        article_id TEXT    NOT NULL,
        kind       TEXT    NOT NULL CHECK (kind IN ('answered', 'not_helpful')),
        call_id    TEXT,
        chat_id    TEXT,
        comment    TEXT    NOT NULL DEFAULT '',
        user_id    TEXT,
        used_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX kb_usage_by_article ON kb_usage (article_id, used_at);
      CREATE INDEX kb_usage_by_call ON kb_usage (call_id) WHERE call_id IS NOT NULL;
    `);
  },
};
