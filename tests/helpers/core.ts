import { Writable } from 'node:stream';
import { Core } from '../../main/core/core';
import { createLogger } from '../../main/core/log';
import type { EventEnvelope, MethodName, MethodParams, MethodResult, ReplyEnvelope } from '../../preload/contract';

export interface TestCore {
  core: Core;
  dataDir: string;
  logLines: string[];
  events: EventEnvelope[];
  call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<ReplyEnvelope>;
  /** The method's result; a refusal throws, naming the method and the core's error. */
  ok<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResult<M>>;
}

let nextId = 0;

/** A real core on a real database file in `dataDir`, with its log and events captured. */
export function startTestCore(dataDir: string, options: { backendCheckIntervalMs?: number; pullIntervalMs?: number } = {}): TestCore {
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString().trim().split('\n'));
      done();
    },
  });
  const core = new Core({ dataDir, appVersion: '0.0.0-test', log: createLogger(sink, 'debug'), ...options });
  const events: EventEnvelope[] = [];
  core.subscribe((event) => events.push(event));
  const call: TestCore['call'] = (method, params) => core.handle({ kind: 'request', id: `t${++nextId}`, method, params: params ?? {} });
  const ok: TestCore['ok'] = async (method, params) => {
    const reply = await call(method, params);
    if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
    return reply.result as never;
  };
  return { core, dataDir, logLines, events, call, ok };
}

