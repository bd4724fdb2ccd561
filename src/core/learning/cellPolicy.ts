/**
 * Per-cell learning: from released batches (noised sums of (cell × arm × outcome) measurements) to the
 * allocation every device draws its tier from.
 *
 * Per (cell, tier) the conversion rate gets a posterior that starts at the shipped model's own prediction for
 * the cell (worth `priorWeight` exposures, so the first day is the model's best guess, not a coin) and moves
 * with the cell's data. Exposures of a tier within a cell are a random sample of the cell's shoppers (every
 * device of a cell draws from the same allocation), so plain ratios are unbiased; no importance weights are
 * needed, and the propensity each device records is what off-policy evaluation needs later.
 *
 * Allocation: Thompson sampling, P(tier t has the highest margin per exposure) under normal posteriors (DP
 * noise variance included), mixed with a uniform share that starts at `explorationStart` and shrinks as the
 * cell's exposures grow, down to `explorationFloor`. The cart cancels: every tier's expected margin is the
 * same cart times P(buy | t) × (margin − t), so the argmax needs no order value.
 *
 * Deterministic: the same batches, prior and tuning give the same allocation (seeded Monte Carlo, rounding to
 * 1/1000 so noise in the fourth decimal does not mint a new config).
 */
import { contentHash } from '../privacy/lib/contentHash';
import { mulberry32, randomNormal } from '../lib/random';
import { roundWeights } from '../privacy/lib/thompsonWeights';
import { cartGroups, cellCount, type CellSpec } from './contextCells';
import { sumBatches, type ReleasedBatch } from './aggregation';
import { HOLDOUT_ARM, LEARNING_TIERS, cellArmCounts, measurementLength } from './measurement';

/** The model's predicted conversion per (cell, tier), in LEARNING_TIERS order. */
export type CellPrior = readonly (readonly number[])[];

/** Knobs of the learner. */
export interface LearnerTuning {
  /** Exposures the model's prior is worth per (cell, tier). */
  priorWeight: number;
  /** Uniform share of a cell's allocation while it has no data. */
  explorationStart: number;
  /** Smallest uniform share, ever. */
  explorationFloor: number;
  /** Exposures of a cell at which the uniform share starts to shrink (as 1/√n). */
  explorationHalfLife: number;
  /** Monte Carlo draws per cell. */
  draws: number;
  /** Shrink each cell's uplifts towards the other cells' (empirical Bayes) before allocating. */
  poolUplift: boolean;
}

export const DEFAULT_TUNING: Readonly<LearnerTuning> = Object.freeze({ priorWeight: 30, explorationStart: 0.2, explorationFloor: 0.01, explorationHalfLife: 200, draws: 2000, poolUplift: true });

/** What the learner knows about one (cell, tier). */
export interface ArmPosterior {
  tier: number;
  /** Noised exposures and purchases summed over the batches (clamped at 0). */
  exposures: number;
  purchases: number;
  /** Posterior mean and SD of the conversion rate. */
  mean: number;
  sd: number;
}

/** One cell's state and allocation. */
export interface CellState {
  cell: number;
  arms: ArmPosterior[];
  /** Uniform share mixed into the allocation. */
  exploration: number;
  /** P(draw tier), in LEARNING_TIERS order; sums to 1. */
  weights: number[];
}

/** The per-cell policy a config serves. */
export interface CellPolicy {
  specVersion: string;
  grossMargin: number;
  cells: CellState[];
  /** Batches it was learned from. */
  batches: number;
  /** Hash of the allocation (what devices use): a new config only when it changes. */
  hash: string;
}

/** Everything {@link learnCellPolicy} reads. */
export interface LearnInput {
  spec: CellSpec;
  batches: readonly ReleasedBatch[];
  prior: CellPrior;
  grossMargin: number;
  tuning?: Partial<LearnerTuning>;
}

function checkPrior(prior: CellPrior, cells: number): void {
  if (prior.length !== cells) throw new RangeError(`'prior' passed to 'learnCellPolicy' must have one row per cell (${cells}), got ${prior.length}`);
  prior.forEach((row, c) => {
    if (row.length !== LEARNING_TIERS.length || row.some((p) => !(p >= 0 && p <= 1))) {
      throw new RangeError(`'prior[${c}]' passed to 'learnCellPolicy' must hold ${LEARNING_TIERS.length} probabilities in [0, 1] (tiers ${LEARNING_TIERS.join(', ')})`);
    }
  });
}

