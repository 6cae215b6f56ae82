// A desk in its own process, for the reliability tests that kill it (kill -9) or skew its clock:
//   node --import tsx tests/integration/sync/desk-worker.ts DATA_DIR BACKEND_URL MODE [K]
// MODE `work`: sign in if needed, then K times: save an agent-state change through the core's
// use-case and run one sync round. MODE `drain`: sync rounds until nothing is left to send.
// One JSON line per step on stdout (the parent reads where a kill landed): ready, saved, sending,
// sent, done. Nothing else is printed on stdout.
import { Core } from '../../../main/core/core';
import { createLogger } from '../../../main/core/log';
import type { MethodName, MethodParams } from '../../../preload/contract';

const [dataDir, backendUrl, mode = 'work', count = '10'] = process.argv.slice(2);
if (!dataDir || !backendUrl) {
  process.stderr.write('usage: desk-worker.ts DATA_DIR BACKEND_URL work|drain [K]\n');
  process.exit(2);
}

const print = (line: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify(line)}\n`);
const core = new Core({ dataDir, appVersion: '0.0.0-worker', log: createLogger(process.stderr, 'error'), pullIntervalMs: 3_600_000, backendCheckIntervalMs: 3_600_000 });
let nextId = 0;
async function call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<unknown> {
  const reply = await core.handle({ kind: 'request', id: `w${++nextId}`, method, params: params ?? {} });
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.result;
}

const auth = (await call('auth.status')) as { state: string };
if (auth.state !== 'signed_in') {
  await call('settings.update', { backend: { url: backendUrl } });
  await call('auth.login', { username: 'konsultant', password: 'konsultant' });
}
print({ ev: 'ready', pid: process.pid, now: Date.now() });

if (mode === 'work') {
  const states = ['available', 'after_call_work'] as const;
  for (let i = 0; i < Number(count); i += 1) {
    await call('agent.setState', { state: states[i % 2]! });
    print({ ev: 'saved', i });
    print({ ev: 'sending' });
    const status = await core.syncOnce();
    print({ ev: 'sent', unsent: status.unsentCount, state: status.state });
  }
} else {
  for (let round = 0; round < 50; round += 1) {
    const status = await core.syncOnce();
    print({ ev: 'sent', unsent: status.unsentCount, state: status.state, lastError: status.lastError });
    if (status.unsentCount === 0 && status.state === 'idle') break;
    await new Promise((done) => setTimeout(done, 100));
  }
}
const final = await core.syncOnce();
print({ ev: 'done', unsent: final.unsentCount, state: final.state, lastError: final.lastError, auth: await call('auth.status') });
core.close();
process.exit(0);
