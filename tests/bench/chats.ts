// Chat benchmark (issue 8): resident-to-desk message latency on loopback. A resident's WebSocket
// sends to the real backend process (tsx), which delivers over the desk core's live channel; the
// clock stops when the core emits the message to its clients (after storing it in SQLite).
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { Core } from '../../main/core/core';
import { silentLogger } from '../../main/core/log';
import type { EventEnvelope, MethodName, MethodParams } from '../../preload/contract';
import { startBackendProcess } from '../helpers/backend-process';
import { benchDir } from './files';
import { percentile, result, round } from './stats';
import type { BenchResult } from './stats';

const SAMPLES = 300;
const DESK_SAMPLES = 100;
let requestId = 0;

async function call<M extends MethodName>(core: Core, method: M, params?: MethodParams<M>): Promise<unknown> {
  const reply = await core.handle({ kind: 'request', id: `c${++requestId}`, method, params: params ?? {} });
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.result;
}

/** Resolves with the first core event that matches. */
function nextEvent(core: Core, match: (event: EventEnvelope) => boolean, timeoutMs = 10_000): Promise<EventEnvelope> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (unsubscribe(), reject(new Error('no such event'))), timeoutMs);
    const unsubscribe = core.subscribe((event) => {
      if (!match(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

export async function chatLatency(): Promise<BenchResult> {
  const dir = benchDir('chats-latency');
  const backend = await startBackendProcess(join(dir, 'backend.sqlite'));
  const core = new Core({ dataDir: join(dir, 'desk'), appVersion: 'bench', log: silentLogger, pullIntervalMs: 3_600_000, backendCheckIntervalMs: 3_600_000 });
  try {
    await call(core, 'settings.update', { backend: { url: backend.url } });
    await call(core, 'auth.login', { username: 'konsultant', password: 'konsultant' });
    await call(core, 'agent.setState', { state: 'available', reason: null });
    await core.syncOnce();
    const connected = nextEvent(core, (e) => e.name === 'chats.connection' && (e.payload as { state: string }).state === 'connected');
    await call(core, 'chats.state');
    await connected;

    const offered = nextEvent(core, (e) => e.name === 'chats.offer');
    const start = (await (await fetch(`${backend.url}/chat/start`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Bench', queue: 'general' }) })).json()) as {
      conversation_id: string;
      key: string;
    };
    const resident = new WebSocket(`${backend.url.replace(/^http/, 'ws')}/chats/resident?conversation=${start.conversation_id}&key=${encodeURIComponent(start.key)}`);
    await new Promise((resolve, reject) => (resident.once('open', resolve), resident.once('error', reject)));
    const offer = await offered;
    await call(core, 'chats.accept', { offerId: (offer.payload as { id: string }).id });

    const samples: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const id = randomUUID();
      const arrived = nextEvent(core, (e) => e.name === 'chats.messages' && (e.payload as { messages: { id: string }[] }).messages.some((m) => m.id === id));
      const t0 = performance.now();
      resident.send(JSON.stringify({ type: 'message', client_id: id, text: `Wiadomość ${i}: zażółć gęślą jaźń 🚋` }));
      await arrived;
      samples.push(performance.now() - t0);
    }
    // The other way: the consultant's message through the outbox and one sync round to the resident's socket.
    const back: number[] = [];
    for (let i = 0; i < DESK_SAMPLES; i += 1) {
      const text = `Odpowiedź ${i}: zażółć gęślą jaźń`;
      const arrived = new Promise<void>((resolve) => {
        const onMessage = (raw: WebSocket.RawData) => {
          const frame = JSON.parse(String(raw)) as { type: string; message?: { text: string } };
          if (frame.type !== 'message' || frame.message?.text !== text) return;
          resident.off('message', onMessage);
          resolve();
        };
        resident.on('message', onMessage);
      });
      const t0 = performance.now();
      await call(core, 'chats.send', { conversationId: start.conversation_id, text });
      await arrived;
      back.push(performance.now() - t0);
    }
    resident.close();
    return result(
      'chats-latency',
      `resident → desk message latency on loopback (${SAMPLES} messages, one after another): resident WebSocket → backend (stored, numbered) → desk core WebSocket → desk SQLite → bridge event; and desk → resident (${DESK_SAMPLES}): chats.send → outbox → sync push (50 ms send delay) → resident WebSocket`,
      {
        p50_ms: round(percentile(samples, 50), 2),
        p95_ms: round(percentile(samples, 95), 2),
        max_ms: round(Math.max(...samples), 2),
        desk_to_resident_p50_ms: round(percentile(back, 50), 2),
        desk_to_resident_p95_ms: round(percentile(back, 95), 2),
        desk_to_resident_max_ms: round(Math.max(...back), 2),
      },
      { figure: 'p95_ms', max: 100 },
    );
  } finally {
    core.close();
    await backend.stop();
  }
}
