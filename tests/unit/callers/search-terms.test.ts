import { describe, expect, it } from 'vitest';
import { cleanText, contactTerms, foldedWords } from '../../../main/callers/search-terms';

describe('contact search words', () => {
  it('folds case and Polish diacritics, ł included', () => {
    expect(foldedWords('Łódź, ul. Żółta 5/7')).toEqual(['lodz', 'ul', 'zolta', '5', '7']);
    expect(foldedWords('ANNA ŁĘCKA-Wiśniewska')).toEqual(['anna', 'lecka', 'wisniewska']);
  });

  it('takes the distinct words of the name and the addresses', () => {
    expect(contactTerms('Jan Nowak', ['ul. Nowa 1', 'ul. Długa 2'])).toEqual(['jan', 'nowak', 'ul', 'nowa', '1', 'dluga', '2']);
    expect(contactTerms(null, [])).toEqual([]);
  });
});

describe('untrusted display text', () => {
  it('drops control and bidi-override characters and shortens to the contract\'s length without splitting a character', () => {
    expect(cleanText('Jan\u0000\u202eNowak\n', 200)).toBe('Jan  Nowak');
    expect(cleanText('😀'.repeat(300), 200)).toBe('😀'.repeat(100));
    expect(cleanText(`a${'😀'.repeat(300)}`, 200)).toBe(`a${'😀'.repeat(99)}`);
    expect(cleanText('x'.repeat(5000), 200)).toHaveLength(200);
    expect(cleanText('<script>alert(1)</script>', 200)).toBe('<script>alert(1)</script>');
  });
});