/** The posterior of one (cell, tier) from summed noised counts. */
function posterior(tier: number, rawExposures: number, rawPurchases: number, prior: number, noiseVariance: number, weight: number): ArmPosterior {
  const exposures = Math.max(0, rawExposures);
  const purchases = Math.min(Math.max(0, rawPurchases), exposures);
  const n = exposures + weight;
  const mean = (purchases + weight * prior) / n;
  // Sampling variance of the ratio plus the DP noise on its numerator (σ²) and denominator (2σ², scaled by mean²).
  const variance = (mean * (1 - mean)) / n + (noiseVariance * (1 + 2 * mean * mean)) / (n * n);
  return { tier, exposures, purchases, mean, sd: Math.sqrt(variance) };
}

/** A cell's posterior as the allocation draws from it: tier 0's conversion and every tier's uplift over it. */
interface CellBelief {
  arms: ArmPosterior[];
  /** Per tier (tier 0 included, as 0 ± 0): uplift over tier 0, mean and SD. */
  uplift: { mean: number; sd: number }[];
  /** Whether tiers are drawn as tier 0 + uplift (pooled uplifts) or each from its own arm (independent). */
  relative: boolean;
}

/** Independent arms: the uplift of tier t is its own posterior minus tier 0's. */
function beliefOf(arms: ArmPosterior[]): CellBelief {
  const base = arms[0]!;
  return { arms, relative: false, uplift: arms.map((a, t) => (t === 0 ? { mean: 0, sd: 0 } : { mean: a.mean - base.mean, sd: Math.sqrt(a.sd ** 2 + base.sd ** 2) })) };
}

/**
 * P(tier t has the highest margin per exposure), by Monte Carlo with a fixed seed. With pooled uplifts a round
 * draws tier 0's conversion once and every tier as that level plus its uplift: most of a cell's uncertainty is
 * its level, which moves every tier alike and says nothing about which tier is best. Independent arms are
 * drawn each from its own posterior.
 */
function probabilityBestTier(belief: CellBelief, grossMargin: number, draws: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const wins = new Array<number>(LEARNING_TIERS.length).fill(0);
  const base = belief.arms[0]!;
  for (let d = 0; d < draws; d++) {
    const level = base.mean + base.sd * randomNormal(rng);
    let best = 0;
    let bestValue = -Infinity;
    LEARNING_TIERS.forEach((tier, t) => {
      const u = belief.uplift[t]!;
      const arm = belief.arms[t]!;
      const conv = t === 0 ? level : belief.relative ? level + u.mean + u.sd * randomNormal(rng) : arm.mean + arm.sd * randomNormal(rng);
      const value = conv * (grossMargin - tier / 100);
      if (value > bestValue) {
        bestValue = value;
        best = t;
      }
    });
    wins[best]! += 1;
  }
  return wins.map((w) => w / draws);
}

/** One cell's allocation from its belief. */
function allocate(cell: number, belief: CellBelief, grossMargin: number, tuning: LearnerTuning): CellState {
  const { arms } = belief;
  const seen = arms.reduce((a, arm) => a + arm.exposures, 0);
  const exploration = Math.min(tuning.explorationStart, Math.max(tuning.explorationFloor, tuning.explorationStart * Math.sqrt(tuning.explorationHalfLife / Math.max(1, seen))));
  const best = probabilityBestTier(belief, grossMargin, tuning.draws, cell + 1);
  const mixed = best.map((p) => (1 - exploration) * p + exploration / LEARNING_TIERS.length);
  return { cell, arms, exploration, weights: roundWeights(mixed, 0, 1000) };
}

/**
 * Empirical-Bayes pooling of uplifts across cells: per tier, each cell's uplift over its own tier 0 is shrunk
 * towards the cross-cell mean by how much the cells really differ (DerSimonian–Laird between-cell variance)
 * against its own uncertainty. Where no cell responds the uplifts collapse to the shared ≈ 0 fast; where one
 * cell responds the between-cell variance stays large and that cell keeps its own estimate.
 */
