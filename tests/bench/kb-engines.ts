import { join } from 'node:path';
import { Document } from 'flexsearch';
import MiniSearch from 'minisearch';
import { KbIndex, searchableBody } from '../../main/kb/kb-index';
import { mythesPairs } from '../../main/kb/thesaurus';
import { foldText, words } from '../../main/kb/polish-text';
import { openStore } from '../../main/store/database';
import type { KbArticle } from '../../preload/contract';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const THESAURUS = resolve('../shared/data/pl-text/mythes_th_pl_PL_v2.utf8.dat');

/** A search engine under test: build it from articles, then ask for ranked ids. */
export interface Engine {
  name: string;
  search(query: string): string[];
  /** Replaces these articles (the update path). */
  update(articles: readonly KbArticle[]): void;
  close(): void;
}

const FIELDS = ['title', 'keywords', 'summary', 'body'] as const;
const WEIGHTS: Record<(typeof FIELDS)[number], number> = { title: 10, keywords: 6, summary: 3, body: 1 };
// The same text the desk indexes: a card's facts (documents, fees, ...) count as its body.
const flat = (article: KbArticle) => ({ id: article.id, title: article.title, keywords: article.keywords.join(' '), summary: article.summary, body: searchableBody(article) });

/** The desk's own index: SQLite FTS5 in a real database file, with the Polish thesaurus. */
export function sqliteEngine(dir: string, articles: readonly KbArticle[]): Engine {
  const opened = openStore(join(dir, 'desk.sqlite'));
  if (!opened.ok) throw new Error(opened.status.detail);
  const kb = new KbIndex(opened.db);
  kb.upsert(articles);
  kb.addSynonyms(mythesPairs(readFileSync(THESAURUS, 'utf8')), 'thesaurus');
  return {
    name: 'desk (SQLite FTS5)',
    search: (query) => kb.search({ query, limit: 10 }).hits.map((hit) => hit.id),
    update: (changed) => kb.upsert(changed),
    close: () => opened.db.close(),
  };
}

/** MiniSearch with the same folding, field boosts, prefix search and fuzzy matching. */
export function miniSearchEngine(articles: readonly KbArticle[]): Engine {
  const index = new MiniSearch({
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text) => words(text),
    processTerm: (term) => foldText(term),
    searchOptions: { boost: WEIGHTS, prefix: true, fuzzy: 0.2, combineWith: 'OR' },
  });
  index.addAll(articles.map(flat));
  return {
    name: 'MiniSearch 7',
    search: (query) => index.search(query).slice(0, 10).map((hit) => String(hit.id)),
    update: (changed) => {
      for (const article of changed) {
        index.discard(article.id);
        index.add(flat(article));
      }
    },
    close: () => undefined,
  };
}

/** FlexSearch Document index with the same folding, forward (prefix) tokenizing, fields merged by weight. */
export function flexSearchEngine(articles: readonly KbArticle[]): Engine {
  const encode = (text: string) => words(text);
  const index = new Document({
    document: { id: 'id', index: FIELDS.map((field) => ({ field, tokenize: 'forward' as const, encode })) },
  });
  for (const article of articles) index.add(flat(article));
  return {
    name: 'FlexSearch 0.8',
    search: (query) => {
      const scores = new Map<string, number>();
      for (const { field, result } of index.search(query, { limit: 20, suggest: true }) as { field: (typeof FIELDS)[number]; result: (string | number)[] }[]) {
        result.forEach((id, rank) => scores.set(String(id), (scores.get(String(id)) ?? 0) + WEIGHTS[field] / (rank + 1)));
      }
      return [...scores.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id]) => id);
    },
    update: (changed) => {
      for (const article of changed) index.update(flat(article));
    },
    close: () => undefined,
  };
}
