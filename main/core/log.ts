import type { Writable } from 'node:stream';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, details?: Record<string, unknown>): void;
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** One JSON object a line: easy to grep on a desk, easy to ship to a city's log collector. */
export function createLogger(out: Writable, minimum: LogLevel = 'info'): Logger {
  const write = (level: LogLevel) => (message: string, details?: Record<string, unknown>) => {
    if (ORDER[level] < ORDER[minimum]) return;
    out.write(`${JSON.stringify({ at: new Date().toISOString(), level, message, ...details })}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
