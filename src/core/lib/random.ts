/**
 * Seeded pseudo-random numbers for everything that must be reproducible:
 * data splits, weight initialisation seeds, simulations, tests.
 *
 * mulberry32 is tiny, fast and passes the usual statistical batteries well enough for
 * shuffling and sampling; it is NOT cryptographic, so never use it for ids or privacy noise
 * that must resist an adversary.
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * mulberry32 generator seeded with a 32-bit integer.
 * The same seed always yields the same sequence on every JS engine.
 */
export function mulberry32(seed: number): Rng {
  if (!Number.isFinite(seed)) {
    throw new Error(`'seed' passed to 'mulberry32' must be a finite number, got ${String(seed)}`);
  }
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent-looking seed from a base seed and a label, so that
 * e.g. fold 3's shuffle and fold 3's weight init do not share a stream.
 */
export function deriveSeed(seed: number, label: string): number {
  // FNV-1a over the label, mixed with the seed; stable across runs and engines.
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  if (!Number.isInteger(n) || n <= 0) {
    throw new Error(`'n' passed to 'randomInt' must be a positive integer, got ${String(n)}`);
  }
  return Math.floor(rng() * n);
}

/** Standard normal draw (Box-Muller; one value per call for simplicity). */
export function randomNormal(rng: Rng): number {
  // 1 - u keeps the argument of log strictly positive because rng() < 1.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher-Yates shuffle in place (arrays and typed arrays alike). */
export function shuffleInPlace<T>(items: { length: number; [index: number]: T }, rng: Rng): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
}

/** A random permutation of 0..n-1. */
export function permutation(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  shuffleInPlace(out, rng);
  return out;
}
