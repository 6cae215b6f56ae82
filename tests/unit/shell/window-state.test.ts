import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWindowState, restorableState, writeWindowState } from '../../../main/shell/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1040 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1400 };
const saved = { x: 2100, y: 100, width: 1400, height: 900, maximized: false };

describe('window state', () => {
  it('restores a position that is on a current display', () => {
    expect(restorableState(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('ignores a position left on a monitor that is gone', () => {
    expect(restorableState(saved, [laptop])).toBeNull();
  });

  it('accepts a window partly off-screen if enough of it shows', () => {
    expect(restorableState({ ...saved, x: 1700 }, [laptop])).not.toBeNull();
    expect(restorableState({ ...saved, x: 1880 }, [laptop])).toBeNull();
  });

  it('refuses malformed or absurd values', () => {
    for (const bad of [undefined, null, 'x', {}, { ...saved, width: 10 }, { ...saved, x: 1.5 }, { ...saved, height: 1e9 }, { ...saved, maximized: 'yes' }]) {
      expect(restorableState(bad, [laptop, rightMonitor])).toBeNull();
    }
  });

  it('survives a missing or corrupt file and writes atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'window-state-'));
    const file = join(dir, 'window-state.json');
    expect(readWindowState(file)).toBeUndefined();
    writeFileSync(file, '{"x":');
    expect(readWindowState(file)).toBeUndefined();
    writeWindowState(file, saved);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
    expect(readWindowState(file)).toEqual(saved);
  });
});
