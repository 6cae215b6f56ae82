import type { Migration } from './types';

// The knowledge base: articles (a replica of the backend's, or imported by an operator), a
// full-text index of their folded text (main/kb/polish-text.ts), the index's vocabulary with
// trigrams for the typo fallback, and synonyms (thesaurus). All of it can be wiped and rebuilt.
export const migration004Kb: Migration = {
  version: 4,
  name: 'kb',
  up(db) {
    db.exec(`
      CREATE TABLE kb_articles (
        doc        INTEGER PRIMARY KEY,
        id         TEXT    NOT NULL UNIQUE,
        title      TEXT    NOT NULL,
        summary    TEXT    NOT NULL,
        body       TEXT    NOT NULL,
        keywords   TEXT    NOT NULL CHECK (json_valid(keywords)),
        unit       TEXT    NOT NULL,
        category   TEXT    NOT NULL,
        lang       TEXT    NOT NULL,
        updated_at TEXT    NOT NULL,
        expires_at TEXT,
        version    INTEGER NOT NULL DEFAULT 1,
        usage_count       INTEGER NOT NULL DEFAULT 0,
        not_helpful_count INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX kb_articles_by_unit ON kb_articles (unit);
      CREATE INDEX kb_articles_by_category ON kb_articles (category);

      -- Folded text only (no content kept twice); rowid = kb_articles.doc.
      CREATE VIRTUAL TABLE kb_fts USING fts5(
        title, keywords, summary, body,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '3 4 5 6'
      );

      CREATE TABLE kb_terms (term TEXT NOT NULL PRIMARY KEY) STRICT, WITHOUT ROWID;
      CREATE TABLE kb_term_trigrams (
        trigram TEXT NOT NULL,
        term    TEXT NOT NULL,
        PRIMARY KEY (trigram, term)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE kb_synonyms (
        term    TEXT NOT NULL,
        synonym TEXT NOT NULL,
        source  TEXT NOT NULL,
        PRIMARY KEY (term, synonym)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
