/**
 * The collector: report uploads, estimates and the policy config, on `/v1`;
 * on the central channel also measurement uploads and the per-cell learning state.
 *
 * Mount it inside `createTailorApp` before the `/v1/*` 404 fallback, with
 * `COLLECTOR_MIGRATIONS` appended to the server's migrations.
 */
import type { Hono } from 'hono';
import { CellService, createCellService } from './cellService';
import { PolicyService } from './policyService';
import { ClientRateLimiter } from './rateLimiter';
import { mountCellRoutes } from './routes/cells';
import { mountConfigRoutes } from './routes/config';
import { mountEstimateRoutes } from './routes/estimates';
import { mountMeasurementRoutes } from './routes/measurements';
import { mountReportRoutes } from './routes/reports';
import { resolveDeps, type CollectorDeps, type ResolvedDeps } from './settings';

export { COLLECTOR_MIGRATIONS } from './migrations';
export type { CollectorDeps, ReportChannel } from './settings';
export { SqliteReportStore, type ReportStore, type ReportFilter, type InsertResult } from './reportStore';
export { SqlitePolicyStore, type PolicyStore } from './policyStore';
export { SqliteMeasurementStore, type MeasurementStore, type MeasurementInsertResult, type BatchRecord, type BatchSpan } from './measurementStore';
export { CellService, type CellLearning } from './cellService';
export type { CellsView } from './cellsView';

/** What {@link mountCollector} built, for the caller that wants to reuse it. */
export interface Collector {
  deps: ResolvedDeps;
  policies: PolicyService;
  /** Null on the local channel. */
  cells: CellService | null;
}

/**
 * Mounts `POST /v1/reports`, `GET /v1/estimates[/daily]`, `GET /v1/config`, `POST /v1/config/recompute`,
 * and `POST /v1/measurements` and `GET /v1/cells` (both 404 on the local channel).
 */
export function mountCollector(app: Hono, deps: CollectorDeps): Collector {
  const resolved = resolveDeps(deps);
  const limiter = new ClientRateLimiter({ ...resolved.rateLimit, now: resolved.now });
  // Its own budget: an upload flood must not lock the admin out, nor token guessing eat the uploads'.
  const adminLimiter = new ClientRateLimiter({ limit: 10, windowMs: 60_000, now: resolved.now });
  const policies = new PolicyService({
    reports: resolved.reports,
    policies: resolved.policies,
    now: resolved.now,
    settings: resolved.settings,
    modelPrior: resolved.modelPrior,
    recomputeMs: resolved.recomputeMs,
    windowDays: resolved.windowDays,
  });
  const cells = createCellService(resolved);
  // One upload budget for both channels: a client flooding one must not get a fresh allowance on the other.
  mountReportRoutes(app, resolved, limiter);
  mountMeasurementRoutes(app, resolved, limiter);
  mountEstimateRoutes(app, resolved);
  mountConfigRoutes(app, resolved, policies, adminLimiter, cells);
  mountCellRoutes(app, resolved, cells);
  return { deps: resolved, policies, cells };
}
