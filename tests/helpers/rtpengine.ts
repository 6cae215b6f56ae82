// rtpengine (userspace only) for a test: the media bridge between a plain-RTP caller and the
// WebRTC softphone. Started on free ports, stopped by PID.
import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './kamailio';

export function rtpengineInstalled(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v rtpengine'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface RunningRtpengine {
  ngPort: number;
  logFile: string;
  stop(): Promise<void>;
}

/** Answers the ng protocol's ping ("d7:command4:pinge" -> "pong") within `timeoutMs`? */
function ping(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => (socket.close(), done(false)), timeoutMs);
    socket.on('message', (message) => {
      clearTimeout(timer);
      socket.close();
      done(message.toString().includes('pong'));
    });
    socket.on('error', () => (clearTimeout(timer), socket.close(), done(false)));
    socket.send('test-ping d7:command4:pinge', port, '127.0.0.1');
  });
}

export async function startRtpengine(): Promise<RunningRtpengine> {
  const ngPort = await freePort();
  // A media port range of its own, away from the ephemeral range Chromium and the OS use most.
  const base = 20_000 + Math.floor(Math.random() * 400) * 20;
  const logFile = join(mkdtempSync(join(tmpdir(), 'rtpengine-')), 'rtpengine.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    'rtpengine',
    ['--interface=127.0.0.1', `--listen-ng=127.0.0.1:${ngPort}`, '--table=-1', `--port-min=${base}`, `--port-max=${base + 199}`, '--foreground', '--log-stderr', '--log-level=5'],
    { stdio: ['ignore', log, log] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const started = Date.now();
  while (!(await ping(ngPort, 200))) {
    if (child.exitCode !== null || Date.now() - started > 10_000) {
      child.kill('SIGKILL');
      throw new Error(`rtpengine did not start:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
    }
  }
  return {
    ngPort,
    logFile,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 3_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
