import type { HighlightedText } from '../../preload/contract';
import { foldWithOffsets } from './polish-text';

/** Markdown marks that would show as noise in a one-line snippet. */
function plain(text: string): string {
  return text.replace(/[*_`#>]+/g, '').replace(/^\s*[-+]\s+/gm, '').replace(/\s+/g, ' ').trim();
}

let lastPattern: { key: string; pattern: RegExp } | undefined;

/** Folded words beginning with one of the prefixes: one regular expression per search (every hit's fields), not per word. */
function prefixPattern(prefixes: readonly string[]): RegExp {
  const key = prefixes.join(' ');
  if (lastPattern?.key !== key) {
    const alternatives = [...new Set(prefixes)].map((prefix) => prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    lastPattern = { key, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})[\\p{L}\\p{N}]*`, 'gu') };
  }
  return lastPattern.pattern;
}

/** Ranges of `text` whose folded words start with one of `prefixes`, in the original's offsets. */
export function highlight(text: string, prefixes: readonly string[]): HighlightedText {
  if (prefixes.length === 0) return { text, highlights: [] };
  const { folded, origin } = foldWithOffsets(text);
  const highlights: [number, number][] = [];
  for (const match of folded.matchAll(prefixPattern(prefixes))) {
    highlights.push([origin[match.index]!, origin[match.index + match[0].length]!]);
  }
  return { text, highlights };
}

/**
 * A window of about `length` characters of `text` holding the most matched words, cut at word
 * boundaries, with its highlights; the start of the text when nothing matches.
 */
export function snippet(source: string, prefixes: readonly string[], length = 180): HighlightedText {
  const text = plain(source);
  const all = highlight(text, prefixes);
  if (text.length <= length) return all;
  let bestStart = 0;
  let bestCount = -1;
  for (const [start] of all.highlights) {
    const from = Math.max(0, start - 40);
    const count = all.highlights.filter(([s, e]) => s >= from && e <= from + length).length;
    if (count > bestCount) {
      bestCount = count;
      bestStart = from;
    }
  }
  let from = bestStart === 0 ? 0 : text.lastIndexOf(' ', bestStart) + 1;
  let to = Math.min(text.length, from + length);
  if (to < text.length) to = Math.max(text.lastIndexOf(' ', to), from + 1);
  if (from < 0) from = 0;
  const prefix = from > 0 ? '… ' : '';
  const suffix = to < text.length ? ' …' : '';
  const shift = prefix.length - from;
  return {
    text: prefix + text.slice(from, to) + suffix,
    highlights: all.highlights.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s + shift, e + shift] as [number, number]),
  };
}
