import type { Migration } from './types';

// Reserved for issue 8; filled in by that capability.
export const migration004: Migration = {
  version: 4,
  name: 'chats',
  sql: () => 'SELECT 1',
};
