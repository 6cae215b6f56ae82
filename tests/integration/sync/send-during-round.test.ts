import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../preload/contract';
import { startTestCore } from '../../helpers/core';
import { testBackend } from '../../helpers/test-backend';
import { tempDir } from '../../helpers/temp-dir';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** Resolves with the first sync status that matches (the core emits one at every step of a round). */
function nextStatus(desk: ReturnType<typeof startTestCore>, match: (status: SyncStatus) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const unsubscribe = desk.core.subscribe((event) => {
      if (event.name === 'sync.changed' && match(event.payload as SyncStatus)) {
        unsubscribe();
        resolve();
      }
    });
  });
}

describe('work queued while a sync round is under way', () => {
  // Regression (chats-many.spec.ts failed now and then): the end of a round re-armed the timer for
  // the next pull over the pending 50 ms send, so a chat message written while the previous one's
  // round was pulling waited for the pull interval (30 s by default) before it went.
  it('is sent right after that round, not at the next pull', async () => {
    const city = await testBackend();
    const desk = startTestCore(tempDir(), { pullIntervalMs: 3_600_000 });
    closers.push(() => desk.core.close());
    await desk.call('settings.update', { backend: { url: city.url } });
    await desk.call('auth.login', { username: 'konsultant', password: 'konsultant' });
    await desk.core.syncOnce(); // the first, long pull is behind us: later pulls are quick

    for (let i = 0; i < 5; i += 1) {
      const pulling = nextStatus(desk, (status) => status.pull.running);
      await desk.call('agent.setState', { state: i % 2 ? 'available' : 'not_available', reason: i % 2 ? null : 'break' });
      await pulling; // this round's push is done; what is queued now waits for the next one
      const sent = nextStatus(desk, (status) => status.unsentCount === 0 && status.state === 'idle');
      await desk.call('agent.setState', { state: i % 2 ? 'not_available' : 'available', reason: i % 2 ? 'break' : null });
      await sent; // with the pull an hour away, only the kick's own timer gets here
    }
    expect(((await desk.call('sync.status')) as { result: SyncStatus }).result.unsentCount).toBe(0);
  }, 20_000);
});
