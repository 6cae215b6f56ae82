import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendProbe } from '../../../main/status/backend-probe';
import type { BackendReachability } from '../../../preload/contract';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** A real HTTP server on loopback answering /health with `status`. */
async function healthServer(status: number): Promise<string> {
  const server = createServer((req, res) => res.writeHead(req.url === '/api/health' ? status : 404).end());
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

function probeWatching(): { probe: BackendProbe; next: () => Promise<BackendReachability> } {
  const waiting: ((state: BackendReachability) => void)[] = [];
  const probe = new BackendProbe({ intervalMs: 60_000, timeoutMs: 1_000, onChange: (state) => waiting.shift()?.(state) });
  closers.push(() => probe.stop());
  return { probe, next: () => new Promise((done) => waiting.push(done)) };
}

describe('backend reachability', () => {
  it('is "not configured" without an address and "reachable" when /health answers 200', async () => {
    const { probe, next } = probeWatching();
    expect(probe.state.reachability).toBe('not_configured');
    const url = await healthServer(200);
    const checking = next();
    const settled = checking.then(() => next());
    probe.setUrl(url);
    expect(await checking).toBe('checking');
    expect(await settled).toBe('reachable');
  });

  it('is "unreachable" when the backend fails or nobody listens', async () => {
    const { probe, next } = probeWatching();
    const failing = await healthServer(503);
    const states = next().then(() => next());
    probe.setUrl(failing);
    expect(await states).toBe('unreachable');
    const { probe: other, next: otherNext } = probeWatching();
    const closed = otherNext().then(() => otherNext());
    other.setUrl('http://127.0.0.1:1');
    expect(await closed).toBe('unreachable');
  });
});
