import { describe, expect, it } from 'vitest';
import { relevanceQueries, seedArticles } from '../../bench/kb-corpus';
import { sqliteEngine } from '../../bench/kb-engines';
import { relevanceOf } from '../../bench/relevance';
import { tempDir } from '../../helpers/temp-dir';

describe('knowledge-base relevance on queries typed as consultants type them', () => {
  it('finds the expected service card in the top 3 for at least 90% of the queries', () => {
    const queries = relevanceQueries();
    const seed = seedArticles();
    expect(queries.length).toBeGreaterThanOrEqual(100);
    expect(seed.length).toBeGreaterThanOrEqual(60);
    const engine = sqliteEngine(tempDir(), seed);
    const relevance = relevanceOf(engine.search, queries);
    engine.close();
    const byKind = new Map<string, number>();
    for (const miss of relevance.misses) {
      const kind = queries.find((q) => q.q === miss.q)?.kind ?? '?';
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    }
    console.info(
      `relevance: ${relevance.queries} queries, top-1 ${relevance.top1.toFixed(3)}, top-3 ${relevance.top3.toFixed(3)}, MRR@5 ${relevance.mrr5.toFixed(3)}; misses by kind ${JSON.stringify(Object.fromEntries(byKind))}`,
    );
    for (const miss of relevance.misses) console.info(`  miss: ${JSON.stringify(miss)}`);
    expect(relevance.top3).toBeGreaterThanOrEqual(0.9);
  });
});
