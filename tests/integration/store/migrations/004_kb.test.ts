import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, isStrict } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 004: knowledge base', () => {
  it('keeps the outbox of version 3 and adds STRICT article, vocabulary and synonym tables', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v3 = databaseAt(path, 3);
    v3.prepare(`INSERT INTO outbox (mutation_id, entity, entity_id, kind, payload, created_at) VALUES ('m', 'agent_state', 'a', 'create', '{}', 1)`).run();
    v3.close();
    const db = databaseAt(path, 4);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(1);
    for (const table of ['kb_articles', 'kb_terms', 'kb_term_trigrams', 'kb_synonyms']) expect(isStrict(db, table), table).toBe(true);
    db.close();
  });

  it('indexes folded text without keeping a second copy, and can delete from it', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 4);
    db.prepare(`INSERT INTO kb_fts (rowid, title, keywords, summary, body) VALUES (1, 'wydanie dowodu', '', '', '')`).run();
    expect(db.prepare(`SELECT rowid FROM kb_fts WHERE kb_fts MATCH '"dowod"*'`).pluck().all()).toEqual([1]);
    expect(db.prepare(`SELECT title FROM kb_fts WHERE rowid = 1`).pluck().get()).toBeNull(); // contentless
    db.prepare('DELETE FROM kb_fts WHERE rowid = 1').run();
    expect(db.prepare(`SELECT count(*) FROM kb_fts WHERE kb_fts MATCH 'dowodu'`).pluck().get()).toBe(0);
    expect(() => db.prepare(`INSERT INTO kb_articles (id, title, summary, body, keywords, unit, category, lang, updated_at) VALUES ('a', 't', '', '', 'no', 'u', 'c', 'pl', 'x')`).run()).toThrow(/CHECK/);
    db.close();
  });
});
