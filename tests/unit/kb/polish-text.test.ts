import { describe, expect, it } from 'vitest';
import { editDistance, trigrams } from '../../../main/kb/edit-distance';
import { foldText, foldWithOffsets, searchPrefix, words } from '../../../main/kb/polish-text';
import { highlight, snippet } from '../../../main/kb/snippet';

describe('Polish folding', () => {
  it('lowers case and removes every Polish diacritic, ł included', () => {
    expect(foldText('Zażółć GĘŚLĄ JAŹŃ, Łódź')).toBe('zazolc gesla jazn, lodz');
    expect(words('Wywóz śmieci — gabaryty/PSZOK (2026)')).toEqual(['wywoz', 'smieci', 'gabaryty', 'pszok', '2026']);
  });

  it('maps folded offsets back to the original text', () => {
    const text = 'Ósma Łąka';
    const { folded, origin } = foldWithOffsets(text);
    expect(folded).toBe('osma laka');
    const start = folded.indexOf('laka');
    expect(text.slice(origin[start], origin[start + 4])).toBe('Łąka');
  });

  it('finds other inflected forms through a shared prefix', () => {
    const prefix = (word: string) => searchPrefix(foldText(word));
    expect('dowod').toMatch(new RegExp(`^${prefix('dowodu')}`));
    expect('wniosek').toMatch(new RegExp(`^${prefix('wniosku')}`));
    expect('rejestracja').toMatch(new RegExp(`^${prefix('rejestracji')}`));
    expect('nieruchomosci').toMatch(new RegExp(`^${prefix('nieruchomość')}`));
    expect(prefix('psa')).toBe('psa');
  });
});

describe('typo distance', () => {
  it('counts one edit for a swap, a missing and a wrong letter', () => {
    expect(editDistance('rejstracja', 'rejestracja')).toBe(1);
    expect(editDistance('podatek', 'podaetk')).toBe(1);
    expect(editDistance('meldunek', 'meldumek')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
    expect(trigrams('ab')).toEqual([' ab', 'ab ']);
  });
});

describe('highlights and snippets', () => {
  it('marks words by prefix in the original text and never emits markup', () => {
    const result = highlight('Utrata dowodu osobistego: <b>zastrzeż</b> dowód', ['dowod', 'zastrz']);
    expect(result.highlights.map(([s, e]) => result.text.slice(s, e))).toEqual(['dowodu', 'zastrzeż', 'dowód']);
    expect(result.text).toContain('<b>');
    expect(highlight('Przedowodowy zapis, DOWÓD', ['dowod']).highlights).toEqual([[20, 25]]); // word starts only
  });

  it('cuts a window around the matches of a long body, without Markdown marks', () => {
    const body = `**Wymagane dokumenty**\n- ${'wniosek '.repeat(30)}\n\n**Opłaty**: rejestracja pojazdu kosztuje 180,50 zł. ${'inne '.repeat(40)}`;
    const result = snippet(body, ['rejestr']);
    expect(result.text.length).toBeLessThan(200);
    expect(result.text).not.toContain('**');
    expect(result.highlights.map(([s, e]) => result.text.slice(s, e))).toEqual(['rejestracja']);
  });
});

describe('folding a whole text and char by char', () => {
  it('gives the same result, so index words and snippet offsets agree', () => {
    const text = 'Zażółć gęślą jaźń — ŁÓDŹ, Øresund, Đakovo; ﬁ Ǆ İstanbul café 😀 Żółw';
    const { folded, origin } = foldWithOffsets(text);
    expect(folded).toBe(foldText(text));
    expect(text.slice(origin[folded.indexOf('zolw')], origin[folded.indexOf('zolw') + 4])).toBe('Żółw'); // after a surrogate pair
  });
});
