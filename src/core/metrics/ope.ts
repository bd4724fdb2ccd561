/**
 * Off-policy value estimators for logged bandit data with known logging
 * propensities (e.g. a randomized offer test): what average reward would a
 * different policy have earned on the same customers?
 *
 * With importance weight `w_i = π(a_i | x_i) / μ(a_i | x_i)` (target over
 * logging probability of the logged action):
 *
 * - IPS:   V = (1/n) Σ w_i r_i — unbiased when μ is correct and positive
 *          wherever π is;
 * - SNIPS: V = Σ w_i r_i / Σ w_i — slightly biased (O(1/n)), usually far
 *          lower variance, and invariant to adding a constant to rewards;
 * - DR:    V = (1/n) Σ [ Σ_a π(a|x_i) q̂(x_i,a) + w_i (r_i − q̂(x_i,a_i)) ] —
 *          unbiased if either μ or the reward model q̂ is right, and lower
 *          variance than IPS when q̂ is good.
 *
 * `policyDifferenceEstimate` compares two policies on the same log with a
 * paired standard error.
 *
 * Standard errors treat rows as i.i.d.: for IPS and DR the sample sd of the
 * per-row terms over √n; for SNIPS the delta-method
 * `sqrt(Σ w_i² (r_i − V)²) / Σ w_i`.
 */
import type { LoggedBandit, TargetPolicy } from './lib/ope-policy';
import { meanAndStandardError, policyDistribution, targetProbability, validateLogged } from './lib/ope-policy';

export type { LoggedBandit, TargetPolicy } from './lib/ope-policy';

/** A policy-value estimate with its uncertainty and a weight diagnostic. */
export interface OffPolicyEstimate {
  /** Estimated mean reward per row under the target policy. */
  readonly value: number;
  /** Standard error of `value` (NaN with fewer than 2 rows). */
  readonly standardError: number;
  /** Rows used. */
  readonly n: number;
  /**
   * Kish effective sample size `(Σ w)² / Σ w²`: how many rows the weighted
   * estimate is worth; far below `n` warns of high variance. 0 when no
   * logged action has positive target probability.
   */
  readonly effectiveSampleSize: number;
}

/** Inverse propensity scoring (Horvitz–Thompson) estimate of a policy's value. */
export function ipsEstimate<R>(data: LoggedBandit<R>, policy: TargetPolicy<R>): OffPolicyEstimate {
  const n = validateLogged('ipsEstimate', data);
  const { terms, weights } = ipsTerms('ipsEstimate', data, policy, n);
  const { mean, standardError } = meanAndStandardError(terms);
  return { value: mean, standardError, n, effectiveSampleSize: effectiveSampleSize(weights) };
}

/**
 * Self-normalised IPS estimate.
 *
 * @throws when no logged action has positive target probability (Σ w = 0),
 *   where the estimate is undefined.
 */
export function snipsEstimate<R>(data: LoggedBandit<R>, policy: TargetPolicy<R>): OffPolicyEstimate {
  const n = validateLogged('snipsEstimate', data);
  const weights = importanceWeights('snipsEstimate', data, policy, n);
  let sumW = 0;
  let sumWR = 0;
  for (let i = 0; i < n; i++) {
    sumW += weights[i] as number;
    sumWR += (weights[i] as number) * (data.rewards[i] as number);
  }
  if (sumW === 0) {
    throw new Error("'snipsEstimate' is undefined: the target policy gives probability 0 to every logged action");
  }
  const value = sumWR / sumW;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const dev = (weights[i] as number) * ((data.rewards[i] as number) - value);
    ss += dev * dev;
  }
  return { value, standardError: Math.sqrt(ss) / sumW, n, effectiveSampleSize: effectiveSampleSize(weights) };
}

/**
 * Doubly robust estimate.
 *
 * @param rewardPredictions - per row, the reward model's prediction for every
 *   action (`rewardPredictions[i][a] = q̂(x_i, a)`); its length per row fixes
 *   the number of actions. The model must not have been fitted on these rows,
 *   or the correction term is biased towards zero.
 */
