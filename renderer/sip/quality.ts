// Call quality from WebRTC statistics: packet loss, jitter and round trip, and an estimated MOS
// from a simplified ITU-T G.107 E-model (the usual approximation for VoIP monitoring).

export interface QualitySample {
  /** Cumulative counters from inbound-rtp. */
  packetsReceived: number;
  packetsLost: number;
  /** Seconds (inbound-rtp jitter). */
  jitter: number;
  /** Seconds (candidate-pair currentRoundTripTime or remote-inbound-rtp roundTripTime), null if unknown. */
  roundTrip: number | null;
}

export interface Quality {
  lossPercent: number;
  jitterMs: number;
  roundTripMs: number | null;
  mos: number;
  level: 'good' | 'fair' | 'poor';
}

/** Quality over the interval between two samples (loss counts the interval only). */
export function quality(previous: QualitySample | null, current: QualitySample): Quality {
  const received = current.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = Math.max(0, current.packetsLost - (previous?.packetsLost ?? 0));
  const lossPercent = received + lost > 0 ? (lost / (received + lost)) * 100 : 0;
  const jitterMs = current.jitter * 1000;
  const roundTripMs = current.roundTrip === null ? null : current.roundTrip * 1000;
  const mos = estimateMos(lossPercent, jitterMs, roundTripMs ?? 0);
  return { lossPercent, jitterMs, roundTripMs, mos, level: mos >= 4 ? 'good' : mos >= 3.5 ? 'fair' : 'poor' };
}

/** E-model: effective latency (one way + jitter buffer), delay and loss impairments, R → MOS. */
export function estimateMos(lossPercent: number, jitterMs: number, roundTripMs: number): number {
  const effectiveLatency = roundTripMs / 2 + jitterMs * 2 + 10;
  let r = effectiveLatency < 160 ? 93.2 - effectiveLatency / 40 : 93.2 - (effectiveLatency - 120) / 10;
  r -= lossPercent * 2.5;
  r = Math.max(0, Math.min(100, r));
  const mos = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
  return Math.round(Math.max(1, Math.min(4.5, mos)) * 100) / 100;
}

/** Reads one sample out of an RTCStatsReport (audio only). */
export function sampleFromStats(report: { forEach(callback: (stat: Record<string, unknown>) => void): void }): QualitySample | null {
  let inbound: { packetsReceived?: number; packetsLost?: number; jitter?: number } | null = null;
  let roundTrip: number | null = null;
  report.forEach((stat: Record<string, unknown>) => {
    if (stat.type === 'inbound-rtp' && stat.kind === 'audio') inbound = stat as typeof inbound;
    if (stat.type === 'remote-inbound-rtp' && typeof stat.roundTripTime === 'number') roundTrip = stat.roundTripTime;
    if (stat.type === 'candidate-pair' && stat.nominated === true && typeof stat.currentRoundTripTime === 'number') roundTrip ??= stat.currentRoundTripTime;
  });
  if (!inbound) return null;
  const found = inbound as { packetsReceived?: number; packetsLost?: number; jitter?: number };
  return { packetsReceived: found.packetsReceived ?? 0, packetsLost: found.packetsLost ?? 0, jitter: found.jitter ?? 0, roundTrip };
}
