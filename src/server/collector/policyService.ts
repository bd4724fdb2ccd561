/**
 * Serves and refreshes each site's policy config. A config is recomputed from
 * the last `windowDays` of counts when the cached one is older than
 * `recomputeMs` (or on demand), and a new version is stored only when its
 * content changed. A site with no reports and no stored version gets the
 * built-in default (version `'default'`, what devices use without a server),
 * which is never stored: asking about made-up sites costs no disk.
 */
import {
  policyTiers,
  contentHash,
  measuredArms,
  updatePolicy,
  utcDay,
  type EstimateSettings,
  type PolicyContent,
  type PolicySnapshot,
} from '../../core/privacy';
import type { PolicyStore } from './policyStore';
import type { ReportStore } from './reportStore';

/** What the service needs. */
export interface PolicyServiceOptions {
  reports: ReportStore;
  policies: PolicyStore;
  now: () => number;
  settings: EstimateSettings & { explorationRate: number };
  /** Model's mean P(buy | tier) per arm, by tier ('0', '5', …); null = calibration stays at 1. */
  modelPrior: Readonly<Record<string, number>> | null;
  recomputeMs: number;
  windowDays: number;
}

const MAX_CACHED_SITES = 1000;

/** Per-site config cache over the stores. */
export class PolicyService {
  private readonly cache = new Map<string, { snapshot: PolicySnapshot; at: number }>();

  constructor(private readonly options: PolicyServiceOptions) {}

  /** The site's config, recomputed first when the cached one is stale. */
  current(site: string): PolicySnapshot {
    const hit = this.cache.get(site);
    if (hit && this.options.now() - hit.at < this.options.recomputeMs) return hit.snapshot;
    return this.recompute(site);
  }

  /** Recomputes the site's config now (and stores it when it changed). */
  recompute(site: string): PolicySnapshot {
    const { reports, policies, now, settings, modelPrior, windowDays } = this.options;
    const today = utcDay(now());
    // Per day and arm (measuredArms): summed over the versions in SQL.
    const rows = reports.aggregate({ site, fromDay: today - windowDays + 1, toDay: today, sumOver: 'versions' });
    const previous = policies.latest(site);
    let snapshot: PolicySnapshot;
    if (rows.length === 0 && previous === null) {
      snapshot = this.defaultSnapshot();
    } else {
      const next = updatePolicy({ previous, arms: measuredArms(rows, settings), modelPrior, settings, ...(settings.tiers ? { tiers: settings.tiers } : {}) });
      // Another process may have minted this number first: serve what was stored, so every process agrees.
      snapshot = next === previous ? next : policies.save(site, next, now());
    }
    this.cache.delete(site);
    this.cache.set(site, { snapshot, at: now() });
    while (this.cache.size > MAX_CACHED_SITES) this.cache.delete(this.cache.keys().next().value!);
    return snapshot;
  }

  /** The config of a site Tailor knows nothing about yet. */
  defaultSnapshot(): PolicySnapshot {
    const { settings } = this.options;
    const keys = policyTiers(settings.tiers);
    const content: PolicyContent = {
      calibration: Object.fromEntries(keys.map((t) => [t, 1])),
      exploration: { rate: settings.explorationRate, weights: Object.fromEntries(keys.map((t) => [t, 1 / keys.length])) },
      epsilon: settings.epsilon,
      k: settings.k,
      budget: { maxReportsPerDay: settings.budget.maxReportsPerDay, weeklyEpsilon: settings.budget.weeklyEpsilon },
      grossMargin: settings.grossMargin,
    };
    return { ...content, version: 'default', hash: contentHash(content) };
  }
}
