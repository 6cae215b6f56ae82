import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { syncStateText } from '../../../renderer/features/sync/sync-text';
import type { SyncStatus } from '../../../preload/contract';

// A stand-in for i18next's t that shows the key and its values, enough to see which text is chosen.
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as TFunction;

const idle: SyncStatus = {
  state: 'idle',
  unsentCount: 0,
  needsReviewCount: 0,
  oldestUnsentAt: null,
  lastError: null,
  nextAttemptAt: null,
  lastSentAt: null,
  lastPulledAt: null,
  pull: { applied: 0, running: false },
};

describe('the sync state in words', () => {
  it('shows a long pull moving, then the usual state', () => {
    expect(syncStateText(t, { ...idle, pull: { applied: 1500, running: true } }, 0)).toBe('sync.state.pulling {"count":1500}');
    expect(syncStateText(t, idle, 0)).toBe('sync.state.sent');
    expect(syncStateText(t, { ...idle, state: 'waiting', nextAttemptAt: 30_000 }, 0)).toBe('sync.state.waiting {"seconds":30}');
    expect(syncStateText(t, { ...idle, state: 'offline', unsentCount: 3 }, 0)).toBe('sync.state.offline');
  });
});
