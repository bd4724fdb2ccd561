/**
 * Off-policy evaluation of the learned offer policy against simple baselines on held-out logged
 * randomized offers. Reward per shopper (cart-value basis):
 *   r = converted × cart_value × (gross margin − tier / 100),
 * i.e. the margin earned after the discount. IPS and doubly robust estimates use the logged
 * propensities; DR's reward model is the discount-response model itself (q̂(x, t) =
 * P̂(buy | t, x) × cart_value × (margin − t/100)), valid because the log was not used to train it.
 * With the simulation's truth, every policy also gets its exact value on these rows.
 */
import type { OffPolicyEstimate, TargetPolicy } from '../../core/metrics/ope';
import { doublyRobustEstimate, ipsEstimate, policyDifferenceEstimate, snipsEstimate } from '../../core/metrics/ope';
import type { PolicyConfig } from '../../core/policy';
import { marginFor } from '../../core/policy';
import type { EvaluatedPolicy } from './baselinePolicies';
import { NO_DISCOUNT, abandonedCartPolicy, blanketPolicy, uniformPolicy } from './baselinePolicies';
import { decideFromScores } from './decideRows';
import type { DiscountModel } from './discountModel';
import { scoreTiers } from './discountModel';
import type { LoggedData, LoggedRow } from './loggedFormat';
import type { SimulationTruth } from './truth';
import { oracleTier, trueConversion } from './truth';
import { withKnownPageValues, withUnknownPageValues } from '../pipeline/runtimeViews';

/** Estimates and (with truth) the exact value of one policy, per shopper. */
export interface PolicyValue {
  readonly policy: string;
  readonly description: string;
  readonly ips: OffPolicyEstimate;
  readonly snips: OffPolicyEstimate;
  readonly dr: OffPolicyEstimate;
  /** Paired DR estimate of this policy's value minus no discount's. */
  readonly drGainOverNone: OffPolicyEstimate;
  readonly exact: number | null;
  /** Share of shoppers offered each tier (expected share for stochastic policies). */
  readonly tierMix: Readonly<Record<string, number>>;
}

/** The whole evaluation. */
export interface PolicyEvaluation {
  readonly data: { readonly file: string; readonly sha256: string; readonly rows: number };
  readonly truthFile: string | null;
  readonly basis: 'cart_value';
  readonly grossMargin: number;
  /** The tiers every policy chooses among (0 plus the config's tiers the model scores). */
  readonly tiers: readonly number[];
  readonly policies: readonly PolicyValue[];
  /** Exact value of the per-row best tier (truth only). */
  readonly oracle: number | null;
  /** 100 × (learned − no discount) / (oracle − no discount), exact values (truth only). */
  readonly learnedPercentOfOracleGain: number | null;
  /** The same for the learned policy scoring what a device without a page-value table computes (PageValues unknown). */
  readonly runtimePercentOfOracleGain: number | null;
}

/** The learned policy's name in the table, and its twin on a device without a page-value table. */
export const LEARNED_POLICY = 'learned (tailor decide)';
export const LEARNED_RUNTIME_POLICY = 'learned, no page-value table';

/** Where the log and its truth came from, for the report. */
export interface EvaluationSources {
  readonly file: string;
  readonly truthFile: string | null;
}

const round = (x: number) => Number(x.toPrecision(6));

