// Finds the Electron binary without ever triggering a download. `require('electron')` would fetch
// it from a release server when missing (node_modules/electron/index.js), which fails on machines
// with only the npm registry; this reads the same facts (path.txt, dist/, ELECTRON_OVERRIDE_DIST_PATH)
// and says plainly why Electron cannot run when it cannot.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PLATFORM_PATHS = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

/** @returns {{ available: true, path: string } | { available: false, path: string | null, reason: string }} */
export function findElectronBinary({ env = process.env, platform = process.platform, from = import.meta.url } = {}) {
  let packageDir;
  try {
    packageDir = dirname(createRequire(from).resolve('electron/package.json'));
  } catch {
    return { available: false, path: null, reason: 'the electron npm package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : (PLATFORM_PATHS[platform] ?? 'electron');
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) binary = join(env.ELECTRON_OVERRIDE_DIST_PATH, relative);
  else if (existsSync(pathFile)) binary = join(packageDir, 'dist', relative);
  else
    return {
      available: false,
      path: null,
      reason: `${pathFile} is missing: the Electron binary was never downloaded (it comes from a release server, not the npm registry); set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron to use one`,
    };
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { available: false, path: binary, reason: `no executable Electron binary at ${binary}` };
  }
  return { available: true, path: binary };
}

/** Electron needs a display on Linux; without one it would only print an error and exit. */
export function displayProblem({ env = process.env, platform = process.platform } = {}) {
  if (platform !== 'linux') return null;
  return env.DISPLAY || env.WAYLAND_DISPLAY ? null : 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)';
}
