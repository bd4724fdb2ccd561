/**
 * Everything the worker needs only once a decision is asked for — feature
 * computation, the policy, the coupon book — in one lazily imported chunk,
 * so the worker that starts with every page stays small.
 */
export { createFeatureSource, type FeatureSource } from './features/featureSource';
export { servedPageValues } from './features/servedPageValues';
export { decideOffer, markDismissed, type OfferDeps } from './offers/decideOffer';
export { storedCart } from './offers/storedCart';
