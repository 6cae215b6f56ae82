import { MessageChannel, Worker } from 'node:worker_threads';
import { WebSocket } from 'ws';
import { Core } from '../../main/core/core';
import { silentLogger } from '../../main/core/log';
import { startWebHost } from '../../main/web-host/server';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';
import { benchDir } from './files';

const WARMUP = 500;
const ROUNDS = 10_000;

/**
 * Round trips of `core.ping`, one at a time, as a consultant's UI sends small requests. Only the
 * reply with the request's own id ends a round trip: the core also pushes events on its own.
 */
async function measure(send: (message: unknown) => void, onMessage: (listener: (message: unknown) => void) => void): Promise<number[]> {
  let waitingFor = '';
  let resolveReply: (() => void) | undefined;
  onMessage((message) => {
    const reply = message as { kind?: string; id?: string };
    if (reply.kind === 'reply' && reply.id === waitingFor) resolveReply?.();
  });
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i += 1) {
    const started = performance.now();
    await new Promise<void>((done) => {
      resolveReply = done;
      waitingFor = `b${i}`;
      send({ kind: 'request', id: waitingFor, method: 'core.ping', params: {} });
    });
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  return samples;
}

function figures(samples: number[]): Record<string, number> {
  return { p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), max_ms: round(Math.max(...samples)), rounds: samples.length };
}

export async function bridgeWebSocket(): Promise<BenchResult> {
  const core = new Core({ dataDir: benchDir('bridge-ws'), appVersion: 'bench', log: silentLogger });
  const host = await startWebHost({ core, rendererDir: benchDir('bridge-ws-renderer'), log: silentLogger });
  const signIn = await fetch(host.url, { redirect: 'manual' });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const socket = new WebSocket(`${host.origin.replace('http', 'ws')}/bridge`, { headers: { cookie, origin: host.origin } });
  await new Promise((done, fail) => socket.once('open', done).once('error', fail));
  const samples = await measure(
    (message) => socket.send(JSON.stringify(message)),
    (listener) => socket.on('message', (data: Buffer) => listener(JSON.parse(data.toString()))),
  );
  socket.close();
  await host.close();
  core.close();
  return result('bridge-ws', 'core.ping round trip over the browser host WebSocket (loopback, JSON, validated)', figures(samples), { figure: 'p99_ms', max: 2 });
}

export async function bridgeMessagePort(): Promise<BenchResult> {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL('./bridge-port-worker.ts', import.meta.url), {
    workerData: { dataDir: benchDir('bridge-port'), port: port1 },
    transferList: [port1],
    execArgv: ['--import', 'tsx'],
  });
  await new Promise((done, fail) => worker.once('message', done).once('error', fail));
  const samples = await measure(
    (message) => port2.postMessage(message),
    (listener) => port2.on('message', listener),
  );
  port2.close();
  await worker.terminate();
  return result('bridge-port', 'core.ping round trip to a core in another thread over a MessagePort (structured clone, as MessagePortMain)', figures(samples), {
    figure: 'p99_ms',
    max: 2,
  });
}
