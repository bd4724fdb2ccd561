/**
 * `GET /v1/estimates?site=&from=&to=&policyVersion=`: per-arm estimates with
 * 95 % intervals and n; cells under k are `{suppressed: true}` with no numbers.
 * `GET /v1/estimates/daily` (same query): holdout vs policy per day.
 */
import type { Hono } from 'hono';
import { dailyView } from '../dailyView';
import { estimatesView } from '../estimatesView';
import { jsonError } from '../lib/jsonError';
import { parseEstimatesQuery } from '../lib/query';
import type { ResolvedDeps } from '../settings';

/** Mounts the estimate routes. */
export function mountEstimateRoutes(app: Hono, deps: ResolvedDeps): void {
  const read = (get: (name: string) => string | undefined) => {
    const parsed = parseEstimatesQuery(get, deps.now(), deps.windowDays);
    if (!parsed.ok) return parsed;
    const { site, fromDay, toDay, policyVersion } = parsed.query;
    const rows = deps.reports.aggregate({ site, fromDay, toDay, ...(policyVersion !== null ? { policyVersion } : {}) });
    return { ok: true as const, query: parsed.query, rows };
  };
  // Aggregates change with every upload; they are cheap to recompute and not worth caching stale.
  const headers = { 'Cache-Control': 'no-store' };

  app.get('/v1/estimates', (c) => {
    const r = read((name) => c.req.query(name));
    if (!r.ok) return jsonError(c, 400, 'invalid_query', r.message, { field: r.field });
    return c.json(estimatesView(r.rows, r.query, deps.settings), 200, headers);
  });

  app.get('/v1/estimates/daily', (c) => {
    const r = read((name) => c.req.query(name));
    if (!r.ok) return jsonError(c, 400, 'invalid_query', r.message, { field: r.field });
    return c.json(dailyView(r.rows, r.query, deps.settings), 200, headers);
  });
}
