// Where the built pieces are, relative to the shell's own bundle (out/main/shell.js). The same
// layout holds inside a packaged app.asar, so one rule serves development and installs.
import { join } from 'node:path';

export interface ShellPaths {
  /** The core's utility-process entry. */
  core: string;
  /** The sandboxed preload: one self-contained CommonJS file. */
  preload: string;
  /** The built renderer, served over app:// */
  renderer: string;
  /** Tray and window icons. */
  icons: string;
}

/** `entryDir` is the directory of out/main/shell.js (import.meta.dirname of the entry module). */
export function shellPaths(entryDir: string): ShellPaths {
  return {
    core: join(entryDir, 'core.js'),
    preload: join(entryDir, '..', 'preload', 'index.cjs'),
    renderer: join(entryDir, '..', 'renderer'),
    icons: join(entryDir, '..', '..', 'resources', 'icons'),
  };
}
