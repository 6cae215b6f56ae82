import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

type Messages = { [key: string]: string | Messages };

function keys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) => (typeof value === 'string' ? [prefix + key] : keys(value, `${prefix}${key}.`)));
}

const root = new URL('../../../renderer/', import.meta.url).pathname;
const featureDirs = readdirSync(join(root, 'features')).filter((name) => existsSync(join(root, 'features', name, 'locales', 'pl.json')));
const sources = [join(root, 'locales'), ...featureDirs.map((name) => join(root, 'features', name, 'locales'))];

describe('the Polish and English strings', () => {
  it.each(sources)('%s: both languages have the same keys, none empty', (dir) => {
    const pl = JSON.parse(readFileSync(join(dir, 'pl.json'), 'utf8')) as Messages;
    const en = JSON.parse(readFileSync(join(dir, 'en.json'), 'utf8')) as Messages;
    // Polish has more plural forms than English (few, many): compare the base keys.
    const base = (messages: Messages) => [...new Set(keys(messages).map((key) => key.replace(/_(zero|one|two|few|many|other)$/, '')))].sort();
    expect(base(en)).toEqual(base(pl));
    const empty = [...keys(pl)].filter((key) => key.split('.').reduce<string | Messages>((node, part) => (node as Messages)[part] ?? '', pl) === '');
    expect(empty).toEqual([]);
  });
});
