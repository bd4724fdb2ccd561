/**
 * The three-arm Hillstrom question: which e-mail (Mens, Womens, none) should
 * each customer get? A T-learner (one visit model per arm) assigns the arm
 * with the highest predicted visit probability; its value on the held-out
 * half is estimated off-policy from the randomized log, next to the fixed
 * policies "everyone gets X" and uniform random.
 *
 * Propensities are the design's 1/3 per arm (the realised shares are
 * 33.3/33.4/33.3%), the honest choice for a randomized test: estimating them
 * would only add noise. The DR reward model is the same T-learner, fitted on
 * the training half only, so its residuals on the test half are honest.
 */
import type { OffPolicyEstimate, TargetPolicy } from '../../../core/metrics/ope';
import { doublyRobustEstimate, ipsEstimate, policyDifferenceEstimate, snipsEstimate } from '../../../core/metrics/ope';
import type { ClassifierFitter } from './classifier';
import type { Matrix } from './matrix';
import { selectRows, selectValues } from './matrix';
import type { Split } from './stratified-split';

/** Number of arms; arm indices follow `ARMS` in `hillstrom.ts`. */
const K = 3;

/** Policies compared, in report order. */
export const THREE_ARM_POLICIES = ['learned', 'all-mens', 'all-womens', 'no-email', 'random'] as const;
/** One compared policy. */
export type ThreeArmPolicy = (typeof THREE_ARM_POLICIES)[number];

/** Off-policy estimates of one policy's visit rate on the test half. */
export interface PolicyValue {
  readonly ips: OffPolicyEstimate;
  readonly snips: OffPolicyEstimate;
  readonly dr: OffPolicyEstimate;
}

/** One seed's result. */
export interface ThreeArmResult {
  readonly values: Record<ThreeArmPolicy, PolicyValue>;
  /** Share of test customers the learned policy sends each arm (Mens, Womens, none). */
  readonly assignmentShare: readonly number[];
  /** Paired DR estimate of V(learned) − V(all-mens), the best fixed arm on this data. */
  readonly learnedMinusAllMens: OffPolicyEstimate;
}

/**
 * Fits the per-arm models on `split.train` and evaluates every policy on
 * `split.test`.
 *
 * @param arm - arm index per row (0 Mens, 1 Womens, 2 No E-Mail).
 * @param y - 0/1 outcome per row.
 */
export function runThreeArm(x: Matrix, arm: ArrayLike<number>, y: ArrayLike<number>, split: Split, fit: ClassifierFitter, seed: number): ThreeArmResult {
  const predictions: Float64Array[] = [];
  const testX = selectRows(x, split.test);
  for (let a = 0; a < K; a++) {
    const rows = Array.from(split.train).filter((i) => arm[i] === a);
    if (rows.length === 0) throw new Error(`'split.train' passed to 'runThreeArm' holds no row of arm ${a}`);
    predictions.push(fit(selectRows(x, rows), selectValues(y, rows), seed + 10 * a).predictProba(testX));
  }
  const n = split.test.length;
  const q = Array.from({ length: n }, (_, i) => predictions.map((p) => p[i] as number));
  const choice = q.map((row) => row.indexOf(Math.max(...row)));
  const share = [0, 0, 0];
  for (const a of choice) share[a] = (share[a] as number) + 1 / n;

  const logged = {
    contexts: Array.from({ length: n }, (_, i) => i),
    actions: selectValues(arm, split.test),
    rewards: selectValues(y, split.test),
    propensities: new Float64Array(n).fill(1 / K),
  };
  const fixed = (a: number): TargetPolicy<number> => ({ kind: 'deterministic', choose: () => a });
  const policies: Record<ThreeArmPolicy, TargetPolicy<number>> = {
    learned: { kind: 'deterministic', choose: (i) => choice[i] as number },
    'all-mens': fixed(0),
    'all-womens': fixed(1),
    'no-email': fixed(2),
    random: { kind: 'stochastic', probabilities: () => [1 / K, 1 / K, 1 / K] },
  };
  const values = Object.fromEntries(
    THREE_ARM_POLICIES.map((name) => {
      const p = policies[name];
      return [name, { ips: ipsEstimate(logged, p), snips: snipsEstimate(logged, p), dr: doublyRobustEstimate(logged, p, q) }];
    }),
  ) as Record<ThreeArmPolicy, PolicyValue>;
  const learnedMinusAllMens = policyDifferenceEstimate(logged, policies.learned, policies['all-mens'], q);
  return { values, assignmentShare: share, learnedMinusAllMens };
}
