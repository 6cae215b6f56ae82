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

  it('marks an article announced ahead and ranks it behind the one in force until its date', () => {
    kb.upsert([
      article('kb-odpady-2027', 'Opłata za odpady komunalne – nowe stawki', { valid_from: '2027-01-01', category: 'Odpady' }),
      article('kb-odpady', 'Opłata za odpady komunalne', { category: 'Odpady', body: 'Stawki obowiązujące w tym roku.' }),
    ]);
    const before = kb.search({ query: 'oplata za odpady' }, new Date('2026-11-21T10:00:00Z')).hits;
    expect(before.map((hit) => hit.id).slice(0, 2)).toEqual(['kb-odpady', 'kb-odpady-2027']);
    expect(before[1]).toMatchObject({ validFrom: '2027-01-01', expired: false });
    expect(kb.article('kb-odpady-2027', new Date('2026-11-21T10:00:00Z'))).toMatchObject({ validFrom: '2027-01-01', upcoming: true });
    const after = kb.search({ query: 'oplata za odpady' }, new Date('2027-01-02T10:00:00Z')).hits.find((hit) => hit.id === 'kb-odpady-2027');
    expect(after).toMatchObject({ validFrom: null });
    expect(after?.score).toBeCloseTo(2 * before[1]!.score, 2); // in force: its full weight again
    expect(kb.article('kb-odpady-2027', new Date('2027-01-02T10:00:00Z'))).toMatchObject({ upcoming: false });
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
  // More articles than BM25 ranks for one query (8,000): each holds "parkowanie", a tenth "strefa".
  const bulk = Array.from({ length: 8100 }, (_, i) =>
    article(`bulk-${i}`, `Notatka służbowa ${i}`, { body: `Parkowanie pojazdu w rejonie ${i}.${i % 10 === 0 ? ' Strefa płatna.' : ''}` }),
  );

  it('break their ties by the title instead of ranking thousands of matches, and rank as usual once a rarer word comes', () => {
    kb.upsert([...bulk, article('kb-strefa', 'Parkowanie w strefie płatnej', { body: 'Opłaty i abonamenty.' })]);
    db.prepare("UPDATE kb_articles SET usage_count = 5 WHERE id = 'bulk-50'").run();
    const tied = kb.search({ query: 'parkowanie pojazdu', limit: 5 }).hits.map((hit) => hit.id);
    expect(tied).toHaveLength(5);
    expect(tied[0]).toBe('bulk-50'); // the most used of the ties (BM25 would put its longer text last)
    expect(ids('parkowanie')[0]).toBe('kb-strefa'); // the word in a title comes first
    kb.upsert([article('bulk-sm', 'Notatka patrolu', { unit: 'Straż Miejska', body: 'Parkowanie pojazdu na trawniku.' })]);
    expect(ids('parkowanie pojazdu', { unit: 'Straż Miejska' })).toEqual(['bulk-sm']); // the filter applies before the stream's limit
    expect(ids('parkowanie strefa')[0]).toBe('kb-strefa'); // "strefa" is in 811 articles: ranked by BM25
  });

  it('leave a long question to its rarer words when no article holds every word', () => {
    kb.upsert([...bulk, article('kb-wrak', 'Porzucony wrak bez tablic', { body: 'Zgłoś pojazd bez tablic rejestracyjnych stojący od miesięcy.' })]);
    const result = kb.search({ query: 'wrak parkowanie pojazdu od miesiaca na osiedlu' });
    expect(result.understood.fallback).toBe('any_word');
    expect(result.hits[0]?.id).toBe('kb-wrak');
  });
});

describe('article counts per indexed prefix', () => {
  const prefixDocs = (prefix: string) => (db.prepare('SELECT docs FROM kb_prefix_docs WHERE prefix = ?').pluck().get(prefix) as number | undefined) ?? 0;

  it('count each article once for the prefix it holds, through adds, edits and removals', () => {
    expect(prefixDocs('dowod')).toBe(2); // "dowodu" and "dowód" in the same article count once
    expect(prefixDocs('dow')).toBe(2);
    kb.upsert([article('a', 'Dowóz dzieci do szkoły')]);
    expect(prefixDocs('dow')).toBe(3);
    expect(prefixDocs('dowod')).toBe(2);
    kb.upsert([article('a', 'Transport dzieci do szkoły')]); // edited: "dowóz" is gone
    expect(prefixDocs('dow')).toBe(2);
    expect(prefixDocs('transp')).toBe(1);
    kb.remove('kb-dowod-wydanie');
    expect(prefixDocs('dowod')).toBe(1);
    kb.clear();
    expect(prefixDocs('dowod')).toBe(0);
  });

  it('are read by the primary key', () => {
    expect(queryPlan(db, 'SELECT docs FROM kb_prefix_docs WHERE prefix = ?', 'dowod').join()).toMatch(/SEARCH kb_prefix_docs USING PRIMARY KEY \(prefix=\?\)/);
  });
});
