import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArticleLines } from '../../main/kb/import-articles';
import type { KbArticle } from '../../preload/contract';
import { parseCsv } from '../../main/classifier/csv';

const DATA = resolve('../shared/data');
export const SEED_ARTICLES = resolve('resources/kb/seed-articles.jsonl');
export const RELEVANCE_SET = resolve('tests/fixtures/kb-relevance.jsonl');

export interface RelevanceQuery {
  q: string;
  expected: string[];
  kind: string;
}

export function seedArticles(): KbArticle[] {
  const { articles, errors } = parseArticleLines(readFileSync(SEED_ARTICLES, 'utf8'));
  if (errors.length > 0) throw new Error(`seed has invalid lines: ${JSON.stringify(errors.slice(0, 3))}`);
  return articles;
}

export function relevanceQueries(): RelevanceQuery[] {
  return readFileSync(RELEVANCE_SET, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RelevanceQuery);
}

/** Real Polish text from shared data: Wrocław municipal police reports, PoQuAD paragraphs, FAQ questions. */
export function polishTexts(): { reports: { text: string; type: string; place: string }[]; paragraphs: { title: string; text: string }[]; questions: string[] } {
  const rows = parseCsv(readFileSync(`${DATA}/wroclaw-straz-miejska/interwencje_2016-2017.csv`, 'utf8')).slice(1);
  const reports = rows.filter((r) => (r[3] ?? '').trim().length > 10).map((r) => ({ text: r[3]!.trim(), type: (r[4] ?? '').trim(), place: (r[5] ?? '').trim() }));
  const poquad = JSON.parse(readFileSync(`${DATA}/pl-text/poquad/poquad_dev_2022-12.json`, 'utf8')) as { data: { title: string; paragraphs: { context: string }[] }[] };
  const paragraphs = poquad.data.flatMap((doc) => doc.paragraphs.map((p) => ({ title: doc.title, text: p.context })));
  const questions = readFileSync(`${DATA}/pl-text/allegro_faq_questions.txt`, 'utf8').split('\n').map((q) => q.trim()).filter(Boolean);
  return { reports, paragraphs, questions };
}

/**
 * `count` articles: the project's seed cards plus articles cut from real Polish text, each with a
 * report as its title, a question as its summary and a paragraph and three reports as its body
 * (about the length of a service card).
 */
export function benchmarkCorpus(count: number): KbArticle[] {
  const seed = existsSync(SEED_ARTICLES) ? seedArticles() : [];
  const { reports, paragraphs, questions } = polishTexts();
  const out: KbArticle[] = [...seed];
  for (let i = 0; out.length < count; i += 1) {
    const report = reports[i % reports.length]!;
    out.push({
      id: `bulk-${i}`,
      title: report.text.slice(0, 120),
      summary: questions[i % questions.length]!,
      body: [paragraphs[i % paragraphs.length]!.text, reports[(i * 7 + 1) % reports.length]!.text, reports[(i * 13 + 2) % reports.length]!.text, reports[(i * 31 + 3) % reports.length]!.text].join('\n\n'),
      documents: [],
      fees: '',
      deadlines: '',
      where_when: '',
      links: [],
      keywords: [report.type, report.place].filter(Boolean),
      unit: 'Straż Miejska',
      category: report.type || 'Inne',
      updated_at: '2026-10-01T09:00:00+02:00',
      expires_at: null,
      lang: 'pl',
    });
  }
  return out;
}
