/*
 * Wall-clock time in a time zone (with its DST) and back: used by the desk's deadlines in working
 * hours and the backend's visit slots from opening hours.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  minute: number;
}

/** The wall-clock date and minute of an instant in the zone. */
export function wallTime(ms: number, timeZone: string): Wall {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), minute: Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60 };
}

/** The instant of a wall-clock time in the zone (office hours never fall in a DST gap). */
export function instantOf(year: number, month: number, day: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, 0, minute);
  // Correct by the zone's offset at the guess, then once more in case the offset differs there.
  let ms = guess;
  for (let i = 0; i < 2; i++) {
    const w = wallTime(ms, timeZone);
    const asUtc = Date.UTC(w.year, w.month - 1, w.day, 0, Math.round(w.minute));
    ms += guess - asUtc;
  }
  return ms;
}
