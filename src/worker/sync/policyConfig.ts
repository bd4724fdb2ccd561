/**
 * Closing the loop on the device: the server's versioned policy (per-tier
 * response calibration, exploration weights, ε and budget, gross margin) is
 * pulled from `GET /v1/config` at most once an hour, cached locally, and
 * merged over the defaults. Decisions record the version they ran under.
 */
import { DEFAULT_POLICY, parsePolicyConfig, type PolicyConfig } from '../../core/policy';
import { DEFAULT_BUDGET, DEFAULT_EPSILON, type BudgetPolicy } from '../../core/privacy';
import type { Store } from '../store/store';
import { send, type SendDeps } from './send';

/** The `meta` key of the cached server config (shown in the audit view). */
export const POLICY_CONFIG_KEY = 'policy-config';
/** Pull at most this often. */
export const CONFIG_MAX_AGE_MS = 60 * 60 * 1000;

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
}

/** What the cache holds. */
interface CachedPolicy {
  snapshot: ServerPolicy;
  fetchedAt: number;
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

/** The cached snapshot, refreshed from the collector when older than an hour (or when `force`). */
export async function pullPolicy(deps: SendDeps & { store: Store; site: string; force?: boolean }): Promise<ServerPolicy | null> {
  const now = (deps.now ?? Date.now)();
  const cached = await deps.store.getMeta<CachedPolicy>(POLICY_CONFIG_KEY);
  if (cached && !deps.force && now - cached.fetchedAt < CONFIG_MAX_AGE_MS) return cached.snapshot;
  try {
    const response = await send(deps, 'GET', `/v1/config?site=${encodeURIComponent(deps.site)}`, undefined);
    if (!response.ok) return cached?.snapshot ?? null;
    const snapshot = (await response.json()) as ServerPolicy;
    if (!snapshot || typeof snapshot.version !== 'string') return cached?.snapshot ?? null;
    await deps.store.setMeta(POLICY_CONFIG_KEY, { snapshot, fetchedAt: now } satisfies CachedPolicy);
    return snapshot;
  } catch {
    return cached?.snapshot ?? null;
  }
}

/** The cached snapshot without any network access (for offline decisions). */
export async function cachedPolicy(store: Store): Promise<ServerPolicy | null> {
  return (await store.getMeta<CachedPolicy>(POLICY_CONFIG_KEY))?.snapshot ?? null;
}
