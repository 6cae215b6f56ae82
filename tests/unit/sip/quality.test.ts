import { describe, expect, it } from 'vitest';
import { estimateMos, quality } from '../../../renderer/sip/quality';

describe('call quality from WebRTC statistics', () => {
  it('rates a clean loopback call as good', () => {
    const q = quality(null, { packetsReceived: 500, packetsLost: 0, jitter: 0.002, roundTrip: 0.001 });
    expect(q.lossPercent).toBe(0);
    expect(q.mos).toBeGreaterThan(4.3);
    expect(q.level).toBe('good');
  });

  it('counts loss over the interval only, and heavy loss and delay make it poor', () => {
    const first = { packetsReceived: 1000, packetsLost: 0, jitter: 0.01, roundTrip: 0.05 };
    const second = { packetsReceived: 1080, packetsLost: 20, jitter: 0.06, roundTrip: 0.4 };
    const q = quality(first, second);
    expect(q.lossPercent).toBeCloseTo(20, 5);
    expect(q.level).toBe('poor');
    expect(q.roundTripMs).toBe(400);
  });

  it('keeps MOS between 1 and 4.5', () => {
    expect(estimateMos(100, 500, 2000)).toBe(1);
    expect(estimateMos(0, 0, 0)).toBeLessThanOrEqual(4.5);
  });
});
