import type { RelevanceQuery } from './kb-corpus';

export interface Relevance {
  queries: number;
  top1: number;
  top3: number;
  mrr5: number;
  misses: { q: string; expected: string[]; got: string[] }[];
}

/** top-1, top-3 and MRR@5 of a search function (query → ranked ids) on a relevance set. */
export function relevanceOf(search: (query: string) => string[], queries: readonly RelevanceQuery[]): Relevance {
  let top1 = 0;
  let top3 = 0;
  let mrr = 0;
  const misses: Relevance['misses'] = [];
  for (const { q, expected } of queries) {
    const got = search(q).slice(0, 5);
    const rank = got.findIndex((id) => expected.includes(id));
    if (rank === 0) top1 += 1;
    if (rank >= 0 && rank < 3) top3 += 1;
    if (rank >= 0) mrr += 1 / (rank + 1);
    if (rank < 0 || rank >= 3) misses.push({ q, expected, got });
  }
  const n = queries.length;
  return { queries: n, top1: top1 / n, top3: top3 / n, mrr5: mrr / n, misses };
}
