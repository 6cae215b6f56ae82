import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, isStrict, queryPlan } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 013: marks of which article answered a contact', () => {
  it('adds a STRICT table that accepts only the two kinds of mark', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 13);
    expect(isStrict(db, 'kb_usage')).toBe(true);
    db.prepare(`INSERT INTO kb_usage (id, article_id, kind, used_at) VALUES ('u1', 'kb-1', 'answered', 1)`).run();
    expect(() => db.prepare(`INSERT INTO kb_usage (id, article_id, kind, used_at) VALUES ('u2', 'kb-1', 'liked', 1)`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('finds the marks of an article, and of a call, through indexes', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 13);
    expect(queryPlan(db, 'SELECT kind FROM kb_usage WHERE article_id = ? ORDER BY used_at DESC', 'kb-1').join('\n')).toMatch(/USING INDEX kb_usage_by_article/);
    expect(queryPlan(db, 'SELECT article_id FROM kb_usage WHERE call_id = ?', 'c1').join('\n')).toMatch(/USING INDEX kb_usage_by_call/);
    db.close();
  });
});
