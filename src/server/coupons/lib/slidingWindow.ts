/**
 * An in-memory sliding-window rate limiter. Keys are opaque (salted hashes from `clientKey`); nothing here is ever
 * written to disk, and a restart forgets everything.
 */

/** A limit of `limit` events per `windowMs` per key. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** Whether an event may proceed; when not, how long until it may (whole seconds, for `Retry-After`). */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterS: number };

/** Sliding-window log limiter with a bounded number of keys. */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  /**
   * @param maxKeys - keys kept at most; past it the longest-idle key is forgotten, so memory stays bounded even when
   *   an attacker spreads over many addresses (at worst that attacker resets their own oldest windows).
   */
  constructor(
    readonly window: WindowLimit,
    private readonly maxKeys = 100_000,
  ) {
    if (!Number.isInteger(window.limit) || window.limit < 1) {
      throw new RangeError(`'window.limit' passed to 'SlidingWindowLimiter' must be a positive integer, got ${String(window.limit)}`);
    }
    if (!Number.isFinite(window.windowMs) || window.windowMs <= 0) {
      throw new RangeError(`'window.windowMs' passed to 'SlidingWindowLimiter' must be a positive number, got ${String(window.windowMs)}`);
    }
  }

  /** Whether `key` is below its limit at `now`, without counting anything. */
  check(key: string, now: number): LimitDecision {
    const recent = this.recent(key, now);
    if (recent.length < this.window.limit) return { allowed: true };
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((recent[0]! + this.window.windowMs - now) / 1000)) };
  }

  /** Counts one event for `key` at `now`. */
  hit(key: string, now: number): void {
    const recent = this.recent(key, now);
    recent.push(now);
    // Re-insert so Map order is least-recently-used first.
    this.hits.delete(key);
    this.hits.set(key, recent);
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    this.sweep(now);
  }

  /** {@link check}, then {@link hit} when allowed. */
  take(key: string, now: number): LimitDecision {
    const decision = this.check(key, now);
    if (decision.allowed) this.hit(key, now);
    return decision;
  }

  /** Keys currently held (for tests and health). */
  get size(): number {
    return this.hits.size;
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.window.windowMs;
    return (this.hits.get(key) ?? []).filter((t) => t > since);
  }

  /** Once per window, drops keys with no event left in their window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.window.windowMs) return;
    this.lastSweep = now;
    const since = now - this.window.windowMs;
    for (const [key, times] of this.hits) if (times[times.length - 1]! <= since) this.hits.delete(key);
  }
}
