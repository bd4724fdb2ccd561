/**
 * A seeded, stratified 50/50 train/test split, so both halves keep the same
 * mix of every stratum (here: arm × outcome).
 */
import { mulberry32, shuffleInPlace } from '../../../core/lib/random';

/** Row indices of the two halves, each in increasing order. */
export interface Split {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Shuffles each stratum with `seed` and sends `floor(size / 2)` of its rows
 * to test and the rest to train (sklearn puts the odd row in either half; the
 * difference is at most one row per stratum).
 *
 * @param strata - a stratum label per row (any integers).
 */
export function stratifiedHalfSplit(strata: ArrayLike<number>, seed: number): Split {
  if (strata.length < 2) throw new Error(`'strata' passed to 'stratifiedHalfSplit' must have at least 2 rows; got ${strata.length}`);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < strata.length; i++) {
    const s = strata[i] as number;
    const g = groups.get(s);
    if (g) g.push(i);
    else groups.set(s, [i]);
  }
  const random = mulberry32(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const key of [...groups.keys()].sort((a, b) => a - b)) {
    const rows = groups.get(key) as number[];
    shuffleInPlace(rows, random);
    const half = Math.floor(rows.length / 2);
    rows.forEach((row, k) => (k < half ? test : train).push(row));
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}
