/**
 * Closing the loop: from the measured per-arm estimates to the next policy
 * config the devices fetch from `/v1/config`. Pure and deterministic: the same
 * estimates and previous config always give the same result and hash, so the
 * version only moves when the content does.
 *
 * Calibration, per tier t (`'0'` = no discount, learned from the holdout): the
 * model's P(buy | t) is multiplied by c_t (see `decide` in src/core/policy).
 * With m_t the model's mean P(buy | t) over the shoppers of arm t (the model
 * prior, an input) and conv_t the measured conversion of arm t, the raw factor
 * r_t = conv_t / m_t makes the calibrated baseline equal the holdout's and the
 * calibrated uplift c_t·m_t − c_0·m_0 equal the measured conv_t − conv_holdout.
 * Wide intervals shrink it towards 1 (normal prior N(1, τ²) on the factor, the
 * posterior mean): c_t = 1 + τ² / (τ² + se_r²) · (r_t − 1), se_r = se(conv_t) / m_t.
 * Tiers without data or without a prior keep their previous factor.
 *
 * Exploration: Thompson-style weights, P(tier t maximises profit per report)
 * under normal posteriors of each arm's profit (the holdout stands for "no
 * discount"), floored so no tier is ever starved, rounded to 0.01 so noise in
 * the third decimal does not mint a new version. Tiers without data get an
 * equal share: nothing is known about them yet.
 */
import type { ArmEconomics, ArmMetrics } from './armEstimates';
import type { BudgetPolicy } from './budget';
import { contentHash } from './lib/contentHash';
import { probabilityBest, roundWeights } from './lib/thompsonWeights';
import { armOfTier, type Arm } from './report';

/** The tiers a config calibrates by default, as decide's calibration keys ('0' = no discount). */
export const POLICY_TIERS: readonly string[] = ['0', '5', '10', '15', '20'];

/** Calibration keys of a tier set: '0' (measured on the holdout) and one per tier. */
export function policyTiers(tiers: readonly number[] | undefined): string[] {
  return tiers ? ['0', ...[...new Set(tiers)].sort((a, b) => a - b).map(String)] : [...POLICY_TIERS];
}
const armOfKey = (tier: string): Arm => (tier === '0' ? 'holdout' : armOfTier(Number(tier)));

/** The part of a config that the version and hash cover. */
export interface PolicyContent {
  /** Multiplicative factor on the model's P(buy | tier), by tier ('0' = no discount). */
  calibration: Record<string, number>;
  exploration: { rate: number; weights: Record<string, number> };
  epsilon: number;
  k: number;
  budget: BudgetPolicy;
  grossMargin: number;
}

/** A versioned config. */
export interface PolicySnapshot extends PolicyContent {
  /** Decimal, starting at '1'; increments whenever the content changes. */
  version: string;
  /** {@link contentHash} of the content. */
  hash: string;
}

/** Measured arms (only those that passed the k-threshold) with their economics. */
export type MeasuredArms = Partial<Record<Arm, { metrics: ArmMetrics; economics: ArmEconomics }>>;

/** Everything {@link updatePolicy} needs. */
export interface PolicyUpdateInput {
  previous: PolicySnapshot | null;
  arms: MeasuredArms;
  /** Model's mean P(buy | tier) over each arm's shoppers, by tier; null = no prior, calibration stays as it was. */
  modelPrior: Readonly<Record<string, number>> | null;
  settings: { epsilon: number; k: number; budget: BudgetPolicy; grossMargin: number; explorationRate: number };
  /** Prior SD of a factor around 1 (default 0.25), floor of an exploration weight (0.02), Monte Carlo draws (4000). */
  tuning?: { priorSd?: number; minWeight?: number; draws?: number };
  /** The merchant's tiers (default 5, 10, 15, 20 %): calibration and exploration weights are kept per tier. */
  tiers?: readonly number[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The next config: the previous one when nothing changed, else a new version. */
export function updatePolicy(input: PolicyUpdateInput): PolicySnapshot {
  const { previous, arms, modelPrior, settings } = input;
  const tau = input.tuning?.priorSd ?? 0.25;
  if (!(tau > 0)) throw new RangeError(`'tuning.priorSd' passed to 'updatePolicy' must be > 0, got ${String(tau)}`);
  const calibration: Record<string, number> = {};
  const keys = policyTiers(input.tiers);
  for (const tier of keys) {
    const kept = previous?.calibration[tier] ?? 1;
    const arm = arms[armOfKey(tier)];
    const m = modelPrior?.[tier];
    if (!arm || m === undefined || !(m > 0 && m <= 1)) {
      calibration[tier] = kept;
      continue;
    }
    const conv = arm.metrics.purchased;
    const raw = conv.value / m;
    const seRaw = Math.sqrt(Math.max(0, conv.variance)) / m;
    const shrunk = 1 + ((tau * tau) / (tau * tau + seRaw * seRaw)) * (raw - 1);
    // decide() accepts factors in [0, 10]; beyond [0.2, 5] the model, not its calibration, is the problem.
    calibration[tier] = round2(Math.min(5, Math.max(0.2, Number.isFinite(shrunk) ? shrunk : kept)));
  }
  const content: PolicyContent = {
    calibration,
    exploration: { rate: settings.explorationRate, weights: explorationWeights(arms, keys, input.tuning?.minWeight ?? 0.02, input.tuning?.draws ?? 4000) },
    epsilon: settings.epsilon,
    k: settings.k,
    budget: { maxReportsPerDay: settings.budget.maxReportsPerDay, weeklyEpsilon: settings.budget.weeklyEpsilon },
    grossMargin: settings.grossMargin,
  };
  const hash = contentHash(content);
  if (previous && previous.hash === hash) return previous;
  const version = previous ? String(Number(previous.version) + 1) : '1';
  return { ...content, version, hash };
}

function explorationWeights(arms: MeasuredArms, keys: readonly string[], minWeight: number, draws: number): Record<string, number> {
  const known: { tier: string; mean: number; variance: number }[] = [];
  const unknown: string[] = [];
  for (const tier of keys) {
    const arm = arms[armOfKey(tier)];
    const profit = arm?.economics.profit;
    if (profit && Number.isFinite(profit.value) && profit.variance >= 0) known.push({ tier, mean: profit.value, variance: profit.variance });
    else unknown.push(tier);
  }
  const share = 1 / keys.length;
  const best = probabilityBest(known, draws);
  const raw = keys.map((tier) => {
    const i = known.findIndex((o) => o.tier === tier);
    return i < 0 ? share : (1 - share * unknown.length) * best[i]!;
  });
  const rounded = roundWeights(raw, minWeight);
  return Object.fromEntries(keys.map((tier, i) => [tier, rounded[i]!]));
}

