// `npm run web`: the core in this Node process and the built renderer on 127.0.0.1.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { APP_VERSION, defaultDataDir } from '../core/app-info';
import { Core } from '../core/core';
import { backendUnset, useBackendIfUnset } from '../core/default-backend';
import { createLogger } from '../core/log';
import { DEMO_BACKEND_PORT, startDemoBackend } from './demo-backend';
import { startWebHost } from './server';
import { useDemoSipIfUnset } from '../softphone/demo-account';

const USAGE = `Usage: npm run web -- [--port N] [--data-dir DIR] [--renderer-dir DIR] [--demo]
  --port N          port on 127.0.0.1 (default 0: any free port)
  --demo            when no backend is configured, start the local demo city backend
                    (127.0.0.1:${DEMO_BACKEND_PORT}, demo users and data) and use it
  --data-dir DIR    where the desk keeps its database (default: ${defaultDataDir()})
  --renderer-dir    the built renderer (default: out/renderer)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'renderer-dir': { type: 'string' },
      demo: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const port = Number(values.port ?? '0');
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a whole number from 0 to 65535, not "${String(values.port)}"`);

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = resolve(typeof values['data-dir'] === 'string' ? values['data-dir'] : defaultDataDir());
const rendererDir = resolve(typeof values['renderer-dir'] === 'string' ? values['renderer-dir'] : join(here, '..', 'renderer'));
const log = createLogger(process.stderr);

const core = new Core({ dataDir, appVersion: APP_VERSION, log });
// The embedded default: no backend configured yet, so start the local demo one and use it.
const demo = values.demo && (await backendUnset(core)) ? await startDemoBackend(join(here, '..', '..'), dataDir, log) : undefined;
if (demo) await useBackendIfUnset(core, demo.url);
// The demo softphone account: the local PBX of `npm run pbx` (the desk starts fine without it).
if (values.demo) await useDemoSipIfUnset(core);
const host = await startWebHost({ core, rendererDir, log, port });

process.stdout.write(
  `Konsola Konsultanta ${APP_VERSION}: browser host\n  open: ${host.url}\n  data: ${dataDir}\n${demo ? `  demo backend: ${demo.url} (sign in as konsultant / konsultant)\n` : ''}  store: ${core.store.state}${core.store.state === 'failed' ? ` (${core.store.reason})` : ''}\n`,
);

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  void host.close().then(() => {
    core.close();
    demo?.stop();
    process.exit(0);
  });
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
