/*
 * Polish public holidays (ustawa o dniach wolnych od pracy): fixed dates, and the movable feasts
 * counted from Easter Sunday. Christmas Eve is a holiday from 2025 on.
 */

/** Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm): [month 1–12, day]. */
export function easterSunday(year: number): [number, number] {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

/** "YYYY-MM-DD" of a calendar date given as UTC midnight plus `days`. */
function isoDay(year: number, month: number, day: number, plusDays = 0): string {
  return new Date(Date.UTC(year, month - 1, day + plusDays)).toISOString().slice(0, 10);
}

const cache = new Map<number, Map<string, string>>();

/** The year's holidays: "YYYY-MM-DD" → Polish name. */
export function polishHolidays(year: number): Map<string, string> {
  const cached = cache.get(year);
  if (cached) return cached;
  const [em, ed] = easterSunday(year);
  const days: [string, string][] = [
    [isoDay(year, 1, 1), 'Nowy Rok'],
    [isoDay(year, 1, 6), 'Święto Trzech Króli'],
    [isoDay(year, em, ed), 'Wielkanoc'],
    [isoDay(year, em, ed, 1), 'Poniedziałek Wielkanocny'],
    [isoDay(year, 5, 1), 'Święto Pracy'],
    [isoDay(year, 5, 3), 'Święto Konstytucji 3 Maja'],
    [isoDay(year, em, ed, 49), 'Zielone Świątki'],
    [isoDay(year, em, ed, 60), 'Boże Ciało'],
    [isoDay(year, 8, 15), 'Wniebowzięcie Najświętszej Maryi Panny'],
    [isoDay(year, 11, 1), 'Wszystkich Świętych'],
    [isoDay(year, 11, 11), 'Narodowe Święto Niepodległości'],
    [isoDay(year, 12, 25), 'Boże Narodzenie (pierwszy dzień)'],
    [isoDay(year, 12, 26), 'Boże Narodzenie (drugi dzień)'],
  ];
  if (year >= 2025) days.push([isoDay(year, 12, 24), 'Wigilia Bożego Narodzenia']);
  const map = new Map(days);
  cache.set(year, map);
  return map;
}

export function isPolishHoliday(isoDate: string): boolean {
  return polishHolidays(Number(isoDate.slice(0, 4))).has(isoDate);
}
