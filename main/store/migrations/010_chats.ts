import type { Migration } from './types';

// Reserved for issue 8; filled in by that capability.
export const migration010Chats: Migration = {
  version: 10,
  name: 'chats',
  up() {},
};
