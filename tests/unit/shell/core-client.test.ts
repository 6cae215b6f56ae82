import { describe, expect, it } from 'vitest';
import { CoreClient } from '../../../main/shell/core-client';
import type { CorePipe } from '../../../main/shell/core-client';
import type { RequestEnvelope } from '../../../preload/contract';

function fakePipe() {
  const sent: RequestEnvelope[] = [];
  let receive: (message: unknown) => void = () => undefined;
  let closed = false;
  const pipe: CorePipe = {
    send: (message) => sent.push(message),
    onMessage: (listener) => (receive = listener),
    close: () => (closed = true),
  };
  return { pipe, sent, reply: (message: unknown) => receive(message), isClosed: () => closed };
}

const status = {
  backend: 'reachable',
  backendCheckedAt: 1,
  unsentCount: 2,
  agent: { state: 'available', reason: null, since: 1 },
  activeCalls: 0,
};

describe('core client', () => {
  it('sends contract requests and resolves with the validated result', async () => {
    const core = fakePipe();
    const client = new CoreClient();
    client.attach(core.pipe);
    const answer = client.request('desk.quitCheck', {});
    expect(core.sent[0]).toMatchObject({ kind: 'request', method: 'desk.quitCheck', params: {} });
    core.reply({ kind: 'reply', id: core.sent[0]!.id, ok: true, result: { activeCalls: 1, unsentCount: 0, mustConfirm: true } });
    await expect(answer).resolves.toEqual({ activeCalls: 1, unsentCount: 0, mustConfirm: true });
  });

  it('rejects with the core error code, and refuses replies that break the contract', async () => {
    const core = fakePipe();
    const invalid: string[] = [];
    const client = new CoreClient({ onInvalidMessage: (detail) => invalid.push(detail) });
    client.attach(core.pipe);
    const failing = client.request('settings.get', {});
    core.reply({ kind: 'reply', id: core.sent[0]!.id, ok: false, error: { code: 'store_unavailable', message: 'no db' } });
    await expect(failing).rejects.toMatchObject({ code: 'store_unavailable' });
    const malformed = client.request('desk.quitCheck', {});
    core.reply({ kind: 'reply', id: core.sent[1]!.id, ok: true, result: { mustConfirm: 'yes' } });
    await expect(malformed).rejects.toMatchObject({ code: 'invalid_reply' });
    core.reply({ hello: 'world' });
    expect(invalid).toHaveLength(2);
  });

  it('delivers valid events to their listeners only', () => {
    const core = fakePipe();
    const client = new CoreClient({ onInvalidMessage: () => undefined });
    client.attach(core.pipe);
    const seen: unknown[] = [];
    const stop = client.on('status.changed', (payload) => seen.push(payload));
    core.reply({ kind: 'event', name: 'status.changed', payload: status });
    core.reply({ kind: 'event', name: 'status.changed', payload: { ...status, unsentCount: -1 } });
    core.reply({ kind: 'event', name: 'system.power', payload: { event: 'resume', at: 1 } });
    stop();
    core.reply({ kind: 'event', name: 'status.changed', payload: status });
    expect(seen).toEqual([status]);
  });

  it('times out, and fails waiting requests at once when the core is replaced', async () => {
    const first = fakePipe();
    const client = new CoreClient({ timeoutMs: 20 });
    client.attach(first.pipe);
    await expect(client.request('core.ping', {})).rejects.toMatchObject({ code: 'timeout' });
    const waiting = client.request('core.ping', {});
    const second = fakePipe();
    client.attach(second.pipe);
    await expect(waiting).rejects.toMatchObject({ code: 'core_restarted' });
    expect(first.isClosed()).toBe(true);
    first.reply({ kind: 'reply', id: 'shell-2', ok: true, result: { at: 1 } }); // old pipe: ignored
    client.detach();
    await expect(client.request('core.ping', {})).rejects.toMatchObject({ code: 'core_gone' });
  });
});
