/** Lower case, no diacritics (ł too): "Łódź, ul. Żółta" → ["lodz", "ul", "zolta"]. */
export function foldedWords(text: string): string[] {
  const folded = text
    .toLocaleLowerCase('pl')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ł/g, 'l');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0 && word.length <= 60);
}

/** The distinct words of a contact's name and addresses, for the search-by-prefix table. */
export function contactTerms(name: string | null, addresses: readonly string[]): string[] {
  return [...new Set([name ?? '', ...addresses].flatMap(foldedWords))];
}

/**
 * Names and other untrusted display text: no control or bidi-override characters, at most `max`
 * UTF-16 units (what the contract's max() counts), never cutting a character in half.
 */
export function cleanText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  if (clean.length <= max) return clean;
  let out = '';
  for (const char of clean) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}
