// `npm start`: the app, wherever it can run. Builds first when out/ is missing or older than the
// sources; then starts Electron if a usable binary is here, otherwise says why not and starts the
// browser host (same core, same renderer, in any Chromium) with the same arguments.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayProblem, findElectronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const OUTPUTS = ['out/main/shell.js', 'out/main/core.js', 'out/main/web-host.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const SOURCES = ['main', 'preload', 'renderer', 'resources/icons', 'electron.vite.config.ts', 'package.json'];

/** Newest modification time under `path` (a file or a folder), skipping nothing but missing paths. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

function buildReason() {
  const missing = OUTPUTS.find((file) => !existsSync(join(root, file)));
  if (missing) return `${missing} is missing`;
  const built = Math.min(...OUTPUTS.map((file) => statSync(join(root, file)).mtimeMs));
  const changed = SOURCES.find((source) => newest(join(root, source)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

const reason = buildReason();
if (reason) {
  console.log(`Building first (${reason}): electron-vite build`);
  // The package's exports hide its bin file from resolve(); find the package, then the bin in it.
  const electronVite = join(dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const electron = findElectronBinary();
const noDisplay = electron.available ? displayProblem() : null;
let command;
let commandArgs;
let demoBackend;
if (electron.available && !noDisplay) {
  console.log(`Starting the desk in Electron (${electron.path})`);
  command = electron.path;
  commandArgs = ['.', ...args];
  // The embedded default: the demo city backend; the core uses it only if no backend is configured.
  mkdirSync(join(root, '.cache/demo-backend'), { recursive: true });
  demoBackend = spawn(process.execPath, ['--import', 'tsx', join(root, 'backend/main.ts'), '--port', '8787', '--db', join(root, '.cache/demo-backend/city.sqlite'), '--demo'], { cwd: root, stdio: 'inherit' });
  process.env.DESK_DEFAULT_BACKEND = 'http://127.0.0.1:8787';
} else {
  const why = electron.available ? noDisplay : electron.reason;
  console.log(`Electron binary not available on this machine (${why}); starting the browser host instead.`);
  command = process.execPath;
  // The embedded default: the demo city backend when the desk has none configured (see README).
  commandArgs = [join(root, 'out/main/web-host.js'), '--demo', ...args];
}

// The embedded default PBX: Kamailio on loopback (resources/pbx) when it is installed and its port
// is free, so the softphone's demo account can register. The desk starts without it.
let demoPbx;
if (spawnSync('sh', ['-c', 'command -v kamailio'], { stdio: 'ignore' }).status === 0) {
  // Its log stays out of the terminal (npm run pbx shows it).
  demoPbx = spawn(process.execPath, [join(root, 'scripts/pbx.mjs')], { cwd: root, stdio: ['ignore', 'inherit', 'ignore'] });
  demoPbx.on('exit', (code) => code && console.log('The demo PBX did not start (is port 8088 or 5060 taken?); the softphone will say so.'));
}

// ELECTRON_RUN_AS_NODE from a parent tool would make Electron behave as plain Node: never pass it on.
const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  demoBackend?.kill('SIGTERM');
  demoPbx?.kill('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});
