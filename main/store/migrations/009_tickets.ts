import type { Migration } from './types';

// Reserved for issue 7; filled in by that capability.
export const migration009Tickets: Migration = {
  version: 9,
  name: 'tickets',
  up() {},
};
