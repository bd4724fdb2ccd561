/**
 * Randomness for privacy noise and idempotency keys. Randomized response is
 * only as private as its coin flips are unpredictable, so the defaults come
 * from the platform's CSPRNG (`crypto.getRandomValues`, present in browsers,
 * workers and Node ≥ 19), never from the seeded mulberry32 in `lib/random.ts`.
 *
 * The `crypto` global is read here and only here, and only as a default
 * parameter value: tests and callers can pass their own source.
 */
import type { Rng } from '../../lib/random';

/** The part of the Web Crypto API used here. */
export interface RandomSource {
  getRandomValues<T extends ArrayBufferView | null>(array: T): T;
}

function platformSource(fn: string): RandomSource {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (!source || typeof source.getRandomValues !== 'function') {
    throw new Error(`'${fn}' needs crypto.getRandomValues; pass a 'source' where the platform has none`);
  }
  return source;
}

/** A uniform [0, 1) generator with 53 random bits per draw from a CSPRNG. */
export function cryptoRng(source: RandomSource = platformSource('cryptoRng')): Rng {
  const words = new Uint32Array(2);
  return () => {
    source.getRandomValues(words);
    // 27 + 26 bits, the construction that fills a double's mantissa exactly.
    return ((words[0]! >>> 5) * 67108864 + (words[1]! >>> 6)) / 9007199254740992;
  };
}

/** `n` bytes from a CSPRNG. */
export function cryptoBytes(n: number, source: RandomSource = platformSource('cryptoBytes')): Uint8Array {
  if (!Number.isInteger(n) || n <= 0 || n > 65536) throw new RangeError(`'n' passed to 'cryptoBytes' must be an integer in [1, 65536], got ${String(n)}`);
  return source.getRandomValues(new Uint8Array(n));
}
