import { describe, expect, it, vi } from 'vitest';
import { CallLogReporter } from '../../../renderer/features/softphone/call-log-reporter';
import { outcomeOf } from '../../../renderer/features/softphone/call-outcome';

describe('call log reports', () => {
  it('sends in order, keeps a failed report queued and sends it again later', async () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    let failNext = true;
    const reporter = new CallLogReporter(async (method) => {
      if (failNext) {
        failNext = false;
        throw new Error('call log not built yet');
      }
      sent.push(method);
    });
    reporter.report('calls.started', { id: 'a', direction: 'inbound', remoteNumber: '1', remoteName: null, queue: null, startedAt: 1 });
    reporter.report('calls.ended', { id: 'a', endedAt: 2, outcome: 'abandoned', transferredTo: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);
    expect(reporter.pending).toBe(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toEqual(['calls.started', 'calls.ended']);
    expect(reporter.pending).toBe(0);
    vi.useRealTimers();
  });

  it('names the outcome of each way a call ends', () => {
    expect(outcomeOf({ direction: 'inbound' }, 'canceled', false)).toBe('abandoned');
    expect(outcomeOf({ direction: 'inbound' }, 'rejected', false)).toBe('rejected');
    expect(outcomeOf({ direction: 'inbound' }, 'no_answer', false)).toBe('missed');
    expect(outcomeOf({ direction: 'inbound' }, 'hangup_remote', true)).toBe('answered');
    expect(outcomeOf({ direction: 'inbound' }, 'media_failed', true)).toBe('failed');
    expect(outcomeOf({ direction: 'inbound' }, 'transferred', true)).toBe('transferred');
    expect(outcomeOf({ direction: 'outbound' }, 'busy', false)).toBe('failed');
  });
});
