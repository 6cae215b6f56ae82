import type { Migration } from './types';

// Reserved for issue 5; filled in by that capability.
export const migration008CallsContacts: Migration = {
  version: 8,
  name: 'calls_contacts',
  up() {},
};
