/**
 * Counts failed sign-ins per (user name, client address). After `maxFailures` within `windowMs` the
 * key is locked until the window of its first failure ends; a success clears it. In memory: a
 * restart forgets, which is acceptable for a brake on guessing (several backends behind a balancer
 * each brake on their own).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
  ) {}

  /** Seconds to wait before trying again, or 0 when the key may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const entry = this.failures.get(key);
    if (!entry) return 0;
    if (now - entry.since >= this.windowMs) {
      this.failures.delete(key);
      return 0;
    }
    return entry.count >= this.maxFailures ? Math.max(1, Math.ceil((entry.since + this.windowMs - now) / 1000)) : 0;
  }

  fail(key: string, now = Date.now()): void {
    const entry = this.failures.get(key);
    if (entry && now - entry.since < this.windowMs) entry.count += 1;
    else this.failures.set(key, { count: 1, since: now });
    if (this.failures.size > 50_000) this.prune(now);
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private prune(now: number): void {
    for (const [key, entry] of this.failures) if (now - entry.since >= this.windowMs) this.failures.delete(key);
  }
}
