// Starts the project's PBX (resources/pbx/kamailio.cfg) for a test: its own ports on 127.0.0.1,
// its own log file, stopped by PID (its own process group, never a broad kill).
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PBX_CONFIG = resolve('resources/pbx/kamailio.cfg');
export const PBX_USERS = resolve('resources/pbx/users');
export const PBX_DOMAIN = '127.0.0.1';

export interface KamailioPorts {
  ws: number;
  sip: number;
  ctl: number;
}

export interface RunningKamailio {
  ports: KamailioPorts;
  wsUrl: string;
  logFile: string;
  pid: number;
  /** Kills it (SIGTERM, or SIGKILL to the whole group as a crash) and waits until its ports are free. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** The AoRs registered now (kamcmd ul.dump). */
  registeredUsers(): string[];
  /** How many contacts one AoR has (two would mean a double registration). */
  contactsOf(user: string): number;
  /** The CSeq of the AoR's newest REGISTER (each refresh raises it), or 0 when not registered. */
  registerCseq(user: string): number;
  /** SIP transactions Kamailio holds now (kamcmd tm.stats). */
  currentTransactions(): number;
}

/**
 * Whether Kamailio is on this machine. The real-SIP specs skip without it on a developer's machine;
 * under CI (`.ci/run` installs it, with SIPp and rtpengine) they never skip: a missing tool fails.
 */
export function kamailioInstalled(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v kamailio'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A free TCP port on loopback, as the OS hands it out (also free for UDP in practice). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => done(port));
    });
  });
}

export function waitForPort(port: number, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  return new Promise((done, fail) => {
    const attempt = (): void => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() - start > timeoutMs) fail(new Error(`port ${port} did not open in ${timeoutMs} ms`));
        else setTimeout(attempt, 25);
      });
    };
    attempt();
  });
}

async function waitForPortClosed(port: number, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), done(true)));
      socket.once('error', () => (socket.destroy(), done(false)));
    });
    if (!open) return;
    if (Date.now() - start > timeoutMs) throw new Error(`port ${port} still open after ${timeoutMs} ms`);
    await new Promise((wake) => setTimeout(wake, 25));
  }
}

export interface StartKamailioOptions {
  /** Reuse these ports (a restart keeps the address the softphone knows). */
  ports?: KamailioPorts;
  rtpengine?: { ngPort: number };
  logDir?: string;
}

export async function startKamailio(options: StartKamailioOptions = {}): Promise<RunningKamailio> {
  const ports = options.ports ?? { ws: await freePort(), sip: await freePort(), ctl: await freePort() };
  const logDir = options.logDir ?? mkdtempSync(join(tmpdir(), 'kamailio-'));
  const logFile = join(logDir, 'kamailio.log');
  const log = openSync(logFile, 'a');
  const args = [
    '-f', PBX_CONFIG, '-DD', '-E', '-m', '64', '-M', '8',
    '-l', `udp:127.0.0.1:${ports.sip}`, '-l', `tcp:127.0.0.1:${ports.sip}`, '-l', `tcp:127.0.0.1:${ports.ws}`,
    '-A', `WS_PORT=${ports.ws}`,
    '-A', `USERS_DB="text://${PBX_USERS}"`,
    '-A', `CTL_URL="tcp:127.0.0.1:${ports.ctl}"`,
    ...(options.rtpengine ? ['-A', 'WITH_RTPENGINE', '-A', `RTPENGINE_URL="udp:127.0.0.1:${options.rtpengine.ngPort}"`] : []),
  ];
  // detached: its own process group, so a simulated crash kills exactly its children.
  const child: ChildProcess = spawn('kamailio', args, { stdio: ['ignore', log, log], detached: true });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const pid = child.pid;
  if (pid === undefined) throw new Error('kamailio did not start');
  try {
    await Promise.race([
      waitForPort(ports.ws),
      exited.then(() => {
        throw new Error(`kamailio exited at start:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
      }),
    ]);
  } catch (error) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    throw error;
  }
  const kamcmd = (...command: string[]): string =>
    execFileSync('kamcmd', ['-s', `tcp:127.0.0.1:${ports.ctl}`, ...command], { encoding: 'utf8' });
  let stopped = false;
  const aorBlock = (user: string): string | undefined =>
    kamcmd('ul.dump').split(/AoR: /).find((part) => part.startsWith(`${user}\n`) || part.startsWith(`${user}\r`) || part.startsWith(`${user} `));
  return {
    ports,
    wsUrl: `ws://127.0.0.1:${ports.ws}`,
    logFile,
    pid,
    stop: async (signal = 'SIGTERM') => {
      if (stopped) return;
      stopped = true;
      try {
        if (signal === 'SIGKILL') process.kill(-pid, 'SIGKILL');
        else process.kill(pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), 5_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          /* gone meanwhile */
        }
        await exited;
      }
      await waitForPortClosed(ports.ws);
    },
    registeredUsers: () => [...kamcmd('ul.dump', 'brief').matchAll(/AoR: (\S+)/g)].map((match) => match[1]!).sort(),
    contactsOf: (user) => (aorBlock(user)?.match(/Contact: /g) ?? []).length,
    currentTransactions: () => Number(/current: (\d+)/.exec(kamcmd('tm.stats'))?.[1] ?? -1),
    registerCseq: (user) => Math.max(0, ...[...(aorBlock(user) ?? '').matchAll(/CSeq: (\d+)/g)].map((match) => Number(match[1]))),
  };
}

/** True when this process runs in a network namespace with loopback only (`unshare -n`). */
export function loopbackOnlyNetwork(): boolean {
  try {
    const out = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' });
    return out.trim().split('\n').every((line) => / lo: /.test(line));
  } catch {
    return false;
  }
}
