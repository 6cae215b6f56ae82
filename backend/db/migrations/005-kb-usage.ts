import type { Migration } from './types';

/** What consultants said of knowledge-base articles: the answer to a contact, or not helpful. */
export const migration005: Migration = {
  version: 5,
  name: 'kb-usage',
  sql: ({ bigint, strict }) => `
CREATE TABLE kb_usage (
  id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  user_id TEXT,
  client_id TEXT NOT NULL,
  call_id TEXT,
  chat_id TEXT,
  comment TEXT NOT NULL,
  client_used_at ${bigint} NOT NULL,
  received_at ${bigint} NOT NULL
)${strict};
CREATE INDEX kb_usage_by_article ON kb_usage(article_id, kind, received_at);
`,
};
