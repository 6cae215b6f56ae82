/** An article's date (ISO date or date-time) in the reader's language; the raw text if unreadable. */
export function formatDate(iso: string | null, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date);
}
