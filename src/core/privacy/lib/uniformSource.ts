/**
 * Uniform random integers for the exact samplers (discreteNoise.ts): a CSPRNG in production, a seeded generator in
 * tests. Every sampler decision is a comparison with one of these integers, so their exactness is the noise's.
 */
import type { Rng } from '../../lib/random';
import { cryptoBytes, type RandomSource } from './cryptoRandom';

/** Uniform integers: `uniformInt(n)` returns each of 0, 1, …, n − 1 with probability exactly 1/n, for integer n in [1, 2^32]. */
export interface UniformSource {
  uniformInt(n: number): number;
}


const TWO_32 = 4294967296;

/**
 * A {@link UniformSource} from a generator of uniform 32-bit words. `uniformInt`
 * rejects the top `2^32 mod n` words, so every residue is equally likely.
 */
export function wordSource(nextWord: () => number): UniformSource {
  const word = (): number => {
    const w = nextWord();
    if (!Number.isInteger(w) || w < 0 || w >= TWO_32) throw new RangeError(`the word generator passed to 'wordSource' must return integers in [0, 2^32), got ${String(w)}`);
    return w;
  };
  return {
    uniformInt(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > TWO_32) throw new RangeError(`'n' passed to 'uniformInt' must be an integer in [1, 2^32], got ${String(n)}`);
      const limit = TWO_32 - (TWO_32 % n);
      for (;;) {
        const w = word();
        if (w < limit) return w % n;
      }
    },
  };
}

/**
 * A {@link UniformSource} over a uniform [0, 1) generator, taking the top 32
 * bits of each draw. Exact when the generator's outputs are uniform on a grid
 * of 2^-32 or finer: `mulberry32` (k / 2^32) and `cryptoRng` (k / 2^53) are.
 * For reproducible tests; privacy noise needs {@link cryptoUniformSource}.
 */
export function uniformSourceFromRng(rng: Rng): UniformSource {
  return wordSource(() => {
    const u = rng();
    if (!(u >= 0 && u < 1)) throw new RangeError(`the rng passed to 'uniformSourceFromRng' must return numbers in [0, 1), got ${String(u)}`);
    return Math.floor(u * TWO_32);
  });
}

const CRYPTO_BUFFER_BYTES = 1024;

/**
 * A {@link UniformSource} from the platform CSPRNG (or the given Web Crypto
 * `source`), fetched 256 words at a time because one `getRandomValues` call
 * costs far more than one word.
 */
export function cryptoUniformSource(source?: RandomSource): UniformSource {
  let words: Uint32Array = new Uint32Array(0);
  let next = 0;
  return wordSource(() => {
    if (next >= words.length) {
      const bytes = cryptoBytes(CRYPTO_BUFFER_BYTES, source);
      words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
      next = 0;
    }
    return words[next++]!;
  });
}

// Created on first use so that importing this module never touches `crypto`.
let sharedCryptoSource: UniformSource | undefined;
export const defaultSource = (): UniformSource => (sharedCryptoSource ??= cryptoUniformSource());
