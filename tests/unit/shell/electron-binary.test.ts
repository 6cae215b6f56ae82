import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayProblem, findElectronBinary } from '../../../scripts/electron-binary.mjs';

describe('finding the Electron binary without downloading it', () => {
  it('uses ELECTRON_OVERRIDE_DIST_PATH when it holds an executable', () => {
    const dist = mkdtempSync(join(tmpdir(), 'electron-dist-'));
    writeFileSync(join(dist, 'electron'), '#!/bin/sh\n');
    chmodSync(join(dist, 'electron'), 0o755);
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'linux' })).toEqual({ available: true, path: join(dist, 'electron') });
  });

  it('says plainly why Electron is not available', () => {
    const empty = mkdtempSync(join(tmpdir(), 'electron-dist-'));
    const result = findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: empty }, platform: 'linux' });
    expect(result.available).toBe(false);
    if (!result.available) expect(result.reason).toContain('no executable Electron binary');
  });

  it('needs a display on Linux only', () => {
    expect(displayProblem({ env: {}, platform: 'linux' })).toContain('no display');
    expect(displayProblem({ env: { WAYLAND_DISPLAY: 'wayland-0' }, platform: 'linux' })).toBeNull();
    expect(displayProblem({ env: {}, platform: 'win32' })).toBeNull();
  });
});