/** Evaluates the learned policy (model + runtime `decide` under `config`) and the baselines. */
export function evaluatePolicies(model: DiscountModel, data: LoggedData, config: PolicyConfig, truth: SimulationTruth | null, sources: EvaluationSources): PolicyEvaluation {
  const levels = model.levels;
  const k = levels.length;
  data.rows.forEach((row, i) => {
    if (!levels.includes(row.tier)) throw new Error(`${data.path}:${i + 2}, column 'tier': tier ${row.tier} is not one the model scores (${levels.join(', ')})`);
  });
  const margin = marginFor(config);
  const tiers = [0, ...config.tiers.filter((t) => t <= config.maxDiscount && levels.includes(t))];
  const value = (row: LoggedRow, tier: number, converted: number) => converted * row.cartValue * (margin - tier / 100);

  const probabilities = scoreTiers(model, data.rows.map((row) => withKnownPageValues(row.record)));
  const q = data.rows.map((row, r) => Float64Array.from(levels, (tier, t) => value(row, tier, probabilities[r * k + t]!)));
  const learnedTiers = decideFromScores(levels, probabilities, data.rows, config).map((d) => d.decision.tier);
  // The truth still answers to the session's real PageValues; only what the device scores changes.
  const runtimeTiers = decideFromScores(levels, scoreTiers(model, data.rows.map((row) => withUnknownPageValues(row.record))), data.rows, config).map((d) => d.decision.tier);
  const policies: EvaluatedPolicy[] = [
    { name: LEARNED_POLICY, description: 'argmax expected margin of the model under the runtime policy', tierFor: (_, r) => learnedTiers[r]! },
    { name: LEARNED_RUNTIME_POLICY, description: 'the same, scoring PageValues as unknown (a first visit, no table served)', tierFor: (_, r) => runtimeTiers[r]! },
    NO_DISCOUNT,
    ...(tiers.includes(10) ? [blanketPolicy(10), abandonedCartPolicy(10)] : []),
    uniformPolicy(tiers, levels),
  ];
  if (truth) {
    const chosen = data.rows.map((row) => oracleTier(truth, row, tiers, margin));
    policies.push({ name: 'oracle (truth)', description: 'the best tier under the true response', tierFor: (_, r) => chosen[r]! });
  }

  const bandit = {
    contexts: data.rows,
    actions: Int32Array.from(data.rows, (row) => levels.indexOf(row.tier)),
    rewards: Float64Array.from(data.rows, (row) => value(row, row.tier, row.converted)),
    propensities: Float64Array.from(data.rows, (row) => row.propensity),
  };
  const n = data.rows.length;
  // The true value of every (row, tier), computed once: P_true × cart_value × (margin − tier).
  const trueValues = truth ? data.rows.map((row) => Float64Array.from(levels, (tier) => value(row, tier, trueConversion(truth, row.record, tier)))) : null;
  const asTarget = (p: EvaluatedPolicy): { target: TargetPolicy<LoggedRow>; dist: (r: number) => ArrayLike<number> } => {
    if (!p.tierFor) return { target: { kind: 'stochastic', probabilities: (_, r) => p.probabilities!(r) }, dist: (r) => p.probabilities!(r) };
    const actions = Int32Array.from(data.rows, (row, r) => levels.indexOf(p.tierFor!(row.record, r)));
    const onehot = levels.map((_, t) => Float64Array.from(levels, (__, u) => (u === t ? 1 : 0)));
    return { target: { kind: 'deterministic', choose: (_, r) => actions[r]! }, dist: (r) => onehot[actions[r]!]! };
  };
  const none = asTarget(NO_DISCOUNT).target;

  const values = policies.map((p): PolicyValue => {
    const { target, dist } = asTarget(p);
    const mix = new Float64Array(k);
    let exact = 0;
    for (let r = 0; r < n; r++) {
      const d = dist(r);
      for (let t = 0; t < k; t++) {
        mix[t]! += d[t]! / n;
        if (trueValues) exact += (d[t]! * trueValues[r]![t]!) / n;
      }
    }
    return {
      policy: p.name,
      description: p.description,
      ips: ipsEstimate(bandit, target),
      snips: snipsEstimate(bandit, target),
      dr: doublyRobustEstimate(bandit, target, q),
      drGainOverNone: policyDifferenceEstimate(bandit, target, none, q),
      exact: trueValues ? exact : null,
      tierMix: Object.fromEntries(levels.map((tier, t) => [String(tier), round(mix[t]!)])),
    };
  });
  const exactOf = (name: string) => values.find((v) => v.policy === name)?.exact ?? null;
  const oracle = truth ? exactOf('oracle (truth)') : null;
  const noDiscount = exactOf(NO_DISCOUNT.name);
  const percentOf = (name: string) => {
    const learned = exactOf(name);
    return oracle !== null && learned !== null && noDiscount !== null && oracle > noDiscount ? (100 * (learned - noDiscount)) / (oracle - noDiscount) : null;
  };
  return {
    data: { file: sources.file, sha256: data.sha256, rows: data.rows.length },
    truthFile: sources.truthFile,
    basis: 'cart_value',
    grossMargin: margin,
    tiers,
    policies: values,
    oracle,
    learnedPercentOfOracleGain: percentOf(LEARNED_POLICY),
    runtimePercentOfOracleGain: percentOf(LEARNED_RUNTIME_POLICY),
  };
}
