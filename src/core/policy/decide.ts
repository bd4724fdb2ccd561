/**
 * The offer decision: pick the discount tier that maximises expected margin,
 *   E[margin | t] = P(buy | t) × order value × (gross margin − t),
 * over the merchant's tiers and "no discount", inside the guardrails; keep a
 * sticky holdout out of it; explore a small share uniformly, logging the
 * propensity so off-policy evaluation can use the decisions later.
 *
 * Pure: the caller passes the model's scores, the shopper's local state, the
 * config and a random number generator.
 */
import type { PolicyConfig } from './config';

/** P(buy) under one tier, from the model. Tier 0 = no discount. */
export interface TierScore {
  tier: number;
  p: number;
}

/** What the device knows about this shopper's offer history (all local). */
export interface ShopperState {
  holdout: boolean;
  /** The session is flagged as a bot / anomaly: never personalise. */
  bot: boolean;
  offersLastDay: number;
  offersLastWeek: number;
  lastDismissAt: number | null;
  /** Expected discount cost already committed by offers shown today. */
  committedCostToday: number;
}

/** The moment of decision. */
export interface DecisionContext {
  pageType: string;
  /** Cart value, else the viewed product's price; null = unknown (config default used). */
  orderValue: number | null;
  category?: string;
  now: number;
  /**
   * The served per-context allocation for this shopper's cell: P(draw tier), by tier ('0' = no discount). When
   * present the tier is drawn from it (restricted to the allowed candidates) instead of the model's argmax: the
   * shop's own learned answer wins over the model's.
   */
  allocation?: Readonly<Record<string, number>>;
}

/** Why the decision came out as it did. */
export type DecisionKind = 'greedy' | 'explore' | 'holdout' | 'guardrail' | 'no-model' | 'not-worth-it';

/** Expected margin of one candidate tier. */
export interface TierMargin {
  tier: number;
  p: number;
  margin: number;
  cost: number;
}

/** A decision, offer or not; stored locally for the audit view. */
export interface Decision {
  /** Chosen tier in percent; 0 = no offer. */
  tier: number;
  kind: DecisionKind;
  /** Probability that this policy picks `tier` in this context (1 for deterministic outcomes). */
  propensity: number;
  /** Human-readable reason, for the shopper's audit view. */
  reason: string;
  candidates: TierMargin[];
  orderValue: number;
  policyVersion: string;
  /** Set when the tier was drawn from the served allocation (so `propensity` is the allocation's weight). */
  allocated?: true;
}

const pct = (x: number) => `${Math.round(x * 100)} %`;
const money = (x: number) => x.toFixed(2);

/** The order value a decision is priced on: the context's, when it is a positive amount, else the config's default. */
export function pricedOrderValue(orderValue: number | null, config: PolicyConfig): number {
  return orderValue !== null && Number.isFinite(orderValue) && orderValue > 0 ? orderValue : config.defaultOrderValue;
}

/** The gross margin that applies to `category`. */
export function marginFor(config: PolicyConfig, category?: string): number {
  const specific = category !== undefined ? config.categoryMargins[category] : undefined;
  return specific ?? config.grossMargin;
}

/**
 * Decides. Throws only on programming errors (bad arguments), with the
 * argument and function named; callers in the page path catch and degrade.
 */
