// The main window's remembered size and position: validated on load, and only used when it is
// still visible on one of the current displays (a laptop undocked from its second screen must not
// open its window off-screen). Node only, no electron: unit-tested.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 600;
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
/** How much of the window must be on a display for the saved position to be used. */
const MIN_VISIBLE = 100;

export const WindowState = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(MIN_WIDTH).max(20_000),
  height: z.number().int().min(MIN_HEIGHT).max(20_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The saved state if it is valid and visible on a display's work area, otherwise null. */
export function restorableState(saved: unknown, workAreas: readonly Rectangle[]): WindowState | null {
  const parsed = WindowState.safeParse(saved);
  if (!parsed.success) return null;
  const visible = workAreas.some((area) => {
    const { width, height } = overlap(parsed.data, area);
    return width >= MIN_VISIBLE && height >= MIN_VISIBLE;
  });
  return visible ? parsed.data : null;
}

/** Reads the state file; a missing, unreadable or malformed file gives undefined (use defaults). */
export function readWindowState(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes atomically (temp file + rename) so a crash mid-write cannot leave half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, JSON.stringify(state));
  renameSync(temp, file);
}
