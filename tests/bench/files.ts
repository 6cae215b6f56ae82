import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Benchmarks keep their files (the 1 GB database among them) under .cache/bench, not in /tmp. */
export const BENCH_ROOT = resolve('.cache', 'bench');

/** An empty folder for one benchmark run. */
export function benchDir(name: string): string {
  const dir = join(BENCH_ROOT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
