// SIPp as a caller for softphone tests and benchmarks: plain SIP over UDP to the test Kamailio,
// its own free ports, scenarios in tests/helpers/sipp/.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './kamailio';

export const SIPP_SCENARIOS = resolve('tests/helpers/sipp');

export function sippInstalled(): boolean {
  try {
    execFileSync('sh', ['-c', 'command -v sipp'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export interface SippRun {
  code: number | null;
  /** SIPp's screen output and its error log (for a failure message). */
  output: string;
  successfulCalls: number;
  failedCalls: number;
}

export interface SippOptions {
  scenario: 'uac-webrtc-signalling.xml' | 'uac-pcma-audio.xml';
  /** Kamailio's SIP port on 127.0.0.1. */
  sipPort: number;
  /** The user called (the request URI's user part). */
  service: string;
  calls: number;
  /** Calls at once (1: one after the other). */
  limit?: number;
  /** How long the whole run may take (default: 60 s plus 5 s a call); one answer may take 60 s. */
  timeoutSeconds?: number;
}

/** Runs SIPp until its calls are done; resolves with its exit code and counts (never rejects). */
export async function runSipp(options: SippOptions): Promise<SippRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sipp-'));
  const statFile = join(dir, 'stat.csv');
  const errorFile = join(dir, 'errors.log');
  const mediaPort = await freePort();
  const args = [
    `127.0.0.1:${options.sipPort}`,
    '-sf', join(SIPP_SCENARIOS, options.scenario),
    '-s', options.service,
    '-i', '127.0.0.1', '-p', String(await freePort()),
    '-mi', '127.0.0.1', '-mp', String(mediaPort),
    // SIPp expands [media_port] on m= lines only: the ICE candidate line reads it from $media.
    ...(options.scenario === 'uac-webrtc-signalling.xml' ? ['-set', 'media', String(mediaPort)] : []),
    '-m', String(options.calls), '-l', String(options.limit ?? 1), '-r', '50',
    '-nostdin', '-timeout', `${options.timeoutSeconds ?? 60 + options.calls * 5}s`, '-timeout_error',
    '-recv_timeout', '60000',
    '-trace_err', '-error_file', errorFile,
    '-trace_stat', '-stf', statFile, '-fd', '1',
  ];
  const child = spawn('sipp', args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: dir });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const code = await new Promise<number | null>((done) => child.once('exit', (exitCode) => done(exitCode)));
  const read = (file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  };
  // The last line of the statistics file has the cumulative counters.
  const lines = read(statFile).trim().split('\n');
  const header = (lines[0] ?? '').split(';');
  const last = (lines.at(-1) ?? '').split(';');
  const counter = (name: string): number => Number(last[header.indexOf(name)] ?? 0) || 0;
  return {
    code,
    output: `${output}\n${read(errorFile).slice(-5_000)}`,
    successfulCalls: counter('SuccessfulCall(C)'),
    failedCalls: counter('FailedCall(C)'),
  };
}