function poolUplifts(beliefs: readonly CellBelief[]): CellBelief[] {
  const out = beliefs.map((b) => ({ arms: b.arms.map((a) => ({ ...a })), uplift: b.uplift.map((u) => ({ ...u })), relative: true }));
  for (let t = 1; t < LEARNING_TIERS.length; t++) {
    const d = beliefs.map((b) => b.uplift[t]!.mean);
    const v = beliefs.map((b) => Math.max(b.uplift[t]!.sd ** 2, 1e-12));
    const w = v.map((x) => 1 / x);
    const sw = w.reduce((a, x) => a + x, 0);
    const mu = d.reduce((a, x, c) => a + w[c]! * x, 0) / sw;
    const q = d.reduce((a, x, c) => a + w[c]! * (x - mu) ** 2, 0);
    const tau2 = Math.max(0, (q - (d.length - 1)) / (sw - w.reduce((a, x) => a + x * x, 0) / sw));
    out.forEach((b, c) => {
      const shrink = tau2 / (tau2 + v[c]!);
      const mean = mu + shrink * (d[c]! - mu);
      const sd = Math.sqrt(shrink * v[c]! + (1 - shrink) ** 2 / sw);
      const base = b.arms[0]!;
      b.uplift[t] = { mean, sd };
      b.arms[t] = { ...b.arms[t]!, mean: Math.min(1, Math.max(0, base.mean + mean)), sd: Math.sqrt(base.sd ** 2 + sd ** 2) };
    });
  }
  return out;
}

/** Learns the allocation of every cell. */
export function learnCellPolicy(input: LearnInput): CellPolicy {
  const { spec, batches, prior, grossMargin } = input;
  const tuning: LearnerTuning = { ...DEFAULT_TUNING, ...input.tuning };
  if (!(grossMargin > 0 && grossMargin < 1)) throw new RangeError(`'grossMargin' passed to 'learnCellPolicy' must be in (0, 1), got ${String(grossMargin)}`);
  const cells = cellCount(spec);
  checkPrior(prior, cells);
  const { sums, noiseVariance } = sumBatches(batches, measurementLength(spec), 'learnCellPolicy', spec.version);
  const posteriors: ArmPosterior[][] = [];
  for (let c = 0; c < cells; c++) {
    const holdout = cellArmCounts(sums, c, HOLDOUT_ARM);
    posteriors.push(
      LEARNING_TIERS.map((tier, t) => {
        const counts = cellArmCounts(sums, c, t);
        // A holdout device is a device shown nothing: within a cell its outcome measures tier 0 as well.
        const [exposures, purchases, noise] = tier === 0 ? [counts.exposures + holdout.exposures, counts.purchases + holdout.purchases, 2 * noiseVariance] : [counts.exposures, counts.purchases, noiseVariance];
        return posterior(tier, exposures, purchases, prior[c]![t]!, noise, tuning.priorWeight);
      }),
    );
  }
  const beliefs = posteriors.map(beliefOf);
  const out = (tuning.poolUplift ? poolUplifts(beliefs) : beliefs).map((belief, c) => allocate(c, belief, grossMargin, tuning));
  return { specVersion: spec.version, grossMargin, cells: out, batches: batches.length, hash: contentHash({ spec: spec.version, weights: out.map((s) => s.weights) }) };
}

/**
 * The model's mean predicted conversion per (cell, tier) over a set of shoppers: the prior a bundle ships.
 * Order values are pooled (the cells that differ only in it share one prior): the model's P(buy) does not
 * depend on the cart, and a bundle's training data need not know the carts.
 */
export function cellPrior(cellsOf: ArrayLike<number>, scores: ArrayLike<number>, levels: readonly number[], spec: CellSpec): number[][] {
  const cells = cellCount(spec);
  const group = cartGroups(spec);
  const k = levels.length;
  const at = LEARNING_TIERS.map((tier) => {
    const i = levels.indexOf(tier);
    if (i < 0) throw new RangeError(`'levels' passed to 'cellPrior' must include every learning tier (${LEARNING_TIERS.join(', ')}); ${tier} is missing`);
    return i;
  });
  const sum = Array.from({ length: cells }, () => new Array<number>(LEARNING_TIERS.length).fill(0));
  const count = new Array<number>(cells).fill(0);
  const overall = new Array<number>(LEARNING_TIERS.length).fill(0);
  for (let r = 0; r < cellsOf.length; r++) {
    const c = cellsOf[r]! - (cellsOf[r]! % group);
    count[c]! += 1;
    at.forEach((j, t) => {
      sum[c]![t]! += scores[r * k + j]!;
      overall[t]! += scores[r * k + j]!;
    });
  }
  return sum.map((_, cell) => {
    const c = cell - (cell % group);
    return sum[c]!.map((s, t) => (count[c]! > 0 ? s / count[c]! : overall[t]! / Math.max(1, cellsOf.length)));
  });
}
