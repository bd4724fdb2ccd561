/**
 * Types and input checks shared by the off-policy estimators in `ope.ts`:
 * logged bandit data, target policies, and the per-row importance weight.
 */

/**
 * Logged bandit feedback: for each row the context seen, the action the
 * logging policy took, the reward observed, and the probability with which
 * the logging policy took that action (known by design in a randomized test).
 */
export interface LoggedBandit<R> {
  readonly contexts: readonly R[];
  /** Logged action per row, an integer in [0, numActions). */
  readonly actions: ArrayLike<number>;
  readonly rewards: ArrayLike<number>;
  /** Logging probability of the logged action, in (0, 1]. */
  readonly propensities: ArrayLike<number>;
}

/**
 * The policy being evaluated: either a deterministic rule context → action, or
 * a stochastic one context → probability of each action (summing to 1).
 * The row index is passed too, so callers can look up precomputed scores.
 */
export type TargetPolicy<R> =
  | { readonly kind: 'deterministic'; readonly choose: (context: R, row: number) => number }
  | { readonly kind: 'stochastic'; readonly probabilities: (context: R, row: number) => ArrayLike<number> };

/** Checks lengths, actions and propensities; returns the number of rows. */
export function validateLogged<R>(fn: string, data: LoggedBandit<R>): number {
  const n = data.contexts.length;
  if (n === 0) throw new Error(`'data.contexts' passed to '${fn}' must be non-empty`);
  const { actions, rewards, propensities } = data;
  if (actions.length !== n || rewards.length !== n || propensities.length !== n) {
    throw new Error(
      `'data' passed to '${fn}' must have equal-length contexts, actions, rewards and propensities; got ${n}, ${actions.length}, ${rewards.length}, ${propensities.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    const a = actions[i] as number;
    if (!Number.isInteger(a) || a < 0) throw new Error(`'data.actions' passed to '${fn}' must be non-negative integers; got ${a} at row ${i}`);
    if (!Number.isFinite(rewards[i] as number)) throw new Error(`'data.rewards' passed to '${fn}' must be finite; got ${rewards[i]} at row ${i}`);
    const p = propensities[i] as number;
    if (!(p > 0 && p <= 1)) throw new Error(`'data.propensities' passed to '${fn}' must be in (0, 1]; got ${p} at row ${i}`);
  }
  return n;
}

/** The target policy's action distribution for one row, validated. */
export function policyDistribution<R>(fn: string, policy: TargetPolicy<R>, context: R, row: number, numActions: number): Float64Array {
  const dist = new Float64Array(numActions);
  if (policy.kind === 'deterministic') {
    const a = policy.choose(context, row);
    if (!Number.isInteger(a) || a < 0 || a >= numActions) {
      throw new Error(`'policy.choose' passed to '${fn}' must return an integer in [0, ${numActions}); got ${a} at row ${row}`);
    }
    dist[a] = 1;
    return dist;
  }
  const probs = policy.probabilities(context, row);
  if (probs.length !== numActions) {
    throw new Error(`'policy.probabilities' passed to '${fn}' must return ${numActions} probabilities; got ${probs.length} at row ${row}`);
  }
  let sum = 0;
  for (let a = 0; a < numActions; a++) {
    const p = probs[a] as number;
    if (!(p >= 0 && p <= 1)) throw new Error(`'policy.probabilities' passed to '${fn}' must return values in [0, 1]; got ${p} at row ${row}`);
    dist[a] = p;
    sum += p;
  }
  if (Math.abs(sum - 1) > 1e-6) {
    throw new Error(`'policy.probabilities' passed to '${fn}' must sum to 1; got ${sum} at row ${row}`);
  }
  return dist;
}

/**
 * Target-policy probability of the logged action at one row. IPS does not
 * know the number of actions, so a deterministic choice is only checked to be
 * a non-negative integer.
 */
export function targetProbability<R>(fn: string, policy: TargetPolicy<R>, data: LoggedBandit<R>, row: number): number {
  const context = data.contexts[row] as R;
  const logged = data.actions[row] as number;
  if (policy.kind === 'deterministic') {
    const a = policy.choose(context, row);
    if (!Number.isInteger(a) || a < 0) {
      throw new Error(`'policy.choose' passed to '${fn}' must return a non-negative integer; got ${a} at row ${row}`);
    }
    return a === logged ? 1 : 0;
  }
  const probs = policy.probabilities(context, row);
  if (logged >= probs.length) {
    throw new Error(`'policy.probabilities' passed to '${fn}' returned ${probs.length} probabilities but row ${row} logged action ${logged}`);
  }
  return policyDistribution(fn, policy, context, row, probs.length)[logged] as number;
}

/** Mean and standard error (sample sd with n − 1, over √n) of per-row terms. */
export function meanAndStandardError(terms: Float64Array): { mean: number; standardError: number } {
  const n = terms.length;
  let sum = 0;
  for (const t of terms) sum += t;
  const mean = sum / n;
  if (n < 2) return { mean, standardError: Number.NaN };
  let ss = 0;
  for (const t of terms) ss += (t - mean) * (t - mean);
  return { mean, standardError: Math.sqrt(ss / (n - 1) / n) };
}
