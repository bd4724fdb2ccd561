/**
 * Offline decisions with exactly the runtime path: the bundle's vectorizer → the plain-JS forward
 * pass (which the browser's tfjs path is parity-tested against) → the bundle's calibration →
 * core/policy `decide`. Offline, every row is a fresh shopper at an offer moment: exploration
 * and holdout are off (the greedy decision is the one being evaluated), no caps, cool-downs or
 * committed budget apply, the page type is 'offline' (never in `excludedPageTypes` unless the
 * config says so), and the order value is the row's cart_value.
 */
import { mulberry32 } from '../../core/lib/random';
import type { Decision, PolicyConfig, ShopperState, TierScore } from '../../core/policy';
import { DEFAULT_POLICY, decide } from '../../core/policy';
import type { DiscountModel } from './discountModel';
import { loadDiscountModel, scoreTiers } from './discountModel';
import type { DecisionRow } from './loggedFormat';

/** Page type of offline decision contexts. */
export const OFFLINE_PAGE_TYPE = 'offline';

/** A shopper with no offer history: no guardrail state can block the decision. */
export const OFFLINE_STATE: Readonly<ShopperState> = Object.freeze({
  holdout: false,
  bot: false,
  offersLastDay: 0,
  offersLastWeek: 0,
  lastDismissAt: null,
  committedCostToday: 0,
});

/** One offline decision: the policy's decision plus the model's scores for every level. */
export interface OfflineDecision {
  readonly decision: Decision;
  /** Calibrated P(buy | tier) for every treatment level of the model, in level order. */
  readonly scores: readonly TierScore[];
}

/** `config` with exploration and holdout switched off. */
export function offlinePolicy(config: PolicyConfig): PolicyConfig {
  return { ...config, tiers: [...config.tiers], explorationRate: 0, holdoutRate: 0 };
}

/**
 * Decides for every row, in order, from precomputed calibrated scores (`probabilities`: rows x
 * levels, row-major, as `scoreTiers` returns them).
 */
export function decideFromScores(levels: readonly number[], probabilities: ArrayLike<number>, rows: readonly DecisionRow[], config: PolicyConfig = DEFAULT_POLICY): OfflineDecision[] {
  if (!levels.includes(0)) throw new Error(`'levels' passed to 'decideFromScores' must include tier 0; the policy needs P(buy | no discount)`);
  if (probabilities.length !== rows.length * levels.length) {
    throw new Error(`'probabilities' passed to 'decideFromScores' must hold ${rows.length} x ${levels.length} scores, got ${probabilities.length}`);
  }
  const policy = offlinePolicy(config);
  const k = levels.length;
  // Exploration is off, so decide never draws; a seeded source keeps it deterministic regardless.
  const rng = mulberry32(0);
  return rows.map((row, r) => {
    const scores = levels.map((tier, t) => ({ tier, p: probabilities[r * k + t]! }));
    const decision = decide(scores, { pageType: OFFLINE_PAGE_TYPE, orderValue: row.cartValue, now: 0 }, OFFLINE_STATE, policy, rng);
    return { decision, scores };
  });
}

/** Decides for every row, in order, with an already loaded model. */
export function decideWithModel(model: DiscountModel, rows: readonly DecisionRow[], config: PolicyConfig = DEFAULT_POLICY): OfflineDecision[] {
  return decideFromScores(model.levels, scoreTiers(model, rows.map((row) => row.record)), rows, config);
}

/**
 * Loads the discount-response bundle in `bundleDir` and decides for every row, in order.
 * The benchmark entry point of `tailor decide`.
 */
export async function decideRows(bundleDir: string, rows: readonly DecisionRow[], config: PolicyConfig = DEFAULT_POLICY): Promise<OfflineDecision[]> {
  return decideWithModel(await loadDiscountModel(bundleDir), rows, config);
}
