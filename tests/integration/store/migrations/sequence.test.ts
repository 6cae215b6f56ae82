import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../main/store/migrations';

describe('the migration list', () => {
  it('numbers every step one after the other, from 1', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('names each step after its file', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(new URL('../../../../main/store/migrations/', import.meta.url)).filter((f) => /^\d{3}_/.test(f));
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(MIGRATIONS.map((m) => m.version));
    for (const migration of MIGRATIONS) {
      expect(files).toContain(`${String(migration.version).padStart(3, '0')}_${migration.name}.ts`);
    }
  });
});
