/**
 * How a device turns the server's versioned snapshot (`GET /v1/config`) into the policy it decides with: the
 * learned values (calibration, exploration, ε, budget, margin) merged over the defaults, the merchant's own
 * settings over those. In core so that the worker and the fleet simulator (`tailor fleet`) apply a served
 * config identically.
 */
import { DEFAULT_POLICY, parsePolicyConfig, type PolicyConfig } from './config';
import { DEFAULT_BUDGET, type BudgetPolicy } from '../privacy/budget';
import { DEFAULT_EPSILON } from '../privacy/randomizedResponse';

/** The server's snapshot, as `GET /v1/config` returns it (fields Tailor reads). */
export interface ServerPolicy {
  version: string;
  calibration?: Record<string, number>;
  exploration?: { rate?: number; weights?: Record<string, number> };
  epsilon?: number;
  budget?: BudgetPolicy;
  grossMargin?: number;
  /** The merchant's own settings (tiers, caps, cool-down, …); they win over learned values. */
  policy?: Record<string, unknown>;
  /** The site-wide page-value table (core/pageValues), validated where it is read. */
  pageValues?: unknown;
}

/** The policy and report settings in force. */
export interface EffectivePolicy {
  policy: PolicyConfig;
  epsilon: number;
  budget: BudgetPolicy;
}

/** Merges a server snapshot over the defaults; an invalid snapshot is ignored (defaults win). */
export function effectivePolicy(snapshot: ServerPolicy | null): EffectivePolicy {
  const fallback: EffectivePolicy = { policy: parsePolicyConfig(undefined), epsilon: DEFAULT_EPSILON, budget: DEFAULT_BUDGET };
  if (!snapshot || typeof snapshot.version !== 'string') return fallback;
  try {
    const merchant = snapshot.policy && typeof snapshot.policy === 'object' ? snapshot.policy : {};
    const policy = parsePolicyConfig({
      explorationRate: snapshot.exploration?.rate ?? DEFAULT_POLICY.explorationRate,
      explorationWeights: snapshot.exploration?.weights ?? {},
      grossMargin: snapshot.grossMargin ?? DEFAULT_POLICY.grossMargin,
      ...merchant,
      version: snapshot.version,
      calibration: snapshot.calibration ?? {},
    });
    const epsilon = typeof snapshot.epsilon === 'number' && snapshot.epsilon > 0 ? snapshot.epsilon : DEFAULT_EPSILON;
    const b = snapshot.budget;
    const budget = b && b.maxReportsPerDay > 0 && b.weeklyEpsilon > 0 ? b : DEFAULT_BUDGET;
    return { policy, epsilon, budget };
  } catch {
    return fallback;
  }
}
