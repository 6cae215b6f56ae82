import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CategorySuggestion, ServiceView } from '../../preload/contract';
import { words } from './features';
import { SoftmaxClassifier, type SoftmaxModel } from './models';

/** Where the desk looks for a model trained with `classify train` (next to its database). */
export const MODEL_FILE = 'ticket-classifier.json';

/**
 * Category suggestions for the form: the trained model when one is installed and its categories
 * name services of the catalogue (by code or name); otherwise the catalogue's own words
 * (service names and keywords), matched by word prefix.
 */
export class CategorySuggester {
  private model: SoftmaxClassifier | null | undefined;

  constructor(private readonly dataDir: string) {}

  private loadModel(): SoftmaxClassifier | null {
    if (this.model !== undefined) return this.model;
    const file = join(this.dataDir, MODEL_FILE);
    try {
      this.model = existsSync(file) ? new SoftmaxClassifier(JSON.parse(readFileSync(file, 'utf8')) as SoftmaxModel) : null;
    } catch {
      this.model = null;
    }
    return this.model;
  }

  suggest(text: string, services: readonly ServiceView[], unitName: (id: string | null) => string | null): CategorySuggestion[] {
    if (words(text).length === 0) return [];
    const byKey = new Map<string, ServiceView>();
    for (const s of services) {
      byKey.set(s.code.toLowerCase(), s);
      byKey.set(s.name.toLowerCase(), s);
    }
    const out: CategorySuggestion[] = [];
    const model = this.loadModel();
    if (model) {
      for (const r of model.rank(text, 5)) {
        const service = byKey.get(r.label.toLowerCase());
        if (service) out.push({ serviceCode: service.code, serviceName: service.name, unitName: unitName(service.unitId), score: r.score });
      }
    }
    if (out.length === 0) out.push(...keywordSuggestions(text, services, unitName));
    return out.slice(0, 3);
  }
}

/** Scores services by the share of their words (name, keywords) whose 5-letter prefix the text has. */
export function keywordSuggestions(text: string, services: readonly ServiceView[], unitName: (id: string | null) => string | null): CategorySuggestion[] {
  const prefixes = new Set(words(text).filter((w) => w.length >= 3).map((w) => w.slice(0, 5)));
  const scored: CategorySuggestion[] = [];
  for (const s of services) {
    const vocabulary = new Set([...words(s.name), ...s.keywords.flatMap((k) => words(k))].filter((w) => w.length >= 3).map((w) => w.slice(0, 5)));
    let hits = 0;
    for (const p of vocabulary) if (prefixes.has(p)) hits += 1;
    if (hits > 0) scored.push({ serviceCode: s.code, serviceName: s.name, unitName: unitName(s.unitId), score: hits / Math.sqrt(vocabulary.size) });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, 3);
}
