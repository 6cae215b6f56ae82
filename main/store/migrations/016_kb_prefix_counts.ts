import type { Migration } from './types';

// How many articles hold a word beginning with each indexed prefix (3 to 6 letters, the lengths
// of kb_fts's prefix index). A search phrase "parkow*" is one phrase to BM25, and its weight comes
// from the articles holding any of its words: summing kb_terms over the prefix overcounts, and
// asking FTS5 walks every doclist of the prefix. This table answers it with one key read.
export const migration016KbPrefixCounts: Migration = {
  version: 16,
  name: 'kb_prefix_counts',
  up(db) {
    db.exec(`
      CREATE TABLE kb_prefix_docs (prefix TEXT NOT NULL PRIMARY KEY, docs INTEGER NOT NULL) STRICT, WITHOUT ROWID;
      CREATE VIRTUAL TABLE temp.kb_instances_016 USING fts5vocab(main, kb_fts, 'instance');
      INSERT INTO kb_prefix_docs (prefix, docs)
        SELECT prefix, count(*) FROM (
          SELECT DISTINCT substr(i.term, 1, n.len) AS prefix, i.doc
          FROM temp.kb_instances_016 i JOIN (SELECT 3 AS len UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6) n
          WHERE length(i.term) >= n.len
        ) GROUP BY prefix;
      DROP TABLE temp.kb_instances_016;
    `);
  },
};
