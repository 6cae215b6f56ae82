import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseAt, tableColumns } from '../../../helpers/sqlite';
import { tempDir } from '../../../helpers/temp-dir';

describe('migration 018: a card’s facts (documents, fees, deadlines, where and when, links)', () => {
  it('adds them to articles already held, empty, keeping the articles', () => {
    const path = join(tempDir(), 'desk.sqlite');
    const v17 = databaseAt(path, 17);
    v17.prepare(`INSERT INTO kb_articles (id, title, summary, body, keywords, unit, category, lang, updated_at) VALUES ('kb-a', 'Karta', '', 'Treść', '[]', 'U', 'K', 'pl', '2026-10-01T09:00:00+02:00')`).run();
    v17.close();
    const db = databaseAt(path, 18);
    expect(tableColumns(db, 'kb_articles')).toEqual(expect.arrayContaining(['documents', 'fees', 'deadlines', 'where_when', 'links']));
    expect(db.prepare("SELECT body, documents, fees, deadlines, where_when, links FROM kb_articles WHERE id = 'kb-a'").get()).toEqual({
      body: 'Treść',
      documents: '[]',
      fees: '',
      deadlines: '',
      where_when: '',
      links: '[]',
    });
    db.close();
  });
});
