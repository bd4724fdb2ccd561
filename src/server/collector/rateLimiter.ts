/**
 * Per-client rate limit on uploads: a token bucket per client (src/server/lib/tokenBucket.ts), O(1) per request.
 *
 * No IP address is stored, anywhere: the client is its coarse address (IPv4, mapped IPv4 as IPv4, IPv6 by /64:
 * src/server/lib/clientAddress.ts) hashed with HMAC-SHA256 under a random salt made at start-up and kept only in
 * this process's memory, so the keys cannot be reversed by guessing addresses, not even with this code, and mean
 * nothing after a restart. Nothing here is logged or written to disk.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { coarseAddress } from '../lib/clientAddress';
import { TokenBucketLimiter } from '../lib/tokenBucket';

/** Limits and wiring. */
export interface RateLimitOptions {
  /** Requests allowed per client per window (the bucket's size; it refills at `limit` per `windowMs`). */
  limit: number;
  windowMs: number;
  /** Clock (epoch ms). */
  now?: () => number;
  /** Clients tracked at once; the least recently seen are forgotten first. */
  maxClients?: number;
}

/** Verdict on one request. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Token-bucket limiter keyed by salted hashes of coarse addresses. */
export class ClientRateLimiter {
  private readonly salt = randomBytes(32);
  private readonly buckets: TokenBucketLimiter;
  private readonly now: () => number;

  constructor(options: RateLimitOptions) {
    if (!Number.isInteger(options.limit) || options.limit < 1) throw new RangeError(`'options.limit' passed to 'ClientRateLimiter' must be an integer ≥ 1, got ${String(options.limit)}`);
    if (!(options.windowMs > 0)) throw new RangeError(`'options.windowMs' passed to 'ClientRateLimiter' must be > 0, got ${String(options.windowMs)}`);
    this.buckets = new TokenBucketLimiter({ limit: options.limit, windowMs: options.windowMs }, options.maxClients ?? 100_000);
    this.now = options.now ?? Date.now;
  }

  /** Counts one request from `address` (any string; undefined = unknown client). */
  hit(address: string | undefined): RateVerdict {
    const key = createHmac('sha256', this.salt).update(coarseAddress(address)).digest('base64url').slice(0, 22);
    const decision = this.buckets.take(key, this.now());
    return decision.allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: decision.retryAfterS };
  }

  /** Clients currently tracked (for tests and health). */
  get size(): number {
    return this.buckets.size;
  }

  /** Buckets the last request read or wrote (for tests: a constant). */
  get lastWork(): number {
    return this.buckets.lastWork;
  }
}
