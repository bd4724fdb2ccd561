/** Offer policy: config and the pure decision. */
export { DEFAULT_POLICY, parsePolicyConfig, type PolicyConfig } from './config';
export { decide, marginFor, pricedOrderValue, type Decision, type DecisionContext, type DecisionKind, type ShopperState, type TierMargin, type TierScore } from './decide';
export { effectivePolicy, type EffectivePolicy, type ServerPolicy } from './servedPolicy';
