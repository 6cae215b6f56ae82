import { instantOf, wallTime } from '../../backend/common/wall-clock';
import { isPolishHoliday } from './holidays';

export { instantOf, wallTime };

/*
 * Deadlines in working hours: a unit's clock runs only on working days (Monday–Friday, not a Polish
 * public holiday) within office hours, in the city's time zone (Europe/Warsaw, with its DST).
 */

export interface WorkingCalendar {
  timeZone: string;
  /** Office hours as minutes after midnight, [start, end). */
  startMinute: number;
  endMinute: number;
}

export const CITY_CALENDAR: WorkingCalendar = { timeZone: 'Europe/Warsaw', startMinute: 8 * 60, endMinute: 16 * 60 };

function isoOf(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function isWorkingDay(year: number, month: number, day: number): boolean {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPolishHoliday(isoOf(year, month, day));
}

/** `from` plus `hours` working hours. Work started outside office hours counts from the next opening. */
export function addWorkingHours(from: number, hours: number, calendar: WorkingCalendar = CITY_CALENDAR): number {
  let remaining = Math.round(hours * 60);
  const start = wallTime(from, calendar.timeZone);
  let { year, month, day } = start;
  let minute = start.minute;
  for (let guard = 0; guard < 3660; guard++) {
    if (isWorkingDay(year, month, day)) {
      const begin = Math.max(minute, calendar.startMinute);
      if (begin < calendar.endMinute) {
        const available = calendar.endMinute - begin;
        if (remaining <= available) return instantOf(year, month, day, begin + remaining, calendar.timeZone);
        remaining -= available;
      }
    }
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    year = next.getUTCFullYear();
    month = next.getUTCMonth() + 1;
    day = next.getUTCDate();
    minute = 0;
  }
  throw new Error('deadline beyond ten years');
}
