import { Writable } from 'node:stream';
import { Core } from '../../main/core/core';
import { createLogger } from '../../main/core/log';
import type { EventEnvelope, MethodName, MethodParams, ReplyEnvelope } from '../../preload/contract';

export interface TestCore {
  core: Core;
  logLines: string[];
  events: EventEnvelope[];
  call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<ReplyEnvelope>;
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
  return {
    core,
    logLines,
    events,
    call: (method, params) => core.handle({ kind: 'request', id: `t${++nextId}`, method, params: params ?? {} }),
  };
}
