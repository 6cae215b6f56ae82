import type { Migration } from './types';

// Reserved for issue 5; filled in by that capability.
export const migration002: Migration = {
  version: 2,
  name: 'contacts',
  sql: () => 'SELECT 1',
};
