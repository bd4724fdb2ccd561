/**
 * A tiny seeded PRNG (mulberry32) for reproducible splits and simulations.
 *
 * Local to the uplift experiment because `src/core/lib/random.ts` did not
 * exist when this was written; swap to it once it lands.
 */

/** A function returning uniform floats in [0, 1). */
export type Random = () => number;

/** Seeded uniform generator; the same seed always yields the same stream. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** In-place Fisher–Yates shuffle driven by `random`. */
export function shuffleInPlace<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}
