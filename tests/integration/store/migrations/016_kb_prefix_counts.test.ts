import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, isStrict } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 016: article counts per indexed prefix', () => {
  it('counts, from the index itself, the articles holding a word with each prefix of 3 to 6 letters', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v15 = databaseAt(path, 15);
    const insert = v15.prepare('INSERT INTO kb_fts (rowid, title, keywords, summary, body) VALUES (?, ?, ?, ?, ?)');
    insert.run(1, 'wydanie dowodu', '', 'dowod osobisty', '');
    insert.run(2, 'dowoz dzieci', '', '', 'paszport');
    v15.close();
    const db = databaseAt(path, 16);
    expect(isStrict(db, 'kb_prefix_docs')).toBe(true);
    const docs = (prefix: string) => db.prepare('SELECT docs FROM kb_prefix_docs WHERE prefix = ?').pluck().get(prefix) ?? 0;
    expect(docs('dow')).toBe(2);
    expect(docs('dowod')).toBe(1); // "dowodu" and "dowod" in one article: counted once
    expect(docs('dowoz')).toBe(1);
    expect(docs('paszpo')).toBe(1);
    expect(docs('paszpor')).toBe(0); // longer than the index's prefixes: not kept
    expect(docs('dz')).toBe(0); // shorter: whole words answer those
    db.close();
  });
});
