import { KbArticleInput, toFieldIssues } from '../../preload/contract';
import type { FieldIssue, KbArticle } from '../../preload/contract';

export interface LineError {
  line: number;
  issues: FieldIssue[];
}

/**
 * Reads JSON Lines of articles: the valid ones are returned to import, every invalid line is
 * reported with its number and what is wrong, so one bad line never stops an import.
 */
export function parseArticleLines(text: string): { articles: KbArticle[]; errors: LineError[] } {
  const articles: KbArticle[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      errors.push({ line, issues: [{ field: '', code: `json_invalid: ${(error as Error).message}` }] });
      return;
    }
    const parsed = KbArticleInput.safeParse(json);
    if (!parsed.success) {
      errors.push({ line, issues: toFieldIssues(parsed.error) });
      return;
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier !== undefined) {
      errors.push({ line, issues: [{ field: 'id', code: `duplicate_of_line_${earlier}` }] });
      return;
    }
    seen.set(parsed.data.id, line);
    articles.push(parsed.data);
  });
  return { articles, errors };
}
