import type { ReactNode } from 'react';

/**
 * A tiny Markdown renderer for service cards: paragraphs, headings (and lines that are wholly
 * **bold**, which the cards use as section headings), bullet and numbered lists, **bold**,
 * *italic*, `code` and [links](https://…). It builds React elements from text only: HTML in a
 * body is never interpreted, "<script>" shows as those characters.
 */
export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; lines: string[] }
  | { type: 'list'; ordered: boolean; start: number; items: string[] };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BOLD_LINE = /^\*\*([^*]+?)\*\*:?\s*$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*(\d{1,9})[.)]\s+(.*)$/;

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] | null = null;
  let list: Extract<Block, { type: 'list' }> | null = null;
  const close = (): void => {
    paragraph = null;
    list = null;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    const boldLine = heading ? null : BOLD_LINE.exec(line);
    if (heading || boldLine) {
      close();
      blocks.push(heading ? { type: 'heading', level: heading[1]!.length, text: heading[2]! } : { type: 'heading', level: 2, text: boldLine![1]!.trim() });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      const current = list as Extract<Block, { type: 'list' }> | null;
      if (!current || current.ordered !== ordered) {
        paragraph = null;
        list = { type: 'list', ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
        blocks.push(list);
      }
      (list as unknown as Extract<Block, { type: 'list' }>).items.push(bullet ? bullet[1]! : numbered![2]!);
      continue;
    }
    const currentList = list as Extract<Block, { type: 'list' }> | null;
    if (currentList && /^\s+/.test(raw)) {
      // An indented line continues the last list item.
      const last = currentList.items.length - 1;
      currentList.items[last] = `${currentList.items[last]} ${line.trim()}`;
      continue;
    }
    list = null;
    if (!paragraph) {
      paragraph = [];
      blocks.push({ type: 'paragraph', lines: paragraph });
    }
    (paragraph as string[]).push(line);
  }
  return blocks;
}

const SAFE_LINK = /^(https?:|mailto:|tel:)/i;
// Order matters: links first, then code, bold, italic.
const INLINE = /\[([^\]\n]+)\]\(([^)\s]+)\)|`([^`\n]+)`|\*\*([^*\n]+?)\*\*|__([^_\n]+?)__|\*([^*\n]+?)\*|(?<![\p{L}\p{N}])_([^_\n]+?)_(?![\p{L}\p{N}])/gu;

/** Inline Markdown as React nodes: strings and elements, never HTML. */
export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const nodes: ReactNode[] = [];
  let at = 0;
  let n = 0;
  for (const match of text.matchAll(INLINE)) {
    const index = match.index;
    if (index > at) nodes.push(text.slice(at, index));
    const key = `${keyPrefix}-${n++}`;
    const [, linkText, href, code, bold, boldU, italic, italicU] = match;
    if (linkText !== undefined && href !== undefined) {
      nodes.push(
        SAFE_LINK.test(href) ? (
          // The shell opens target=_blank links in the system browser; the desk never navigates.
          <a key={key} href={href} target="_blank" rel="noopener noreferrer">
            {linkText}
          </a>
        ) : (
          linkText
        ),
      );
      if (linkText !== href) nodes.push(` (${href})`);
    } else if (code !== undefined) nodes.push(<code key={key}>{code}</code>);
    else if (bold !== undefined || boldU !== undefined) nodes.push(<strong key={key}>{renderInline(bold ?? boldU ?? '', key)}</strong>);
    else nodes.push(<em key={key}>{italic ?? italicU}</em>);
    at = index + match[0].length;
  }
  if (at < text.length) nodes.push(text.slice(at));
  return nodes;
}

/** Markdown as plain text for the clipboard: markers removed, lists as "- item". */
export function blocksToText(blocks: readonly Block[]): string {
  const plain = (text: string): string =>
    text.replace(INLINE, (_m, linkText?: string, href?: string, code?: string, bold?: string, boldU?: string, italic?: string, italicU?: string) =>
      linkText !== undefined ? (linkText === href ? linkText : `${linkText} (${href})`) : (code ?? bold ?? boldU ?? italic ?? italicU ?? ''),
    );
  return blocks
    .map((block) => {
      if (block.type === 'heading') return plain(block.text);
      if (block.type === 'paragraph') return block.lines.map(plain).join('\n');
      return block.items.map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${plain(item)}`).join('\n');
    })
    .join('\n');
}

/** The body as headings, paragraphs and lists; `baseLevel` is the HTML level of a section heading. */
export function MarkdownBody({ markdown, baseLevel = 4 }: { markdown: string; baseLevel?: number }) {
  const blocks = parseBlocks(markdown);
  return (
    <>
      {blocks.map((block, b) => {
        const key = `b${b}`;
        if (block.type === 'heading') {
          // "#" and "##" (and bold lines) are the card's sections, one level below its title.
          const level = Math.min(6, baseLevel + Math.max(0, block.level - 2));
          const Tag = `h${level}` as 'h4';
          return <Tag key={key}>{renderInline(block.text, key)}</Tag>;
        }
        if (block.type === 'paragraph') {
          return (
            <p key={key}>
              {block.lines.map((line, l) => (
                <span key={`${key}-${l}`}>
                  {l > 0 && <br />}
                  {renderInline(line, `${key}-${l}`)}
                </span>
              ))}
            </p>
          );
        }
        const items = block.items.map((item, i) => <li key={`${key}-${i}`}>{renderInline(item, `${key}-${i}`)}</li>);
        return block.ordered ? (
          <ol key={key} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={key}>{items}</ul>
        );
      })}
    </>
  );
}
