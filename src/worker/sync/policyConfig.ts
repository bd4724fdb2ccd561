/**
 * Closing the loop on the device: the server's versioned policy (per-tier
 * response calibration, exploration weights, ε and budget, gross margin) is
 * pulled from `GET /v1/config` at most once an hour, cached locally, and
 * merged over the defaults. Decisions record the version they ran under.
 */
import { effectivePolicy, type EffectivePolicy, type ServerPolicy } from '../../core/policy';
import type { Store } from '../store/store';
import { send, type SendDeps } from './send';
import { POLICY_CONFIG_KEY, type CachedConfig } from './policyConfigKey';

export { POLICY_CONFIG_KEY };
/** Pull at most this often. */
export const CONFIG_MAX_AGE_MS = 60 * 60 * 1000;

export { effectivePolicy, type EffectivePolicy, type ServerPolicy };

/** What the cache holds. */
type CachedPolicy = CachedConfig<ServerPolicy>;

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
