import { describe, expect, it } from 'vitest';
import { easterSunday, polishHolidays } from '../../../main/routing/holidays';
import { addWorkingHours, instantOf } from '../../../main/routing/working-time';

const warsaw = (iso: string) => {
  const [date, time = '00:00'] = iso.split('T') as [string, string?];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  return instantOf(y, m, d, hh * 60 + mm, 'Europe/Warsaw');
};
const inWarsaw = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw', dateStyle: 'short', timeStyle: 'short' }).format(new Date(ms)).replace(' ', 'T');

describe('Polish public holidays', () => {
  it('finds Easter Sunday for known years', () => {
    expect(easterSunday(2024)).toEqual([3, 31]);
    expect(easterSunday(2025)).toEqual([4, 20]);
    expect(easterSunday(2026)).toEqual([4, 5]);
    expect(easterSunday(2038)).toEqual([4, 25]);
  });

  it('lists the fixed and movable feasts, with Christmas Eve from 2025', () => {
    const h2025 = polishHolidays(2025);
    expect(h2025.get('2025-04-21')).toBe('Poniedziałek Wielkanocny');
    expect(h2025.get('2025-06-08')).toBe('Zielone Świątki');
    expect(h2025.get('2025-06-19')).toBe('Boże Ciało');
    expect(h2025.get('2025-12-24')).toBe('Wigilia Bożego Narodzenia');
    expect(polishHolidays(2024).has('2024-12-24')).toBe(false);
    expect(polishHolidays(2024).get('2024-05-30')).toBe('Boże Ciało');
    expect(h2025.size).toBe(14);
  });
});

describe('deadlines in working hours (8:00–16:00, Europe/Warsaw)', () => {
  it('counts within one working day', () => {
    expect(inWarsaw(addWorkingHours(warsaw('2025-03-12T09:00'), 4))).toBe('2025-03-12T13:00');
  });

  it('skips the weekend', () => {
    expect(inWarsaw(addWorkingHours(warsaw('2025-03-14T15:00'), 2))).toBe('2025-03-17T09:00');
  });

  it('starts at the next opening when filed at night or on a Sunday', () => {
    expect(inWarsaw(addWorkingHours(warsaw('2025-03-12T22:30'), 1))).toBe('2025-03-13T09:00');
    expect(inWarsaw(addWorkingHours(warsaw('2025-03-16T11:00'), 8))).toBe('2025-03-17T16:00');
  });

  it('skips Easter Monday after a weekend', () => {
    expect(inWarsaw(addWorkingHours(warsaw('2025-04-18T15:00'), 4))).toBe('2025-04-22T11:00');
  });

  it('skips Christmas Eve, both Christmas days and the weekend after them', () => {
    expect(inWarsaw(addWorkingHours(warsaw('2025-12-23T15:00'), 2))).toBe('2025-12-29T09:00');
  });

  it('skips the May holidays and Corpus Christi', () => {
    // 1 May (Thursday) is a holiday, 2 May a working Friday, 3 May a Saturday anyway.
    expect(inWarsaw(addWorkingHours(warsaw('2025-04-30T12:00'), 8))).toBe('2025-05-02T12:00');
    expect(inWarsaw(addWorkingHours(warsaw('2025-05-02T15:00'), 2))).toBe('2025-05-05T09:00');
    expect(inWarsaw(addWorkingHours(warsaw('2025-06-18T14:00'), 4))).toBe('2025-06-20T10:00');
  });

  it('keeps office hours in local time across the change to summer time', () => {
    // Friday 28 March (CET) + 8 h → Monday 31 March (CEST), 15:00 local either way.
    expect(inWarsaw(addWorkingHours(warsaw('2025-03-28T15:00'), 8))).toBe('2025-03-31T15:00');
  });

  it('spans several weeks for long deadlines', () => {
    // 80 h = 10 working days from Mon 3 Nov 2025 8:00; 11 Nov is a holiday → ends Mon 17 Nov 16:00.
    expect(inWarsaw(addWorkingHours(warsaw('2025-11-03T08:00'), 80))).toBe('2025-11-17T16:00');
  });
});
