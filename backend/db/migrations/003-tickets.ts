import type { Migration } from './types';

// Reserved for issue 7; filled in by that capability.
export const migration003: Migration = {
  version: 3,
  name: 'tickets',
  sql: () => 'SELECT 1',
};
