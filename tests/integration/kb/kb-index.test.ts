import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { KbIndex } from '../../../main/kb/kb-index';
import { openStore } from '../../../main/store/database';
import { KbArticleInput } from '../../../preload/contract';
import type { KbArticleInput as ArticleInput } from '../../../preload/contract';
import { queryPlan } from '../../helpers/sqlite';
import { tempDir } from '../../helpers/temp-dir';
import type { Database } from 'better-sqlite3';

function article(id: string, title: string, more: Partial<ArticleInput> = {}) {
  return KbArticleInput.parse({ id, title, unit: 'Wydział Spraw Obywatelskich', category: 'Dokumenty', updated_at: '2026-10-01T09:00:00+02:00', ...more });
}

let db: Database;
let kb: KbIndex;
beforeEach(() => {
  const opened = openStore(join(tempDir(), 'desk.sqlite'));
  if (!opened.ok) throw new Error(opened.status.detail);
  db = opened.db;
  kb = new KbIndex(db);
  kb.upsert([
    article('kb-dowod-utrata', 'Utrata lub kradzież dowodu osobistego', { summary: 'Jak zastrzec i wyrobić nowy dowód.', keywords: ['zgubiłem dowód', 'zastrzeżenie'] }),
    article('kb-dowod-wydanie', 'Wydanie dowodu osobistego', { body: 'Wniosek składasz osobiście w urzędzie. Dowód jest bezpłatny.' }),
    article('kb-gabaryty', 'Odbiór odpadów wielkogabarytowych', { unit: 'Wydział Gospodarki Odpadami', category: 'Odpady', keywords: ['gabaryty', 'stara kanapa'] }),
    article('kb-drzewo', 'Powalone lub niebezpieczne drzewo', { unit: 'Zarząd Dróg i Zieleni', category: 'Zieleń', summary: 'Drzewo przewrócone na jezdnię lub chodnik zgłoś natychmiast.' }),
    article('kb-zima', 'Odśnieżanie chodników zimą 2025', { category: 'Drogi', expires_at: '2026-03-31' }),
  ]);
});

const ids = (query: string, extra: object = {}) => kb.search({ query, ...extra }).hits.map((hit) => hit.id);

