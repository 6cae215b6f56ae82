/*
 * Dates as Open311 servers write them: the spec asks for ISO 8601 with an offset, but real servers
 * also send "Z", no zone at all, a space instead of "T", or a bare date. A date without a zone is
 * read as UTC (the server's zone is unknown to us) and flagged, so callers can prefer other clocks.
 */

export interface ServerDate {
  ms: number;
  /** ISO 8601 with an offset: the server's own text when it had one, else the UTC form. */
  iso: string;
  zoned: boolean;
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

export function parseServerDate(text: string | null | undefined): ServerDate | null {
  if (!text) return null;
  const match = DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [, day, time, zone] = match;
  if (!time) {
    const ms = Date.parse(`${day}T00:00:00Z`);
    return Number.isNaN(ms) ? null : { ms, iso: new Date(ms).toISOString(), zoned: false };
  }
  const normalizedZone = !zone ? 'Z' : zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 3 ? `${zone}:00` : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${day}T${time}${normalizedZone}`);
  if (Number.isNaN(ms)) return null;
  return { ms, iso: zone ? `${day}T${time}${normalizedZone}` : new Date(ms).toISOString(), zoned: Boolean(zone) };
}

/** What we send as start_date/end_date: whole seconds, UTC, "Z" (the form most servers accept). */
export function formatServerDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
