import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, tableColumns } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 017: the date an article comes into force', () => {
  it('adds it to articles already held, empty (in force), keeping them', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v16 = databaseAt(path, 16);
    v16.prepare(`INSERT INTO kb_articles (id, title, summary, body, keywords, unit, category, lang, updated_at) VALUES ('kb-a', 'Karta', '', '', '[]', 'U', 'K', 'pl', '2026-10-01T09:00:00+02:00')`).run();
    v16.close();
    const db = databaseAt(path, 17);
    expect(tableColumns(db, 'kb_articles')).toContain('valid_from');
    expect(db.prepare("SELECT title, valid_from FROM kb_articles WHERE id = 'kb-a'").get()).toEqual({ title: 'Karta', valid_from: null });
    db.close();
  });
});