describe('knowledge-base search', () => {
  it('finds articles typed without Polish letters, in other forms, and by keyword', () => {
    expect(ids('kradziez dowodu')[0]).toBe('kb-dowod-utrata');
    expect(ids('zgubilem dowod')[0]).toBe('kb-dowod-utrata');
    expect(ids('gabaryty')[0]).toBe('kb-gabaryty');
    expect(ids('drzewa przewrocone')[0]).toBe('kb-drzewo');
  });

  it('corrects a typo when nothing matches as typed', () => {
    const result = kb.search({ query: 'powalne drzwo' });
    expect(result.hits[0]?.id).toBe('kb-drzewo');
    expect(result.understood.corrections.length).toBeGreaterThan(0);
  });

  it('uses synonyms from the thesaurus', () => {
    expect(ids('kanapa wywiezienie')).toContain('kb-gabaryty');
    expect(ids('meble')).toEqual([]);
    kb.addSynonyms([['meble', 'kanapa']], 'test');
    expect(ids('meble')).toEqual(['kb-gabaryty']);
  });

  it('filters by unit and category, and marks expired articles', () => {
    expect(ids('dowod', { unit: 'Wydział Gospodarki Odpadami' })).toEqual([]);
    expect(ids('odpadow', { category: 'Odpady' })).toEqual(['kb-gabaryty']);
    const winter = kb.search({ query: 'odsniezanie' }, new Date('2026-11-21T00:00:00Z')).hits[0];
    expect(winter).toMatchObject({ id: 'kb-zima', expired: true });
  });

  it('never errors on FTS syntax, odd characters or a 10,000-character query', () => {
    for (const query of ['"', '"dowod', 'dowod*', '*', 'NEAR(dowod osobisty, 2)', 'dowod AND OR NOT', '(dowod', ')', '-dowod', 'title:dowod', '^dowod', '{title}: x', "'; DROP TABLE kb_articles; --", '\u0000', '🙂 dowód', 'a'.repeat(10_000), 'dowod '.repeat(2_000)]) {
      expect(() => kb.search({ query }), query.slice(0, 30)).not.toThrow();
    }
    expect(ids('NEAR(dowod osobisty, 2)')[0]).toMatch(/^kb-dowod/);
    expect(kb.count()).toBe(5);
  });

  it('replaces an article on update and forgets it on removal', () => {
    kb.upsert([article('kb-gabaryty', 'Wywóz mebli', { keywords: [] })]);
    expect(ids('wielkogabarytowych')).toEqual([]);
    expect(ids('mebli')).toEqual(['kb-gabaryty']);
    expect(kb.remove('kb-gabaryty')).toBe(true);
    expect(ids('mebli')).toEqual([]);
  });

  it('after a wipe (a replica reset) indexes and corrects words again', () => {
    kb.clear();
    expect(kb.count()).toBe(0);
    expect(ids('drzewo')).toEqual([]);
    kb.upsert([article('kb-drzewo', 'Powalone lub niebezpieczne drzewo')]);
    expect(kb.search({ query: 'powalne drzwo' }).hits.map((hit) => hit.id)).toEqual(['kb-drzewo']);
  });

  it('answers the hot lookups from indexes', () => {
    expect(queryPlan(db, 'SELECT 1 FROM kb_terms WHERE term >= ? AND term < ? LIMIT 1', 'dow', 'dow\u{10ffff}').join()).toMatch(/SEARCH kb_terms USING PRIMARY KEY/);
    expect(queryPlan(db, 'SELECT synonym FROM kb_synonyms WHERE term = ?', 'x').join()).toMatch(/SEARCH kb_synonyms USING PRIMARY KEY/);
    expect(queryPlan(db, 'SELECT term FROM kb_term_trigrams WHERE trigram IN (?, ?)', 'a', 'b').join()).toMatch(/SEARCH kb_term_trigrams USING PRIMARY KEY/);
    expect(queryPlan(db, 'SELECT doc FROM kb_articles WHERE id = ?', 'x').join()).toMatch(/USING COVERING INDEX sqlite_autoindex_kb_articles_1|USING INDEX/);
  });
});

describe('article counts per word', () => {
  const docs = (term: string) => (db.prepare('SELECT docs FROM kb_terms WHERE term = ?').pluck().get(term) as number | undefined) ?? 0;

  it('follow adds, edits and removals, so rare and common words are told apart without reading the index', () => {
    expect(docs('osobistego')).toBe(2); // the two identity-card articles above
    kb.upsert([article('a', 'Wydanie paszportu tymczasowego'), article('b', 'Zgubiony paszport tymczasowy')]);
    expect(docs('tymczasowego')).toBe(1);
    expect(docs('paszportu')).toBe(1);
    kb.upsert([article('a', 'Wydanie karty parkingowej')]); // edited: its old words count down
    expect(docs('paszportu')).toBe(0);
    expect(docs('tymczasowego')).toBe(0);
    expect(docs('parkingowej')).toBe(1);
    expect(ids('tymczasowego')).toEqual(['b']); // by the prefix "tymczas": only the other article still holds it
    kb.remove('b');
    expect(docs('zgubiony')).toBe(0);
    expect(ids('tymczasowy')).toEqual([]);
  });
});

describe('words most of a large base holds', () => {
  it('carry no weight: their matches tie, and the ones with the word in the title come first', () => {
    const bulk = Array.from({ length: 2100 }, (_, i) => article(`bulk-${i}`, `Notatka służbowa ${i}`, { body: `Parkowanie pojazdu w rejonie ${i}.` }));
    kb.upsert([...bulk, article('kb-strefa', 'Parkowanie w strefie płatnej', { body: 'Opłaty i abonamenty.' })]);
    const result = kb.search({ query: 'parkowanie', limit: 5 });
    expect(result.hits[0]?.id).toBe('kb-strefa');
    expect(result.hits).toHaveLength(5); // filled with tied matches from the rest of the text
    expect(ids('parkowanie strefa')[0]).toBe('kb-strefa'); // a word with weight: ranked as usual
  });
});
