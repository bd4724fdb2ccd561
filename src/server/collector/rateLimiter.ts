/**
 * Per-client rate limit on uploads: a sliding-window log in memory.
 *
 * No IP address is stored, anywhere: the client is keyed by an HMAC-SHA256 of
 * its address under a random salt made at start-up and kept only in this
 * process's memory, so the keys cannot be reversed by guessing addresses, not
 * even with this code, and mean nothing after a restart. Nothing here is
 * logged or written to disk.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** Limits and wiring. */
export interface RateLimitOptions {
  /** Requests allowed per client per window. */
  limit: number;
  windowMs: number;
  /** Clock (epoch ms). */
  now?: () => number;
  /** Clients tracked at once; the least recently seen are forgotten first. */
  maxClients?: number;
}

/** Verdict on one request. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Sliding-window limiter keyed by salted address hashes. */
export class SlidingWindowLimiter {
  private readonly salt = randomBytes(32);
  private readonly hits = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxClients: number;

  constructor(private readonly options: RateLimitOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`'options.limit' passed to 'SlidingWindowLimiter' must be an integer ≥ 1, got ${String(options.limit)}`);
    if (!(options.windowMs > 0)) throw new RangeError(`'options.windowMs' passed to 'SlidingWindowLimiter' must be > 0, got ${String(options.windowMs)}`);
    this.now = options.now ?? Date.now;
    this.maxClients = options.maxClients ?? 100_000;
  }

  /** Counts one request from `address` (any string; undefined = unknown client). */
  hit(address: string | undefined): RateVerdict {
    const key = createHmac('sha256', this.salt).update(address ?? 'unknown').digest('base64url').slice(0, 22);
    const now = this.now();
    const since = now - this.options.windowMs;
    const log = (this.hits.get(key) ?? []).filter((t) => t > since);
    // Re-insert so Map order is least-recently-seen first, for eviction.
    this.hits.delete(key);
    if (log.length >= this.options.limit) {
      this.hits.set(key, log);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((log[0]! + this.options.windowMs - now) / 1000)) };
    }
    log.push(now);
    this.hits.set(key, log);
    while (this.hits.size > this.maxClients) this.hits.delete(this.hits.keys().next().value!);
    return { allowed: true };
  }

  /** Clients currently tracked (for tests and health). */
  get size(): number {
    return this.hits.size;
  }
}