export function decide(
  scores: readonly TierScore[] | null,
  ctx: DecisionContext,
  state: ShopperState,
  config: PolicyConfig,
  rng: () => number,
): Decision {
  if (scores !== null && !Array.isArray(scores)) throw new TypeError("'scores' passed to 'decide' must be an array or null");
  if (typeof rng !== 'function') throw new TypeError("'rng' passed to 'decide' must be a function returning [0, 1)");
  const orderValue = pricedOrderValue(ctx.orderValue, config);
  const base = { orderValue, policyVersion: config.version, candidates: [] as TierMargin[] };
  const none = (kind: DecisionKind, reason: string): Decision => ({ ...base, tier: 0, kind, propensity: 1, reason });

  if (state.holdout) return none('holdout', 'No offer: this device is in the holdout group, which never sees offers so that their effect can be measured.');
  if (state.bot) return none('guardrail', 'No offer: this session looks automated (bot or anomaly filter).');
  if (config.excludedPageTypes.includes(ctx.pageType)) return none('guardrail', `No offer: offers never show on ${ctx.pageType} pages.`);
  if (state.lastDismissAt !== null && ctx.now - state.lastDismissAt < config.cooldownMs) {
    return none('guardrail', 'No offer: an offer was dismissed recently (cool-down).');
  }
  if (state.offersLastDay >= config.maxOffersPerDay) return none('guardrail', `No offer: the daily cap of ${config.maxOffersPerDay} offers is reached.`);
  if (state.offersLastWeek >= config.maxOffersPerWeek) return none('guardrail', `No offer: the weekly cap of ${config.maxOffersPerWeek} offers is reached.`);
  if (scores === null || scores.length === 0) return none('no-model', 'No offer: the model is not available on this device.');

  const margin = marginFor(config, ctx.category);
  const byTier = new Map<number, number>();
  for (const s of scores) {
    if (!Number.isFinite(s.p) || s.p < 0 || s.p > 1) throw new RangeError(`'scores' passed to 'decide' must hold probabilities in [0, 1]; tier ${s.tier} has ${s.p}`);
    byTier.set(s.tier, s.p);
  }
  if (!byTier.has(0)) return none('no-model', 'No offer: the model gave no score for "no discount".');
  const candidates: TierMargin[] = [];
  for (const tier of [0, ...config.tiers]) {
    const raw = byTier.get(tier);
    if (raw === undefined || tier > config.maxDiscount) continue;
    const p = Math.min(1, raw * (config.calibration[String(tier)] ?? 1));
    const cost = tier === 0 ? 0 : p * orderValue * (tier / 100);
    if (tier > 0 && config.dailyBudget !== null && state.committedCostToday + cost > config.dailyBudget) continue;
    candidates.push({ tier, p, margin: p * orderValue * (margin - tier / 100), cost });
  }
  base.candidates = candidates;
  const zero = candidates[0]!;
  // Ties go to the smaller discount: never pay for nothing.
  let greedy = zero;
  for (const c of candidates) if (c.margin > greedy.margin + 1e-12) greedy = c;
  let kind: DecisionKind = 'greedy';
  if (greedy.tier !== 0 && greedy.margin - zero.margin < config.minExpectedGain) {
    greedy = zero;
    kind = 'not-worth-it';
  }

  if (ctx.allocation) {
    const learned = drawAllocated(candidates, ctx.allocation, rng);
    if (learned) {
      const top = candidates.reduce((a, c) => ((ctx.allocation![String(c.tier)] ?? 0) > (ctx.allocation![String(a.tier)] ?? 0) ? c : a), zero);
      const kindOf: DecisionKind = learned.chosen === top ? 'greedy' : 'explore';
      return { ...base, tier: learned.chosen.tier, kind: kindOf, propensity: learned.propensity, allocated: true, reason: explainAllocated(learned.chosen, zero, learned.propensity) };
    }
  }

  // Exploration draws a candidate by the server's weights (uniform when none are set).
  const weights = candidates.map((c) => config.explorationWeights[String(c.tier)] ?? (Object.keys(config.explorationWeights).length ? 0 : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const eps = candidates.length > 1 && total > 0 ? config.explorationRate : 0;
  let chosen = greedy;
  if (eps > 0 && rng() < eps) {
    let r = rng() * total;
    let i = 0;
    while (i < candidates.length - 1 && r >= weights[i]!) r -= weights[i++]!;
    chosen = candidates[i]!;
    kind = 'explore';
  }
  const share = (c: TierMargin) => (total > 0 ? weights[candidates.indexOf(c)]! / total : 0);
  const propensity = (chosen === greedy ? 1 - eps : 0) + eps * share(chosen);
  return { ...base, tier: chosen.tier, kind, propensity, reason: explain(chosen, zero, greedy, kind, candidates) };
}

/** Draws a candidate by the allocation's weights; null when the allocation gives the candidates no weight. */
function drawAllocated(candidates: readonly TierMargin[], allocation: Readonly<Record<string, number>>, rng: () => number): { chosen: TierMargin; propensity: number } | null {
  const weights = candidates.map((c) => {
    const w = allocation[String(c.tier)];
    return typeof w === 'number' && Number.isFinite(w) && w > 0 ? w : 0;
  });
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return null;
  let r = rng() * total;
  let i = 0;
  while (i < candidates.length - 1 && r >= weights[i]!) r -= weights[i++]!;
  // Floating-point leftovers must not land on a zero-weight tail candidate.
  while (weights[i] === 0 && i > 0) i--;
  return { chosen: candidates[i]!, propensity: weights[i]! / total };
}

function explainAllocated(chosen: TierMargin, zero: TierMargin, propensity: number): string {
  const what = chosen.tier === 0 ? 'No discount' : `${chosen.tier} % off`;
  return `${what}: drawn with probability ${pct(propensity)} from what this shop's own results say works for shoppers like this one (model: P(buy) ${pct(zero.p)} without a discount${chosen.tier === 0 ? '' : `, ${pct(chosen.p)} with it`}).`;
}

function explain(chosen: TierMargin, zero: TierMargin, greedy: TierMargin, kind: DecisionKind, all: TierMargin[]): string {
  const best = all.reduce((a, c) => (c.tier !== 0 && c.margin > a.margin ? c : a), { tier: 0, p: 0, margin: -Infinity, cost: 0 });
  if (kind === 'explore') {
    return `${chosen.tier === 0 ? 'No discount' : `${chosen.tier} % off`}: chosen at random to keep learning (exploration); the best estimate was ${greedy.tier === 0 ? 'no discount' : `${greedy.tier} % off`}.`;
  }
  if (chosen.tier === 0) {
    const why = kind === 'not-worth-it' ? 'below the minimum gain worth an offer' : best.tier ? `the best tier (${best.tier} %) would earn ${money(zero.margin - best.margin)} less` : 'no tier is allowed';
    return `No discount: P(buy) is ${pct(zero.p)} without one and ${why} (expected margin ${money(zero.margin)}).`;
  }
  return `${chosen.tier} % off: expected margin ${money(chosen.margin)} vs ${money(zero.margin)} with no discount (P(buy) ${pct(zero.p)} → ${pct(chosen.p)}).`;
}
