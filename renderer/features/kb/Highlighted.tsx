import type { ReactNode } from 'react';
import type { HighlightedText } from '../../../preload/contract';

/**
 * Text with <mark> around the [start, end) ranges the core found. Ranges are clamped, sorted and
 * merged, so a bad range can never throw or duplicate text; the text is only ever a React string.
 */
export function Highlighted({ value, className }: { value: HighlightedText; className?: string }) {
  const { text } = value;
  const ranges = value.highlights
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push(text.slice(at, from));
    parts.push(
      <mark key={from} className={className}>
        {text.slice(from, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
