// How often a crashed core is started again: a few times, then the shell gives up and says so
// instead of looping (a core that dies at every start, e.g. on a broken disk, would spin forever).
export interface RestartPolicy {
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 3, windowMs: 60_000 };

/** Whether one more restart is allowed, given the times of earlier restarts. Pure. */
export function mayRestart(previous: readonly number[], now: number, policy: RestartPolicy = DEFAULT_RESTART_POLICY): boolean {
  return previous.filter((at) => now - at < policy.windowMs).length < policy.maxRestarts;
}
