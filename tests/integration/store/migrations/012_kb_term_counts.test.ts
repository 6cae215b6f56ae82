import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, queryPlan, tableColumns } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 012: article counts beside each indexed word', () => {
  it('counts the articles of words indexed before it, from the index itself', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v11 = databaseAt(path, 11);
    const insert = v11.prepare('INSERT INTO kb_fts (rowid, title, keywords, summary, body) VALUES (?, ?, ?, ?, ?)');
    insert.run(1, 'wydanie dowodu', '', 'dowod osobisty', '');
    insert.run(2, 'zgubiony dowod', '', '', 'paszport');
    for (const term of ['wydanie', 'dowodu', 'dowod', 'osobisty', 'zgubiony', 'paszport']) v11.prepare('INSERT INTO kb_terms (term) VALUES (?)').run(term);
    v11.close();
    const db = databaseAt(path, 12);
    expect(tableColumns(db, 'kb_terms')).toContain('docs');
    const docs = (term: string) => db.prepare('SELECT docs FROM kb_terms WHERE term = ?').pluck().get(term);
    expect(docs('dowod')).toBe(2); // twice in article 1, once in 2: counted per article
    expect(docs('dowodu')).toBe(1);
    expect(docs('paszport')).toBe(1);
    db.close();
  });

  it('reads the counts of a prefix by a range of the primary key', () => {
    const db = databaseAt(join(tempDir(), 'desk.sqlite'), 12);
    const plan = queryPlan(db, 'SELECT coalesce(sum(docs), 0) FROM kb_terms WHERE term >= ? AND term < ?', 'dowo', 'dowo\u{10ffff}').join('\n');
    expect(plan).toMatch(/SEARCH kb_terms USING PRIMARY KEY \(term>\? AND term<\?\)/);
    db.close();
  });
});
