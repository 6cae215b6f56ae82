/** Percentile by nearest rank on a copy sorted ascending. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export interface BenchResult {
  name: string;
  /** What was measured, in words. */
  what: string;
  /** The figures measured, by name (units in the name). */
  figures: Record<string, number>;
  /** The target for the headline figure, side by side with what was measured. */
  target: { figure: string; max: number };
  pass: boolean;
}

export function result(name: string, what: string, figures: Record<string, number>, target: { figure: string; max: number }): BenchResult {
  const value = figures[target.figure];
  return { name, what, figures, target, pass: value !== undefined && value <= target.max };
}
