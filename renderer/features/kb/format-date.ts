/**
 * An article's date in the reader's language; the raw text if unreadable. A bare date
 * ("2027-01-01") is a calendar day, not midnight UTC: shown as that day in every time zone.
 */
export function formatDate(iso: string | null, language: string): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', ...(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? { timeZone: 'UTC' } : {}) }).format(date);
}
