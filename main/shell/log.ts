// The shell's log: one JSON object a line on stderr, the same shape as the core's, so a desk's two
// processes can be read together. (The shell does not import core code, hence its own five lines.)
export type ShellLog = Record<'info' | 'warn' | 'error', (message: string, details?: Record<string, unknown>) => void>;

function write(level: string) {
  return (message: string, details?: Record<string, unknown>) => {
    process.stderr.write(`${JSON.stringify({ at: new Date().toISOString(), level, process: 'shell', message, ...details })}\n`);
  };
}

export const log: ShellLog = { info: write('info'), warn: write('warn'), error: write('error') };
