/** Lower case, Polish letters folded, split into words. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * Word prefixes stand in for stems: Polish inflects at the end ("parkowanie", "parkował",
 * "zaparkowany" share "parkow"). `prefix` characters of each word.
 */
export function prefixFeatures(text: string, prefix = 5): string[] {
  return words(text).map((w) => w.slice(0, prefix));
}

/** The richer set: prefixes of two lengths, word pairs, and character 4-grams across the text. */
export function richFeatures(text: string): string[] {
  const ws = words(text);
  const out: string[] = [];
  for (const w of ws) {
    out.push(`p4:${w.slice(0, 4)}`, `p6:${w.slice(0, 6)}`);
  }
  for (let i = 1; i < ws.length; i++) out.push(`b:${ws[i - 1]!.slice(0, 5)}_${ws[i]!.slice(0, 5)}`);
  const joined = ` ${ws.join(' ')} `;
  for (let i = 0; i + 4 <= joined.length; i++) out.push(`c:${joined.slice(i, i + 4)}`);
  return out;
}
