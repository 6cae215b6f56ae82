/**
 * Synonym pairs from a MyThes thesaurus (OpenOffice format, e.g. the Polish one in shared data):
 * a headword line "word|count" followed by `count` lines "-|syn|syn (qualifier)|...". Only
 * single words are kept; qualifiers in brackets are dropped.
 */
export function* mythesPairs(text: string): Generator<[string, string]> {
  const lines = text.split('\n');
  let head: string | undefined;
  for (const line of lines.slice(1)) {
    if (!line.startsWith('-|')) {
      head = line.split('|')[0]?.trim();
      continue;
    }
    if (!head || /\s/.test(head)) continue;
    for (const raw of line.split('|').slice(1)) {
      const synonym = raw.replace(/\([^)]*\)/g, '').trim();
      if (synonym && !/\s/.test(synonym)) yield [head, synonym];
    }
  }
}
