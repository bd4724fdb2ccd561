/**
 * One sync round: refresh the server policy, turn finished decisions into
 * noised reports, and deliver what is due. Run on a timer while the worker
 * lives and once more (keepalive) when the page hides.
 */
import type { SendDeps } from './send';
import type { Store } from '../store/store';
import { flushOutbox, queueReports, type FlushResult } from './reports';
import { cachedPolicy, effectivePolicy, pullPolicy } from './policyConfig';
import { couponBook } from './couponBook';

/** What a round needs. */
export interface SyncDeps {
  store: Store;
  endpoint: string;
  site: string;
  rng: () => number;
  now?: () => number;
  fetch?: typeof fetch;
  /** The device-clock check, told every collector answer's `Date` (send.ts). */
  onServerDate?: SendDeps['onServerDate'];
}

/** Outcome of a round. */
export interface SyncResult extends FlushResult {
  queued: number;
  overBudget: number;
  policyVersion: string;
}

/** Runs one round; never rejects for network reasons (failures become backoff). */
export async function syncCycle(deps: SyncDeps, options: { keepalive?: boolean; forceConfig?: boolean } = {}): Promise<SyncResult> {
  const now = (deps.now ?? Date.now)();
  const base = { endpoint: deps.endpoint, store: deps.store, ...(deps.now ? { now: deps.now } : {}), ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.onServerDate ? { onServerDate: deps.onServerDate } : {}) };
  // On page hide there is no time for the config: deliver first.
  const snapshot = options.keepalive ? null : await pullPolicy({ ...base, site: deps.site, ...(options.forceConfig ? { force: true } : {}) });
  // On page hide the cached config decides the channel (no pull then).
  const { epsilon, budget, policy, cells } = effectivePolicy(snapshot ?? (await cachedPolicy(deps.store)));
  const { queued, overBudget } = await queueReports(deps.store, now, { epsilon, budget, rng: deps.rng, cells });
  // Every consented device keeps a valid book, holdout included, so fetching one says
  // nothing about an offer about to be shown (it is refreshed only near expiry).
  if (!options.keepalive) await couponBook({ ...base, site: deps.site, tiers: policy.tiers });
  const flushed = await flushOutbox({ ...base, site: deps.site, rng: deps.rng, ...(options.keepalive ? { keepalive: true } : {}) });
  return { queued, overBudget, ...flushed, policyVersion: policy.version };
}
