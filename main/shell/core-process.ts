// Runs the core (plain Node, main/core/utility-entry.ts) in an Electron utility process, waits for
// it to say it is ready, hands out MessagePorts to it, and starts it again if it dies unexpectedly.
import { MessageChannelMain, utilityProcess } from 'electron';
import type { MessagePortMain, UtilityProcess } from 'electron';
import type { ShellLog } from './log';
import { DEFAULT_RESTART_POLICY, mayRestart } from './restart-policy';
import type { RestartPolicy } from './restart-policy';

export interface CoreReady {
  store: unknown;
  readyInMs: number;
}

export interface CoreProcessOptions {
  entry: string;
  dataDir: string;
  log: ShellLog;
  readyTimeoutMs?: number;
  restartPolicy?: RestartPolicy;
  /** Called after every (re)start once the core is ready, so ports can be handed out again. */
  onReady(ready: CoreReady, restarted: boolean): void;
  /** Called when the core died and will not be restarted. */
  onGaveUp(reason: string): void;
}

function isCoreReady(data: unknown): data is CoreReady & { type: 'core-ready' } {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'core-ready';
}

export class CoreProcess {
  private child: UtilityProcess | null = null;
  private ready = false;
  private stopping = false;
  private readonly restarts: number[] = [];

  constructor(private readonly options: CoreProcessOptions) {}

  get isReady(): boolean {
    return this.ready;
  }

  /** Starts the core; resolves once it is ready (the first time), rejects if it never gets there. */
  start(): Promise<CoreReady> {
    return new Promise((resolve, reject) => this.spawn(false, resolve, reject));
  }

  /** A new pipe to the core: one end goes to the core, the other is returned to the caller. */
  connect(): MessagePortMain {
    if (!this.child || !this.ready) throw new Error('the core is not running');
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect' }, [port1]);
    return port2;
  }

  stop(): void {
    this.stopping = true;
    this.ready = false;
    this.child?.kill();
    this.child = null;
  }

  private spawn(restarted: boolean, resolve?: (ready: CoreReady) => void, reject?: (error: Error) => void): void {
    const { entry, dataDir, log } = this.options;
    const started = Date.now();
    // DESK_DEFAULT_BACKEND: set by `npm start` when it started the local demo backend.
    const defaultBackend = process.env.DESK_DEFAULT_BACKEND ? ['--default-backend', process.env.DESK_DEFAULT_BACKEND] : [];
    const child = utilityProcess.fork(entry, ['--data-dir', dataDir, ...defaultBackend], { serviceName: 'desk-core', stdio: 'pipe' });
    this.child = child;
    this.ready = false;
    // The core logs JSON lines; they join the shell's on stderr.
    child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));

    const timer = setTimeout(() => {
      if (this.ready || this.child !== child) return;
      log.error('core did not become ready in time; stopping it', { timeoutMs: this.options.readyTimeoutMs ?? 30_000 });
      child.kill(); // its exit handler below decides about a restart
    }, this.options.readyTimeoutMs ?? 30_000);

    child.on('message', (data: unknown) => {
      if (!isCoreReady(data) || this.child !== child) return;
      clearTimeout(timer);
      this.ready = true;
      const ready = { store: data.store, readyInMs: data.readyInMs };
      log.info('core ready', { pid: child.pid, readyInMs: data.readyInMs, sinceSpawnMs: Date.now() - started, restarted });
      resolve?.(ready);
      this.options.onReady(ready, restarted);
    });

    child.on('exit', (code) => {
      clearTimeout(timer);
      if (this.child !== child) return;
      this.child = null;
      this.ready = false;
      if (this.stopping) return;
      log.error('core exited unexpectedly', { code });
      const now = Date.now();
      if (!mayRestart(this.restarts, now, this.options.restartPolicy ?? DEFAULT_RESTART_POLICY)) {
        const reason = `the core exited (code ${code}) and was restarted ${this.restarts.length} times recently`;
        log.error('giving up on the core', { reason });
        reject?.(new Error(reason));
        this.options.onGaveUp(reason);
        return;
      }
      this.restarts.push(now);
      log.warn('restarting the core', { attempt: this.restarts.length });
      // A core that never got ready at the first start still owes its caller an answer.
      this.spawn(true, resolve, reject);
    });
  }
}
