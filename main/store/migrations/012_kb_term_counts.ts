import type { Migration } from './types';

// How many articles hold each indexed word, kept beside the word. The search asks it for every
// query word (is it rare enough for synonyms? common enough to carry no weight?); reading it from
// FTS5's own vocabulary walks the whole doclist of every word of a prefix: 22 ms for "b" on
// 50,000 articles, against a range read of this table's primary key.
export const migration012KbTermCounts: Migration = {
  version: 12,
  name: 'kb_term_counts',
  up(db) {
    db.exec(`
      ALTER TABLE kb_terms ADD COLUMN docs INTEGER NOT NULL DEFAULT 0;
      CREATE VIRTUAL TABLE temp.kb_vocab_011 USING fts5vocab(main, kb_fts, 'row');
      CREATE TEMP TABLE kb_counts_011 (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO kb_counts_011 (term, docs) SELECT term, doc FROM temp.kb_vocab_011;
      UPDATE kb_terms SET docs = coalesce((SELECT docs FROM kb_counts_011 c WHERE c.term = kb_terms.term), 0);
      DROP TABLE kb_counts_011;
      DROP TABLE temp.kb_vocab_011;
    `);
  },
};
