/**
 * An in-memory token-bucket rate limiter, shared by the collector and the coupons. Keys are opaque (salted hashes of
 * coarse addresses); nothing here is written to disk, and a restart forgets everything.
 *
 * `limit` per `windowMs` becomes a bucket of `limit` tokens refilled at `limit / windowMs` per ms: the same burst
 * and the same long-run rate as a sliding window of that size, with two numbers per key instead of a log of
 * timestamps, so every call costs O(1) however busy the key.
 */

/** A limit of `limit` events per `windowMs` per key. */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

/** Whether an event may proceed; when not, how long until it may (whole seconds, for `Retry-After`). */
export type LimitDecision = { allowed: true } | { allowed: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (ms). */
  at: number;
}

/** Idle keys examined per call: enough to keep up with one new key per call, so sweeping stays O(1). */
const SWEEP_PER_CALL = 2;

/** Token buckets by key, bounded in number, least recently used first. */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;
  private work = 0;

  /**
   * @param maxKeys - keys kept at most; past it the least recently used key is forgotten, so memory stays bounded
   *   even when an attacker spreads over many addresses (at worst that attacker refills their own oldest bucket).
   */
  constructor(
    readonly window: WindowLimit,
    private readonly maxKeys = 100_000,
  ) {
    if (!Number.isInteger(window.limit) || window.limit < 1) {
      throw new RangeError(`'window.limit' passed to 'TokenBucketLimiter' must be a positive integer, got ${String(window.limit)}`);
    }
    if (!Number.isFinite(window.windowMs) || window.windowMs <= 0) {
      throw new RangeError(`'window.windowMs' passed to 'TokenBucketLimiter' must be a positive number, got ${String(window.windowMs)}`);
    }
    if (!Number.isInteger(maxKeys) || maxKeys < 1) {
      throw new RangeError(`'maxKeys' passed to 'TokenBucketLimiter' must be a positive integer, got ${String(maxKeys)}`);
    }
    this.perMs = window.limit / window.windowMs;
  }

  /** Whether `key` has a token at `now`, without spending it. */
  check(key: string, now: number): LimitDecision {
    this.work = 0;
    const tokens = this.tokensAt(this.buckets.get(key), now);
    this.sweep(now);
    return this.decision(tokens);
  }

  /**
   * Spends one token of `key` at `now`, even when none is left: a refused guess counted after a `check` that raced
   * with others still costs its sender. The debt is capped at one window, so a lockout never outlasts two.
   */
  hit(key: string, now: number): void {
    this.work = 0;
    const tokens = this.tokensAt(this.buckets.get(key), now);
    this.store(key, { tokens: Math.max(-this.window.limit, tokens - 1), at: now });
    this.sweep(now);
  }

  /** Spends one token of `key` when it has one; says when the next one comes otherwise. */
  take(key: string, now: number): LimitDecision {
    this.work = 0;
    const tokens = this.tokensAt(this.buckets.get(key), now);
    const decision = this.decision(tokens);
    this.store(key, { tokens: decision.allowed ? tokens - 1 : tokens, at: now });
    this.sweep(now);
    return decision;
  }

  /** Keys currently held (for tests and health). */
  get size(): number {
    return this.buckets.size;
  }

  /** Buckets the last call read or wrote: a constant, whatever the number of keys or events (for tests). */
  get lastWork(): number {
    return this.work;
  }

  private tokensAt(bucket: Bucket | undefined, now: number): number {
    this.work++;
    if (bucket === undefined) return this.window.limit;
    return Math.min(this.window.limit, bucket.tokens + Math.max(0, now - bucket.at) * this.perMs);
  }

  private decision(tokens: number): LimitDecision {
    if (tokens >= 1) return { allowed: true };
    return { allowed: false, retryAfterS: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
  }

  private store(key: string, bucket: Bucket): void {
    // Re-insert so Map order is least recently used first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.work++;
    if (this.buckets.size > this.maxKeys) {
      this.buckets.delete(this.buckets.keys().next().value!);
      this.work++;
    }
  }

  /** Drops up to {@link SWEEP_PER_CALL} of the least recently used keys whose bucket has refilled: they are as if new. */
  private sweep(now: number): void {
    for (let i = 0; i < SWEEP_PER_CALL; i++) {
      const oldest = this.buckets.entries().next();
      if (oldest.done) return;
      const [key, bucket] = oldest.value;
      this.work++;
      if (this.tokensAt(bucket, now) < this.window.limit) return;
      this.buckets.delete(key);
    }
  }
}
