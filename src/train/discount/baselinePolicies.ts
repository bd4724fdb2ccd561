/**
 * The simple policies a learned offer policy must beat, each a map from a decision point to a
 * distribution over the evaluated tiers.
 */
import type { RawFeatureRecord } from '../../core/features/definition';
import { num } from './lib/baselineDesign';

/** Product pages a session must have viewed to count as an abandoned cart. */
export const ABANDONED_CART_MIN_PRODUCT_PAGES = 10;

/**
 * "Abandoned cart" from session features alone: at least ABANDONED_CART_MIN_PRODUCT_PAGES product
 * pages viewed and PageValues = 0, i.e. a long product browse that never reached a page on the
 * way to a purchase (cart, checkout) — the shopper a merchant's cart-recovery coupon targets.
 */
export function isAbandonedCart(record: RawFeatureRecord): boolean {
  return num(record, 'ProductRelated') >= ABANDONED_CART_MIN_PRODUCT_PAGES && num(record, 'PageValues') === 0;
}

/** A policy under evaluation: for each row, P(tier) over the evaluated tiers. */
export interface EvaluatedPolicy {
  readonly name: string;
  readonly description: string;
  /** Deterministic: the tier chosen for a row; stochastic: null (see `probabilities`). */
  readonly tierFor: ((record: RawFeatureRecord, row: number) => number) | null;
  readonly probabilities?: (row: number) => ArrayLike<number>;
}

/** No discount for anyone. */
export const NO_DISCOUNT: EvaluatedPolicy = { name: 'no discount', description: 'tier 0 for everyone', tierFor: () => 0 };

/** The same tier for everyone. */
export function blanketPolicy(tier: number): EvaluatedPolicy {
  return { name: `blanket ${tier} %`, description: `${tier} % off for everyone`, tierFor: () => tier };
}

/** Abandoned cart → `tier`, everyone else nothing. */
export function abandonedCartPolicy(tier: number): EvaluatedPolicy {
  return {
    name: `abandoned cart → ${tier} %`,
    description: `${tier} % off when ProductRelated ≥ ${ABANDONED_CART_MIN_PRODUCT_PAGES} and PageValues = 0, else none`,
    tierFor: (record) => (isAbandonedCart(record) ? tier : 0),
  };
}

/** Each of `tiers` with equal probability, over `levels` (the evaluated action list). */
export function uniformPolicy(tiers: readonly number[], levels: readonly number[]): EvaluatedPolicy {
  const dist = levels.map((level) => (tiers.includes(level) ? 1 / tiers.length : 0));
  return { name: 'uniform random', description: `each of ${tiers.join(', ')} % with probability 1/${tiers.length}`, tierFor: null, probabilities: () => dist };
}
