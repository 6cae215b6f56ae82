import { statSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './files';
import { benchmarkCorpus, polishTexts, relevanceQueries, seedArticles } from './kb-corpus';
import { flexSearchEngine, miniSearchEngine, sqliteEngine } from './kb-engines';
import type { Engine } from './kb-engines';
import { relevanceOf } from './relevance';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';
import type { KbArticle } from '../../preload/contract';

const ARTICLES = 50_000;

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 ** 2;
}

/** Queries as typed at a desk: the relevance set, FAQ questions, and the first words of reports. */
function latencyQueries(): string[] {
  const { questions, reports } = polishTexts();
  return [
    ...relevanceQueries().map((q) => q.q),
    ...questions.slice(0, 150),
    ...reports.slice(0, 150).map((r) => r.text.split(/\s+/).slice(0, 3).join(' ')),
  ];
}

function timeQueries(engine: Engine, queries: readonly string[]): number[] {
  for (const query of queries.slice(0, 50)) engine.search(query); // warm up
  return queries.map((query) => {
    const started = performance.now();
    engine.search(query);
    return performance.now() - started;
  });
}

interface Built {
  engine: Engine;
  buildSeconds: number;
  memoryMb: number;
}

function build(make: () => Engine, memory: () => number): Built {
  const before = heapMb();
  const started = performance.now();
  const engine = make();
  const buildSeconds = (performance.now() - started) / 1000;
  return { engine, buildSeconds, memoryMb: memory() - before };
}

function updated(articles: readonly KbArticle[]): KbArticle[] {
  return articles.slice(1000, 2000).map((article) => ({ ...article, title: `${article.title} (zmiana)`, updated_at: '2026-11-01T09:00:00+01:00' }));
}

/** Search speed, index build and update rate, and memory on 50,000 articles: the desk beside MiniSearch and FlexSearch. */
export async function kbSearch(): Promise<BenchResult> {
  const corpus = benchmarkCorpus(ARTICLES);
  const queries = latencyQueries();
  const dir = benchDir('kb-search');
  const figures: Record<string, number> = { articles: corpus.length, queries: queries.length };
  const engines: [string, Built][] = [
    ['desk', build(() => sqliteEngine(dir, corpus), () => heapMb() + statSync(join(dir, 'desk.sqlite')).size / 1024 ** 2)],
    ['minisearch', build(() => miniSearchEngine(corpus), heapMb)],
    ['flexsearch', build(() => flexSearchEngine(corpus), heapMb)],
  ];
  for (const [key, built] of engines) {
    const samples = timeQueries(built.engine, queries);
    const changed = updated(corpus);
    const started = performance.now();
    built.engine.update(changed);
    const updateSeconds = (performance.now() - started) / 1000;
    figures[`${key}_p50_ms`] = round(percentile(samples, 50), 3);
    figures[`${key}_p99_ms`] = round(percentile(samples, 99), 3);
    figures[`${key}_build_s`] = round(built.buildSeconds, 1);
    figures[`${key}_build_per_s`] = Math.round(corpus.length / built.buildSeconds);
    figures[`${key}_update_per_s`] = Math.round(changed.length / updateSeconds);
    figures[`${key}_memory_mb`] = round(built.memoryMb, 1);
    built.engine.close();
  }
  return result(
    'kb-search',
    `${corpus.length} articles (seed + real Polish text), ${queries.length} queries; desk p99 includes snippets and highlights, the others return ids only; desk memory = JS heap + database file`,
    figures,
    { figure: 'desk_p99_ms', max: 10 },
  );
}

/** Relevance on the relevance set: on the seed alone and hidden among 50,000 articles. */
export async function kbRelevance(): Promise<BenchResult> {
  const queries = relevanceQueries();
  const figures: Record<string, number> = { queries: queries.length };
  for (const [corpusName, corpus] of [
    ['seed', seedArticles()],
    ['50k', benchmarkCorpus(ARTICLES)],
  ] as const) {
    const engines: [string, Engine][] = [
      ['desk', sqliteEngine(benchDir(`kb-relevance-${corpusName}`), corpus)],
      ['minisearch', miniSearchEngine(corpus)],
      ['flexsearch', flexSearchEngine(corpus)],
    ];
    for (const [key, engine] of engines) {
      const relevance = relevanceOf(engine.search, queries);
      figures[`${corpusName}_${key}_top1`] = round(relevance.top1, 3);
      figures[`${corpusName}_${key}_top3`] = round(relevance.top3, 3);
      figures[`${corpusName}_${key}_mrr5`] = round(relevance.mrr5, 3);
      engine.close();
    }
  }
  return { ...result('kb-relevance', 'top-1, top-3 and MRR@5 on tests/fixtures/kb-relevance.jsonl; target: desk top-3 on the seed ≥ 0.9 (shown as 1 - top3 ≤ 0.1)', { ...figures, seed_desk_top3_gap: round(1 - (figures.seed_desk_top3 ?? 0), 3) }, { figure: 'seed_desk_top3_gap', max: 0.1 }) };
}
