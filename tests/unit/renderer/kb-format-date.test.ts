import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../renderer/features/kb/format-date';

describe("an article's dates", () => {
  it('show a bare date as that calendar day, a date-time in the reader’s zone, and odd text as it is', () => {
    expect(formatDate('2027-01-01', 'pl')).toBe('1 stycznia 2027');
    expect(formatDate('2027-01-01', 'en')).toBe('January 1, 2027');
    expect(formatDate('2026-09-14T10:30:00+02:00', 'pl')).toMatch(/^14 września 2026$/);
    expect(formatDate('od stycznia', 'pl')).toBe('od stycznia');
    expect(formatDate(null, 'pl')).toBe('');
  });
});