export function doublyRobustEstimate<R>(
  data: LoggedBandit<R>,
  policy: TargetPolicy<R>,
  rewardPredictions: readonly ArrayLike<number>[],
): OffPolicyEstimate {
  const fn = 'doublyRobustEstimate';
  const n = validateLogged(fn, data);
  const { terms, weights } = drTerms(fn, data, policy, rewardPredictions, n);
  const { mean, standardError } = meanAndStandardError(terms);
  return { value: mean, standardError, n, effectiveSampleSize: effectiveSampleSize(weights) };
}

/**
 * Paired estimate of `V(policyA) − V(policyB)` on the same log: the mean of
 * per-row differences of DR terms (or IPS terms without `rewardPredictions`).
 * Its standard error is far smaller than combining two separate SEs, because
 * rows where both policies agree contribute (almost) nothing.
 *
 * `effectiveSampleSize` is that of policy A's weights.
 */
export function policyDifferenceEstimate<R>(
  data: LoggedBandit<R>,
  policyA: TargetPolicy<R>,
  policyB: TargetPolicy<R>,
  rewardPredictions?: readonly ArrayLike<number>[],
): OffPolicyEstimate {
  const fn = 'policyDifferenceEstimate';
  const n = validateLogged(fn, data);
  const terms = (p: TargetPolicy<R>): { terms: Float64Array; weights: Float64Array } =>
    rewardPredictions === undefined ? ipsTerms(fn, data, p, n) : drTerms(fn, data, p, rewardPredictions, n);
  const a = terms(policyA);
  const b = terms(policyB);
  const { mean, standardError } = meanAndStandardError(a.terms.map((t, i) => t - (b.terms[i] as number)));
  return { value: mean, standardError, n, effectiveSampleSize: effectiveSampleSize(a.weights) };
}

/** Per-row IPS terms `w_i r_i` and the weights `w_i`. */
function ipsTerms<R>(fn: string, data: LoggedBandit<R>, policy: TargetPolicy<R>, n: number): { terms: Float64Array; weights: Float64Array } {
  const weights = importanceWeights(fn, data, policy, n);
  return { terms: weights.map((w, i) => w * (data.rewards[i] as number)), weights };
}

/** Per-row DR terms and importance weights; validates the reward predictions. */
function drTerms<R>(
  fn: string,
  data: LoggedBandit<R>,
  policy: TargetPolicy<R>,
  rewardPredictions: readonly ArrayLike<number>[],
  n: number,
): { terms: Float64Array; weights: Float64Array } {
  if (rewardPredictions.length !== n) {
    throw new Error(`'rewardPredictions' passed to '${fn}' must have one entry per row (${n}); got ${rewardPredictions.length}`);
  }
  const weights = new Float64Array(n);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const q = rewardPredictions[i] as ArrayLike<number>;
    const a = data.actions[i] as number;
    if (a >= q.length) {
      throw new Error(`'rewardPredictions' passed to '${fn}' has ${q.length} actions at row ${i}, but the logged action is ${a}`);
    }
    const dist = policyDistribution(fn, policy, data.contexts[i] as R, i, q.length);
    let direct = 0;
    for (let b = 0; b < q.length; b++) {
      const qb = q[b] as number;
      if (!Number.isFinite(qb)) throw new Error(`'rewardPredictions' passed to '${fn}' must be finite; got ${qb} at row ${i}, action ${b}`);
      direct += (dist[b] as number) * qb;
    }
    const w = (dist[a] as number) / (data.propensities[i] as number);
    weights[i] = w;
    terms[i] = direct + w * ((data.rewards[i] as number) - (q[a] as number));
  }
  return { terms, weights };
}

function importanceWeights<R>(fn: string, data: LoggedBandit<R>, policy: TargetPolicy<R>, n: number): Float64Array {
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = targetProbability(fn, policy, data, i) / (data.propensities[i] as number);
  return weights;
}

function effectiveSampleSize(weights: Float64Array): number {
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  return s2 === 0 ? 0 : (s * s) / s2;
}
