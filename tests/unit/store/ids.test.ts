import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../main/store/ids';

describe('uuidv7', () => {
  it('has version 7, the RFC variant and the time in its first 48 bits', () => {
    const id = uuidv7(Date.UTC(2026, 10, 21, 5, 43, 47, 123));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 21, 5, 43, 47, 123));
  });

  it('sorts in creation order, also within one millisecond and when the clock steps back', () => {
    const ids = [uuidv7(5_000), uuidv7(5_000), uuidv7(5_000), uuidv7(4_000), uuidv7(6_000)];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
