import { describe, expect, it } from 'vitest';
import { cardMarkdown } from '../../../renderer/features/kb/card-markdown';
import type { CardFact } from '../../../renderer/features/kb/card-markdown';

const HEADINGS: Record<CardFact, string> = { documents: 'Wymagane dokumenty', fees: 'Opłaty', deadlines: 'Termin załatwienia', whereWhen: 'Gdzie i kiedy', links: 'Formularze i linki' };
const heading = (fact: CardFact): string => HEADINGS[fact];
const EMPTY = { documents: [], fees: '', deadlines: '', whereWhen: '', links: [], body: '' };
/** The section headings of a card's Markdown (lines wholly in bold), in order. */
const sectionsOf = (markdown: string): string[] => [...markdown.matchAll(/^\*\*([^*]+)\*\*$/gm)].map((match) => match[1]!);

describe('a card as one Markdown text', () => {
  it('puts the facts first, each under its heading, then the body, then forms and links', () => {
    const markdown = cardMarkdown(
      {
        documents: ['wniosek', 'zdjęcie 35 × 45 mm'],
        fees: 'Bezpłatnie.',
        deadlines: 'Do 30 dni.',
        whereWhen: 'ul. Główna 1, pon. 8:00–18:00',
        links: [{ title: 'Wniosek (gov.pl)', url: 'https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty' }],
        body: '**Uwagi**\nOdbiór osobiście.',
      },
      heading,
    );
    expect(sectionsOf(markdown)).toEqual(['Wymagane dokumenty', 'Opłaty', 'Termin załatwienia', 'Gdzie i kiedy', 'Uwagi', 'Formularze i linki']);
    expect(markdown).toContain('**Wymagane dokumenty**\n- wniosek\n- zdjęcie 35 × 45 mm\n\n**Opłaty**\nBezpłatnie.');
    expect(markdown.endsWith('**Formularze i linki**\n- [Wniosek (gov.pl)](https://www.gov.pl/web/gov/uzyskaj-dowod-osobisty)')).toBe(true);
  });

  it('leaves out empty facts, and is the body alone for a card without any', () => {
    expect(cardMarkdown({ ...EMPTY, body: '**Uwagi**\nTekst.' }, heading)).toBe('**Uwagi**\nTekst.');
    expect(cardMarkdown({ ...EMPTY, fees: '  ' }, heading)).toBe('');
  });

  it('keeps a link whole when its title or address holds Markdown characters, and a document on its line', () => {
    const markdown = cardMarkdown({ ...EMPTY, documents: ['pierwszy\nwiersz'], links: [{ title: 'Formularz [PDF]', url: 'https://przykladowe.example/a_(b) c' }] }, heading);
    expect(markdown).toBe('**Wymagane dokumenty**\n- pierwszy wiersz\n\n**Formularze i linki**\n- [Formularz PDF](https://przykladowe.example/a_%28b%29%20c)');
  });
});
