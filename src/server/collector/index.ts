/**
 * The collector: report uploads, estimates and the policy config, on `/v1`.
 *
 * Mount it inside `createTailorApp` before the `/v1/*` 404 fallback, with
 * `COLLECTOR_MIGRATIONS` appended to the server's migrations.
 */
import type { Hono } from 'hono';
import { PolicyService } from './policyService';
import { SlidingWindowLimiter } from './rateLimiter';
import { mountConfigRoutes } from './routes/config';
import { mountEstimateRoutes } from './routes/estimates';
import { mountReportRoutes } from './routes/reports';
import { resolveDeps, type CollectorDeps, type ResolvedDeps } from './settings';

export { COLLECTOR_MIGRATIONS } from './migrations';
export type { CollectorDeps } from './settings';
export { SqliteReportStore, type ReportStore, type ReportFilter, type InsertResult } from './reportStore';
export { SqlitePolicyStore, type PolicyStore } from './policyStore';

/** What {@link mountCollector} built, for the caller that wants to reuse it. */
export interface Collector {
  deps: ResolvedDeps;
  policies: PolicyService;
}

/** Mounts `POST /v1/reports`, `GET /v1/estimates[/daily]`, `GET /v1/config` and `POST /v1/config/recompute`. */
export function mountCollector(app: Hono, deps: CollectorDeps): Collector {
  const resolved = resolveDeps(deps);
  const limiter = new SlidingWindowLimiter({ ...resolved.rateLimit, now: resolved.now });
  // Its own budget: an upload flood must not lock the admin out, nor token guessing eat the uploads'.
  const adminLimiter = new SlidingWindowLimiter({ limit: 10, windowMs: 60_000, now: resolved.now });
  const policies = new PolicyService({
    reports: resolved.reports,
    policies: resolved.policies,
    now: resolved.now,
    settings: resolved.settings,
    modelPrior: resolved.modelPrior,
    recomputeMs: resolved.recomputeMs,
    windowDays: resolved.windowDays,
  });
  mountReportRoutes(app, resolved, limiter);
  mountEstimateRoutes(app, resolved);
  mountConfigRoutes(app, resolved, policies, adminLimiter);
  return { deps: resolved, policies };
}
