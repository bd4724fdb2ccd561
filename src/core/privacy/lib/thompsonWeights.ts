/**
 * Thompson-style allocation: the probability that each option is the best,
 * under independent normal posteriors, by Monte Carlo with a fixed seed so the
 * same estimates always give the same weights (and the same config hash).
 */
import { mulberry32, randomNormal } from '../../lib/random';

/** One option's posterior: mean and variance of its value. */
export interface NormalPosterior {
  mean: number;
  variance: number;
}

/** P(option i has the highest draw), for every option. */
export function probabilityBest(options: readonly NormalPosterior[], draws = 4000, seed = 1): number[] {
  if (options.length === 0) return [];
  if (!Number.isInteger(draws) || draws < 1) throw new RangeError(`'draws' passed to 'probabilityBest' must be an integer ≥ 1, got ${String(draws)}`);
  for (const [i, o] of options.entries()) {
    if (!Number.isFinite(o.mean) || !(o.variance >= 0)) throw new RangeError(`'options[${i}]' passed to 'probabilityBest' must have a finite mean and a variance ≥ 0`);
  }
  const rng = mulberry32(seed);
  const wins = new Array<number>(options.length).fill(0);
  const sds = options.map((o) => Math.sqrt(o.variance));
  for (let d = 0; d < draws; d++) {
    let best = 0;
    let bestValue = -Infinity;
    for (let i = 0; i < options.length; i++) {
      const value = options[i]!.mean + sds[i]! * randomNormal(rng);
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    wins[best]! += 1;
  }
  return wins.map((w) => w / draws);
}

/**
 * Rounds weights that sum to 1 to multiples of 1/`steps`, still summing to
 * exactly 1 (largest remainder), after raising each to at least `floor`.
 */
export function roundWeights(weights: readonly number[], floor: number, steps = 100): number[] {
  if (weights.length === 0) return [];
  if (!(floor >= 0) || floor * weights.length > 1) throw new RangeError(`'floor' passed to 'roundWeights' must be in [0, 1/${weights.length}], got ${String(floor)}`);
  const total = weights.reduce((a, w) => a + w, 0);
  if (!(total > 0)) throw new RangeError(`'weights' passed to 'roundWeights' must have a positive sum`);
  // Mix towards uniform just enough that the smallest reaches the floor.
  const shares = weights.map((w) => w / total);
  const min = Math.min(...shares);
  const uniform = 1 / shares.length;
  const mix = min >= floor ? 0 : (floor - min) / (uniform - min);
  const mixed = shares.map((s) => (1 - mix) * s + mix * uniform);
  const scaled = mixed.map((s) => s * steps);
  const units = scaled.map(Math.floor);
  let left = steps - units.reduce((a, u) => a + u, 0);
  const order = scaled.map((s, i) => ({ i, r: s - Math.floor(s) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    units[i]! += 1;
    left -= 1;
  }
  return units.map((u) => u / steps);
}
