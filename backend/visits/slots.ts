import { isPolishHoliday } from '../common/polish-holidays';
import { instantOf, wallTime } from '../common/wall-clock';
import type { OpeningWindow, VisitSlot } from './contract';

export const CITY_TIME_ZONE = 'Europe/Warsaw';
/** How far ahead slots are offered. */
export const BOOKING_HORIZON_DAYS = 60;

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Slots of `durationMinutes` within the opening windows, from `from` on, skipping Polish public
 * holidays and the starts in `taken`; at most `limit`, earliest first.
 */
export function freeSlots(hours: readonly OpeningWindow[], durationMinutes: number, from: number, taken: ReadonlySet<number>, limit: number, timeZone = CITY_TIME_ZONE): VisitSlot[] {
  const slots: VisitSlot[] = [];
  const start = wallTime(from, timeZone);
  for (let day = 0; day < BOOKING_HORIZON_DAYS && slots.length < limit; day++) {
    const date = new Date(Date.UTC(start.year, start.month - 1, start.day + day));
    const iso = date.toISOString().slice(0, 10);
    if (isPolishHoliday(iso)) continue;
    const weekday = ((date.getUTCDay() + 6) % 7) + 1;
    const windows = hours.filter((w) => w.weekday === weekday).sort((a, b) => minutes(a.open) - minutes(b.open));
    for (const window of windows) {
      for (let m = minutes(window.open); m + durationMinutes <= minutes(window.close); m += durationMinutes) {
        const startsAt = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), m, timeZone);
        if (startsAt < from || taken.has(startsAt)) continue;
        slots.push({ starts_at: startsAt, ends_at: startsAt + durationMinutes * 60_000 });
        if (slots.length >= limit) return slots;
      }
    }
  }
  return slots;
}

/** True when `startsAt` begins a slot of the office's schedule (not a made-up time). */
export function isSlotStart(hours: readonly OpeningWindow[], durationMinutes: number, startsAt: number, timeZone = CITY_TIME_ZONE): boolean {
  return freeSlots(hours, durationMinutes, startsAt, new Set(), 1, timeZone)[0]?.starts_at === startsAt;
}
