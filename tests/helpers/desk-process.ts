import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface DeskLine {
  ev: 'ready' | 'saved' | 'sending' | 'sent' | 'done';
  [key: string]: unknown;
}

export interface DeskProcess {
  child: ChildProcess;
  /** Every JSON line the worker printed so far. */
  lines: DeskLine[];
  stderr: string[];
  /** Resolves with the first line of this kind (rejects if the worker exits before). */
  waitFor(ev: DeskLine['ev'], timeoutMs?: number): Promise<DeskLine>;
  /** Resolves with the exit code and signal once the process is gone. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const WORKER = join('tests', 'integration', 'sync', 'desk-worker.ts');

/**
 * The desk worker (`tests/integration/sync/desk-worker.ts`) as its own process under tsx: a real
 * core on `dataDir`, signed in to `backendUrl`. `clockOffsetMs` makes the process's clock wrong.
 */
export function startDeskProcess(dataDir: string, backendUrl: string, mode: 'work' | 'drain', count = 10, options: { clockOffsetMs?: number } = {}): DeskProcess {
  const preload = options.clockOffsetMs ? ['--import', './tests/helpers/clock-offset.ts'] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...preload, WORKER, dataDir, backendUrl, mode, String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DESK_CLOCK_OFFSET_MS: String(options.clockOffsetMs ?? 0) },
  });
  const lines: DeskLine[] = [];
  const stderr: string[] = [];
  const waiters: { ev: DeskLine['ev']; done: (line: DeskLine) => void }[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  createInterface({ input: child.stdout! }).on('line', (text) => {
    let line: DeskLine;
    try {
      line = JSON.parse(text) as DeskLine;
    } catch {
      stderr.push(`stdout: ${text}`);
      return;
    }
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.ev === line.ev)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.done(line);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return {
    child,
    lines,
    stderr,
    exited,
    waitFor(ev, timeoutMs = 30_000) {
      const seen = lines.find((line) => line.ev === ev);
      if (seen) return Promise.resolve(seen);
      return new Promise<DeskLine>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`desk worker: no "${ev}" in ${timeoutMs} ms\n${stderr.join('\n')}`)), timeoutMs);
        waiters.push({
          ev,
          done: (line) => {
            clearTimeout(timer);
            done(line);
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          fail(new Error(`desk worker exited (${code ?? signal}) before "${ev}"\n${stderr.join('\n')}`));
        });
      });
    },
  };
}
