import type { KbArticleView } from '../../../preload/contract';

/** The facts a card holds beside its body, each under its own heading. */
export type CardFact = 'documents' | 'fees' | 'deadlines' | 'whereWhen' | 'links';

/** A link's label or address written so that it cannot end the Markdown link early. */
const linkLabel = (text: string): string => text.replace(/[[\]\s]+/g, ' ').trim();
const ESCAPED: Record<string, string> = { '(': '%28', ')': '%29' };
const linkAddress = (url: string): string => url.replace(/[()\s]/g, (character) => ESCAPED[character] ?? encodeURIComponent(character));

/**
 * The whole card as one Markdown text: its facts first (documents, fees, deadlines, where and
 * when: what a consultant reads out most), then the body, then related forms and links. One text
 * serves the screen, the clipboard and the answer sent to the resident.
 */
export function cardMarkdown(article: Pick<KbArticleView, 'documents' | 'fees' | 'deadlines' | 'whereWhen' | 'links' | 'body'>, heading: (fact: CardFact) => string): string {
  const section = (fact: CardFact, text: string): string => (text.trim() === '' ? '' : `**${heading(fact)}**\n${text.trim()}`);
  return [
    section('documents', article.documents.map((item) => `- ${item.replace(/\s*\n\s*/g, ' ')}`).join('\n')),
    section('fees', article.fees),
    section('deadlines', article.deadlines),
    section('whereWhen', article.whereWhen),
    article.body.trim(),
    section('links', article.links.map((link) => `- [${linkLabel(link.title)}](${linkAddress(link.url)})`).join('\n')),
  ]
    .filter((part) => part !== '')
    .join('\n\n');
}
